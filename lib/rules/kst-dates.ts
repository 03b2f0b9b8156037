import { kstDay } from './appointments.js';

const KST_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The instants [start, end) of a KST calendar day given as `YYYY-MM-DD`. */
export function kstDayOf(date: string): { start: Date; end: Date } {
  return kstDay(new Date(`${date}T00:00:00+09:00`));
}

/** The KST calendar date (`YYYY-MM-DD`) of an instant. */
export function kstDateOf(instant: Date): string {
  return new Date(instant.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm` in KST, as printed on receipts. */
export function kstDateTime(instant: Date): string {
  return new Date(instant.getTime() + KST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Every KST date from `from` to `to`, both included. */
export function kstDatesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

export type CalendarView = 'day' | 'week' | 'month';

/**
 * The first and last date of the calendar page that shows `date`: the day itself, its week
 * (Monday to Sunday, as Korean clinic calendars run) or its month.
 */
export function calendarRange(view: CalendarView, date: string): { from: string; to: string } {
  const day = new Date(`${date}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (view === 'day') return { from: date, to: date };
  if (view === 'week') {
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
    return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * DAY_MS)) };
  }
  const first = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  const last = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0));
  return { from: iso(first), to: iso(last) };
}
