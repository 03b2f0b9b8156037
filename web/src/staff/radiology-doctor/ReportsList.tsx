import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { createSignal, For } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { Field } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { statusLabel } from '../shared/labels';
import { t } from './messages';
import { PatientName } from './ReportWorkspace';
import type { Page, Report } from './types';

const PAGE_SIZE = 20;
const STATUSES = ['DRAFT', 'PRELIMINARY', 'FINAL', 'AMENDED'];

/** Reports, mine or everyone's, newest first; each opens its reading screen with the live editor. */
export default function ReportsList() {
  const { api } = useApp();
  const [mine, setMine] = createSignal(true);
  const [status, setStatus] = createSignal('');
  const [page, setPage] = createSignal(1);
  const reports = createQuery(() => ({
    queryKey: ['radiology-doctor', 'reports', mine(), status(), page()],
    queryFn: () => api.get<Page<Report>>('/radiology-doctor/reports', { mine: mine() || undefined, status: status(), page: page(), pageSize: PAGE_SIZE }),
  }));
  return (
    <>
      <h1>{t('reportsTitle')}</h1>
      <Panel title={t('reportsTitle')} actions={
        <div class="toolbar">
          <label><input type="checkbox" checked={mine()} style={{ width: 'auto' }} onChange={(e) => { setMine(e.currentTarget.checked); setPage(1); }} /> {t('mineOnly')}</label>
          <Field label={t('status')}>
            {(id) => (
              <select id={id} value={status()} onChange={(e) => { setStatus(e.currentTarget.value); setPage(1); }}>
                <option value="">{t('allStatuses')}</option>
                <For each={STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
              </select>
            )}
          </Field>
        </div>
      }>
        <QueryView query={reports}>
          {(data) => (
            <>
              <DataTable caption={t('reportsTitle')} rows={data.items} rowKey={(r) => r.id} emptyText={t('noReports')} columns={[
                { header: t('studyDescription'), cell: (r) => <A href={`/radiology-doctor/reports/${r.id}`}>{r.study_description ?? `#${r.id}`}</A> },
                { header: t('patient'), cell: (r) => <PatientName id={r.patient_id} /> },
                { header: t('accession'), cell: (r) => r.accession_number ?? '' },
                { header: t('status'), cell: (r) => statusLabel(r.status) },
                { header: t('version'), cell: (r) => r.version, numeric: true },
                { header: t('updated'), cell: (r) => formatDateTime(r.updated_at) },
                { header: t('signed'), cell: (r) => formatDateTime(r.signed_at) },
              ]} />
              <Pagination page={page()} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
