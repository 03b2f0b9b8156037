import { DEFAULT_HOURS, kstDay, slotProblem, type WorkingHours } from './appointments.js';
import { kstDateOf } from './kst-dates.js';

/**
 * A doctor's weekly outpatient schedule (진료 시간표): which weekdays they see patients, from when
 * to when (KST), and how long one slot is. A doctor without a stored schedule keeps the clinic's
 * default hours (weekdays 09:00–18:00, 30-minute slots).
 */
export interface ClinicDay {
  /** 0 = Sunday … 6 = Saturday (KST). */
  weekday: number;
  /** Minutes after midnight KST. */
  open: number;
  close: number;
}

export interface WeeklySchedule {
  slotMinutes: number;
  days: ClinicDay[];
}

export const DEFAULT_SCHEDULE: WeeklySchedule = {
  slotMinutes: DEFAULT_HOURS.slotMinutes,
  days: DEFAULT_HOURS.days.map((weekday) => ({ weekday, open: DEFAULT_HOURS.open, close: DEFAULT_HOURS.close })),
};

export const SLOT_LENGTHS = [10, 15, 20, 30, 60] as const;
export const WEEKDAY_LABELS = ['일', '월', '화', '수', '목', '금', '토'] as const;

/** `09:30` ↔ 570. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** What is wrong with a schedule a user submitted, or null. */
export function scheduleProblem(schedule: WeeklySchedule): string | null {
  if (!(SLOT_LENGTHS as readonly number[]).includes(schedule.slotMinutes)) return `진료 단위는 ${SLOT_LENGTHS.join('/')}분 중 하나입니다 (slot length)`;
  const seen = new Set<number>();
  for (const day of schedule.days) {
    if (seen.has(day.weekday)) return `${WEEKDAY_LABELS[day.weekday]}요일이 두 번 있습니다 (duplicate weekday)`;
    seen.add(day.weekday);
    if (day.open < 6 * 60 || day.close > 22 * 60) return '진료 시간은 06:00–22:00 사이여야 합니다 (hours within 06:00–22:00)';
    if (day.close - day.open < schedule.slotMinutes) return `${WEEKDAY_LABELS[day.weekday]}요일: 종료가 시작보다 한 단위 이상 늦어야 합니다 (close after open)`;
    if (day.open % schedule.slotMinutes !== 0 || day.close % schedule.slotMinutes !== 0) {
      return `${WEEKDAY_LABELS[day.weekday]}요일: 시작·종료는 ${schedule.slotMinutes}분 단위여야 합니다 (align to the slot length)`;
    }
  }
  return null;
}

/** The KST weekday of an instant. */
export function kstWeekday(instant: Date): number {
  return new Date(`${kstDateOf(instant)}T00:00:00Z`).getUTCDay();
}

/** The schedule of the weekday `start` falls on, in the shape `slotProblem` checks against. */
export function hoursOn(schedule: WeeklySchedule, start: Date): WorkingHours {
  const weekday = kstWeekday(start);
  const day = schedule.days.find((d) => d.weekday === weekday);
  return day
    ? { open: day.open, close: day.close, days: [weekday], slotMinutes: schedule.slotMinutes }
    : { open: 0, close: 0, days: [], slotMinutes: schedule.slotMinutes };
}

/** Why [start, end) cannot be booked with this doctor, or null. */
export function scheduleSlotProblem(schedule: WeeklySchedule, start: Date, end: Date): string | null {
  return slotProblem(start, end, hoursOn(schedule, start));
}

export interface Slot {
  start: Date;
  end: Date;
  available: boolean;
}

/** Every slot of the KST day containing `day`, marked taken where a booking overlaps it. */
export function daySlots(schedule: WeeklySchedule, day: Date, taken: { start: Date; end: Date }[]): Slot[] {
  const { start: midnight } = kstDay(day);
  const hours = hoursOn(schedule, new Date(midnight.getTime() + 12 * 3600_000));
  if (hours.days.length === 0) return [];
  const slots: Slot[] = [];
  for (let minute = hours.open; minute + schedule.slotMinutes <= hours.close; minute += schedule.slotMinutes) {
    const start = new Date(midnight.getTime() + minute * 60_000);
    const end = new Date(start.getTime() + schedule.slotMinutes * 60_000);
    const busy = taken.some((t) => t.start < end && t.end > start);
    slots.push({ start, end, available: !busy });
  }
  return slots;
}
