import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDateTime, formatTime } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { Field, TextField } from '../shared/ui/Field';
import { Loading, ErrorState } from '../shared/ui/states';
import { DEPARTMENT_CODES, departmentLabel } from './labels';
import { t } from './messages';
import type { Appointment, DaySlots, DirectoryDoctor } from './types';

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` of the KST day `offset` days from today (the hospital's calendar, whatever the device's zone). */
const kstDate = (offset = 0) => new Date(Date.now() + 9 * 3600_000 + offset * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (date: string) => new Date(`${date}T12:00:00+09:00`).getUTCDay();

/** The first day from tomorrow on that the doctor sees patients (a week ahead at most). */
function nextWorkingDay(doctor: DirectoryDoctor | undefined): string {
  const days = new Set(doctor?.schedule.days.map((d) => d.weekday) ?? [1, 2, 3, 4, 5]);
  for (let offset = 1; offset <= 7; offset++) if (days.has(weekdayOf(kstDate(offset)))) return kstDate(offset);
  return kstDate(1);
}

/**
 * Request an appointment: department → doctor (with weekly hours) → day → a free slot → memo. The
 * request holds no slot until the front desk confirms it (POST /portal/appointments).
 */
export function AppointmentRequest() {
  const { api } = useApp();
  const client = useQueryClient();
  const [department, setDepartment] = createSignal('');
  const [doctorId, setDoctorId] = createSignal<number | null>(null);
  const [date, setDate] = createSignal(kstDate(1));
  const [slot, setSlot] = createSignal<string | null>(null);
  const [memo, setMemo] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  const doctors = createQuery(() => ({
    queryKey: ['portal', 'doctors', department()],
    queryFn: () => api.get<DirectoryDoctor[]>('/portal/doctors', { department: department() }),
    enabled: !!department(),
  }));
  const doctor = createMemo(() => doctors.data?.find((d) => d.id === doctorId()));
  const slots = createQuery(() => ({
    queryKey: ['portal', 'slots', doctorId(), date()],
    queryFn: () => api.get<DaySlots>(`/portal/doctors/${doctorId()}/slots`, { date: date() }),
    enabled: doctorId() !== null && /^\d{4}-\d{2}-\d{2}$/.test(date()),
  }));
  const free = () => (slots.data?.slots ?? []).filter((s) => s.available && new Date(s.start).getTime() > Date.now());

  // A new department empties the doctor; a new doctor moves the day to one they work; any change empties the time.
  createEffect(on(department, () => setDoctorId(null), { defer: true }));
  createEffect(on(doctor, (d) => { if (d) setDate(nextWorkingDay(d)); }, { defer: true }));
  createEffect(on([doctorId, date], () => setSlot(null), { defer: true }));

  const request = createMutation(() => ({
    mutationFn: (body: { doctorId: number; startTime: string; memo?: string }) => api.post<Appointment>('/portal/appointments', body),
    onSuccess: (created) => {
      setDone(t('requested', { when: formatDateTime(created.start_time), doctor: created.doctor_name }));
      setSlot(null);
      setMemo('');
      void client.invalidateQueries({ queryKey: ['portal', 'appointments'] });
      void client.invalidateQueries({ queryKey: ['portal', 'slots'] });
    },
    onError: (err: Error) => setProblem(err.message),
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    if (doctorId() === null) return setProblem(t('pickDoctorFirst'));
    if (!slot()) return setProblem(t('pickSlot'));
    request.mutate({ doctorId: doctorId()!, startTime: slot()!, ...(memo().trim() ? { memo: memo().trim() } : {}) });
  };

  return (
    <Panel title={t('requestTitle')}>
      <p class="muted">{t('requestNote')}</p>
      <form onSubmit={submit} noValidate>
        <div class="form-row">
          <Field label={t('chooseDepartment')}>
            {(id) => (
              <select id={id} name="department" value={department()} onChange={(e) => setDepartment(e.currentTarget.value)}>
                <option value="">{t('choose')}</option>
                <For each={DEPARTMENT_CODES}>{(code) => <option value={code}>{departmentLabel(code)}</option>}</For>
              </select>
            )}
          </Field>
          <Field label={t('chooseDoctor')}>
            {(id) => (
              <select id={id} name="doctor" aria-describedby="doctor-hours" disabled={!doctors.data?.length} value={doctorId() ?? ''}
                onChange={(e) => setDoctorId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
                <option value="">{t('choose')}</option>
                <For each={doctors.data ?? []}>{(d) => <option value={d.id}>{d.name}{d.specialization ? ` (${d.specialization})` : ''}</option>}</For>
              </select>
            )}
          </Field>
          <TextField label={t('date')} name="date" type="date" min={kstDate(0)} value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
        </div>
        {/* Outside the field on purpose: a changing hint would re-create the select and drop its focus. */}
        <p class="muted" id="doctor-hours" aria-live="polite">
          <Show when={doctor()}>{(d) => `${t('hours')}: ${d().schedule.days.map((day) => `${day.label} ${day.open}–${day.close}`).join(', ')}`}</Show>
        </p>
        <Show when={doctors.isError}><ErrorState error={doctors.error} retry={() => void doctors.refetch()} /></Show>
        <Show when={doctors.data && doctors.data.length === 0}><p class="muted">{t('noDoctors')}</p></Show>
        <Show when={doctorId() !== null} fallback={<p class="muted">{t('pickDoctorFirst')}</p>}>
          <Show when={!slots.isPending} fallback={<Loading />}>
            <Show when={!slots.isError} fallback={<ErrorState error={slots.error} retry={() => void slots.refetch()} />}>
              <fieldset class="slot-picker">
                <legend>{t('slots')}</legend>
                <Show when={free().length} fallback={<p class="muted">{t('noSlots')}</p>}>
                  <div class="slot-grid">
                    <For each={free()}>{(s) => (
                      <label>
                        <input type="radio" name="slot" value={s.start} checked={slot() === s.start} onChange={() => setSlot(s.start)} />
                        {formatTime(s.start)}
                      </label>
                    )}</For>
                  </div>
                </Show>
              </fieldset>
            </Show>
          </Show>
        </Show>
        <Field label={t('memoLabel')}>
          {(id) => <textarea id={id} name="memo" maxLength={1000} rows={2} value={memo()} onInput={(e) => setMemo(e.currentTarget.value)} />}
        </Field>
        <Show when={problem()}><p class="field-error" role="alert">{problem()}</p></Show>
        <Show when={done()}><p class="success" role="status">{done()}</p></Show>
        <button type="submit" disabled={request.isPending}>{request.isPending ? t('requesting') : t('request')}</button>
      </form>
    </Panel>
  );
}
