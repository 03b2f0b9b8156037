import { formatDate } from '../../../shared/i18n';
import { addDays, dayParts, mondayOf, type CalendarView } from './dates';
import { t, tk } from './messages';

/** `11월 26일 (목)`: a day's heading in a list of days. */
export function dayHeading(day: string): string {
  const p = dayParts(day);
  return t('dayHeading', { month: p.month, date: p.date, weekday: tk(`w${p.weekday}`) });
}

/** The page's title: `2026년 11월 26일 (목)`, the week's Monday–Sunday, or `2026년 11월`. */
export function calendarTitle(view: CalendarView, day: string): string {
  const p = dayParts(day);
  if (view === 'month') return t('monthTitle', { year: p.year, month: p.month });
  if (view === 'day') return t('dayTitle', { year: p.year, month: p.month, date: p.date, weekday: tk(`w${p.weekday}`) });
  const monday = mondayOf(day);
  return t('weekTitle', { from: formatDate(`${monday}T12:00:00+09:00`), to: formatDate(`${addDays(monday, 6)}T12:00:00+09:00`) });
}
