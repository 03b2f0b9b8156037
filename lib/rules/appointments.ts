import type { AppointmentStatus } from '../constants-clinical.js';

/**
 * Appointment rules without a database: the status flow (seed §3.3.2, extended) and the clinic's
 * working hours in Korea Standard Time (UTC+9, no daylight saving).
 */

/** Korea Standard Time is UTC+9 all year. */
const KST_OFFSET_MINUTES = 9 * 60;

/** booked → checked-in → in consultation → completed, or cancelled / no-show; a request is confirmed or declined. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, AppointmentStatus[]> = {
  REQUESTED: ['BOOKED', 'CANCELLED'],
  BOOKED: ['CHECKED_IN', 'CANCELLED', 'NO_SHOW'],
  CHECKED_IN: ['IN_CONSULTATION', 'CANCELLED'],
  IN_CONSULTATION: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
  NO_SHOW: [],
};

/** Statuses that do not hold their slot: released ones, and requests not yet confirmed. */
export const RELEASED_STATUSES: AppointmentStatus[] = ['CANCELLED', 'NO_SHOW', 'REQUESTED'];

/** Statuses of today's reception queue (접수 대기 목록), in the order patients move through it. */
export const QUEUE_STATUSES: AppointmentStatus[] = ['BOOKED', 'CHECKED_IN', 'IN_CONSULTATION'];

/** [start, end) of the KST calendar day that contains `now`, as UTC instants. */
export function kstDay(now = new Date()): { start: Date; end: Date } {
  const local = new Date(now.getTime() + KST_OFFSET_MINUTES * 60_000);
  const start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - KST_OFFSET_MINUTES * 60_000);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

export interface WorkingHours {
  /** Minutes after midnight KST. */
  open: number;
  close: number;
  /** 0 = Sunday … 6 = Saturday, in KST. */
  days: number[];
  slotMinutes: number;
}

/** Outpatient clinic hours: weekdays 09:00–18:00 KST, 30-minute slots. */
export const DEFAULT_HOURS: WorkingHours = { open: 9 * 60, close: 18 * 60, days: [1, 2, 3, 4, 5], slotMinutes: 30 };


/** Why a slot cannot be booked in these hours, or null when it can. */
export function slotProblem(start: Date, end: Date, hours: WorkingHours = DEFAULT_HOURS): string | null {
  if (!(end > start)) return '종료 시각은 시작 시각보다 늦어야 합니다 (end must be after start)';
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes % hours.slotMinutes !== 0) return `예약은 ${hours.slotMinutes}분 단위입니다 (slots of ${hours.slotMinutes} minutes)`;
  const local = new Date(start.getTime() + KST_OFFSET_MINUTES * 60_000);
  const startMinute = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (local.getUTCSeconds() !== 0 || local.getUTCMilliseconds() !== 0 || startMinute % hours.slotMinutes !== 0) {
    return `예약 시작은 ${hours.slotMinutes}분 단위 정각이어야 합니다 (start on a slot boundary)`;
  }
  if (!hours.days.includes(local.getUTCDay())) return '진료일이 아닙니다 (the clinic is closed that day)';
  if (startMinute < hours.open || startMinute + minutes > hours.close) {
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return `진료 시간(${hhmm(hours.open)}–${hhmm(hours.close)} KST) 밖입니다 (outside working hours)`;
  }
  return null;
}
