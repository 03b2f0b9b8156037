import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
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
        const [appointments, patients, doses, abnormal] = await Promise.all([
          ctx.call<Page<Row>, object>('appointments.list', { ...(user.department ? { department: user.department } : {}), from: day.from, to: day.to, pageSize: 500 }),
          ctx.call<Page<Row>, object>('patients.list', { pageSize: 20, sort: 'name' }),
          ctx.call<Row, object>('mar.due', { date: day.date }),
          ctx.call<Row[], object>('nursing.recentAbnormal', { hours: 24 }),
        ]);
        return {
          date: day.date,
          todayAppointments: { total: appointments.total, byStatus: countBy(appointments.items, (a) => String(a.status)), items: appointments.items },
          assignedPatients: { total: patients.total, items: patients.items },
          medicationsDue: doses,
          abnormalVitals: { total: abnormal.length, critical: abnormal.filter((r) => (r.abnormal as { critical: boolean }[]).some((f) => f.critical)).length, items: abnormal },
        };
      },
    },
  },
};

export default NurseService;
