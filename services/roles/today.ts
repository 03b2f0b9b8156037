import { kstDay } from '../../lib/rules/appointments.js';
import { kstDateOf } from '../../lib/rules/kst-dates.js';

/** Today in KST, as the dashboards ask for it: the instants for appointment filters and the date. */
export function today(): { from: string; to: string; date: string } {
  const { start, end } = kstDay();
  return { from: start.toISOString(), to: end.toISOString(), date: kstDateOf(start) };
}

/** Counts of items per value of `key`. */
export function countBy<T>(items: T[], key: (item: T) => string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const value = key(item);
    if (value) counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}
