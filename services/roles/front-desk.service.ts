import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { CdssContext } from '../context.js';
import { countBy, today } from './today.js';

type Row = Record<string, unknown>;

/**
 * The front desk role actor (seed §4.3.1): owns no tables; today's appointments, the reception
 * queue, today's payments (daily settlement) and the week's statistics, in one call.
 */
const FrontDeskService: ServiceSchema = {
  name: 'front-desk',
  mixins: [RbacMixin],
  settings: { rest: '/front-desk' },

  actions: {
    dashboard: {
      rest: 'GET /dashboard',
      permission: 'dashboard.front-desk',
      summary: '원무과 대시보드 (오늘 예약, 접수 대기, 수납, 통계, 예약 문의) / the front desk\'s day at a glance',
      async handler(ctx: CdssContext) {
        const day = today();
        const [appointments, queue, settlement, statistics, inquiries] = await Promise.all([
          ctx.call<Page<Row>, object>('appointments.list', { from: day.from, to: day.to, pageSize: 500 }),
          ctx.call<Page<Row>, object>('appointments.queue', {}),
          ctx.call<Row, object>('billing.settlement', { date: day.date }),
          ctx.call<Row, object>('statistics.daily', { to: day.date }),
          ctx.call<Record<string, number>, object>('inquiries.counts', {}),
        ]);
        return {
          date: day.date,
          todayAppointments: {
            total: appointments.total,
            byStatus: countBy(appointments.items, (a) => String(a.status)),
            byDepartment: countBy(appointments.items, (a) => a.doctor_department as string | null),
          },
          receptionQueue: { total: queue.total, items: queue.items },
          payments: settlement,
          statistics,
          inquiries,
        };
      },
    },
  },
};

export default FrontDeskService;
