import { For } from 'solid-js';
import { CALENDAR_VIEWS, step, type CalendarView } from './dates';
import { t, tk } from './messages';
import './calendar.css';

/**
 * The calendar's toolbar: day, week or month (toggle buttons), then back a page, today and forward
 * a page. The page keeps the view and the date (in its address) and says what changed.
 */
export function CalendarNav(props: {
  view: CalendarView;
  date: string;
  today: string;
  onChange: (next: { view?: CalendarView; date?: string }) => void;
}) {
  return (
    <div class="toolbar calendar-nav">
      <div role="group" aria-label={t('view')} class="segmented">
        <For each={CALENDAR_VIEWS}>{(v) => (
          <button type="button" classList={{ secondary: props.view !== v }} aria-pressed={props.view === v} onClick={() => props.onChange({ view: v })}>{t(v)}</button>
        )}</For>
      </div>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onChange({ date: step(props.view, props.date, -1) })}>{tk(`prev_${props.view}`)}</button>
        <button type="button" class="secondary" disabled={props.date === props.today} onClick={() => props.onChange({ date: props.today })}>{t('today')}</button>
        <button type="button" class="secondary" onClick={() => props.onChange({ date: step(props.view, props.date, 1) })}>{tk(`next_${props.view}`)}</button>
      </div>
    </div>
  );
}
