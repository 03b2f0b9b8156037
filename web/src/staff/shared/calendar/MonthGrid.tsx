import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatTime } from '../../../shared/i18n';
import { statusLabel } from '../labels';
import { dayParts, weekdayOf } from './dates';
import { t, tk } from './messages';
import './calendar.css';

/** What a grid cell shows of an appointment (GET /appointments/calendar items carry more). */
export interface GridAppointment {
  id: string;
  patient_id: number;
  patient_name: string;
  doctor_name?: string;
  start_time: string;
  status: string;
}

export interface GridDay<T extends GridAppointment> { date: string; items: T[] }

/** Monday first, as the API's weeks. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** The days in weeks (Monday–Sunday), blanks before the first day and after the last. */
function weeks<T extends GridAppointment>(days: GridDay<T>[]): (GridDay<T> | null)[][] {
  if (days.length === 0) return [];
  const cells: (GridDay<T> | null)[] = [...Array((weekdayOf(days[0].date) + 6) % 7).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/**
 * A month (or a week: one row) as a table of weeks. Each day shows how many visits it has and its
 * first ones (`shown`), each a link to the patient; the day's number opens the day view, where
 * the visits can be acted on. The doctor's and the front desk's calendars both draw it.
 */
export function MonthGrid<T extends GridAppointment>(props: {
  days: GridDay<T>[];
  title: string;
  today: string;
  onOpenDay: (day: string) => void;
  patientHref: (appointment: T) => string;
  shown?: number;
  showDoctor?: boolean;
}) {
  const shown = () => props.shown ?? 3;
  return (
    <div class="table-scroll">
      <table class="month-grid">
        {/* The page shows the title as its heading; the caption names the table for screen readers. */}
        <caption class="visually-hidden">{props.title}</caption>
        <thead><tr><For each={WEEKDAYS}>{(w) => <th scope="col">{tk(`w${w}`)}</th>}</For></tr></thead>
        <tbody>
          <For each={weeks(props.days)}>{(week) => (
            <tr>
              <For each={week}>{(day) => (
                <td classList={{ today: day?.date === props.today, blank: !day }}>
                  <Show when={day}>{(d) => (
                    <>
                      <div class="day-head">
                        {/* Named by its visible number first ("4일 (11월) 예약 2건 보기"), so speech input finds it. */}
                        <button type="button" class="link-button day-number" onClick={() => props.onOpenDay(d().date)}>
                          {dayParts(d().date).date}<span class="visually-hidden">{t('openDayRest', { month: dayParts(d().date).month, date: dayParts(d().date).date, n: d().items.length })}</span>
                        </button>
                        <Show when={d().items.length > 0}><span class="badge day-count" aria-hidden="true">{t('count', { n: d().items.length })}</span></Show>
                      </div>
                      <ul class="month-items">
                        <For each={d().items.slice(0, shown())}>{(a) => (
                          <li data-status={a.status}>
                            <span class="appt-time">{formatTime(a.start_time)}</span>{' '}
                            <A href={props.patientHref(a)} title={statusLabel(a.status)}>{a.patient_name}</A>
                            <Show when={props.showDoctor && a.doctor_name}> <small class="muted">{a.doctor_name}</small></Show>
                          </li>
                        )}</For>
                      </ul>
                      <Show when={d().items.length > shown()}><small class="muted">{t('more', { n: d().items.length - shown() })}</small></Show>
                    </>
                  )}</Show>
                </td>
              )}</For>
            </tr>
          )}</For>
        </tbody>
      </table>
    </div>
  );
}
