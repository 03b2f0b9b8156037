import { addDays } from '../../../shared/kst-days';

/** Calendar arithmetic on `YYYY-MM-DD` KST days (done in UTC, so no browser time zone can shift a day). */
export type CalendarView = 'day' | 'week' | 'month';
export const CALENDAR_VIEWS: CalendarView[] = ['day', 'week', 'month'];

export { addDays, kstToday } from '../../../shared/kst-days';

export const isDay = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** A view named in the address, or the fallback. */
export const viewOf = (value: string | undefined, fallback: CalendarView): CalendarView =>
  (CALENDAR_VIEWS as string[]).includes(value ?? '') ? (value as CalendarView) : fallback;

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The same day of another month, clamped to that month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const date = asDate(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return iso(target);
}

/** One page back or forward in the view: a day, a week or a month. */
export function step(view: CalendarView, day: string, direction: 1 | -1): string {
  if (view === 'day') return addDays(day, direction);
  if (view === 'week') return addDays(day, 7 * direction);
  return addMonths(day, direction);
}

/** 0 = Sunday … 6 = Saturday, as the API's weekdays. */
export const weekdayOf = (day: string) => asDate(day).getUTCDay();

/** The Monday of the day's week (the API's weeks run Monday–Sunday). */
export const mondayOf = (day: string) => addDays(day, -((weekdayOf(day) + 6) % 7));

/** `YYYY-MM-DD` → its parts, for headings (`11월 26일 (목)`). */
export function dayParts(day: string): { year: number; month: number; date: number; weekday: number } {
  const d = asDate(day);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: d.getUTCDay() };
}

const kstDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The KST day (`YYYY-MM-DD`) of an instant, e.g. an appointment's start. */
export const kstDateOf = (instant: string | Date) => kstDayFormat.format(new Date(instant));
