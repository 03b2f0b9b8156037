import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { Show, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { allergyList, sexAge } from './chart/format';
import { t } from './chart/messages';
import type { Page, Patient } from './types';
import './doctor.css';
import { debounced } from './ui/debounce';

const PAGE_SIZE = 20;

/**
 * Seed §4.1.2 환자 검색: one box for a name part, its initial consonants (ㄱㅁㅅ), the chart
 * number or phone digits; the search lives in the address (back returns to it), a row opens the chart.
 */
export default function PatientSearch() {
  const { api } = useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ q?: string; page?: string }>();
  const [text, setText] = createSignal(params.q ?? '');
  const q = () => params.q ?? '';
  const page = () => Math.max(1, Number(params.page ?? 1) || 1);
  const search = (value: string) => {
    if (value.trim() !== q()) setParams({ q: value.trim() || undefined, page: undefined }, { replace: true });
  };
  // Searching as the doctor types, once typing pauses.
  createEffect(on(debounced(text), search, { defer: true }));

  const patients = createQuery(() => ({
    queryKey: ['doctor', 'patients', q(), page()],
    queryFn: () => api.get<Page<Patient>>('/patients', { q: q(), page: page(), pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  }));

  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); search(text()); }}>
        <TextField label={t('searchLabel')} hint={t('searchHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} autocomplete="off" />
        <button type="submit">{t('search')}</button>
      </form>
      <Panel title={t('results', { n: patients.data?.total ?? 0 })}>
        <QueryView query={patients}>
          {(data) => (
            <div class="nowrap-table">
              <DataTable
                caption={t('results', { n: data.total })}
                rows={data.items}
                rowKey={(p) => p.id}
                emptyText={t('noPatients')}
                onSelect={(p) => navigate(`/doctor/patients/${p.id}`)}
                columns={[
                  { header: t('name'), cell: (p) => <A href={`/doctor/patients/${p.id}`} onClick={(e) => e.stopPropagation()}>{p.name}</A> },
                  { header: t('chartNo'), cell: (p) => p.patient_id },
                  { header: t('birthDate'), cell: (p) => formatDate(p.birth_date) },
                  { header: t('sexAge'), cell: (p) => sexAge(p) },
                  { header: t('phone'), cell: (p) => p.phone ?? '' },
                  { header: t('allergies'), cell: (p) => allergyList(p.allergies).map((a) => a.substance).join(', ') },
                ]}
              />
              <Show when={data.total > data.pageSize}>
                <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={(n) => setParams({ page: n > 1 ? n : undefined })} />
              </Show>
            </div>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
