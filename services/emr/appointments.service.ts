import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { APPOINTMENT_STATUSES, APPOINTMENT_TYPES, DEPARTMENT_CODES, keysOf } from '../../lib/constants.js';
import type { AppointmentStatus, AppointmentType } from '../../lib/constants-clinical.js';
import { APPOINTMENT_TRANSITIONS, QUEUE_STATUSES, RELEASED_STATUSES, kstDay, slotProblem, type WorkingHours } from '../../lib/rules/appointments.js';
import { calendarRange, isCalendarDate, kstDateOf, kstDateTime, kstDatesBetween, kstDayOf, type CalendarView } from '../../lib/rules/kst-dates.js';
import type { Models } from '../../models/index.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import type { AppointmentAttributes } from '../../models/appointment.js';
import type { AppointmentChanged } from '../realtime/notification-events.js';

const { MoleculerClientError } = Errors;

export interface AppointmentListParams extends PagingParams {
  department?: string;
  doctorId?: number;
  patientId?: number;
  status?: AppointmentStatus;
  from?: Date;
  to?: Date;
}

export interface NewAppointment {
  patientId: number;
  doctorId: number;
  startTime: Date;
  endTime?: Date;
  type?: AppointmentType;
  title?: string;
  memo?: string;
}

type AppointmentsThis = Service & DbMethods & {
  bookableSlot(ctx: CdssContext, doctorId: number, start: Date, end?: Date): Promise<Date>;
  refuseColleagueBooking(ctx: CdssContext, doctorId: number, patientId: number): Promise<void>;
};

const ACTIVE = { [Op.notIn]: RELEASED_STATUSES };
/** A month of a busy department fits; beyond it the page says `truncated`. */
const CALENDAR_LIMIT = 2000;

/**
 * Announces a written change as `appointments.changed` (the notifications actor tells the booked
 * doctor and, for a change the hospital made, the patient: services/realtime/notification-events.ts).
 * A portal request or cancellation has no staff actor.
 */
function announce<T>(ctx: CdssContext, change: AppointmentChanged['change'], row: T): T {
  const a = row as unknown as AppointmentAttributes;
  const event: AppointmentChanged = {
    appointment: { id: a.id, doctor_id: a.doctor_id, patient_id: a.patient_id, patient_name: a.patient_name, start_time: a.start_time, status: a.status },
    // Only staff ids: a patient's portal account numbers apart and must never match a doctor's id.
    change, actorId: ctx.meta.user?.realm === 'staff' ? ctx.meta.user.id : null,
  };
  void ctx.emit('appointments.changed', event);
  return row;
}

/** The first appointment overlapping [start, end) for this doctor or this patient, if any. */
async function conflictingSlot(models: Models, doctorId: number, patientId: number, start: Date, end: Date, transaction: Transaction, exceptId?: string) {
  return models.Appointment.findOne({
    where: {
      ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}),
      status: ACTIVE,
      start_time: { [Op.lt]: end },
      end_time: { [Op.gt]: start },
      [Op.or]: [{ doctor_id: doctorId }, { patient_id: patientId }],
    },
    order: [['start_time', 'ASC']],
    transaction,
  });
}

/** 409 naming the conflicting appointment when the doctor or the patient is already booked then. */
async function refuseDoubleBooking(models: Models, doctorId: number, patientId: number, start: Date, end: Date, transaction: Transaction, exceptId?: string) {
  const clash = await conflictingSlot(models, doctorId, patientId, start, end, transaction, exceptId);
  if (!clash) return;
  const withDoctor = clash.doctor_id === doctorId;
  throw new MoleculerClientError(
    `${withDoctor ? '의사' : '환자'}에게 이미 ${kstDateTime(clash.start_time)}–${clash.end_time ? kstDateTime(clash.end_time).slice(11) : ''} (KST) 예약이 있습니다 (double booking)`,
    409, 'SLOT_TAKEN', { conflictingAppointmentId: clash.id, start: clash.start_time, end: clash.end_time, with: withDoctor ? 'doctor' : 'patient' },
  );
}

/**
 * A doctor books, moves and cancels visits in their own calendar; a colleague's calendar is the
 * front desk's to change (status steps such as check-in stay open to the department).
 */
function notOwnCalendar(): never {
  throw new MoleculerClientError('다른 의사의 진료 예약은 원무과에서 잡거나 변경합니다 (a doctor books and changes only their own appointments)', 403, 'NOT_OWN_CALENDAR');
}

