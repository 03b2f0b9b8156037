import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';
import type { RadiologistDashboard } from './types';
import { worklistColumns } from './Worklist';

/** The reading worklist (AI-flagged first within each priority) and today's readings. */
export default function Dashboard() {
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
              <DataTable caption={t('worklist')} rows={d.readingWorklist.items} rowKey={(w) => w.id} emptyText={t('noWork')} columns={worklistColumns()} />
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
