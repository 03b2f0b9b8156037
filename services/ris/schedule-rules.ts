import { Errors } from 'moleculer';
import { Op, literal, type Order, type WhereOptions } from 'sequelize';
import type { ImagingProcedure } from '../../lib/rules/imaging-procedures.js';
import { findModalityRoom, MODALITY_ROOMS, roomFits, roomsFor } from '../../lib/rules/ris-rooms.js';
import { nextRisStatuses, RIS_STATUS_CODES, RIS_STATUSES, type RisStatus } from '../../lib/rules/ris-status.js';
import { isCalendarDate, kstDateOf, kstDayOf } from '../../lib/rules/kst-dates.js';
import { PRIORITY_RANK_SQL } from '../../lib/rules/order-status.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import type { ScheduleSort } from './ris-params.js';

/**
 * The rules and small helpers of the `ris` actions: checking dates, statuses, rooms and starts,
 * the ORDER BY of the schedule lists, and shaping entries as answered (status label, patient).
 */

const { MoleculerClientError } = Errors;

/** How far ahead a slot may be booked. */
const MAX_DAYS_AHEAD = 366;

/** Entries by scheduled time (the schedule's own order). */
export const BY_TIME: [string, string][] = [['scheduled_at', 'ASC'], ['id', 'ASC']];
/** STAT first, then urgent, then routine (the priority is copied onto the entry, so no join). */
const PRIORITY_RANK = literal(PRIORITY_RANK_SQL);

/**
 * The ORDER BY of `ris.list`: `worklist` puts STAT first, then — within a priority — studies the
 * AI flagged as more suspicious (ai_suspicion, 0 until an analysis ran, so the acquisition
 * worklist is unaffected), then the oldest; `time` (default) by time only.
 */
export function scheduleOrder(sort: ScheduleSort = 'time'): Order {
  return sort === 'worklist' ? [[PRIORITY_RANK, 'ASC'], ['ai_suspicion', 'DESC'], ...BY_TIME] as Order : BY_TIME as Order;
}

/** The entry as answered: the stored row with the Korean status label. */
export function present(row: RisScheduleAttributes | Record<string, unknown>): Record<string, unknown> {
  const status = (row as RisScheduleAttributes).status;
  return { ...row, status_label: RIS_STATUSES[status] ?? status };
}

/** Labels rows with their patient's name and chart number (one scoped, audited `patients.labels` call). */
export async function withPatients<T extends { patient_id: number }>(ctx: CdssContext, rows: T[]): Promise<(T & { patient: PatientLabel | null })[]> {
  if (rows.length === 0) return [];
  const labels = await ctx.call<PatientLabel[], object>('patients.labels', { ids: rows.map((r) => r.patient_id) });
  const byId = new Map(labels.map((l) => [l.id, l]));
  return rows.map((row) => ({ ...row, patient: byId.get(row.patient_id) ?? null }));
}

export function illegalTransition(from: RisStatus, to: RisStatus): never {
  throw new MoleculerClientError(
    `${RIS_STATUSES[from]} 상태에서 ${RIS_STATUSES[to]}(으)로 바꿀 수 없습니다 (illegal transition ${from} → ${to})`,
    409, 'ILLEGAL_TRANSITION', { from, to, allowed: nextRisStatuses(from) },
  );
}

/** A comma list of statuses, each checked against the status machine's codes. */
export function statusList(value: string | undefined): RisStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const unknown = statuses.filter((s) => !RIS_STATUS_CODES.includes(s as RisStatus));
  if (unknown.length || statuses.length === 0) invalidField('status', `알 수 없는 상태입니다: ${unknown.join(', ') || value} (unknown status; one of ${RIS_STATUS_CODES.join(', ')})`);
  return statuses as RisStatus[];
}

export function calendarDate(field: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) invalidField(field, `존재하지 않는 날짜입니다: ${value} (not a calendar date)`);
  return value;
}

/** scheduled_at between the KST days `from` and `to` (both included). */
export function dayRange(from: string | undefined, to: string | undefined): WhereOptions | undefined {
  if (!from && !to) return undefined;
  const range: Record<symbol, Date> = {};
  if (from) range[Op.gte] = kstDayOf(from).start;
  if (to) range[Op.lt] = kstDayOf(to).end;
  return { scheduled_at: range };
}

/** A bookable start: not before today (KST) and at most a year ahead. */
export function checkStart(scheduledAt: Date): void {
  const today = kstDayOf(kstDateOf(new Date())).start;
  if (scheduledAt < today) invalidField('scheduledAt', '지난 날짜로 예약할 수 없습니다 (cannot book a past day)');
  if (scheduledAt.getTime() > Date.now() + MAX_DAYS_AHEAD * 86_400_000) invalidField('scheduledAt', `${MAX_DAYS_AHEAD}일 이후로는 예약할 수 없습니다 (too far ahead)`);
}

/** The room, refused (400) when unknown or when its equipment does not perform the procedure. */
export function roomFor(code: string, procedure: ImagingProcedure) {
  const room = findModalityRoom(code);
  if (!room) invalidField('room', `알 수 없는 촬영실입니다: ${code} (unknown room; one of ${MODALITY_ROOMS.map((r) => r.code).join(', ')})`);
  if (!roomFits(room, procedure)) {
    invalidField('room', `${room.name}(${room.code})에서는 ${procedure.modality} 검사를 할 수 없습니다 (room does not perform ${procedure.modality}; use ${roomsFor(procedure).map((r) => r.code).join(', ')})`);
  }
  return room;
}
