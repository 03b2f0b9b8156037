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

/** Seed §4.3.2: find a patient by name, 초성, chart number, phone or birth date; register a new one. */
export default function PatientSearch() {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const [q, setQ] = createSignal('');
  const [page, setPage] = createSignal(1);
  const list = createQuery(() => ({
    queryKey: ['front-desk', 'patients', q(), page()],
    queryFn: () => api.get<Page<Patient>>('/patients', { q: q() || undefined, page: page(), pageSize: 20 }),
  }));
  return (
    <>
      <h1>{t('patients')}</h1>
      <Panel title={t('search')} actions={<A href="/admin/patients/new">{t('register')}</A>}>
        <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setQ(text().trim()); }}>
          <TextField label={t('search')} hint={t('searchHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit">{t('searchButton')}</button>
        </form>
      </Panel>
      <QueryView query={list}>
        {(d) => (
          <Panel title={t('patients')}>
            <DataTable caption={t('patients')} rows={d.items} rowKey={(p) => p.id} emptyText={t('noPatients')} columns={[
              { header: t('chartNumber'), cell: (p) => p.patient_id },
              { header: t('name'), cell: (p) => <A href={`/admin/patients/${p.id}`}>{p.name}</A> },
              { header: t('birthDate'), cell: (p) => formatDate(p.birth_date) },
              { header: t('sexAge'), cell: (p) => `${p.gender ? t(p.gender as 'M') : ''} ${p.age != null ? t('years', { n: p.age }) : ''}` },
              { header: t('phone'), cell: (p) => p.phone ?? '' },
              { header: t('actions'), cell: (p) => <A href={`/admin/appointments?patientId=${p.id}`}>{t('bookNow')}</A> },
            ]} />
            <Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} />
          </Panel>
        )}
      </QueryView>
    </>
  );
}
