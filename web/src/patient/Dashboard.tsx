import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate, formatDateTime } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { departmentLabel } from './labels';
import { t } from './messages';
import type { Appointment, Page, PortalRecord } from './types';
import { LinkNotice } from './ui/LinkNotice';
import type { Notification } from '../shared/notifications/types';
import { portalLinkFor } from './notice-links';
import { StatusBadge } from './ui/StatusBadge';

interface HealthSummary {
  activeMedications: { prescriptionId: number; name: string; dose: string; frequency: string; days: number }[];
  allergies: { substance: string; reaction?: string | null }[];
  recentDiagnoses: { recordId: number; visitDate: string; diagnosis: string }[];
}

/** Still to come: requested or booked, not yet started (an hour's grace for a visit running late). */
const upcoming = (a: Appointment) => ['REQUESTED', 'BOOKED', 'CHECKED_IN'].includes(a.status) && new Date(a.start_time) >= new Date(Date.now() - 3600_000);

/** The patient's home: new notifications, health summary, upcoming appointments and the latest signed records. */
export default function PatientDashboard() {
  const { api } = useApp();
  const summary = createQuery(() => ({ queryKey: ['portal', 'health-summary'], queryFn: () => api.get<HealthSummary>('/portal/health-summary') }));
  const appointments = createQuery(() => ({ queryKey: ['portal', 'appointments'], queryFn: () => api.get<Page<Appointment>>('/portal/appointments', { pageSize: 100 }) }));
  const records = createQuery(() => ({ queryKey: ['portal', 'records', 'recent'], queryFn: () => api.get<Page<PortalRecord>>('/portal/records', { pageSize: 3 }) }));
  // Under the 'notifications' key: the live stream refreshes it with the header's badge.
  const notices = createQuery(() => ({ queryKey: ['notifications', 'dashboard'], queryFn: () => api.get<Page<Notification>>('/portal/notifications', { unread: true, pageSize: 5 }) }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <LinkNotice />
      <Panel title={t('newNotices')} actions={<A href="/patient/notifications">{t('seeAll')}</A>}>
        <QueryView query={notices}>
          {(d) => (
            <Show when={d.items.length} fallback={<p class="muted">{t('noNewNotices')}</p>}>
              <ul class="notice-list">
                <For each={d.items}>{(n) => (
                  <li>
                    <Show when={portalLinkFor(n)} fallback={<strong>{n.title}</strong>}>{(href) => <A href={href()}><strong>{n.title}</strong></A>}</Show>
                    {' '}<span class="muted">{formatDateTime(n.created_at)}{n.message ? ` · ${n.message}` : ''}</span>
                  </li>
                )}</For>
              </ul>
            </Show>
          )}
        </QueryView>
      </Panel>
      <div class="grid">
        <Panel title={t('medications')}>
          <QueryView query={summary}>
            {(s) => (
              <Show when={s.activeMedications.length} fallback={<p class="muted">{t('none')}</p>}>
                <ul><For each={s.activeMedications}>{(m) => <li>{m.name} — {m.dose}, {m.frequency}, {t('daysN', { n: m.days })}</li>}</For></ul>
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
      <Panel title={t('upcoming')} actions={<A href="/patient/appointments">{t('seeAll')}</A>}>
        <QueryView query={appointments}>
          {(d) => (
            <DataTable caption={t('upcoming')} rows={d.items.filter(upcoming).reverse()} rowKey={(a) => a.id} emptyText={t('noUpcoming')} columns={[
              { header: t('when'), cell: (a) => formatDateTime(a.start_time) },
              { header: t('department'), cell: (a) => departmentLabel(a.doctor_department) },
              { header: t('doctor'), cell: (a) => a.doctor_name },
              { header: t('status'), cell: (a) => <StatusBadge code={a.status} /> },
            ]} />
          )}
        </QueryView>
      </Panel>
      <Panel title={t('recentRecords')} actions={<A href="/patient/records">{t('seeAll')}</A>}>
        <QueryView query={records}>
          {(d) => (
            <DataTable caption={t('recentRecords')} rows={d.items} rowKey={(r) => r.id} emptyText={t('noRecords')} columns={[
              { header: t('visitDate'), cell: (r) => formatDate(r.visit_date) },
              { header: t('department'), cell: (r) => departmentLabel(r.department) },
              { header: t('diagnosis'), cell: (r) => r.diagnosis ?? '' },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
