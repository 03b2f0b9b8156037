import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { NotificationAttributes } from '../../models/notification.js';
import type { CriticalResult } from '../lis/lis.service.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { ReportSummary } from '../ris/radiology-reports.service.js';
import type { CdssContext } from '../context.js';
import { countBy, today } from './today.js';

type Row = Record<string, unknown>;

/** The notifications that mean "a result of yours is new": unread ones about orders, results and reports. */
const RESULT_RESOURCES = ['OcsOrder', 'LabResult', 'RadiologyReport'];

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
        const [mine, department, patients, records, images, criticals, openOrders] = await Promise.all([
          ctx.call<Page<Row>, object>('appointments.list', { doctorId: user.id, from: day.from, to: day.to, pageSize: 100 }),
          user.department
            ? ctx.call<Page<Row>, object>('appointments.list', { department: user.department, from: day.from, to: day.to, pageSize: 500 })
            : Promise.resolve(null),
          ctx.call<Page<Row>, object>('patients.caredForByMe', { limit: 20 }),
          ctx.call<{ drafts: number; items: Row[] }, object>('records.recentByMe', { limit: 10 }),
          ctx.call<Row[], object>('records.imagesForReview', {}),
          ctx.call<{ total: number; items: CriticalResult[] }, object>('lis.unacknowledgedCriticals', { orderingDoctorId: user.id, limit: 20 }),
          ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { mine: true, status: 'PENDING,SCHEDULED,IN_PROGRESS,ACQUIRED', pageSize: 100 }),
        ]);
        return {
          date: day.date,
          todayAppointments: { total: mine.total, byStatus: countBy(mine.items, (a) => String(a.status)), items: mine.items },
          myPatients: { total: patients.total, items: patients.items },
          recentRecords: records,
          imagesForReview: { total: images.length, items: images },
          // Critical lab values of my orders stay here until I acknowledge them.
          unacknowledgedCriticals: criticals,
          openOrders: { total: openOrders.total, byType: countBy(openOrders.items, (o) => o.order_type), byStatus: countBy(openOrders.items, (o) => o.status) },
          departmentToday: department && {
            department: user.department,
            appointments: department.total,
            byStatus: countBy(department.items, (a) => String(a.status)),
            byDoctor: countBy(department.items, (a) => String(a.doctor_name)),
          },
        };
      },
    },

    resultsInbox: {
      rest: 'GET /results-inbox',
      permission: 'dashboard.doctor',
      summary: '결과 수신함 (내 오더의 완료 결과·판독서, 새 결과 표시, 미확인 위급값) / results of my orders, new ones marked, and unacknowledged critical values',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        const user = ctx.meta.user!;
        const [finished, criticals, unread] = await Promise.all([
          ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { mine: true, status: 'COMPLETED,REPORTED,ACQUIRED', page: ctx.params.page, pageSize: ctx.params.pageSize }),
          ctx.call<{ total: number; items: CriticalResult[] }, object>('lis.unacknowledgedCriticals', { orderingDoctorId: user.id, limit: 50 }),
          ctx.call<NotificationAttributes[], object>('notifications.unreadAbout', { userId: user.id, resourceTypes: RESULT_RESOURCES }),
        ]);
        const imaging = finished.items.filter((o) => o.order_type === 'IMAGING').map((o) => o.id);
        const reports = imaging.length ? await ctx.call<ReportSummary[], object>('radiology-reports.forOrders', { orderIds: imaging }) : [];
        const newOrders = new Set(unread.filter((n) => n.related_resource_type === 'OcsOrder').map((n) => Number(n.related_resource_id)));
        // Who each result is about (one scoped, audited lookup for the page, not one per row).
        const patientIds = [...new Set(finished.items.map((o) => o.patient_id))];
        const labels = patientIds.length ? await ctx.call<PatientLabel[], { ids: number[] }>('patients.labels', { ids: patientIds }) : [];
        return {
          criticals,
          unread: unread.length,
          results: {
            ...finished,
            items: finished.items.map((order) => ({
              ...order,
              isNew: newOrders.has(order.id),
              report: reports.find((r) => r.order_id === order.id) ?? null,
              patient: labels.find((p) => p.id === order.patient_id) ?? null,
            })),
          },
        };
      },
    },
  },
};

export default DoctorService;
