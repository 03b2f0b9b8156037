import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate, formatDateTime } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { t } from './messages';

interface HealthSummary {
  activeMedications: { prescriptionId: number; name: string; dose: string; frequency: string; days: number }[];
  allergies: { substance: string; reaction?: string | null }[];
  recentDiagnoses: { recordId: number; visitDate: string; diagnosis: string }[];
}
interface Appointment { id: string; start_time: string; title: string; doctor_department: string; status: string }

/** The patient's home: health summary and upcoming appointments. */
export default function PatientDashboard() {
  const { api } = useApp();
  const summary = createQuery(() => ({ queryKey: ['portal', 'health-summary'], queryFn: () => api.get<HealthSummary>('/portal/health-summary') }));
  const appointments = createQuery(() => ({ queryKey: ['portal', 'appointments'], queryFn: () => api.get<{ items: Appointment[] }>('/portal/appointments') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <div class="grid">
        <Panel title={t('medications')}>
          <QueryView query={summary}>
            {(s) => (
              <Show when={s.activeMedications.length} fallback={<p class="muted">{t('none')}</p>}>
                <ul><For each={s.activeMedications}>{(m) => <li>{m.name} — {m.dose}, {m.frequency}, {m.days}일</li>}</For></ul>
              </Show>
            )}
          </QueryView>
        </Panel>
        <Panel title={t('diagnoses')}>
          <QueryView query={summary}>
            {(s) => (
              <Show when={s.recentDiagnoses.length} fallback={<p class="muted">{t('none')}</p>}>
                <ul><For each={s.recentDiagnoses}>{(d) => <li>{formatDate(d.visitDate)} {d.diagnosis}</li>}</For></ul>
              </Show>
            )}
          </QueryView>
        </Panel>
        <Panel title={t('allergies')}>
          <QueryView query={summary}>
            {(s) => (
              <Show when={s.allergies.length} fallback={<p class="muted">{t('none')}</p>}>
                <ul><For each={s.allergies}>{(a) => <li>{a.substance}{a.reaction ? ` — ${a.reaction}` : ''}</li>}</For></ul>
              </Show>
            )}
          </QueryView>
        </Panel>
      </div>
      <Panel title={t('upcoming')}>
        <QueryView query={appointments}>
          {(d) => (
            <DataTable caption={t('upcoming')} rows={d.items.filter((a) => new Date(a.start_time) >= new Date(Date.now() - 3600_000))} rowKey={(a) => a.id} emptyText={t('noUpcoming')} columns={[
              { header: t('when'), cell: (a) => formatDateTime(a.start_time) },
              { header: t('department'), cell: (a) => a.title },
              { header: t('status'), cell: (a) => a.status },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
