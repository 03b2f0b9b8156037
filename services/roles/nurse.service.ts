import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { CriticalResult } from '../lis/lis.service.js';
import type { CdssContext } from '../context.js';
import { countBy, today } from './today.js';

type Row = Record<string, unknown>;

/**
 * The nurse role actor (seed §4.2.1): owns no tables; gathers today's appointments of the ward's
 * department, the patients in the nurse's care, doses due and abnormal vitals.
 */
const NurseService: ServiceSchema = {
  name: 'nurse',
  mixins: [RbacMixin],
  settings: { rest: '/nurse' },

  actions: {
    dashboard: {
      rest: 'GET /dashboard',
      permission: 'dashboard.nurse',
      summary: '간호사 대시보드 (오늘 예약, 담당 환자, 투약 예정, 이상 활력징후) / the nurse\'s shift at a glance',
      async handler(ctx: CdssContext) {
        const user = ctx.meta.user!;
        const day = today();
        const [appointments, patients, doses, abnormal, collections, criticals] = await Promise.all([
          ctx.call<Page<Row>, object>('appointments.list', { ...(user.department ? { department: user.department } : {}), from: day.from, to: day.to, pageSize: 500 }),
          ctx.call<Page<Row>, object>('patients.list', { pageSize: 20, sort: 'name' }),
          ctx.call<Row, object>('mar.due', { date: day.date }),
          ctx.call<Row[], object>('nursing.recentAbnormal', { hours: 24 }),
          ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { type: 'LAB', status: 'PENDING', sort: 'worklist', pageSize: 100 }),
          ctx.call<{ total: number; items: CriticalResult[] }, object>('lis.unacknowledgedCriticals', { limit: 20 }),
        ]);
        return {
          date: day.date,
          todayAppointments: { total: appointments.total, byStatus: countBy(appointments.items, (a) => String(a.status)), items: appointments.items },
          assignedPatients: { total: patients.total, items: patients.items },
          medicationsDue: doses,
          abnormalVitals: { total: abnormal.length, critical: abnormal.filter((r) => (r.abnormal as { critical: boolean }[]).some((f) => f.critical)).length, items: abnormal },
          specimensToCollect: { total: collections.total, stat: collections.items.filter((o) => o.priority === 'STAT').length },
          unacknowledgedCriticals: criticals,
        };
      },
    },

    tasks: {
      rest: 'GET /tasks',
      permission: 'dashboard.nurse',
      summary: '간호 업무 (오더에서 온 채혈, 투약 예정, 위급 검사값) / the shift\'s tasks from orders: specimens to collect (STAT first), doses due, critical results',
      async handler(ctx: CdssContext) {
        const day = today();
        const [collections, doses, criticals] = await Promise.all([
          ctx.call<Row, object>('lis.collections', {}),
          ctx.call<Row, object>('mar.due', { date: day.date }),
          ctx.call<{ total: number; items: CriticalResult[] }, object>('lis.unacknowledgedCriticals', { limit: 50 }),
        ]);
        return { date: day.date, specimenCollection: collections, medicationsDue: doses, criticalResults: criticals };
      },
    },
  },
};

export default NurseService;
