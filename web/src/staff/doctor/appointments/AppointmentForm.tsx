import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { ApiError } from '../../../shared/api';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Field, TextField } from '../../../shared/ui/Field';
import { Loading, QueryView } from '../../../shared/ui/states';
import { kstDateOf } from '../../shared/calendar/dates';
import { SlotGrid, type Slot } from '../../shared/calendar/SlotGrid';
import { ServerError } from '../ui/server-error';
import { refreshVisits } from './AppointmentItem';
import { t, tk } from './messages';
import { PatientChooser, type ChosenPatient } from './PatientChooser';
import type { Appointment } from './types';

const VISIT_TYPES = ['FOLLOW_UP', 'GENERAL', 'CHECKUP'] as const;

/**
 * Book a visit in my own calendar, or move one of mine: the patient (new visits only), a day, a
 * free slot of my hours that day (GET /doctors/{me}/slots, read again live when a booking
 * notification arrives) and the reason. The server checks the slot again; when it is taken (409
 * SLOT_TAKEN: in my calendar by a race, or by the patient's visit with a colleague) its message is
 * shown above the button, the day's slots are read again, and everything typed stays.
 */
export function AppointmentForm(props: {
  doctorId: number;
  initialDate: string;
  today: string;
  moving: Appointment | null;
  onDone: (appointment: Appointment) => void;
  onClose: () => void;
}) {
  const { api } = useApp();
  const client = useQueryClient();
  const [patient, setPatient] = createSignal<ChosenPatient | null>(null);
  const [date, setDate] = createSignal(props.moving ? kstDateOf(props.moving.start_time) : props.initialDate < props.today ? props.today : props.initialDate);
  const [slot, setSlot] = createSignal<string | null>(null);
  const [type, setType] = createSignal<string>('FOLLOW_UP');
  const [reason, setReason] = createSignal(props.moving?.memo ?? '');
  createEffect(on(date, () => setSlot(null), { defer: true }));

  const slots = createQuery(() => ({
    queryKey: ['doctor', 'slots', props.doctorId, date()],
    queryFn: () => api.get<{ date: string; slots: Slot[] }>(`/doctors/${props.doctorId}/slots`, { date: date() }),
  }));

  // A slot taken meanwhile (the server's 409, then the slots read again) is no longer offered as chosen.
  createEffect(on(() => slots.data, (day) => {
    const chosen = slot();
    if (chosen && day?.date === date() && !day.slots.some((s) => s.start === chosen && s.available)) setSlot(null);
  }, { defer: true }));

  const save = createMutation(() => ({
    mutationFn: () => {
      const memo = reason().trim();
      if (props.moving) {
        return api.patch<Appointment>(`/appointments/${props.moving.id}`, {
          startTime: slot(), ...(memo !== (props.moving.memo ?? '') ? { memo } : {}),
        });
      }
      return api.post<Appointment>('/appointments', {
        patientId: patient()!.id, doctorId: props.doctorId, startTime: slot(), type: type(), ...(memo ? { memo } : {}),
      });
    },
    onSuccess: (saved) => { void refreshVisits(client); props.onDone(saved); },
    onError: () => void slots.refetch(),
  }));
  /** 409 SLOT_TAKEN: whose calendar the slot is taken in (mine, or the patient's with someone else). */
  const slotTaken = () => (save.error instanceof ApiError && save.error.type === 'SLOT_TAKEN' ? (save.error.details as { with: 'doctor' | 'patient' }).with : null);
  const ready = () => !!slot() && (!!props.moving || !!patient());

  return (
    <form onSubmit={(e) => { e.preventDefault(); if (ready()) save.mutate(); }} aria-busy={save.isPending}>
      <Show when={!props.moving} fallback={<p><strong>{t('patient')}: </strong>{props.moving!.patient_name} ({props.moving!.patient_identifier})</p>}>
        <PatientChooser chosen={patient()} onChoose={setPatient} />
      </Show>
      <div class="form-row">
        <TextField label={t('date')} type="date" min={props.today} value={date()}
          onInput={(e) => { if (e.currentTarget.value) setDate(e.currentTarget.value); }} />
        <Show when={!props.moving}>
          <Field label={t('visitType')}>{(id) => (
            <select id={id} value={type()} onChange={(e) => setType(e.currentTarget.value)}>
              <For each={VISIT_TYPES}>{(v) => <option value={v}>{t(v)}</option>}</For>
            </select>
          )}</Field>
        </Show>
      </div>
      <QueryView query={slots}>{(day) => (
        // The previous day's slots are not offered while the new day's load.
        <Show when={day.date === date()} fallback={<Loading />}><SlotGrid slots={day.slots} selected={slot()} onSelect={setSlot} /></Show>
      )}</QueryView>
      <TextField label={t('reason')} hint={t('reasonHint')} maxLength={2000} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      <Show when={save.error}>
        <Show when={slotTaken()}>{(who) => <p class="field-error"><strong>{tk(`slotTaken_${who()}`)}</strong></p>}</Show>
        <ServerError error={save.error} />
      </Show>
      <p class="muted" aria-live="polite">
        {!props.moving && !patient() ? t('needPatient') : slot() ? t('chosenSlot', { when: formatDateTime(slot()!) }) : t('needSlot')}
      </p>
      <div class="form-actions">
        <button type="submit" disabled={save.isPending || !ready()}>{save.isPending ? t('booking') : props.moving ? t('moveHere') : t('book')}</button>
        <button type="button" class="secondary" onClick={() => props.onClose()}>{t('close')}</button>
      </div>
    </form>
  );
}
