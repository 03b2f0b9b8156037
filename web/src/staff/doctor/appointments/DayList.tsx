import { For, Show } from 'solid-js';
import { t as calendarT } from '../../shared/calendar/messages';
import { dayHeading } from '../../shared/calendar/titles';
import { AppointmentItem } from './AppointmentItem';
import { t } from './messages';
import type { Appointment, CalendarPage } from './types';

/**
 * The day and week views: one section per day (a week's seven in order, so the doctor sees free
 * days too), each visit with its time, patient and next steps. A list, not a time grid: it reads
 * the same on a phone and to a screen reader.
 */
export function DayList(props: {
  days: CalendarPage['days'];
  today: string;
  showDoctor: boolean;
  meId: number;
  onReschedule: (appointment: Appointment) => void;
}) {
  return (
    <div class="day-list">
      <For each={props.days}>{(day) => (
        <section class="panel day-section" classList={{ today: day.date === props.today }} aria-labelledby={`day-${day.date}`}>
          <h3 id={`day-${day.date}`}>
            {dayHeading(day.date)}{' '}
            <small class="muted">{day.items.length ? calendarT('total', { n: day.items.length }) : t('noneThatDay')}</small>
            <Show when={day.date === props.today}> <span class="badge">{t('today')}</span></Show>
          </h3>
          <Show when={day.items.length > 0}>
            <ul class="appt-list">
              <For each={day.items}>{(a) => (
                <AppointmentItem appointment={a} showDoctor={props.showDoctor} mine={a.doctor_id === props.meId} onReschedule={props.onReschedule} />
              )}</For>
            </ul>
          </Show>
        </section>
      )}</For>
    </div>
  );
}
