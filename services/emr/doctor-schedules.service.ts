import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DEPARTMENT_CODES, DEPARTMENTS, type Department } from '../../lib/constants.js';
import { RELEASED_STATUSES, kstDay, type WorkingHours } from '../../lib/rules/appointments.js';
import {
  DEFAULT_SCHEDULE, SLOT_LENGTHS, WEEKDAY_LABELS, daySlots, hhmmOf, hoursOn, minutesOf, scheduleProblem, type WeeklySchedule,
} from '../../lib/rules/doctor-schedule.js';
import { isCalendarDate } from '../../lib/rules/kst-dates.js';
import { writeTransaction } from '../../models/database.js';
import { audit } from '../../mixins/audit.js';
import { runtimeOf, type Database } from '../runtime.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { dateParam } from '../../lib/http/paging.js';

const { MoleculerClientError } = Errors;

type SchedulesThis = Service & {
  database: Database;
  db(): Database;
  doctorOrThrow(id: number): Promise<void>;
  scheduleOf(doctorId: number): Promise<WeeklySchedule>;
};

const HHMM = { type: 'string', pattern: /^([01]\d|2[0-3]):[0-5]\d$/ } as const;
const DATE = dateParam;

interface ScheduleInput {
  id: number;
  slotMinutes: number;
  days: { weekday: number; open: string; close: string }[];
}

/** The API shape of a schedule: weekday names and HH:MM times. */
function present(doctorId: number, schedule: WeeklySchedule, custom: boolean) {
  return {
    doctorId,
    custom,
    slotMinutes: schedule.slotMinutes,
    days: [...schedule.days].sort((a, b) => a.weekday - b.weekday)
      .map((d) => ({ weekday: d.weekday, label: WEEKDAY_LABELS[d.weekday], open: hhmmOf(d.open), close: hhmmOf(d.close) })),
  };
}

/** `2026-11-30` → noon KST of that day (a safe instant inside it), or a 400. */
function kstNoon(date: string): Date {
  if (!isCalendarDate(date)) invalidField('date', '날짜가 올바르지 않습니다 (invalid date)');
  return new Date(`${date}T12:00:00+09:00`);
}

/**
 * Doctors' outpatient schedules (seed §3.3.2: 진료 시간, 예약 단위): the weekly hours each doctor
 * sees patients, the free slots of a day, and the doctor directory for booking — staff and the
 * patient portal alike. Appointments ask `schedules.hoursFor` before holding a slot.
 */
