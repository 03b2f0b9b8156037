import { createQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { statusLabel } from '../shared/labels';
import { t } from './messages';

interface WorkItem {
  id: number; priority: string; patient_name?: string; procedure_name: string; modality: string; scheduled_at: string; status: string;
  ai_suspicion?: number | null; ai_summary?: string | null;
}
interface Counts { PRELIMINARY: number; FINAL: number; AMEND: number }
interface RadiologistDashboard {
  readingWorklist: { total: number; awaitingRead: number; reading: number; stat: number; items: WorkItem[] };
  today: { mine: { signed: Counts } };
}

/** The reading worklist (AI-flagged first within each priority) and today's readings. */
export default function RadiologistDashboard() {
  const { api } = useApp();
  const dashboard = createQuery(() => ({ queryKey: ['radiology-doctor', 'dashboard'], queryFn: () => api.get<RadiologistDashboard>('/radiology-doctor/dashboard') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <QueryView query={dashboard}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('awaiting')} value={d.readingWorklist.awaitingRead} />
              <Stat label={t('reading')} value={d.readingWorklist.reading} />
              <Stat label={t('stat')} value={d.readingWorklist.stat} tone={d.readingWorklist.stat ? 'alert' : undefined} />
              <Stat label={t('signedToday')} value={d.today.mine.signed.FINAL + d.today.mine.signed.PRELIMINARY + d.today.mine.signed.AMEND} tone="ok" />
            </div>
            <Panel title={t('worklist')}>
              <DataTable caption={t('worklist')} rows={d.readingWorklist.items} rowKey={(w) => w.id} emptyText={t('noWork')} columns={[
                { header: t('priority'), cell: (w) => <span class="badge" classList={{ 'badge-alert': w.priority !== 'ROUTINE' }}>{statusLabel(w.priority)}</span> },
                { header: t('patient'), cell: (w) => w.patient_name ?? '' },
                { header: t('procedure'), cell: (w) => `${w.procedure_name} (${w.modality})` },
                { header: t('scheduled'), cell: (w) => formatDateTime(w.scheduled_at) },
                { header: t('ai'), cell: (w) => <Show when={w.ai_summary}><span class="badge" classList={{ 'badge-alert': (w.ai_suspicion ?? 0) >= 2 }}>{w.ai_summary}</span></Show> },
                { header: t('status'), cell: (w) => statusLabel(w.status) },
              ]} />
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
