import { FREQUENCIES, type Frequency } from './medication-frequency.js';
import { kstDay } from './appointments.js';

/**
 * When the doses of a prescription line fall due (the MAR's schedule), without a database. Doses
 * are scheduled in Korea Standard Time (UTC+9, no daylight saving) at the ward's standard times
 * of FREQUENCIES and answered as UTC instants, the way they are stored.
 */

const DAY_MS = 86_400_000;

/** The prescription facts the schedule depends on. */
export interface PrescriptionCourse {
  /** When the order was written (prescription_date). */
  prescribedAt: Date;
  /** When it was stopped; no dose falls due from then on. */
  discontinuedAt?: Date | null;
}

/** The line facts the schedule depends on (a subset of models/prescription.ts `Medication`). */
export interface DosingLine {
  frequency: Frequency;
  days: number;
}

/** A half-open interval [start, end) of UTC instants. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** PRN (as needed) lines have no schedule: every dose is charted ad hoc, as often as needed. */
export function isAsNeeded(line: Pick<DosingLine, 'frequency'>): boolean {
  return line.frequency === 'PRN';
}

/** The instant of 00:00 KST on the KST calendar day that contains `instant`. */
function kstMidnight(instant: Date): number {
  return kstDay(instant).start.getTime();
}

/** Minutes after midnight of an `HH:MM` administration time. */
function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Every dose of a line that falls due inside `window` (the whole course when omitted), in time
 * order. The course runs `days` KST calendar days from the day the order was written, at the
 * frequency's administration times; a dose cannot fall due before the order itself, so a line
 * written at 15:00 starts with that day's 18:00 dose. STAT is one dose at the moment of the order;
 * PRN has none. Nothing falls due at or after `discontinuedAt`.
 */
export function dueDoses(course: PrescriptionCourse, line: DosingLine, window?: TimeWindow): Date[] {
  const { prescribedAt, discontinuedAt } = course;
  const inCourse = (t: number) => t >= prescribedAt.getTime()
    && (!discontinuedAt || t < discontinuedAt.getTime())
    && (!window || (t >= window.start.getTime() && t < window.end.getTime()));

  if (line.frequency === 'STAT') return inCourse(prescribedAt.getTime()) ? [new Date(prescribedAt.getTime())] : [];
  const firstDay = kstMidnight(prescribedAt);
  const doses: Date[] = [];
  for (let day = 0; day < line.days; day++) {
    for (const time of FREQUENCIES[line.frequency].times) {
      const t = firstDay + day * DAY_MS + minutesOf(time) * 60_000;
      if (inCourse(t)) doses.push(new Date(t));
    }
  }
  return doses;
}

/**
 * When the line may be given at all: from the order to the end of its last KST day (or to its
 * discontinuation). PRN doses are charted inside this window.
 */
export function courseWindow(course: PrescriptionCourse, line: DosingLine): TimeWindow {
  const lastDayEnd = kstMidnight(course.prescribedAt) + line.days * DAY_MS;
  const end = course.discontinuedAt ? Math.min(lastDayEnd, course.discontinuedAt.getTime()) : lastDayEnd;
  return { start: course.prescribedAt, end: new Date(Math.max(end, course.prescribedAt.getTime())) };
}

/** A scheduled dose still uncharted this long after its time is overdue. */
export const OVERDUE_AFTER_MINUTES = 60;

/** True when an uncharted dose due at `scheduledTime` is overdue at `now`. */
export function isOverdue(scheduledTime: Date, now: Date): boolean {
  return now.getTime() - scheduledTime.getTime() > OVERDUE_AFTER_MINUTES * 60_000;
}

/** True when `scheduledTime` is exactly one of the line's due doses. */
export function isDueDose(course: PrescriptionCourse, line: DosingLine, scheduledTime: Date): boolean {
  const t = scheduledTime.getTime();
  return dueDoses(course, line, { start: scheduledTime, end: new Date(t + 1) }).some((dose) => dose.getTime() === t);
}
