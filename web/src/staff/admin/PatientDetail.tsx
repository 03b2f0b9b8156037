import { A, useParams } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate, formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { departmentLabel } from '../../shared/departments';
import { statusLabel } from '../shared/labels';
import { t } from './messages';
import type { Appointment, Bill, Page, Patient } from './types';
import { BillTable } from './ui/BillTable';
import { DemographicsForm } from './ui/DemographicsForm';
import { InsuranceForm } from './ui/InsuranceForm';

/**
 * One patient as the desk sees them (demographics only, editable here): insurance, appointments
 * and bills.
 */
export default function PatientDetail() {
  const { api } = useApp();
  const params = useParams();
  const id = () => Number(params.id);
  const patient = createQuery(() => ({ queryKey: ['front-desk', 'patient', id()], queryFn: () => api.get<Patient>(`/patients/${id()}`) }));
  const appointments = createQuery(() => ({
    queryKey: ['front-desk', 'appointments', 'patient', id()],
    queryFn: () => api.get<Page<Appointment>>('/appointments', { patientId: id(), pageSize: 50 }),
  }));
  const [editing, setEditing] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const bills = createQuery(() => ({ queryKey: ['front-desk', 'bills', 'patient', id()], queryFn: () => api.get<Page<Bill>>('/bills', { patientId: id(), pageSize: 50 }) }));
  return (
    <>
      <QueryView query={patient}>
        {(p) => (
          <>
            <h1>{p.name} <span class="muted">({p.patient_id})</span></h1>
            <Panel title={t('openPatient')} actions={
              <div class="toolbar">
                <A href={`/admin/appointments?patientId=${p.id}`}>{t('bookNow')}</A>
                <A href={`/admin/billing/new?patientId=${p.id}`}>{t('createBill')}</A>
                <Show when={!editing()}>
                  <button type="button" class="secondary" onClick={() => { setSaved(false); setEditing(true); }}>{t('editPatient')}</button>
                </Show>
              </div>
            }>
              <Show when={saved()}><p class="notice" role="status">{t('patientSaved')}</p></Show>
              <Show when={editing()}>
                <DemographicsForm patient={p} onDone={(done) => { setEditing(false); setSaved(done); }} />
              </Show>
              <dl class="form-row" hidden={editing()}>
                <div><dt class="muted">{t('birthDate')}</dt><dd>{formatDate(p.birth_date)}</dd></div>
                <div><dt class="muted">{t('sexAge')}</dt><dd>{p.gender ? t(p.gender as 'M') : ''} {p.age != null ? t('years', { n: p.age }) : ''}</dd></div>
                <div><dt class="muted">{t('residentNumber')}</dt><dd>{p.resident_number_masked ?? '—'}</dd></div>
                <div><dt class="muted">{t('phone')}</dt><dd>{p.phone ?? '—'}</dd></div>
                <div><dt class="muted">{t('address')}</dt><dd>{p.address ?? '—'}</dd></div>
                <div><dt class="muted">{t('emergencyContact')}</dt><dd>{p.emergency_contact ?? '—'}</dd></div>
                <Show when={p.created_at}><div><dt class="muted">{t('registeredAt')}</dt><dd>{formatDate(p.created_at)}</dd></div></Show>
              </dl>
            </Panel>
          </>
        )}
      </QueryView>
      {/* Outside the patient's QueryView: a refetch there must not reset a half-typed insurance form. */}
      <Panel title={t('insurance')}><InsuranceForm patientId={id()} /></Panel>
      <Panel title={t('appointments')}>
        <QueryView query={appointments}>{(d) => (
          <DataTable caption={t('appointments')} rows={[...d.items].reverse()} rowKey={(a) => a.id} emptyText={t('noAppointments')} columns={[
            { header: t('when'), cell: (a) => formatDateTime(a.start_time) },
            { header: t('department'), cell: (a) => departmentLabel(a.doctor_department) },
            { header: t('doctor'), cell: (a) => a.doctor_name },
            { header: t('status'), cell: (a) => statusLabel(a.status) },
          ]} />
        )}</QueryView>
      </Panel>
      <Panel title={t('todayBills')}>
        <QueryView query={bills}>{(d) => <BillTable bills={d.items} caption={t('todayBills')} />}</QueryView>
      </Panel>
    </>
  );
}
