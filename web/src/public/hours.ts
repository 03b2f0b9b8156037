import { lang } from '../shared/i18n';

export interface WeeklyHour { weekday: number; label: string; open: string; close: string }

const WEEKDAYS = { ko: ['일', '월', '화', '수', '목', '금', '토'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/**
 * Weekly hours in few words: consecutive days with the same hours collapse into a range
 * (`월–금 09:00–18:00`), Monday first as a Korean week is read.
 */
export function compactHours(hours: WeeklyHour[]): string[] {
  const names = WEEKDAYS[lang()];
  const mondayFirst = (d: number) => (d + 6) % 7;
  const sorted = [...hours].sort((a, b) => mondayFirst(a.weekday) - mondayFirst(b.weekday));
  const runs: { from: number; to: number; open: string; close: string }[] = [];
  for (const h of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.open === h.open && last.close === h.close && mondayFirst(h.weekday) === mondayFirst(last.to) + 1) last.to = h.weekday;
    else runs.push({ from: h.weekday, to: h.weekday, open: h.open, close: h.close });
  }
  return runs.map((r) => `${names[r.from]}${r.to !== r.from ? `–${names[r.to]}` : ''} ${r.open}–${r.close}`);
}
