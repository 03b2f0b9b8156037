import type { ServiceSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import type { Page } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { CdssContext } from '../context.js';
import type { ReportStatistics } from '../ris/radiology-reports.service.js';
import { finalizeReportParams, type FinalizeReportParams } from '../ris/report-collab.js';
import {
  createReportParams, idParam as id, reportFilterParams, updateReportParams, type CreateReportParams, type ReportListParams, type UpdateReportParams,
} from '../ris/report-params.js';
import { today } from './today.js';

type Row = Record<string, unknown>;

/**
 * The reading worklist: studies acquired and waiting for, or in, their reading (seed §4.5.1 판독
 * 대기 목록), STAT first, then URGENT, then ROUTINE; within each, studies the AI flagged as more
 * suspicious first, then the oldest.
 */
const READING_WORKLIST = { status: 'AWAITING_READ,READING', sort: 'worklist' } as const;
const DASHBOARD_LIST = 20;
const STATISTICS_DAYS = 30;

/**
 * How many STAT studies wait on the reading worklist. The list is sorted STAT first, so the
 * count is read off the dashboard's first page; only when that page is all STAT are the next
 * pages walked until the first non-STAT study.
 */
async function statCount(ctx: CdssContext, first: Page<Row>): Promise<number> {
  let count = 0;
  let page = first;
  for (let n = 1; ; n++) {
    const stat = page.items.filter((s) => s.priority === 'STAT').length;
    count += stat;
    if (page.items.length === 0 || stat < page.items.length || n * first.pageSize >= page.total) return count;
    page = await ctx.call<Page<Row>, object>('ris.list', { ...READING_WORKLIST, page: n + 1, pageSize: first.pageSize });
  }
}

/**
 * The radiologist role actor (영상의학과, seed §2.6, §4.5, §7.7): owns no tables. The reading
 * worklist comes from RIS, the reports from the radiology-reports system actor and a study's AI
 * analyses from the ai-analysis actor, each called with the radiologist's own context (scope and
 * audit are theirs).
 *
 * `PUT /radiology-doctor/reports/:id` takes `action`: `save` (임시저장), `preliminary` (예비판독
 * 서명), `final` (최종판독 서명) or `amend` (수정판독, with `reason`), plus any of `findings`,
 * `conclusion`, `recommendations`, `reportContent`. Reports edited live (the collaboration document
 * `report:<id>` on /ws/collab) are signed with `POST /radiology-doctor/reports/:id/finalize`.
 */
const RadiologistService: ServiceSchema = {
  name: 'radiologist',
  mixins: [RbacMixin],
  settings: { rest: '/radiology-doctor' },

  actions: {
    dashboard: {
      rest: 'GET /dashboard',
      permission: 'dashboard.radiologist',
      summary: '영상의학과 대시보드 (판독 대기 목록·응급(STAT) 수, 오늘의 판독 현황, 최근 30일 판독 통계) / the reading room at a glance, with the STAT count',
      async handler(ctx: CdssContext) {
        const day = today();
        const since = new Date(new Date(day.to).getTime() - STATISTICS_DAYS * 86_400_000).toISOString();
        const [worklist, awaiting, mineToday, allToday, mineRecent, allRecent] = await Promise.all([
          ctx.call<Page<Row>, object>('ris.list', { ...READING_WORKLIST, page: 1, pageSize: DASHBOARD_LIST }),
          ctx.call<Page<Row>, object>('ris.list', { status: 'AWAITING_READ', page: 1, pageSize: 1 }),
          ctx.call<ReportStatistics, object>('radiology-reports.statistics', { from: day.from, to: day.to, mine: true }),
          ctx.call<ReportStatistics, object>('radiology-reports.statistics', { from: day.from, to: day.to }),
          ctx.call<ReportStatistics, object>('radiology-reports.statistics', { from: since, to: day.to, mine: true }),
          ctx.call<ReportStatistics, object>('radiology-reports.statistics', { from: since, to: day.to }),
        ]);
        return {
          date: day.date,
          readingWorklist: {
            total: worklist.total, awaitingRead: awaiting.total, reading: worklist.total - awaiting.total,
            stat: await statCount(ctx, worklist), items: worklist.items,
          },
          today: { mine: mineToday, all: allToday },
          statistics: { days: STATISTICS_DAYS, mine: mineRecent, all: allRecent },
        };
      },
    },

    worklist: {
      rest: 'GET /worklist',
      permission: 'reports.read',
      summary: '판독 대기 목록 (판독대기·판독중; 응급(STAT)·긴급 우선, AI 의심 소견 우선, 그다음 오래된 순) / the reading worklist: STAT first, then AI-flagged, then oldest',
      params: { ...pagingParams },
      async handler(ctx: CdssContext<PagingParams>) {
        return ctx.call('ris.list', { ...READING_WORKLIST, page: ctx.params.page, pageSize: ctx.params.pageSize });
      },
    },

    imageAnalyses: {
      rest: 'GET /images/:id/analyze',
      permission: 'images.read',
      summary: '영상의 AI 분석 결과 (최신 순; 소견·측정·가이드라인 권고, DICOM SEG/SR) / the AI analyses of a study, newest first',
      params: { id, ...pagingParams },
      async handler(ctx: CdssContext<{ id: number } & PagingParams>) {
        return ctx.call('ai-analysis.list', ctx.params);
      },
    },

    reports: {
      rest: 'GET /reports',
      permission: 'reports.read',
      summary: '판독서 목록 (mine=true: 내 판독; 상태·환자 필터) / reports, mine or all, by status and patient',
      params: { ...reportFilterParams, ...pagingParams },
      async handler(ctx: CdssContext<ReportListParams>) {
        return ctx.call('radiology-reports.list', ctx.params);
      },
    },

    report: {
      rest: 'GET /reports/:id',
      permission: 'reports.read',
      summary: '판독서 상세 (가능한 작업 포함) / one report with the workflow steps it allows',
      params: { id },
      async handler(ctx: CdssContext<{ id: number }>) {
        return ctx.call('radiology-reports.get', { id: ctx.params.id });
      },
    },

    history: {
      rest: 'GET /reports/:id/history',
      permission: 'reports.read',
      summary: '판독 이력 (모든 버전) / every saved version of a report',
      params: { id },
      async handler(ctx: CdssContext<{ id: number }>) {
        return ctx.call('radiology-reports.history', { id: ctx.params.id });
      },
    },

    create: {
      rest: 'POST /reports',
      permission: 'reports.write',
      summary: '판독서 작성 시작 (판독대기 검사, 검사당 하나; 검사는 판독중) / start the draft report of an acquired study',
      params: createReportParams,
      async handler(ctx: CdssContext<CreateReportParams>) {
        return ctx.call('radiology-reports.create', ctx.params);
      },
    },

    update: {
      rest: 'PUT /reports/:id',
      permission: 'reports.write',
      summary: '판독서 저장·예비판독·최종판독·수정판독 (action; 수정판독은 사유 필수) / save, sign preliminary, sign final or amend (with a reason)',
      params: updateReportParams,
      async handler(ctx: CdssContext<UpdateReportParams>) {
        return ctx.call('radiology-reports.update', ctx.params);
      },
    },

    finalize: {
      rest: 'POST /reports/:id/finalize',
      permission: 'reports.write',
      summary: '공동 편집 판독서 최종 서명 (문서 내용으로 최종판독, 최종판독 후 다시 열린 문서는 수정판독: 사유 필수; 서명 후 문서 잠김) / sign the live document\'s text as the final (or, reopened, amended) report and lock it',
      params: finalizeReportParams,
      async handler(ctx: CdssContext<FinalizeReportParams>) {
        return ctx.call('radiology-reports.finalize', ctx.params);
      },
    },

    contributors: {
      rest: 'GET /reports/:id/contributors',
      permission: 'reports.read',
      summary: '공동 편집 참여자 (사용자별 편집 수) / who wrote the live document: users with their update counts',
      params: { id },
      async handler(ctx: CdssContext<{ id: number }>) {
        return ctx.call('radiology-reports.contributors', { id: ctx.params.id });
      },
    },
  },
};

export default RadiologistService;
