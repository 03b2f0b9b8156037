import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatTime } from '../../shared/i18n';
import { DataTable } from '../../shared/ui/DataTable';
import { ErrorState } from '../../shared/ui/states';
import { statusLabel } from '../shared/labels';
import { t } from './messages';
import type { Appointment } from './types';

/**
 * One doctor's appointments of the chosen day with what the desk may do to each: confirm a portal
 * request, check in, move (the page picks the new slot), cancel. Illegal steps are the server's 409.
 */
export function DayAppointments(props: { rows: Appointment[]; onMove: (a: Appointment) => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const act = createMutation(() => ({
    mutationFn: ({ a, action }: { a: Appointment; action: 'CHECKED_IN' | 'BOOKED' | 'cancel' }) => (action === 'cancel'
      ? api.del(`/appointments/${a.id}`)
      : api.patch(`/appointments/${a.id}/status`, { status: action })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['front-desk'] }),
  }));
  return (
    <>
      <Show when={act.isError}><ErrorState error={act.error} /></Show>
      <DataTable caption={t('dayAppointments')} rows={props.rows} rowKey={(a) => a.id} emptyText={t('noAppointments')} columns={[
        { header: t('time'), cell: (a) => `${formatTime(a.start_time)}–${formatTime(a.end_time)}` },
        { header: t('patient'), cell: (a) => `${a.patient_name} (${a.patient_identifier})` },
        { header: t('type'), cell: (a) => t(a.type as 'GENERAL') },
        { header: t('status'), cell: (a) => statusLabel(a.status) },
        { header: t('memo'), cell: (a) => a.memo ?? '' },
        { header: t('actions'), cell: (a) => (
          <div class="toolbar" style={{ 'white-space': 'nowrap', 'flex-wrap': 'nowrap' }}>
            <Show when={a.status === 'REQUESTED'}>
              <button type="button" onClick={() => act.mutate({ a, action: 'BOOKED' })}>{t('confirm')}</button>
            </Show>
            <Show when={a.status === 'BOOKED'}>
              <button type="button" aria-label={t('checkInFor', { name: a.patient_name })} onClick={() => act.mutate({ a, action: 'CHECKED_IN' })}>{t('checkIn')}</button>
            </Show>
            <Show when={a.status === 'BOOKED' || a.status === 'REQUESTED'}>
              <button type="button" class="secondary" aria-label={t('rescheduleFor', { name: a.patient_name })} onClick={() => props.onMove(a)}>{t('reschedule')}</button>
              <button type="button" class="danger" aria-label={t('cancelFor', { name: a.patient_name })} onClick={() => act.mutate({ a, action: 'cancel' })}>{t('cancelAppt')}</button>
            </Show>
          </div>
        ) },
      ]} />
    </>
  );
}
