import { useNavigate } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { formatDate, formatTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { statusLabel } from '../shared/labels';
import { t } from './messages';

interface Appointment { id: string; patient_id: number; start_time: string; patient_name: string; patient_identifier: string; status: string; type: string }
interface Patient { id: number; patient_id: string; name: string; age: number; gender: string }
interface RecordRow { id: number; patient_fk_id: number; name: string; status: string; visit_date: string; diagnosis: string | null }
interface DoctorDashboard {
  todayAppointments: { total: number; items: Appointment[] };
  myPatients: { total: number; items: Patient[] };
  recentRecords: { drafts: number; items: RecordRow[] };
  imagesForReview: { total: number };
  unacknowledgedCriticals: { total: number };
  openOrders: { total: number };
}

/** Seed §4.1.1: today's work at a glance. */
export default function DoctorDashboard() {
  const { api } = useApp();
  const navigate = useNavigate();
  const dashboard = createQuery(() => ({ queryKey: ['doctor', 'dashboard'], queryFn: () => api.get<DoctorDashboard>('/doctor/dashboard') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <QueryView query={dashboard}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('todayAppointments')} value={d.todayAppointments.total} />
              <Stat label={t('myPatients')} value={d.myPatients.total} />
              <Stat label={t('drafts')} value={d.recentRecords.drafts} />
              <Stat label={t('imagesForReview')} value={d.imagesForReview.total} />
              <Stat label={t('criticals')} value={d.unacknowledgedCriticals.total} tone={d.unacknowledgedCriticals.total ? 'alert' : undefined} />
              <Stat label={t('openOrders')} value={d.openOrders.total} />
            </div>
            <div class="grid">
              <Panel title={t('todayAppointments')}>
                <DataTable caption={t('todayAppointments')} rows={d.todayAppointments.items} rowKey={(a) => a.id} onSelect={(a) => navigate(`/doctor/patients/${a.patient_id}`)} emptyText={t('noAppointments')} columns={[
                  { header: t('time'), cell: (a) => formatTime(a.start_time) },
                  { header: t('patient'), cell: (a) => `${a.patient_name} (${a.patient_identifier})` },
                  { header: t('status'), cell: (a) => statusLabel(a.status) },
                ]} />
              </Panel>
              <Panel title={t('myPatients')}>
                <DataTable caption={t('myPatients')} rows={d.myPatients.items} rowKey={(p) => p.id} onSelect={(p) => navigate(`/doctor/patients/${p.id}`)} columns={[
                  { header: t('patient'), cell: (p) => p.name },
                  { header: t('chartNo'), cell: (p) => p.patient_id },
                  { header: t('age'), cell: (p) => `${p.age}세 ${p.gender}`, numeric: true },
                ]} />
              </Panel>
            </div>
            <Panel title={t('recentRecords')}>
              <DataTable caption={t('recentRecords')} rows={d.recentRecords.items} rowKey={(r) => r.id} onSelect={(r) => navigate(`/doctor/patients/${r.patient_fk_id}`)} columns={[
                { header: t('visitDate'), cell: (r) => formatDate(r.visit_date) },
                { header: t('patient'), cell: (r) => r.name },
                { header: t('diagnosis'), cell: (r) => r.diagnosis ?? '' },
                { header: t('status'), cell: (r) => statusLabel(r.status) },
              ]} />
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
