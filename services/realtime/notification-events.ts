import { APPOINTMENT_STATUSES } from '../../lib/constants.js';
import { kstDateTime } from '../../lib/rules/kst-dates.js';
import type { AppointmentAttributes } from '../../models/appointment.js';
import type { CdssContext } from '../context.js';
import type { NotifyParams, NotifyPatientParams } from './notifications.service.js';

/**
 * Domain events that become notifications here, for actors that announce a change but do not
 * notify anyone themselves. (Order steps, critical lab values, signed radiology reports and AI
 * analyses notify from their own actors already: they know the recipients, and the notice is
 * written in the same step as the change.)
 */

/** What changed about an appointment: the payload of `appointments.changed`. */
export interface AppointmentChanged {
  appointment: Pick<AppointmentAttributes, 'id' | 'doctor_id' | 'patient_name' | 'start_time' | 'status'> & { patient_id?: number | null };
  change: 'booked' | 'requested' | 'rescheduled' | 'status' | 'cancelled';
  /** The staff user who made the change; a doctor is not told about their own change. Null for the patient's own (portal) change. */
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

/** What the patient is told when the hospital changes their appointment (their own changes they know of). */
const PATIENT_CHANGES: Partial<Record<AppointmentChanged['change'], string>> = {
  booked: '진료 예약이 등록되었습니다 (appointment booked)',
  rescheduled: '진료 예약 시간이 변경되었습니다 (appointment rescheduled)',
  cancelled: '진료 예약이 취소되었습니다 (appointment cancelled)',
};

/**
 * The patient hears of a booking, a new time, a cancellation or a confirmed request made by the
 * hospital; the steps of the visit itself (접수, 진료중, 완료) happen with them present.
 */
export function patientAppointmentNotice(event: AppointmentChanged): NotifyPatientParams | null {
  const { appointment, change, actorId } = event;
  if (actorId === null || !appointment?.patient_id) return null;
  const confirmed = change === 'status' && appointment.status === 'BOOKED';
  const cancelled = change === 'status' && appointment.status === 'CANCELLED';
  const title = confirmed ? '진료 예약이 확정되었습니다 (appointment confirmed)' : cancelled ? PATIENT_CHANGES.cancelled : PATIENT_CHANGES[change];
  if (!title) return null;
  return {
    patientId: appointment.patient_id,
    type: 'APPOINTMENT',
    title,
    message: `${kstDateTime(new Date(appointment.start_time))} (KST)`,
    resourceType: 'Appointment',
    resourceId: appointment.id,
  };
}

export const notificationEvents = {
  /** Expected from appointments.service (create, request, reschedule, changeStatus, cancel). */
  async 'appointments.changed'(ctx: CdssContext<AppointmentChanged>) {
    const notice = appointmentNotice(ctx.params);
    if (notice) await ctx.call('notifications.notify', notice);
    const patientNotice = patientAppointmentNotice(ctx.params);
    if (patientNotice) await ctx.call('notifications.notifyPatient', patientNotice);
  },
};
