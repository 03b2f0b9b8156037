import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatTime } from '../../../shared/i18n';
import { statusLabel } from '../../shared/labels';
import { dayParts, weekdayOf } from './dates';
import { t, tk } from './messages';
import type { CalendarPage } from './types';

const SHOWN = 3;
/** Monday first, as the API's weeks. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

type Day = CalendarPage['days'][number];

/** The month's days in weeks (Monday–Sunday), blanks before the 1st and after the last day. */
function weeks(days: Day[]): (Day | null)[][] {
  if (days.length === 0) return [];
  const cells: (Day | null)[] = [...Array((weekdayOf(days[0].date) + 6) % 7).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/**
 * The month view: a table of weeks; each day shows its first visits and how many more, and opens
 * the day view, where the visits can be moved along.
 */
export function MonthGrid(props: { days: Day[]; title: string; today: string; onOpenDay: (day: string) => void }) {
  return (
    <div class="table-scroll">
      <table class="month-grid">
        <caption>{props.title}</caption>
        <thead><tr><For each={WEEKDAYS}>{(w) => <th scope="col">{tk(`w${w}`)}</th>}</For></tr></thead>
        <tbody>
          <For each={weeks(props.days)}>{(week) => (
            <tr>
              <For each={week}>{(day) => (
                <td classList={{ today: day?.date === props.today, blank: !day }}>
                  <Show when={day}>{(d) => (
                    <>
                      <button type="button" class="link-button day-number" onClick={() => props.onOpenDay(d().date)}
                        aria-label={t('openDay', { month: dayParts(d().date).month, date: dayParts(d().date).date, n: d().items.length })}>
                        {dayParts(d().date).date}
                      </button>
                      <ul class="month-items">
                        <For each={d().items.slice(0, SHOWN)}>{(a) => (
                          <li data-status={a.status}>
                            <span class="appt-time">{formatTime(a.start_time)}</span>{' '}
                            <A href={`/doctor/patients/${a.patient_id}`} title={statusLabel(a.status)}>{a.patient_name}</A>
                          </li>
                        )}</For>
                      </ul>
                      <Show when={d().items.length > SHOWN}><small class="muted">{t('more', { n: d().items.length - SHOWN })}</small></Show>
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
