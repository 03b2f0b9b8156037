import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { ACQUIRED_STATUSES, WORKLIST_STATUSES } from '../../lib/rules/ris-status.js';
import type { CdssContext } from '../context.js';
import { scheduleFilterParams, scheduleSortParams, type ScheduleFilterParams } from '../ris/ris-params.js';
import { imageFilterParams } from '../pacs/medical-images-actions.js';
import { countBy, today } from './today.js';

type Row = Record<string, unknown>;

/** The most entries one dashboard list carries (a page of `ris.list`); totals count them all. */
const DASHBOARD_LIST = 100;

/** `ris.list`'s own filters and sort, passed on as they are, plus `mine`. */
interface ScheduleFilters extends ScheduleFilterParams, PagingParams {
  mine?: boolean;
}

/**
 * The radiographer role actor (방사선과, seed §2.5, §4.5, §7.6): owns no tables; the schedule,
 * the worklist and the requests come from `ris` and `ocs` with the radiographer's own row scope
 * and audit.
 */
const RadiographerService: ServiceSchema = {
  name: 'radiographer',
  mixins: [RbacMixin],
  settings: { rest: '/radiology-tech' },

  actions: {
    dashboard: {
      rest: 'GET /dashboard',
      permission: 'dashboard.radiographer',
      summary: '방사선사 대시보드 (오늘의 촬영 스케줄, 촬영 대기·완료 목록, 예약 대기 의뢰) / today\'s schedule, waiting and done, requests to book',
      async handler(ctx: CdssContext) {
        const day = today();
        const [schedule, waiting, done, requests] = await Promise.all([
          ctx.call<Page<Row>, object>('ris.list', { date: day.date, pageSize: DASHBOARD_LIST }),
          ctx.call<Page<Row>, object>('ris.list', { date: day.date, status: WORKLIST_STATUSES.join(','), sort: 'worklist', pageSize: DASHBOARD_LIST }),
          ctx.call<Page<Row>, object>('ris.list', { date: day.date, status: ACQUIRED_STATUSES.join(','), pageSize: DASHBOARD_LIST }),
          ctx.call<Page<Row>, object>('ris.requests', { pageSize: DASHBOARD_LIST }),
        ]);
        return {
          date: day.date,
          todaySchedule: {
            total: schedule.total,
            byStatus: countBy(schedule.items, (s) => String(s.status)),
            byRoom: countBy(schedule.items, (s) => String(s.room)),
            items: schedule.items,
          },
          waiting: { total: waiting.total, items: waiting.items },
          completed: { total: done.total, items: done.items },
          requests: { total: requests.total, items: requests.items },
        };
      },
    },

    schedules: {
      rest: 'GET /schedules',
      permission: 'ris.read',
      summary: '촬영 스케줄 (기본: 오늘부터; mine=true 내 담당; sort=worklist 응급 우선) / the schedule from today on, or a day or range; mine=true for my own; sort=worklist puts STAT first',
      params: {
        ...scheduleFilterParams,
        ...scheduleSortParams,
        mine: { type: 'boolean', convert: true, optional: true },
        ...pagingParams,
      },
      async handler(ctx: CdssContext<ScheduleFilters>) {
        const { mine, ...filters } = ctx.params;
        // Without a day or range the screen shows what is still to come: today and later.
        const from = filters.date || filters.from || filters.to ? filters.from : today().date;
        return ctx.call('ris.list', { ...filters, from, ...(mine ? { radiographerId: ctx.meta.user!.id } : {}) });
      },
    },

    images: {
      rest: 'GET /images',
      permission: 'images.read',
      summary: '촬영 영상 목록 (seed §7.6; 환자·모달리티·상태·QC 필터) / studies of patients with imaging work, QC findings first to fix',
      params: { ...imageFilterParams, ...pagingParams },
      async handler(ctx: CdssContext<Record<string, unknown>>) {
        return ctx.call('medical-images.list', ctx.params);
      },
    },

    image: {
      rest: 'GET /images/:id',
      permission: 'images.read',
      summary: '촬영 영상 상세 (시리즈·인스턴스, QC 결과) / one study with its series, instances and QC findings',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(ctx: CdssContext<{ id: number }>) {
        return ctx.call('medical-images.get', { id: ctx.params.id });
      },
    },

    schedule: {
      rest: 'GET /schedules/:id',
      permission: 'ris.read',
      summary: '촬영 스케줄 상세 / one schedule entry with its order',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(ctx: CdssContext<{ id: number }>) {
        return ctx.call('ris.show', { id: ctx.params.id });
      },
    },
  },
};

export default RadiographerService;
