import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';
import type { Page, Patient } from './types';

/** The patients in the nurse's scope (the server decides the scope), searchable; a row opens the patient. */
export default function PatientList() {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const [q, setQ] = createSignal('');
  const [page, setPage] = createSignal(1);
  const list = createQuery(() => ({
    queryKey: ['nurse', 'patients', q(), page()],
    queryFn: () => api.get<Page<Patient>>('/patients', { q: q() || undefined, page: page(), pageSize: 20, sort: 'name' }),
  }));
  return (
    <>
      <h1>{t('patients')}</h1>
      <Panel title={t('search')}>
        <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setQ(text().trim()); }}>
          <TextField label={t('search')} hint={t('searchHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit">{t('searchButton')}</button>
        </form>
      </Panel>
      <QueryView query={list}>
        {(d) => (
          <Panel title={t('patients')}>
            <DataTable caption={t('patients')} rows={d.items} rowKey={(p) => p.id} emptyText={t('noPatients')}
              columns={[
                { header: t('chartNumber'), cell: (p) => p.patient_id },
                { header: t('name'), cell: (p) => <A href={`/nurse/patients/${p.id}`}>{p.name}</A> },
                { header: t('birthDate'), cell: (p) => formatDate(p.birth_date) },
                { header: t('sexAge'), cell: (p) => `${p.gender ? t(p.gender as 'M') : ''} ${p.age != null ? t('years', { n: p.age }) : ''}` },
                { header: t('allergies'), cell: (p) => (p.allergies?.length ? <span class="badge badge-warn">{p.allergies.map((a) => a.substance).join(', ')}</span> : '') },
              ]} />
            <Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} />
          </Panel>
        )}
      </QueryView>
    </>
  );
}
