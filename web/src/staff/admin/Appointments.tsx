import { useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, keepPreviousData, useQueryClient } from '@tanstack/solid-query';
import { For, Match, Show, Switch, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { formatDateTime, formatTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { Field, TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { DEPARTMENT_CODES, departmentLabel } from '../../shared/departments';
import { kstDayRange } from '../../shared/kst-days';
import { CalendarNav } from '../shared/calendar/CalendarNav';
import { isDay, kstToday, viewOf, type CalendarView } from '../shared/calendar/dates';
import { t as calendarT } from '../shared/calendar/messages';
import { MonthGrid, type GridDay } from '../shared/calendar/MonthGrid';
import { SlotGrid, type Slot } from '../shared/calendar/SlotGrid';
import { calendarTitle } from '../shared/calendar/titles';
import { DayAppointments } from './DayAppointments';
import { t } from './messages';
import type { Appointment, Doctor, Page, SlotConflict } from './types';
import { Loaded } from './ui/Loaded';
import { PatientPicker } from './ui/PatientPicker';

/** GET /appointments/calendar: the page's days, each with its appointments by time. */
interface CalendarPage { view: CalendarView; total: number; truncated: boolean; days: GridDay<Appointment>[] }

/** A doctor's id, or every doctor of the department (week and month only: a day books one doctor's slots). */
type DoctorChoice = number | 'all';

/**
 * Seed §4.3.3 예약 관리: pick a department and doctor, see the day's slots, book one for a patient
 * (a clash is the server's 409 SLOT_TAKEN, shown with who is booked when), and manage that day's
 * appointments — check in, move to another slot, cancel. The week and month views count each
 * day's appointments of the doctor or the whole department; a day opens its day view. The view
 * and the day live in the address (`?view=&date=`), beside the chosen patient.
 */
export default function Appointments() {
  const { api } = useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams<{ patientId?: string; view?: string; date?: string }>();
  const patientId = () => (params.patientId ? Number(params.patientId) : null);
  const today = kstToday();
  const view = () => viewOf(params.view, 'day');
  const date = () => (isDay(params.date) ? params.date : today);
  const [department, setDepartment] = createSignal(DEPARTMENT_CODES[0]);
  const [doctor, setDoctor] = createSignal<DoctorChoice | null>(null);
  const doctorId = () => (typeof doctor() === 'number' ? (doctor() as number) : null);
  const [slot, setSlot] = createSignal<string | null>(null);
  const [type, setType] = createSignal('GENERAL');
  const [memo, setMemo] = createSignal('');
  const [moving, setMoving] = createSignal<Appointment | null>(null);
  const [done, setDone] = createSignal('');

  const doctors = createQuery(() => ({ queryKey: ['front-desk', 'doctors', department()], queryFn: () => api.get<Doctor[]>('/doctors', { department: department() }) }));
  // The department's first doctor is the likely choice for a day; a new department resets the
  // choice (to the whole department in the week and month views).
  createEffect(on([() => doctors.data, view], ([list, v]) => {
    if (!list) return;
    const choice = doctor();
    if (v === 'day' && (choice === 'all' || !list.some((d) => d.id === choice))) setDoctor(list[0]?.id ?? null);
    if (v !== 'day' && choice !== 'all' && !list.some((d) => d.id === choice)) setDoctor('all');
  }));
  createEffect(on([doctorId, date], () => setSlot(null)));
  const slots = createQuery(() => ({
    queryKey: ['front-desk', 'slots', doctorId(), date()],
    queryFn: () => api.get<{ slots: Slot[] }>(`/doctors/${doctorId()}/slots`, { date: date() }),
    enabled: view() === 'day' && doctorId() != null,
  }));
  const day = createQuery(() => ({
    queryKey: ['front-desk', 'appointments', doctorId(), date()],
    queryFn: () => api.get<Page<Appointment>>('/appointments', { doctorId: doctorId()!, ...kstDayRange(date()), pageSize: 200 }),
    enabled: view() === 'day' && doctorId() != null,
  }));
  const calendar = createQuery(() => ({
    queryKey: ['front-desk', 'calendar', view(), date(), department(), doctor()],
    queryFn: () => api.get<CalendarPage>('/appointments/calendar', {
      view: view(), date: date(), ...(doctor() === 'all' ? { department: department() } : { doctorId: doctorId()! }),
    }),
    enabled: view() !== 'day' && doctor() != null,
    placeholderData: keepPreviousData,
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
  const go = (next: { view?: CalendarView; date?: string }) => setParams(next);
  const title = () => calendarTitle(view(), date());

  return (
    <>
      <h1>{t('appointments')}</h1>
      <Panel title={t('pickPatient')}>
        <PatientPicker patientId={patientId()} onChange={(id) => setParams({ patientId: id ?? undefined })} />
      </Panel>
      <Panel title={view() === 'day' ? t('slots') : t('calendarOverview')}>
        <div class="toolbar">
          <Field label={t('department')}>{(id) => (
            <select id={id} value={department()} disabled={!!moving()} onChange={(e) => setDepartment(e.currentTarget.value)}>
              <For each={DEPARTMENT_CODES}>{(d) => <option value={d}>{departmentLabel(d)}</option>}</For>
            </select>
          )}</Field>
          <Field label={t('pickDoctor')}>{(id) => (
            <select id={id} value={String(doctor() ?? '')} disabled={!!moving() || !doctors.data?.length}
              onChange={(e) => setDoctor(e.currentTarget.value === 'all' ? 'all' : Number(e.currentTarget.value))}>
              <Show when={view() !== 'day'}><option value="all">{t('wholeDepartment')}</option></Show>
              <For each={doctors.data ?? []}>{(d) => <option value={d.id} selected={d.id === doctor()}>{d.name}{d.specialization ? ` · ${d.specialization}` : ''}</option>}</For>
            </select>
          )}</Field>
          <TextField label={t('date')} type="date" value={date()} onInput={(e) => { if (e.currentTarget.value) go({ date: e.currentTarget.value }); }} />
        </div>
        <CalendarNav view={view()} date={date()} today={today} onChange={go} />
        <Show when={doctors.data && doctors.data.length === 0}><p class="muted">{t('noDoctors')}</p></Show>
        <Switch>
          <Match when={view() === 'day'}>
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
          </Match>
          <Match when={true}>
            <h3 aria-live="polite">
              {title()} <Show when={calendar.data}><small class="muted">{calendarT('total', { n: calendar.data!.total })}</small></Show>
            </h3>
            <QueryView query={calendar}>{(page) => (
              <>
                <Show when={page.truncated}><p class="notice">{t('calendarTruncated')}</p></Show>
                <MonthGrid days={page.days} title={title()} today={today} shown={view() === 'week' ? 12 : 3}
                  onOpenDay={(d) => go({ view: 'day', date: d })} patientHref={(a) => `/admin/patients/${a.patient_id}`} showDoctor={doctor() === 'all'} />
              </>
            )}</QueryView>
          </Match>
        </Switch>
      </Panel>
      <Show when={view() === 'day'}>
        <Panel title={t('dayAppointments')}>
          <Show when={doctorId() != null}>
            <Loaded query={day}>{(d) => <DayAppointments rows={d().items} onMove={startMove} />}</Loaded>
          </Show>
        </Panel>
      </Show>
    </>
  );
}
