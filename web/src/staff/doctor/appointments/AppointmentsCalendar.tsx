import { useSearchParams } from '@solidjs/router';
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { For, Match, Show, Switch } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDate } from '../../../shared/i18n';
import { QueryView } from '../../../shared/ui/states';
import '../doctor.css';
import { CalendarFilters, type DoctorChoice } from './CalendarFilters';
import { addDays, dayParts, isDay, kstToday, step, weekdayOf, type CalendarView } from './dates';
import { DayList } from './DayList';
import { t, tk } from './messages';
import { MonthGrid } from './MonthGrid';
import type { CalendarPage } from './types';

const VIEWS: CalendarView[] = ['day', 'week', 'month'];

/**
 * Seed §4.1.4 예약 관리: my appointments as a day, week or month (GET /appointments/calendar),
 * or those of a colleague or my whole department. What is shown lives in the address
 * (`?view=&date=&department=&doctor=`), so back, reload and a shared link show the same page.
 */
export default function AppointmentsCalendar() {
  const { api, session } = useApp();
  const me = () => session.me()!;
  const [params, setParams] = useSearchParams<{ view?: string; date?: string; department?: string; doctor?: string }>();
  const today = kstToday();
  const view = (): CalendarView => (VIEWS as string[]).includes(params.view ?? '') ? (params.view as CalendarView) : 'week';
  const date = () => (isDay(params.date) ? params.date : today);
  const department = () => params.department ?? me().department ?? 'PULMONOLOGY';
  // By default my own calendar; `all` is the department's, a number a colleague's.
  const doctor = (): DoctorChoice => (params.doctor === 'all' ? 'all' : Number(params.doctor) || me().id);

  const calendar = createQuery(() => ({
    queryKey: ['doctor', 'calendar', view(), date(), department(), doctor()],
    queryFn: () => api.get<CalendarPage>('/appointments/calendar', {
      view: view(), date: date(), ...(doctor() === 'all' ? { department: department() } : { doctorId: doctor() as number }),
    }),
    placeholderData: keepPreviousData,
  }));

  const title = () => {
    const d = date();
    const p = dayParts(d);
    if (view() === 'month') return t('monthTitle', { year: p.year, month: p.month });
    if (view() === 'day') return t('dayTitle', { year: p.year, month: p.month, date: p.date, weekday: tk(`w${p.weekday}`) });
    const monday = addDays(d, -((weekdayOf(d) + 6) % 7));
    return t('weekTitle', { from: formatDate(`${monday}T12:00:00+09:00`), to: formatDate(`${addDays(monday, 6)}T12:00:00+09:00`) });
  };
  const go = (next: Partial<{ view: CalendarView; date: string }>) => setParams(next);

  return (
    <>
      <h1>{t('appointments')}</h1>
      <CalendarFilters department={department()} doctor={doctor()} meId={me().id}
        onDepartment={(dep) => setParams({ department: dep, doctor: dep === me().department ? undefined : 'all' })}
        onDoctor={(doc) => setParams({ doctor: doc === me().id ? undefined : String(doc) })} />
      <div class="toolbar calendar-nav">
        <div role="group" aria-label={t('view')} class="segmented">
          <For each={VIEWS}>{(v) => (
            <button type="button" classList={{ secondary: view() !== v }} aria-pressed={view() === v} onClick={() => go({ view: v })}>{t(v)}</button>
          )}</For>
        </div>
        <div class="form-actions">
          <button type="button" class="secondary" onClick={() => go({ date: step(view(), date(), -1) })}>{tk(`prev_${view()}`)}</button>
          <button type="button" class="secondary" disabled={date() === today} onClick={() => go({ date: today })}>{t('today')}</button>
          <button type="button" class="secondary" onClick={() => go({ date: step(view(), date(), 1) })}>{tk(`next_${view()}`)}</button>
        </div>
      </div>
      <h2 aria-live="polite">
        {title()} <Show when={calendar.data}><small class="muted">{t('total', { n: calendar.data!.total })}</small></Show>
      </h2>
      <QueryView query={calendar}>
        {(page) => (
          <>
            <Show when={page.truncated}><p class="notice">{t('truncated')}</p></Show>
            <Switch>
              <Match when={page.view === 'month'}>
                <MonthGrid days={page.days} title={title()} today={today} onOpenDay={(d) => go({ view: 'day', date: d })} />
              </Match>
              <Match when={true}>
                <DayList days={page.days} today={today} showDoctor={doctor() === 'all'} />
              </Match>
            </Switch>
          </>
        )}
      </QueryView>
    </>
  );
}
