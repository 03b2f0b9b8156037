import { A } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { Field } from '../../shared/ui/Field';
import { ErrorState, QueryView } from '../../shared/ui/states';
import { DEPARTMENT_CODES, departmentLabel } from '../../shared/departments';
import { statusLabel } from '../shared/labels';
import { t } from './messages';
import type { Appointment, Page } from './types';

/**
 * Seed §4.3.1 접수 대기: today's booked, checked-in and in-consultation visits by time. Checking
 * in is the desk's step; a checked-in visit links on to its bill.
 */
export default function ReceptionQueue() {
  const { api } = useApp();
  const client = useQueryClient();
  const [department, setDepartment] = createSignal('');
  const queue = createQuery(() => ({
    queryKey: ['front-desk', 'queue', department()],
    queryFn: () => api.get<Page<Appointment>>('/appointments/queue', { department: department() || undefined }),
    // Patients arrive all the time; the list refreshes itself while it is open.
    refetchInterval: 30_000,
  }));
  const move = createMutation(() => ({
    mutationFn: ({ a, status }: { a: Appointment; status: 'CHECKED_IN' | 'NO_SHOW' }) => api.patch<Appointment>(`/appointments/${a.id}/status`, { status }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['front-desk'] }),
  }));
  return (
    <>
      <h1>{t('queue')}</h1>
      <Panel title={t('queueTitle')} actions={
        <div class="toolbar">
          <Field label={t('department')}>{(id) => (
            <select id={id} value={department()} onChange={(e) => setDepartment(e.currentTarget.value)}>
              <option value="">{t('allDepartments')}</option>
              <For each={DEPARTMENT_CODES}>{(d) => <option value={d}>{departmentLabel(d)}</option>}</For>
            </select>
          )}</Field>
          <button type="button" class="secondary" onClick={() => void queue.refetch()}>{t('refresh')}</button>
        </div>
      }>
        <Show when={move.isError}><ErrorState error={move.error} /></Show>
        <Show when={move.isSuccess && move.data?.status === 'CHECKED_IN'}>
          <p class="notice" role="status">{t('checkedIn', { name: move.data!.patient_name })}</p>
        </Show>
        <QueryView query={queue}>
          {(d) => (
            <DataTable caption={t('queueTitle')} rows={d.items} rowKey={(a) => a.id} emptyText={t('noQueue')} columns={[
              { header: t('time'), cell: (a) => formatTime(a.start_time) },
              { header: t('patient'), cell: (a) => <A href={`/admin/patients/${a.patient_id}`}>{a.patient_name} ({a.patient_identifier})</A> },
              { header: t('department'), cell: (a) => departmentLabel(a.doctor_department) },
              { header: t('doctor'), cell: (a) => a.doctor_name },
              { header: t('status'), cell: (a) => <span class="badge" classList={{ 'badge-ok': a.status !== 'BOOKED' }}>{statusLabel(a.status)}</span> },
              { header: t('actions'), cell: (a) => (
                <div class="toolbar" style={{ 'white-space': 'nowrap', 'flex-wrap': 'nowrap' }}>
                  <Show when={a.status === 'BOOKED'}>
                    <button type="button" disabled={move.isPending} aria-label={t('checkInFor', { name: a.patient_name })} onClick={() => move.mutate({ a, status: 'CHECKED_IN' })}>{t('checkIn')}</button>
                    <button type="button" class="secondary" disabled={move.isPending} aria-label={t('noShowFor', { name: a.patient_name })} onClick={() => move.mutate({ a, status: 'NO_SHOW' })}>{t('noShow')}</button>
                  </Show>
                  <A href={`/admin/billing/new?patientId=${a.patient_id}&appointmentId=${a.id}`}>{t('createBill')}</A>
                </div>
              ) },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
