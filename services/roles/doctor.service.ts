import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { CdssContext } from '../context.js';
import { countBy, today } from './today.js';

type Row = Record<string, unknown>;

/**
 * The doctor role actor (seed §4.1.1): owns no tables; one call gathers the doctor's day from the
 * system actors, each applying the doctor's own row scope and audit.
 */
const DoctorService: ServiceSchema = {
  name: 'doctor',
  mixins: [RbacMixin],
  settings: { rest: '/doctor' },

  actions: {
    dashboard: {
      rest: 'GET /dashboard',
      permission: 'dashboard.doctor',
      summary: '의사 대시보드 (오늘 예약, 내 환자, 최근 기록, 판독 확인 영상, 진료과 통계) / the doctor\'s day at a glance',
      async handler(ctx: CdssContext) {
        const user = ctx.meta.user!;
        const day = today();
        const [mine, department, patients, records, images] = await Promise.all([
          ctx.call<Page<Row>, object>('appointments.list', { doctorId: user.id, from: day.from, to: day.to, pageSize: 100 }),
          user.department
            ? ctx.call<Page<Row>, object>('appointments.list', { department: user.department, from: day.from, to: day.to, pageSize: 500 })
            : Promise.resolve(null),
          ctx.call<Page<Row>, object>('patients.caredForByMe', { limit: 20 }),
          ctx.call<{ drafts: number; items: Row[] }, object>('records.recentByMe', { limit: 10 }),
          ctx.call<Row[], object>('records.imagesForReview', {}),
        ]);
        return {
          date: day.date,
          todayAppointments: { total: mine.total, byStatus: countBy(mine.items, (a) => String(a.status)), items: mine.items },
          myPatients: { total: patients.total, items: patients.items },
          recentRecords: records,
          imagesForReview: { total: images.length, items: images },
          departmentToday: department && {
            department: user.department,
            appointments: department.total,
            byStatus: countBy(department.items, (a) => String(a.status)),
            byDoctor: countBy(department.items, (a) => String(a.doctor_name)),
          },
        };
      },
    },
  },
};

export default DoctorService;
