/** Days as the hospital counts them (KST), for screens that pick or page through dates. */
/** The hospital's calendar day (KST) as `YYYY-MM-DD`, whatever the browser's time zone. */
const kstDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' });

export const kstToday = () => kstDayFormat.format(new Date());

/** `YYYY-MM-DD` moved by whole days (calendar arithmetic in UTC, so no time zone can shift it). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The [from, to) instants of a KST day, for range filters that take instants. */
export const kstDayRange = (day: string) => ({ from: `${day}T00:00:00+09:00`, to: `${addDays(day, 1)}T00:00:00+09:00` });