const DoctorSchedulesService: ServiceSchema<ServiceSettingSchema, SchedulesThis> = {
  name: 'schedules',
  mixins: [RbacMixin],
  settings: { rest: '/doctors' },

  actions: {
    doctors: {
      rest: 'GET /',
      permission: 'appointments.read',
      summary: '의사 목록 (진료과별, 진료 시간 포함) / the doctor directory with weekly hours',
      params: { department: { type: 'enum', values: DEPARTMENT_CODES, optional: true } },
      async handler(this: SchedulesThis, ctx: CdssContext<{ department?: Department }>) {
        return ctx.call('schedules.directory', ctx.params);
      },
    },

    schedule: {
      rest: 'GET /:id/schedule',
      permission: 'appointments.read',
      summary: '의사 진료 시간표 / a doctor\'s weekly outpatient hours',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: SchedulesThis, ctx: CdssContext<{ id: number }>) {
        await this.doctorOrThrow(ctx.params.id);
        const rows = await this.db().models.DoctorSchedule.count({ where: { doctor_id: ctx.params.id } });
        return present(ctx.params.id, await this.scheduleOf(ctx.params.id), rows > 0);
      },
    },

    setSchedule: {
      rest: 'PUT /:id/schedule',
      permission: 'appointments.write',
      summary: '진료 시간표 설정 (의사 본인 또는 원무과) / set weekly hours: the doctor themself or the front desk',
      params: {
        id: { type: 'number', integer: true, positive: true, convert: true },
        slotMinutes: { type: 'enum', values: [...SLOT_LENGTHS] },
        days: {
          type: 'array', max: 7,
          items: { type: 'object', strict: true, props: { weekday: { type: 'number', integer: true, min: 0, max: 6 }, open: HHMM, close: HHMM } },
        },
        $$strict: true,
      },
      async handler(this: SchedulesThis, ctx: CdssContext<ScheduleInput>) {
        const { id, slotMinutes, days } = ctx.params;
        const user = ctx.meta.user!;
        if (user.role === 'doctor' && user.id !== id) {
          await audit(ctx, { actionType: 'update', outcome: 'denied', resourceType: 'DoctorSchedule', resourceId: String(id), description: 'schedule of another doctor' });
          throw new MoleculerClientError('다른 의사의 진료 시간표는 바꿀 수 없습니다 (only your own schedule)', 403, 'NOT_OWN_SCHEDULE');
        }
        await this.doctorOrThrow(id);
        const schedule: WeeklySchedule = { slotMinutes, days: days.map((d) => ({ weekday: d.weekday, open: minutesOf(d.open), close: minutesOf(d.close) })) };
        const problem = scheduleProblem(schedule);
        if (problem) invalidField('days', problem);
        const { models, sequelize } = this.db();
        await writeTransaction(sequelize, async (transaction) => {
          await models.DoctorSchedule.destroy({ where: { doctor_id: id }, transaction });
          await models.DoctorSchedule.bulkCreate(schedule.days.map((d) => ({
            doctor_id: id, weekday: d.weekday, open_minute: d.open, close_minute: d.close, slot_minutes: slotMinutes, updated_by_id: user.id,
          })), { transaction });
        });
        await audit(ctx, { actionType: 'update', outcome: 'success', resourceType: 'DoctorSchedule', resourceId: String(id) });
        return present(id, schedule, true);
      },
    },

    slots: {
      rest: 'GET /:id/slots',
      permission: 'appointments.read',
      summary: '하루의 예약 가능 시간 / the slots of one day, free or taken',
      params: { id: { type: 'number', integer: true, positive: true, convert: true }, date: DATE },
      async handler(this: SchedulesThis, ctx: CdssContext<{ id: number; date: string }>) {
        return ctx.call('schedules.daySlots', ctx.params);
      },
    },

    /** The directory without staff-only detail, for staff and the patient portal. */
    directory: {
      permission: 'authenticated',
      visibility: 'public',
      params: { department: { type: 'enum', values: DEPARTMENT_CODES, optional: true } },
      async handler(this: SchedulesThis, ctx: CdssContext<{ department?: Department }>) {
        const { models } = this.db();
        const users = await models.AuthUser.findAll({
          where: { role: 'doctor', is_active: true, ...(ctx.params.department ? { department: ctx.params.department } : {}) },
          attributes: ['id', 'department'], order: [['department', 'ASC'], ['id', 'ASC']],
        });
        const profiles = await models.Doctor.findAll({ where: { user_id: users.map((u) => u.id) } });
        const byUser = new Map(profiles.map((p) => [p.user_id, p]));
        return Promise.all(users.map(async (u) => {
          const profile = byUser.get(u.id);
          const department = u.department as Department | null;
          return {
            id: u.id, name: profile?.name ?? '', department, departmentLabel: department ? DEPARTMENTS[department] : null,
            specialization: profile?.specialization ?? null, schedule: present(u.id, await this.scheduleOf(u.id), false),
          };
        }));
      },
    },

    /** Free and taken slots of one KST day; names no patient, so the portal may show it. */
    daySlots: {
      permission: 'authenticated',
      visibility: 'public',
      params: { id: { type: 'number', integer: true, positive: true, convert: true }, date: DATE },
      async handler(this: SchedulesThis, ctx: CdssContext<{ id: number; date: string }>) {
        const day = kstNoon(ctx.params.date);
        await this.doctorOrThrow(ctx.params.id);
        const { start, end } = kstDay(day);
        const booked = await this.db().models.Appointment.findAll({
          where: { doctor_id: ctx.params.id, status: { [Op.notIn]: RELEASED_STATUSES }, start_time: { [Op.lt]: end }, end_time: { [Op.gt]: start } },
          attributes: ['start_time', 'end_time'],
        });
        const now = Date.now();
        const slots = daySlots(await this.scheduleOf(ctx.params.id), day, booked.map((a) => ({ start: a.start_time, end: a.end_time ?? a.start_time })));
        return {
          doctorId: ctx.params.id,
          date: ctx.params.date,
          slots: slots.map((s) => ({ start: s.start, end: s.end, available: s.available && s.start.getTime() > now })),
        };
      },
    },

    /** The hours that apply to a booking starting at `start` (appointments call this). */
    hoursFor: {
      permission: 'internal',
      visibility: 'public',
      params: { doctorId: { type: 'number', integer: true, positive: true }, start: { type: 'date', convert: true } },
      async handler(this: SchedulesThis, ctx: CdssContext<{ doctorId: number; start: Date }>): Promise<WorkingHours> {
        return hoursOn(await this.scheduleOf(ctx.params.doctorId), ctx.params.start);
      },
    },
  },

  methods: {
    db(this: SchedulesThis) {
      return this.database;
    },
    async doctorOrThrow(this: SchedulesThis, id: number): Promise<void> {
      const doctor = await this.db().models.AuthUser.findOne({ where: { id, role: 'doctor', is_active: true }, attributes: ['id'] });
      if (!doctor) throw new MoleculerClientError(`의사 ${id}을(를) 찾을 수 없습니다 (no such active doctor)`, 404, 'NOT_FOUND');
    },
    async scheduleOf(this: SchedulesThis, doctorId: number): Promise<WeeklySchedule> {
      const rows = await this.db().models.DoctorSchedule.findAll({ where: { doctor_id: doctorId } });
      if (rows.length === 0) return DEFAULT_SCHEDULE;
      return { slotMinutes: rows[0].slot_minutes, days: rows.map((r) => ({ weekday: r.weekday, open: r.open_minute, close: r.close_minute })) };
    },
  },

  async started(this: SchedulesThis) {
    this.database = await runtimeOf(this.broker).database();
  },
};

export default DoctorSchedulesService;
