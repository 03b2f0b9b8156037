import { useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { formatDateTime, formatTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { Field, TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { DEPARTMENT_CODES, departmentLabel } from '../../shared/departments';
import { kstDayRange, kstToday } from '../../shared/kst-days';
import { DayAppointments } from './DayAppointments';
import { t } from './messages';
import { SlotGrid } from './SlotGrid';
import type { Appointment, Doctor, Page, Slot, SlotConflict } from './types';
import { Loaded } from './ui/Loaded';
import { PatientPicker } from './ui/PatientPicker';

/**
 * Seed §4.3.3 예약 관리: pick a department and doctor, see the day's slots, book one for a patient
 * (a clash is the server's 409 SLOT_TAKEN, shown with who is booked when), and manage that day's
 * appointments — check in, move to another slot, cancel.
 */
export default function Appointments() {
  const { api } = useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const patientId = () => (params.patientId ? Number(params.patientId) : null);
  const [department, setDepartment] = createSignal(DEPARTMENT_CODES[0]);
  const [doctorId, setDoctorId] = createSignal<number | null>(null);
  const [date, setDate] = createSignal(kstToday());
  const [slot, setSlot] = createSignal<string | null>(null);
  const [type, setType] = createSignal('GENERAL');
  const [memo, setMemo] = createSignal('');
  const [moving, setMoving] = createSignal<Appointment | null>(null);
  const [done, setDone] = createSignal('');

  const doctors = createQuery(() => ({ queryKey: ['front-desk', 'doctors', department()], queryFn: () => api.get<Doctor[]>('/doctors', { department: department() }) }));
  // The department's first doctor is the likely choice; a new department resets the choice.
  createEffect(on(() => doctors.data, (list) => { if (list && !list.some((d) => d.id === doctorId())) setDoctorId(list[0]?.id ?? null); }));
  createEffect(on([doctorId, date], () => setSlot(null)));
  const slots = createQuery(() => ({
    queryKey: ['front-desk', 'slots', doctorId(), date()],
    queryFn: () => api.get<{ slots: Slot[] }>(`/doctors/${doctorId()}/slots`, { date: date() }),
    enabled: doctorId() != null,
  }));
  const day = createQuery(() => ({
    queryKey: ['front-desk', 'appointments', doctorId(), date()],
    queryFn: () => api.get<Page<Appointment>>('/appointments', { doctorId: doctorId()!, ...kstDayRange(date()), pageSize: 200 }),
    enabled: doctorId() != null,
  }));

  const save = createMutation(() => ({
    mutationFn: () => (moving()
      ? api.patch<Appointment>(`/appointments/${moving()!.id}`, { startTime: slot() })
      : api.post<Appointment>('/appointments', { patientId: patientId(), doctorId: doctorId(), startTime: slot(), type: type(), ...(memo().trim() ? { memo: memo().trim() } : {}) })),
    onSuccess: (a) => {
      setDone(moving() ? t('moved', { when: formatDateTime(a.start_time) }) : t('booked', { name: a.patient_name, when: formatDateTime(a.start_time) }));
      setMoving(null); setSlot(null); setMemo('');
      void client.invalidateQueries({ queryKey: ['front-desk'] });
    },
    onError: () => { setDone(''); void slots.refetch(); },
  }));
  const conflict = () => (save.error instanceof ApiError && save.error.type === 'SLOT_TAKEN' ? save.error.details as SlotConflict : null);
  const startMove = (a: Appointment) => { setMoving(a); setDone(''); setSlot(null); };

  return (
    <>
      <h1>{t('appointments')}</h1>
      <Panel title={t('pickPatient')}>
        <PatientPicker patientId={patientId()} onChange={(id) => setParams({ patientId: id ?? undefined })} />
      </Panel>
      <Panel title={t('slots')}>
        <div class="toolbar">
          <Field label={t('department')}>{(id) => (
            <select id={id} value={department()} disabled={!!moving()} onChange={(e) => setDepartment(e.currentTarget.value)}>
              <For each={DEPARTMENT_CODES}>{(d) => <option value={d}>{departmentLabel(d)}</option>}</For>
            </select>
          )}</Field>
          <Field label={t('pickDoctor')}>{(id) => (
            <select id={id} value={doctorId() ?? ''} disabled={!!moving() || !doctors.data?.length} onChange={(e) => setDoctorId(Number(e.currentTarget.value))}>
              <For each={doctors.data ?? []}>{(d) => <option value={d.id}>{d.name}{d.specialization ? ` · ${d.specialization}` : ''}</option>}</For>
            </select>
          )}</Field>
          <TextField label={t('date')} type="date" value={date()} onInput={(e) => { if (e.currentTarget.value) setDate(e.currentTarget.value); }} />
        </div>
        <Show when={doctors.data && doctors.data.length === 0}><p class="muted">{t('noDoctors')}</p></Show>
        <Show when={moving()}>{(m) => (
          <p class="notice" role="status">{t('moving', { name: m().patient_name, when: formatDateTime(m().start_time) })}{' '}
            <button type="button" class="secondary" onClick={() => setMoving(null)}>{t('stopMoving')}</button></p>
        )}</Show>
        <Show when={doctorId() != null}>
          <QueryView query={slots}>{(s) => <SlotGrid slots={s.slots} selected={slot()} onSelect={setSlot} />}</QueryView>
        </Show>
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} style={{ 'margin-top': '0.75rem' }}>
          <Show when={!moving()}>
            <div class="form-row">
              <Field label={t('type')}>{(id) => (
                <select id={id} value={type()} onChange={(e) => setType(e.currentTarget.value)}>
                  <For each={['GENERAL', 'FOLLOW_UP', 'CHECKUP'] as const}>{(v) => <option value={v}>{t(v)}</option>}</For>
                </select>
              )}</Field>
              <TextField label={t('memo')} value={memo()} onInput={(e) => setMemo(e.currentTarget.value)} />
            </div>
          </Show>
          <Show when={conflict()} fallback={<Show when={save.isError}><p class="field-error" role="alert">{(save.error as Error).message}</p></Show>}>{(c) => (
            <div class="state state-error" role="alert">
              <strong>{t('conflict', { who: c().with === 'doctor' ? t('withDoctor') : t('withPatient'), when: `${formatDateTime(c().start)}–${formatTime(c().end)}`, id: c().conflictingAppointmentId.slice(0, 8) })}</strong>
              <p>{(save.error as Error).message}</p>
            </div>
          )}</Show>
          <Show when={done()}><p class="notice" role="status">{done()}</p></Show>
          <p class="muted">{!moving() && patientId() == null ? t('needPatient') : slot() ? formatDateTime(slot()!) : t('pickSlot')}</p>
          <button type="submit" disabled={save.isPending || !slot() || (!moving() && patientId() == null)}>{moving() ? t('moveHere') : t('book')}</button>
        </form>
      </Panel>
      <Panel title={t('dayAppointments')}>
        <Show when={doctorId() != null}>
          <Loaded query={day}>{(d) => <DayAppointments rows={d().items} onMove={startMove} />}</Loaded>
        </Show>
      </Panel>
    </>
  );
}
