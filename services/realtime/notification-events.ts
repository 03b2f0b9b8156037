import { APPOINTMENT_STATUSES } from '../../lib/constants.js';
import { kstDateTime } from '../../lib/rules/kst-dates.js';
import type { AppointmentAttributes } from '../../models/appointment.js';
import type { CdssContext } from '../context.js';
import type { NotifyParams } from './notifications.service.js';

/**
 * Domain events that become notifications here, for actors that announce a change but do not
 * notify anyone themselves. (Order steps, critical lab values, signed radiology reports and AI
 * analyses notify from their own actors already: they know the recipients, and the notice is
 * written in the same step as the change.)
 */

/** What changed about an appointment: the payload of `appointments.changed`. */
export interface AppointmentChanged {
  appointment: Pick<AppointmentAttributes, 'id' | 'doctor_id' | 'patient_name' | 'start_time' | 'status'>;
  change: 'booked' | 'requested' | 'rescheduled' | 'status' | 'cancelled';
  /** Who made the change; a doctor is not told about their own change. Null for a portal request. */
  actorId: number | null;
}

const CHANGE_LABELS: Record<AppointmentChanged['change'], string> = {
  booked: '예약 등록 (booked)',
  requested: '예약 신청 (requested by the patient)',
  rescheduled: '예약 변경 (rescheduled)',
  status: '예약 상태 변경 (status changed)',
  cancelled: '예약 취소 (cancelled)',
};

/** The booked doctor hears of every change someone else makes to their appointments. */
export function appointmentNotice(event: AppointmentChanged): NotifyParams | null {
  const { appointment, change, actorId } = event;
  if (!appointment?.doctor_id || appointment.doctor_id === actorId || !(change in CHANGE_LABELS)) return null;
  const when = kstDateTime(new Date(appointment.start_time));
  const status = APPOINTMENT_STATUSES[appointment.status] ?? appointment.status;
  return {
    userIds: [appointment.doctor_id],
    type: 'APPOINTMENT',
    title: `[${CHANGE_LABELS[change]}] ${appointment.patient_name ?? ''} ${when}`.replace(/\s+/g, ' ').slice(0, 200),
    message: `${status} — ${when} (KST)`,
    resourceType: 'Appointment',
    resourceId: appointment.id,
  };
}

export const notificationEvents = {
  /** Expected from appointments.service (create, request, reschedule, changeStatus, cancel). */
  async 'appointments.changed'(ctx: CdssContext<AppointmentChanged>) {
    const notice = appointmentNotice(ctx.params);
    if (notice) await ctx.call('notifications.notify', notice);
  },
};
