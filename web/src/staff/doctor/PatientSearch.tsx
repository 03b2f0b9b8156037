import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { DEPARTMENT_CODES, departmentLabel } from '../../shared/departments';
import { formatDate } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { Field, TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { allergyList, sexAge } from './chart/format';
import { t } from './chart/messages';
import { t as tApp } from './messages';
import type { Page, Patient } from './types';
import './doctor.css';
import { debounced } from './ui/debounce';

const PAGE_SIZE = 20;

/**
 * Seed §4.1.2 환자 검색: one box for a name part, its initial consonants (ㄱㅁㅅ), the chart
 * number or phone digits, and a department (patients its care team sees, bookings included);
 * every department by default — my scope already keeps it to my patients and my department's —
 * with my own department one click away. The search lives in the address (back returns to it),
 * a row opens the chart.
 */
export default function PatientSearch() {
  const { api, session } = useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ q?: string; page?: string; department?: string }>();
  const [text, setText] = createSignal(params.q ?? '');
  const q = () => params.q ?? '';
  const department = () => (DEPARTMENT_CODES.includes(params.department ?? '') ? params.department! : '');
  const myDepartment = () => session.me()?.department ?? null;
  const page = () => Math.max(1, Number(params.page ?? 1) || 1);
  const search = (value: string) => {
    if (value.trim() !== q()) setParams({ q: value.trim() || undefined, page: undefined }, { replace: true });
  };
  const pickDepartment = (code: string) => setParams({ department: code || undefined, page: undefined });
  // Searching as the doctor types, once typing pauses.
  createEffect(on(debounced(text), search, { defer: true }));

  const patients = createQuery(() => ({
    queryKey: ['doctor', 'patients', q(), page(), department()],
    queryFn: () => api.get<Page<Patient>>('/patients', { q: q(), page: page(), pageSize: PAGE_SIZE, department: department() || undefined }),
    placeholderData: keepPreviousData,
  }));

  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); search(text()); }}>
        <TextField label={t('searchLabel')} hint={t('searchHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} autocomplete="off" />
        <Field label={tApp('searchDepartment')} hint={tApp('searchDepartmentHint')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={department()} onChange={(e) => pickDepartment(e.currentTarget.value)}>
              <option value="">{tApp('allDepartments')}</option>
              <For each={DEPARTMENT_CODES}>{(code) => <option value={code} selected={code === department()}>{departmentLabel(code)}</option>}</For>
            </select>
          )}
        </Field>
        <button type="submit">{t('search')}</button>
        <Show when={myDepartment() && department() !== myDepartment()}>
          <button type="button" class="secondary" onClick={() => pickDepartment(myDepartment()!)}>
            {tApp('onlyMyDepartment', { department: departmentLabel(myDepartment()) })}
          </button>
        </Show>
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