/** Inside a scoped change: refuses a doctor's change to a colleague's appointment (audited as denied by the db mixin). */
function ownCalendarOnly(ctx: CdssContext, current: Record<string, unknown>): void {
  const user = ctx.meta.user!;
  if (user.role === 'doctor' && Number(current.doctor_id) !== user.id) notOwnCalendar();
}

/**
 * Appointments (seed §3.3.2, §7.5): booking with conflict detection inside the clinic's hours,
 * filters for calendars, and the status flow. Booking puts the patient in the doctor's and the
 * department's care team, which is what opens the chart to them.
 */
const AppointmentsService: ServiceSchema<ServiceSettingSchema, AppointmentsThis> = {
  name: 'appointments',
  mixins: [RbacMixin, DbMixin({ model: 'Appointment', resourceType: 'Appointment', patientColumn: 'patient_id' })],
  settings: { rest: '/appointments' },

  actions: {
    list: {
      rest: 'GET /',
      permission: 'appointments.read',
      summary: '예약 목록 (진료과·의사·환자·상태·기간 필터, 달력 조회) / appointments filtered for calendars',
      params: {
        ...pagingParams,
        pageSize: { ...pagingParams.pageSize, max: 500 },
        department: { type: 'enum', values: DEPARTMENT_CODES, optional: true },
        doctorId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        patientId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        status: { type: 'enum', values: keysOf(APPOINTMENT_STATUSES), optional: true },
        from: { type: 'date', convert: true, optional: true },
        to: { type: 'date', convert: true, optional: true },
      },
      async handler(this: AppointmentsThis, ctx: CdssContext<AppointmentListParams>) {
        const { page, pageSize, department, doctorId, patientId, status, from, to } = ctx.params;
        if (from && to && to < from) invalidField('to', '기간의 끝이 시작보다 빠릅니다 (to before from)');
        const where: WhereOptions = {
          ...(department ? { doctor_department: department } : {}),
          ...(doctorId ? { doctor_id: doctorId } : {}),
          ...(patientId ? { patient_id: patientId } : {}),
          ...(status ? { status } : {}),
          ...(from || to ? { start_time: { ...(from ? { [Op.gte]: from } : {}), ...(to ? { [Op.lt]: to } : {}) } } : {}),
        };
        return this.scopedFindPage(ctx, { where, order: [['start_time', 'ASC'], ['id', 'ASC']], page, pageSize });
      },
    },

    // Before `get`: moleculer-web matches aliases in order, and /calendar would read as an :id.
    calendar: {
      rest: 'GET /calendar',
      permission: 'appointments.read',
      summary: '예약 달력 (일·주·월 보기, 날짜별 묶음) / a day, week (Mon–Sun) or month of appointments, grouped by KST date',
      params: {
        view: { type: 'enum', values: ['day', 'week', 'month'], default: 'week' },
        date: { type: 'string', optional: true },
        department: { type: 'enum', values: DEPARTMENT_CODES, optional: true },
        doctorId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        patientId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        status: { type: 'enum', values: keysOf(APPOINTMENT_STATUSES), optional: true },
      },
      async handler(this: AppointmentsThis, ctx: CdssContext<AppointmentListParams & { view: CalendarView; date?: string }>) {
        const { view, date = kstDateOf(new Date()), department, doctorId, patientId, status } = ctx.params;
        if (!isCalendarDate(date)) invalidField('date', '날짜가 올바르지 않습니다 (invalid date)');
        const range = calendarRange(view, date);
        const found = await this.scopedFindPage(ctx, {
          where: {
            ...(department ? { doctor_department: department } : {}),
            ...(doctorId ? { doctor_id: doctorId } : {}),
            ...(patientId ? { patient_id: patientId } : {}),
            ...(status ? { status } : {}),
            start_time: { [Op.gte]: kstDayOf(range.from).start, [Op.lt]: kstDayOf(range.to).end },
          },
          order: [['start_time', 'ASC'], ['id', 'ASC']],
          page: 1,
          pageSize: CALENDAR_LIMIT,
        }, `calendar ${view} ${date}`);
        const days = new Map(kstDatesBetween(range.from, range.to).map((d) => [d, [] as Record<string, unknown>[]]));
        for (const item of found.items) days.get(kstDateOf(new Date(item.start_time as string)))?.push(item);
        return {
          view, ...range, total: found.total, truncated: found.total > found.items.length,
          days: [...days].map(([day, items]) => ({ date: day, count: items.length, items })),
        };
      },
    },

    // Before `get`: moleculer-web matches aliases in order, and /queue would read as an :id.
    queue: {
      rest: 'GET /queue',
      permission: 'appointments.read',
      summary: '오늘의 접수 대기 목록 (예약·접수·진료중) / today\'s reception queue (KST)',
      params: { department: { type: 'enum', values: DEPARTMENT_CODES, optional: true } },
      async handler(this: AppointmentsThis, ctx: CdssContext<{ department?: string }>) {
        const { start, end } = kstDay();
        return this.scopedFindPage(ctx, {
          where: {
            status: { [Op.in]: QUEUE_STATUSES },
            start_time: { [Op.gte]: start, [Op.lt]: end },
            ...(ctx.params.department ? { doctor_department: ctx.params.department } : {}),
          },
          order: [['start_time', 'ASC'], ['id', 'ASC']],
          page: 1,
          pageSize: 500,
        }, 'reception queue');
      },
    },

    get: {
      rest: 'GET /:id',
      permission: 'appointments.read',
      summary: '예약 상세 / one appointment',
      params: { id: { type: 'uuid' } },
      async handler(this: AppointmentsThis, ctx: CdssContext<{ id: string }>) {
        return this.scopedFindOne(ctx, ctx.params.id);
      },
    },

    create: {
      rest: 'POST /',
      permission: 'appointments.write',
      summary: '예약 생성 (의사·환자 중복 예약 시 409) / book a slot; a double booking answers 409',
      params: {
        patientId: { type: 'number', integer: true, positive: true },
        doctorId: { type: 'number', integer: true, positive: true },
        startTime: { type: 'date', convert: true },
        endTime: { type: 'date', convert: true, optional: true },
        type: { type: 'enum', values: keysOf(APPOINTMENT_TYPES), optional: true },
        title: { type: 'string', max: 200, optional: true },
        memo: { type: 'string', max: 2000, optional: true },
        $$strict: true,
      },
      async handler(this: AppointmentsThis, ctx: CdssContext<NewAppointment>) {
        const { patientId, doctorId, startTime, type = 'GENERAL', title, memo } = ctx.params;
        await this.refuseColleagueBooking(ctx, doctorId, patientId);
        const endTime = await this.bookableSlot(ctx, doctorId, startTime, ctx.params.endTime);
        const patient = await ctx.call<Record<string, unknown>, object>('patients.get', { id: patientId }); // 404 outside scope
        const { models } = this.db();
        const doctor = await models.AuthUser.findOne({ where: { id: doctorId, role: 'doctor', is_active: true } });
        if (!doctor) invalidField('doctorId', '해당 의사를 찾을 수 없습니다 (no such active doctor)');
        const profile = await models.Doctor.findOne({ where: { user_id: doctorId } });
        return announce(ctx, 'booked', await this.auditedCreate(ctx, async (transaction) => {
          // Lock the doctor and the patient so two bookings of one slot take turns (MySQL; SQLite
          // write transactions already do).
          await models.AuthUser.findByPk(doctorId, { transaction, lock: transaction.LOCK.UPDATE });
          await models.Patient.findByPk(patientId, { transaction, lock: transaction.LOCK.UPDATE });
          await refuseDoubleBooking(models, doctorId, patientId, startTime, endTime, transaction);
          const appointment = await models.Appointment.create({
            patient_id: patientId, doctor_id: doctorId, doctor_department: doctor.department as never, title: title ?? null, type,
            start_time: startTime, end_time: endTime, status: 'BOOKED', memo: memo ?? null, created_by_id: ctx.meta.user!.id,
            patient_identifier: String(patient.patient_id), patient_name: String(patient.name), patient_gender: patient.gender as never,
            patient_age: (patient.age as number | undefined) ?? null, doctor_code: profile?.code ?? doctor.doctor_id,
            doctor_username: doctor.username, doctor_name: profile?.name ?? doctor.username,
          }, { transaction });
          // The booked doctor and their department now care for the patient (row scopes read this).
          const existing = await models.CareTeamMember.findOne({ where: { patient_id: patientId, user_id: doctorId, active: true }, transaction });
          if (!existing) {
            await models.CareTeamMember.bulkCreate([
              { patient_id: patientId, user_id: doctorId, department: doctor.department, relation: 'attending' },
              { patient_id: patientId, department: doctor.department, relation: 'department' },
            ], { transaction });
          }
          return appointment;
        }));
      },
    },

    reschedule: {
      rest: 'PATCH /:id',
      permission: 'appointments.write',
      summary: '예약 변경 (시간·메모·유형; 중복 시 409) / move an appointment or edit its memo; a double booking answers 409',
      params: {
        id: { type: 'uuid' },
        startTime: { type: 'date', convert: true, optional: true },
        endTime: { type: 'date', convert: true, optional: true },
        type: { type: 'enum', values: keysOf(APPOINTMENT_TYPES), optional: true },
        title: { type: 'string', max: 200, optional: true },
        memo: { type: 'string', max: 2000, optional: true },
        $$strict: true,
      },
      async handler(this: AppointmentsThis, ctx: CdssContext<Partial<NewAppointment> & { id: string }>) {
        const { id, startTime, endTime, type, title, memo } = ctx.params;
        if ([startTime, endTime, type, title, memo].every((v) => v === undefined)) invalidField('body', '변경할 항목이 없습니다 (nothing to change)');
        if (endTime && !startTime) invalidField('startTime', '종료 시각만 바꿀 수는 없습니다 (endTime needs startTime)');
        return announce(ctx, 'rescheduled', await this.scopedUpdate(ctx, id, async (current, transaction) => {
          ownCalendarOnly(ctx, current);
          if (!['REQUESTED', 'BOOKED'].includes(String(current.status))) {
            throw new MoleculerClientError(`${String(current.status)} 상태의 예약은 변경할 수 없습니다 (only requested or booked appointments change)`, 409, 'INVALID_TRANSITION');
          }
          const changes: Record<string, unknown> = {
            ...(type ? { type } : {}), ...(title !== undefined ? { title } : {}), ...(memo !== undefined ? { memo } : {}),
          };
          if (startTime) {
            const doctorId = Number(current.doctor_id);
            const end = await this.bookableSlot(ctx, doctorId, startTime, endTime);
            if (current.status === 'BOOKED') await refuseDoubleBooking(this.db().models, doctorId, Number(current.patient_id), startTime, end, transaction, id);
            Object.assign(changes, { start_time: startTime, end_time: end });
          }
          return changes;
        }));
      },
    },

    changeStatus: {
      rest: 'PATCH /:id/status',
      permission: 'appointments.write',
      summary: '예약 상태 변경 (접수 → 진료중 → 완료, 취소, 미방문) / move through the status flow',
      params: { id: { type: 'uuid' }, status: { type: 'enum', values: keysOf(APPOINTMENT_STATUSES) }, $$strict: true },
      async handler(this: AppointmentsThis, ctx: CdssContext<{ id: string; status: AppointmentStatus }>) {
        return announce(ctx, 'status', await this.scopedUpdate(ctx, ctx.params.id, async (current, transaction) => {
          const from = current.status as AppointmentStatus;
          // Cancelling is a booking change, whichever route asks for it.
          if (ctx.params.status === 'CANCELLED') ownCalendarOnly(ctx, current);
          if (!APPOINTMENT_TRANSITIONS[from].includes(ctx.params.status)) {
            throw new MoleculerClientError(`${from} 상태에서 ${ctx.params.status}(으)로 바꿀 수 없습니다 (invalid transition)`, 409, 'INVALID_TRANSITION',
              { from, to: ctx.params.status, allowed: APPOINTMENT_TRANSITIONS[from] });
          }
          // Confirming a portal request claims its slot now.
          if (from === 'REQUESTED' && ctx.params.status === 'BOOKED') {
            await refuseDoubleBooking(this.db().models, Number(current.doctor_id), Number(current.patient_id),
              current.start_time as Date, current.end_time as Date, transaction, String(current.id));
          }
          return { status: ctx.params.status };
        }));
      },
    },

    /** The signed-in patient's appointments (the patient's row scope is themself). */
    mine: {
      permission: 'internal',
      visibility: 'public',
      params: { ...pagingParams },
      async handler(this: AppointmentsThis, ctx: CdssContext<PagingParams>) {
        return this.scopedFindPage(ctx, { order: [['start_time', 'DESC']], page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    /** A portal request: REQUESTED, holding no slot until the front desk confirms it. */
    request: {
      permission: 'internal',
      visibility: 'public',
      params: {
        doctorId: { type: 'number', integer: true, positive: true },
        startTime: { type: 'date', convert: true },
        memo: { type: 'string', max: 1000, optional: true },
      },
      async handler(this: AppointmentsThis, ctx: CdssContext<{ doctorId: number; startTime: Date; memo?: string }>) {
        const user = ctx.meta.user!;
        const { doctorId, startTime, memo } = ctx.params;
        const endTime = await this.bookableSlot(ctx, doctorId, startTime);
        const { models } = this.db();
        const doctor = await models.AuthUser.findOne({ where: { id: doctorId, role: 'doctor', is_active: true } });
        if (!doctor) invalidField('doctorId', '해당 의사를 찾을 수 없습니다 (no such active doctor)');
        const patient = await models.Patient.findByPk(user.patientId!);
        if (!patient) throw new MoleculerClientError('연결된 환자 기록이 없습니다. 원무과에 문의하세요 (no linked chart)', 404, 'NO_LINKED_CHART');
        const profile = await models.Doctor.findOne({ where: { user_id: doctorId } });
        return announce(ctx, 'requested', await this.auditedCreate(ctx, (transaction) => models.Appointment.create({
          patient_id: patient.id, doctor_id: doctorId, doctor_department: doctor.department as never, title: '환자 예약 신청', type: 'GENERAL',
          start_time: startTime, end_time: endTime, status: 'REQUESTED', memo: memo ?? null, created_by_id: null,
          patient_identifier: patient.patient_id, patient_name: patient.name, patient_gender: patient.gender, patient_age: patient.age,
          doctor_code: profile?.code ?? doctor.doctor_id, doctor_username: doctor.username, doctor_name: profile?.name ?? doctor.username,
        }, { transaction })));
      },
    },

    /** A patient withdraws their own request or booking before it starts (the portal); the slot is released. */
    cancelOwn: {
      permission: 'internal',
      visibility: 'public',
      params: { id: { type: 'uuid' } },
      async handler(this: AppointmentsThis, ctx: CdssContext<{ id: string }>) {
        return announce(ctx, 'cancelled', await this.scopedUpdate(ctx, ctx.params.id, async (current) => {
          if (!['REQUESTED', 'BOOKED'].includes(String(current.status))) {
            throw new MoleculerClientError('신청 또는 예약 상태의 예약만 취소할 수 있습니다. 원무과에 문의하세요 (only a requested or booked appointment can be cancelled)', 409, 'INVALID_TRANSITION');
          }
          if (new Date(current.start_time as string).getTime() <= Date.now()) {
            throw new MoleculerClientError('이미 시작된 예약은 취소할 수 없습니다 (the appointment has already started)', 409, 'ALREADY_STARTED');
          }
          return { status: 'CANCELLED' };
        }));
      },
    },

    cancel: {
      rest: 'DELETE /:id',
      permission: 'appointments.write',
      summary: '예약 취소 (기록은 남고 시간은 비워짐) / cancel; the row stays, the slot is released',
      params: { id: { type: 'uuid' } },
      async handler(this: AppointmentsThis, ctx: CdssContext<{ id: string }>) {
        return announce(ctx, 'cancelled', await this.scopedUpdate(ctx, ctx.params.id, async (current) => {
          ownCalendarOnly(ctx, current);
          if (!APPOINTMENT_TRANSITIONS[current.status as AppointmentStatus].includes('CANCELLED')) {
            throw new MoleculerClientError(`${String(current.status)} 상태의 예약은 취소할 수 없습니다 (cannot cancel)`, 409, 'INVALID_TRANSITION');
          }
          return { status: 'CANCELLED' };
        }));
      },
    },
  },

  methods: {
    /** A doctor books only in their own calendar: 403 `NOT_OWN_CALENDAR` (audited) for a colleague's. */
    async refuseColleagueBooking(this: AppointmentsThis, ctx: CdssContext, doctorId: number, patientId: number): Promise<void> {
      const user = ctx.meta.user!;
      if (user.role !== 'doctor' || user.id === doctorId) return;
      await this.auditAccess(ctx, { actionType: 'create', outcome: 'denied', patientId, description: `booking in the calendar of doctor ${doctorId}` });
      notOwnCalendar();
    },

    /** Checks a start (and optional end) against the doctor's own hours; returns the end time. */
    async bookableSlot(this: AppointmentsThis, ctx: CdssContext, doctorId: number, start: Date, end?: Date): Promise<Date> {
      const hours = await ctx.call<WorkingHours, object>('schedules.hoursFor', { doctorId, start });
      const until = end ?? new Date(start.getTime() + hours.slotMinutes * 60_000);
      const problem = slotProblem(start, until, hours);
      if (problem) invalidField('startTime', problem);
      if (start.getTime() < Date.now() - 5 * 60_000) invalidField('startTime', '지난 시각은 예약할 수 없습니다 (start in the past)');
      return until;
    },
  },
};

export default AppointmentsService;

