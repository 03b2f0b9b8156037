import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { formatTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { imagingStatusLabel } from '../shared/labels';
import { t } from './messages';

interface ScheduleItem { id: number; scheduled_at: string; patient: { name: string; patient_id: string } | null; procedure_name: string; room: string; status: string }
interface RadiographerDashboard {
  todaySchedule: { total: number; items: ScheduleItem[] };
  waiting: { total: number };
  completed: { total: number };
  requests: { total: number };
}

/** The radiographer's day: today's schedule, what waits, what is done, what still needs a slot. */
export default function RadiographerDashboard() {
  const { api } = useApp();
  const dashboard = createQuery(() => ({ queryKey: ['radiology-tech', 'dashboard'], queryFn: () => api.get<RadiographerDashboard>('/radiology-tech/dashboard') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <QueryView query={dashboard}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('todaySchedule')} value={d.todaySchedule.total} />
              <Stat label={t('waiting')} value={d.waiting.total} />
              <Stat label={t('completed')} value={d.completed.total} tone="ok" />
              <Stat label={t('requests')} value={d.requests.total} tone={d.requests.total ? 'alert' : undefined} />
            </div>
            <Panel title={t('todaySchedule')}>
              <DataTable caption={t('todaySchedule')} rows={d.todaySchedule.items} rowKey={(s) => s.id} emptyText={t('noSchedule')} columns={[
                { header: t('time'), cell: (s) => formatTime(s.scheduled_at) },
                { header: t('patient'), cell: (s) => (s.patient ? `${s.patient.name} (${s.patient.patient_id})` : '') },
                { header: t('procedure'), cell: (s) => s.procedure_name },
                { header: t('room'), cell: (s) => s.room },
                { header: t('status'), cell: (s) => imagingStatusLabel(s.status) },
              ]} />
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
