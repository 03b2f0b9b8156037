import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { imagingStatusLabel, statusLabel } from '../shared/labels';
import { SuspicionBadge } from '../shared/ai/SuspicionBadge';
import { t } from './messages';
import type { Page, Study } from './types';

const PAGE_SIZE = 20;

/** The worklist columns (a function: headers follow the language), shared with the dashboard. */
export const worklistColumns = () => [
  { header: t('priority'), cell: (w: Study) => <span class="badge" classList={{ 'badge-alert': w.priority !== 'ROUTINE' }}>{statusLabel(w.priority)}</span> },
  { header: t('ai'), cell: (w: Study) => <Show when={w.ai_summary || w.ai_analysis_id}><SuspicionBadge level={w.ai_suspicion} text={w.ai_summary} /></Show> },
  { header: t('patient'), cell: (w: Study) => (w.patient ? `${w.patient.name} (${w.patient.patient_id})` : '') },
  { header: t('procedure'), cell: (w: Study) => `${w.procedure_name} (${w.modality})` },
  { header: t('scheduled'), cell: (w: Study) => formatDateTime(w.acquired_at ?? w.scheduled_at) },
  { header: t('status'), cell: (w: Study) => imagingStatusLabel(w.status) },
  { header: t('open'), cell: (w: Study) => <A href={`/radiology-doctor/studies/${w.id}`} aria-label={`${t('open')}: ${w.procedure_name} ${w.accession_number}`}>{t('open')}</A> },
];

/**
 * 판독 대기 목록: studies waiting to be read or being read. The server orders it — STAT, then
 * urgent, then routine, and within each the studies the AI found more suspicious first.
 */
export default function Worklist() {
  const { api } = useApp();
  const [page, setPage] = createSignal(1);
  const worklist = createQuery(() => ({
    queryKey: ['radiology-doctor', 'worklist', page()],
    queryFn: () => api.get<Page<Study>>('/radiology-doctor/worklist', { page: page(), pageSize: PAGE_SIZE }),
    refetchInterval: 30_000,
  }));
  return (
    <>
      <h1>{t('worklist')}</h1>
      <Panel title={t('worklist')}>
        <p class="muted">{t('worklistHint')}</p>
        <QueryView query={worklist}>
          {(data) => (
            <>
              <DataTable caption={t('worklist')} rows={data.items} rowKey={(w) => w.id} emptyText={t('noWork')} columns={worklistColumns()} />
              <Pagination page={page()} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
