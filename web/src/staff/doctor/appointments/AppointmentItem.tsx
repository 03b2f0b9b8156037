import { A } from '@solidjs/router';
import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
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

/** Visits that can still be moved or cancelled (the server's rule: requested or booked). */
const CHANGEABLE: AppointmentStatus[] = ['REQUESTED', 'BOOKED'];

const TONE: Partial<Record<AppointmentStatus, string>> = {
  CHECKED_IN: 'badge-warn', IN_CONSULTATION: 'badge-warn', COMPLETED: 'badge-ok', NO_SHOW: 'badge-alert', CANCELLED: 'badge-alert',
};

/** Invalidates what shows visits: the calendar and the dashboard. */
export const refreshVisits = (client: ReturnType<typeof useQueryClient>) =>
  client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['calendar', 'dashboard', 'slots'].includes(String(q.queryKey[1])) });

/**
 * One visit on the calendar: time, patient (a link to the chart), status, and its next steps. A
 * visit in my own calendar can also be moved (the page opens the booking form) or cancelled,
 * after a second click; a colleague's is the front desk's to change (the server says so too).
 */
export function AppointmentItem(props: { appointment: Appointment; showDoctor: boolean; mine: boolean; onReschedule: (a: Appointment) => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const a = () => props.appointment;
  const [confirming, setConfirming] = createSignal(false);
  const move = createMutation(() => ({
    mutationFn: (status: AppointmentStatus) => api.patch<{ status: AppointmentStatus }>(`/appointments/${a().id}/status`, { status }),
    onSettled: () => refreshVisits(client),
  }));
  const cancel = createMutation(() => ({
    mutationFn: () => api.del<Appointment>(`/appointments/${a().id}`),
    onSuccess: () => setConfirming(false),
    onSettled: () => refreshVisits(client),
  }));
  const time = () => formatTime(a().start_time);
  const detail = () => [a().title, props.showDoctor ? t('with', { doctor: a().doctor_name }) : null, a().memo].filter(Boolean).join(' · ');
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
      <Show when={detail()}><div class="appt-detail muted">{detail()}</div></Show>
      <Show when={(NEXT[a().status] ?? []).length > 0 || (props.mine && CHANGEABLE.includes(a().status))}>
        <div class="form-actions">
          <For each={NEXT[a().status] ?? []}>{(next) => (
            <button type="button" classList={{ secondary: next === 'NO_SHOW' }} disabled={move.isPending}
              aria-label={t('actNamed', { patient: a().patient_name, time: time(), action: tk(`act_${next}`) })}
              onClick={() => move.mutate(next)}>{tk(`act_${next}`)}</button>
          )}</For>
          <Show when={props.mine && CHANGEABLE.includes(a().status)}>
            <button type="button" class="secondary" aria-label={t('rescheduleNamed', { patient: a().patient_name, time: time() })}
              onClick={() => props.onReschedule({ ...a() })}>{t('reschedule')}</button>
            <button type="button" class="secondary" aria-expanded={confirming()} aria-label={t('cancelNamed', { patient: a().patient_name, time: time() })}
              onClick={() => { cancel.reset(); setConfirming(!confirming()); }}>{t('cancel')}</button>
          </Show>
        </div>
      </Show>
      <Show when={confirming() && CHANGEABLE.includes(a().status)}>
        <div class="notice form-actions" role="group" aria-label={t('cancelNamed', { patient: a().patient_name, time: time() })}>
          <span>{t('cancelConfirm', { patient: a().patient_name, time: time() })}</span>
          <button type="button" class="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>{t('cancelYes')}</button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>{t('cancelNo')}</button>
        </div>
      </Show>
      <Show when={move.isSuccess && move.variables === a().status}>
        <p class="visually-hidden" role="status">{t('moved', { patient: a().patient_name, status: statusLabel(a().status) })}</p>
      </Show>
      <Show when={cancel.isSuccess}>
        <p class="visually-hidden" role="status">{t('cancelled', { patient: a().patient_name, time: time() })}</p>
      </Show>
      <Show when={move.error}><ServerError error={move.error} /></Show>
      <Show when={cancel.error}><ServerError error={cancel.error} /></Show>
    </li>
  );
}
