import { Errors } from 'moleculer';
import { Op, type Transaction } from 'sequelize';
import type { Models } from '../../models/index.js';
import { bumpCounter } from '../../models/ris-counter.js';
import type { RisSchedule } from '../../models/ris.js';
import { ROOM_HOLDING_STATUSES } from '../../lib/rules/ris-status.js';
import { kstDateTime } from '../../lib/rules/kst-dates.js';

/**
 * Room slots: finding the open entry that holds a room (or the patient) at a time, and claiming a
 * slot under the room's counter lock so two bookings of one room cannot both pass the check.
 */

export interface Slot {
  room: string;
  patientId: number;
  start: Date;
  end: Date;
  /** The entry being moved, which does not conflict with itself. */
  exceptId?: number;
}

/** The first open entry that holds the room, or the patient, during [start, end). */
export function conflictingEntry(models: Models, slot: Slot, transaction: Transaction): Promise<RisSchedule | null> {
  return models.RisSchedule.findOne({
    where: {
      status: { [Op.in]: ROOM_HOLDING_STATUSES as string[] },
      scheduled_at: { [Op.lt]: slot.end },
      scheduled_end_at: { [Op.gt]: slot.start },
      [Op.or]: [{ room: slot.room }, { patient_id: slot.patientId }],
      ...(slot.exceptId ? { id: { [Op.ne]: slot.exceptId } } : {}),
    },
    order: [['scheduled_at', 'ASC']],
    transaction,
  });
}

/** Takes the room's lock and refuses (409 SLOT_TAKEN) a slot that overlaps the room's or the patient's open entries. */
export async function claimSlot(models: Models, slot: Slot, transaction: Transaction): Promise<void> {
  await bumpCounter(models, `room:${slot.room}`, transaction);
  const clash = await conflictingEntry(models, slot, transaction);
  if (!clash) return;
  const sameRoom = clash.room === slot.room;
  const when = `${kstDateTime(clash.scheduled_at)}~${kstDateTime(clash.scheduled_end_at).slice(11)}`;
  throw new Errors.MoleculerClientError(
    sameRoom
      ? `${slot.room} 촬영실은 ${when}에 이미 예약되어 있습니다 (room already booked then)`
      : `환자가 ${when}에 ${clash.room} 촬영이 예약되어 있습니다 (patient already booked then)`,
    409, 'SLOT_TAKEN',
    { conflictingScheduleId: clash.id, room: clash.room, start: clash.scheduled_at, end: clash.scheduled_end_at, with: sameRoom ? 'room' : 'patient' },
  );
}
