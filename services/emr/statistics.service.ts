import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { audit } from '../../mixins/audit.js';
import { DEPARTMENT_CODES, DEPARTMENTS } from '../../lib/constants.js';
import { isCalendarDate, kstDateOf, kstDatesBetween, kstDayOf } from '../../lib/rules/kst-dates.js';
import { runtimeOf, type Database } from '../runtime.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { dateParam } from '../../lib/http/paging.js';

const MAX_DAYS = 62;
const DATE = { ...dateParam, optional: true } as const;
/** Who sees money: payments are the front desk's and the administrator's business, not a doctor's. */
const SEES_PAYMENTS = new Set(['front_desk', 'sysadmin']);

type StatisticsThis = Service & { database: Database };

interface DepartmentDay { appointments: number; patients: number }
interface DayStatistics {
  date: string;
  appointments: { total: number; byStatus: Record<string, number> };
  departments: Record<string, DepartmentDay>;
  newPatients: number;
  payments: { payments: number; refunds: number; net: number; count: number } | null;
}

/**
 * Statistics (seed §4.1.1, §4.3.6): per KST day, appointments by status, appointments and distinct
 * patients per department, new registrations, and — for the front desk and the administrator —
 * payments from the billing actor. Aggregates only: no patient is named.
 */
const StatisticsService: ServiceSchema<ServiceSettingSchema, StatisticsThis> = {
  name: 'statistics',
  mixins: [RbacMixin],
  settings: { rest: '/statistics' },

  actions: {
    daily: {
      rest: 'GET /daily',
      permission: 'statistics.read',
      summary: '일별 통계 (예약·진료과별 환자·신규 등록·수납) / daily appointments, patients per department, registrations, payments',
      params: { from: DATE, to: DATE },
      async handler(this: StatisticsThis, ctx: CdssContext<{ from?: string; to?: string }>) {
        const to = ctx.params.to ?? kstDateOf(new Date());
        const from = ctx.params.from ?? kstDateOf(new Date(Date.parse(`${to}T12:00:00+09:00`) - 6 * 86_400_000));
        if (!isCalendarDate(from)) invalidField('from', '날짜가 올바르지 않습니다 (invalid date)');
        if (!isCalendarDate(to)) invalidField('to', '날짜가 올바르지 않습니다 (invalid date)');
        const span = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
        if (span < 1) invalidField('to', '기간의 끝이 시작보다 빠릅니다 (to before from)');
        if (span > MAX_DAYS) invalidField('to', `기간은 최대 ${MAX_DAYS}일입니다 (at most ${MAX_DAYS} days)`);

        const { models } = this.database;
        const window = { [Op.gte]: kstDayOf(from).start, [Op.lt]: kstDayOf(to).end };
        const [appointments, registrations] = await Promise.all([
          models.Appointment.findAll({ where: { start_time: window }, attributes: ['start_time', 'status', 'doctor_department', 'patient_id'], raw: true }),
          models.Patient.findAll({ where: { created_at: window }, attributes: ['created_at'], raw: true }),
        ]);
        const payments = SEES_PAYMENTS.has(ctx.meta.user!.role)
          ? await ctx.call<{ date: string; payments: number; refunds: number; net: number; count: number }[], object>('billing.daySummary', { from, to })
          : null;

        const days = new Map<string, DayStatistics>(kstDatesBetween(from, to).map((date) => [date, {
          date, appointments: { total: 0, byStatus: {} }, newPatients: 0, payments: null,
          departments: Object.fromEntries(DEPARTMENT_CODES.map((d) => [d, { appointments: 0, patients: 0 }])),
        }]));
        const patientsSeen = new Map<string, Set<number>>();
        for (const row of appointments) {
          const date = kstDateOf(new Date(row.start_time));
          const day = days.get(date);
          if (!day) continue;
          day.appointments.total += 1;
          day.appointments.byStatus[row.status] = (day.appointments.byStatus[row.status] ?? 0) + 1;
          const department = row.doctor_department ? day.departments[row.doctor_department] : undefined;
          if (!department) continue;
          department.appointments += 1;
          const key = `${date}|${row.doctor_department}`;
          const seen = patientsSeen.get(key) ?? new Set<number>();
          if (row.patient_id !== null) seen.add(row.patient_id);
          patientsSeen.set(key, seen);
          department.patients = seen.size;
        }
        for (const row of registrations) {
          const day = days.get(kstDateOf(new Date(row.created_at)));
          if (day) day.newPatients += 1;
        }
        for (const summary of payments ?? []) {
          const day = days.get(summary.date);
          if (day) day.payments = { payments: summary.payments, refunds: summary.refunds, net: summary.net, count: summary.count };
        }
        await audit(ctx, { actionType: 'search', outcome: 'success', resourceType: 'Statistics', description: `daily ${from}..${to}` });
        return { from, to, departmentLabels: DEPARTMENTS, paymentsIncluded: payments !== null, days: [...days.values()] };
      },
    },
  },

  async started(this: StatisticsThis) {
    this.database = await runtimeOf(this.broker).database();
  },
};

export default StatisticsService;
