import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { formatTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';

interface Dose { patientId: number; prescriptionId: number; medicationIndex: number; scheduledTime: string; patientName: string; patientNumber: string; drugName: string; dose: number; doseUnit: string; route: string; status: string | null; overdue: boolean }
interface NurseDashboard {
  todayAppointments: { total: number };
  assignedPatients: { total: number };
  medicationsDue: { summary: { due: number; overdue: number }; items: Dose[] };
  abnormalVitals: { total: number; critical: number };
  specimensToCollect: { total: number };
  unacknowledgedCriticals: { total: number };
  admittedPatients: { total: number };
}

/** Seed §4.2.1: the ward's day. */
export default function NurseDashboard() {
  const { api } = useApp();
  const dashboard = createQuery(() => ({ queryKey: ['nurse', 'dashboard'], queryFn: () => api.get<NurseDashboard>('/nurse/dashboard') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <QueryView query={dashboard}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('todayAppointments')} value={d.todayAppointments.total} />
              <Stat label={t('assignedPatients')} value={d.assignedPatients.total} />
              <Stat label={t('admittedPatients')} value={d.admittedPatients.total} />
              <Stat label={t('dosesDue')} value={d.medicationsDue.summary.due} />
              <Stat label={t('overdue')} value={d.medicationsDue.summary.overdue} tone={d.medicationsDue.summary.overdue ? 'alert' : undefined} />
              <Stat label={t('abnormalVitals')} value={d.abnormalVitals.total} tone={d.abnormalVitals.critical ? 'alert' : undefined} />
              <Stat label={t('specimens')} value={d.specimensToCollect.total} />
              <Stat label={t('criticals')} value={d.unacknowledgedCriticals.total} tone={d.unacknowledgedCriticals.total ? 'alert' : undefined} />
            </div>
            <p><A href="/nurse/ward">{t('openWard')} →</A></p>
            <Panel title={t('medications')}>
              <DataTable caption={t('medications')} rows={d.medicationsDue.items} rowKey={(m) => `${m.prescriptionId}-${m.medicationIndex}-${m.scheduledTime}`} emptyText={t('noDoses')} columns={[
                { header: t('time'), cell: (m) => formatTime(m.scheduledTime) },
                { header: t('patient'), cell: (m) => <A href={`/nurse/patients/${m.patientId}/mar`}>{m.patientName} ({m.patientNumber})</A> },
                { header: t('drug'), cell: (m) => m.drugName },
                { header: t('dose'), cell: (m) => `${m.dose} ${m.doseUnit} · ${m.route}` },
                { header: t('status'), cell: (m) => <span class="badge" classList={{ 'badge-alert': m.overdue }}>{m.status ?? t('notCharted')}</span> },
              ]} />
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
