import { useSearchParams } from '@solidjs/router';
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { Match, Show, Switch, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { QueryView } from '../../../shared/ui/states';
import { CalendarNav } from '../../shared/calendar/CalendarNav';
import { isDay, kstDateOf, kstToday, viewOf, type CalendarView } from '../../shared/calendar/dates';
import { t as calendarT } from '../../shared/calendar/messages';
import { MonthGrid } from '../../shared/calendar/MonthGrid';
import { calendarTitle } from '../../shared/calendar/titles';
import '../doctor.css';
import { AppointmentForm } from './AppointmentForm';
import { CalendarFilters, type DoctorChoice } from './CalendarFilters';
import { DayList } from './DayList';
import { t } from './messages';
import type { Appointment, CalendarPage } from './types';

/** The booking form: closed, a new visit, or moving one of mine. */
type Editing = { moving: Appointment | null } | null;

/**
 * Seed §4.1.4 예약 관리: my appointments as a day, week or month (GET /appointments/calendar),
 * or those of a colleague or my whole department. What is shown lives in the address
 * (`?view=&date=&department=&doctor=`), so back, reload and a shared link show the same page.
 * "새 예약" books a visit in my own calendar; my booked visits can be moved or cancelled.
 */
export default function AppointmentsCalendar() {
  const { api, session } = useApp();
  const me = () => session.me()!;
  const [params, setParams] = useSearchParams<{ view?: string; date?: string; department?: string; doctor?: string }>();
  const today = kstToday();
  const view = () => viewOf(params.view, 'week');
  const date = () => (isDay(params.date) ? params.date : today);
  const department = () => params.department ?? me().department ?? 'PULMONOLOGY';
  // By default my own calendar; `all` is the department's, a number a colleague's.
  const doctor = (): DoctorChoice => (params.doctor === 'all' ? 'all' : Number(params.doctor) || me().id);
  const [editing, setEditing] = createSignal<Editing>(null);
  const [done, setDone] = createSignal('');

  const calendar = createQuery(() => ({
    queryKey: ['doctor', 'calendar', view(), date(), department(), doctor()],
    queryFn: () => api.get<CalendarPage>('/appointments/calendar', {
      view: view(), date: date(), ...(doctor() === 'all' ? { department: department() } : { doctorId: doctor() as number }),
    }),
    placeholderData: keepPreviousData,
  }));

  const title = () => calendarTitle(view(), date());
  const go = (next: Partial<{ view: CalendarView; date: string }>) => setParams(next);
  const open = (moving: Appointment | null) => { setDone(''); setEditing({ moving }); };
  const saved = (appointment: Appointment) => {
    const moving = editing()?.moving;
    setEditing(null);
    setDone(t(moving ? 'rescheduled' : 'booked', { patient: appointment.patient_name, when: formatDateTime(appointment.start_time) }));
    // Show the visit where it now is: its day, in my own calendar.
    setParams({ date: kstDateOf(appointment.start_time), doctor: undefined, department: undefined });
  };

  return (
    <>
      <h1>{t('appointments')}</h1>
      <CalendarFilters department={department()} doctor={doctor()} meId={me().id}
        onDepartment={(dep) => setParams({ department: dep, doctor: dep === me().department ? undefined : 'all' })}
        onDoctor={(doc) => setParams({ doctor: doc === me().id ? undefined : String(doc) })} />
      <div class="form-actions">
        <button type="button" aria-expanded={editing() !== null && !editing()!.moving} onClick={() => (editing() ? setEditing(null) : open(null))}>
          {t('newAppointment')}
        </button>
      </div>
      <Show when={done()}><p class="success" role="status">{done()}</p></Show>
      {/* Keyed: opening another visit to move starts the form afresh. */}
      <Show when={editing()} keyed>{(edit) => (
        <Panel title={edit.moving
          ? t('rescheduleTitle', { patient: edit.moving.patient_name, when: formatDateTime(edit.moving.start_time) })
          : t('newAppointmentFor', { doctor: me().name })}>
          <AppointmentForm doctorId={me().id} initialDate={date()} today={today} moving={edit.moving}
            onDone={saved} onClose={() => setEditing(null)} />
        </Panel>
      )}</Show>
      <CalendarNav view={view()} date={date()} today={today} onChange={go} />
      <h2 aria-live="polite">
        {title()} <Show when={calendar.data}><small class="muted">{calendarT('total', { n: calendar.data!.total })}</small></Show>
      </h2>
      <QueryView query={calendar}>
        {(page) => (
          <>
            <Show when={page.truncated}><p class="notice">{t('truncated')}</p></Show>
            <Switch>
              <Match when={page.view === 'month'}>
                <MonthGrid days={page.days} title={title()} today={today} onOpenDay={(d) => go({ view: 'day', date: d })}
                  patientHref={(a) => `/doctor/patients/${a.patient_id}`} showDoctor={doctor() === 'all'} />
              </Match>
              <Match when={true}>
                <DayList days={page.days} today={today} showDoctor={doctor() === 'all'} meId={me().id} onReschedule={open} />
              </Match>
            </Switch>
          </>
        )}
      </QueryView>
    </>
  );
}
