import { A } from '@solidjs/router';
import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatTime } from '../../../shared/i18n';
import { statusLabel } from '../../shared/labels';
import { sexAge } from '../chart/format';
import { ServerError } from '../ui/server-error';
import { t, tk } from './messages';
import type { Appointment, AppointmentStatus } from './types';

/**
 * The doctor's steps of a visit (README: booked → checked-in → in consultation → completed, or
 * no-show). Only the next steps are offered; the server still decides, and when it refuses (the
 * front desk moved the visit meanwhile) its 409 message is shown on the visit.
 */
const NEXT: Partial<Record<AppointmentStatus, AppointmentStatus[]>> = {
  BOOKED: ['CHECKED_IN', 'NO_SHOW'],
  CHECKED_IN: ['IN_CONSULTATION'],
  IN_CONSULTATION: ['COMPLETED'],
};

const TONE: Partial<Record<AppointmentStatus, string>> = {
  CHECKED_IN: 'badge-warn', IN_CONSULTATION: 'badge-warn', COMPLETED: 'badge-ok', NO_SHOW: 'badge-alert', CANCELLED: 'badge-alert',
};

/** One visit on the calendar: time, patient (a link to the chart), status, and its next steps. */
export function AppointmentItem(props: { appointment: Appointment; showDoctor: boolean }) {
  const { api } = useApp();
  const client = useQueryClient();
  const a = () => props.appointment;
  const move = createMutation(() => ({
    mutationFn: (status: AppointmentStatus) => api.patch<{ status: AppointmentStatus }>(`/appointments/${a().id}/status`, { status }),
    onSettled: () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['calendar', 'dashboard'].includes(String(q.queryKey[1])) }),
  }));
  const time = () => formatTime(a().start_time);
  return (
    <li class="appt" data-status={a().status}>
      <div class="appt-main">
        <span class="appt-time">{time()}{a().end_time ? `–${formatTime(a().end_time)}` : ''}</span>
        <span class="appt-patient">
          <A href={`/doctor/patients/${a().patient_id}`}>{a().patient_name}</A>{' '}
          <small class="muted">{a().patient_identifier} · {sexAge({ gender: a().patient_gender, age: a().patient_age })}</small>
        </span>
        <span class="badge" classList={{ [TONE[a().status] ?? '']: !!TONE[a().status] }}>{statusLabel(a().status)}</span>
      </div>
      <div class="appt-detail muted">
        {a().title ?? ''}<Show when={props.showDoctor}> · {t('with', { doctor: a().doctor_name })}</Show>
        <Show when={a().memo}> · {a().memo}</Show>
      </div>
      <Show when={(NEXT[a().status] ?? []).length > 0}>
        <div class="form-actions">
          <For each={NEXT[a().status]}>{(next) => (
            <button type="button" classList={{ secondary: next === 'NO_SHOW' }} disabled={move.isPending}
              aria-label={t('actNamed', { patient: a().patient_name, time: time(), action: tk(`act_${next}`) })}
              onClick={() => move.mutate(next)}>{tk(`act_${next}`)}</button>
          )}</For>
        </div>
      </Show>
      <Show when={move.isSuccess && move.variables === a().status}>
        <p class="visually-hidden" role="status">{t('moved', { patient: a().patient_name, status: statusLabel(a().status) })}</p>
      </Show>
      <Show when={move.error}><ServerError error={move.error} /></Show>
    </li>
  );
}
