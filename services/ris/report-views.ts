import type { ServiceActionsSchema } from 'moleculer';
import { Op, literal, type WhereOptions } from 'sequelize';
import type { Page } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { FINAL_REPORT_STATUSES, SIGNED_REPORT_STATUSES, allowedReportActions, type ReportAction } from '../../lib/rules/report-status.js';
import type { RadiologyReportRevisionAttributes } from '../../models/radiology-report-revision.js';
import type { CdssContext } from '../context.js';
import { idParam as id, reportFilterParams, type ReportListParams } from './report-params.js';
import type { PortalReport, ReportRow, ReportStatistics, ReportSummary, ReportsThis } from './report-types.js';
import { refuseIfHidden, statusList } from './report-workflow.js';

/**
 * The actions of `radiology-reports` that read: the staff list, one report and its history
 * (doctors see signed reports only), the doctor's results inbox (`forOrders`), the radiologist
 * dashboard's counts (`statistics`) and the patient's portal (`mine`, `mineOne`: released only).
 */

const NEWEST_FIRST: [string, string][] = [['updated_at', 'DESC'], ['id', 'DESC']];
const PORTAL_COLUMNS = ['id', 'patient_id', 'image_id', 'accession_number', 'study_description', 'status', 'findings', 'conclusion',
  'recommendations', 'report_content', 'report_date', 'signed_at', 'released_at'];
const SUMMARY_COLUMNS = ['id', 'order_id', 'schedule_id', 'patient_id', 'accession_number', 'study_description', 'status',
  'conclusion', 'report_date', 'signed_at', 'released_at', 'version'];
/** The most orders one `forOrders` call answers (a doctor's results inbox page). */
const MAX_ORDERS = 500;

export const reportViewActions: ServiceActionsSchema = {
  list: {
    rest: 'GET /',
    permission: 'reports.read',
    summary: '영상 판독서 목록 (환자·상태·오더 필터; 의사는 서명된 판독만) / list radiology reports; doctors see signed reports only',
    params: { ...reportFilterParams, scheduleId: { ...id, optional: true }, ...pagingParams },
    async handler(this: ReportsThis, ctx: CdssContext<ReportListParams>): Promise<Page<Record<string, unknown>>> {
      const { patientId, orderId, scheduleId, mine, page, pageSize } = ctx.params;
      const visible = this.visibleStatuses(ctx);
      const asked = statusList(ctx.params.status);
      const statuses = asked ? asked.filter((s) => visible.includes(s)) : visible;
      const user = ctx.meta.user!;
      let owner: WhereOptions = {};
      if (mine) {
        owner = user.role === 'radiologist'
          ? { radiologist_id: await this.radiologistProfileId(ctx) }
          // Doctors: the reports of the orders they placed (their results inbox).
          : { order_id: { [Op.in]: literal(`(SELECT id FROM ocs_order WHERE ordering_doctor_id = ${Number(user.id)})`) } };
      }
      const where: WhereOptions = {
        status: { [Op.in]: statuses },
        ...(patientId ? { patient_id: patientId } : {}),
        ...(orderId ? { order_id: orderId } : {}),
        ...(scheduleId ? { schedule_id: scheduleId } : {}),
        ...owner,
      };
      return this.scopedFindPage(ctx, { where, order: NEWEST_FIRST, page, pageSize });
    },
  },

  get: {
    rest: 'GET /:id',
    permission: 'reports.read',
    summary: '영상 판독서 상세 (의사: 작성중 판독은 404) / one radiology report; drafts are the reading room\'s own',
    params: { id },
    async handler(this: ReportsThis, ctx: CdssContext<{ id: number }>): Promise<ReportRow & { allowedActions: ReportAction[] }> {
      const report = await this.findVisible(ctx, ctx.params.id);
      return { ...report, allowedActions: ctx.meta.user!.role === 'radiologist' ? allowedReportActions(report.status) : [] };
    },
  },

  history: {
    rest: 'GET /:id/history',
    permission: 'reports.read',
    summary: '판독 이력 (저장·서명·수정·공개마다 한 버전: 작성자, 시각, 사유) / the report\'s full history: every saved version, who, when, why',
    params: { id },
    async handler(this: ReportsThis, ctx: CdssContext<{ id: number }>): Promise<(RadiologyReportRevisionAttributes & { author_name: string | null })[]> {
      const report = await this.findVisible(ctx, ctx.params.id);
      const radiologist = ctx.meta.user!.role === 'radiologist';
      const rows = await this.db().models.RadiologyReportRevision.findAll({
        // Doctors see the signed versions; the draft saves before them stay in the reading room.
        where: { report_id: report.id, ...(radiologist ? {} : { status: { [Op.ne]: 'DRAFT' } }) },
        order: [['id', 'ASC']],
      });
      await this.auditAccess(ctx, {
        actionType: 'read', resourceType: 'RadiologyReportRevision', resourceId: String(report.id), patientId: report.patient_id,
        outcome: 'success', description: `history of report ${report.id}: ${rows.length} versions`,
      });
      // Who signed each version, by name (the reader should not have to know staff ids).
      const authorIds = [...new Set(rows.map((r) => r.author_id).filter((a): a is number => a != null))];
      const names = authorIds.length ? await ctx.call<Record<number, { name: string }>, { ids: number[] }>('staff.namesByIds', { ids: authorIds }) : {};
      return rows.map((r) => ({ ...r.get({ plain: true }), author_name: r.author_id != null ? names[r.author_id]?.name ?? null : null }));
    },
  },

  /** The signed-in patient's released reports, newest first (portal; the row scope is the patient). */
  mine: {
    permission: 'portal.self',
    visibility: 'public',
    params: { ...pagingParams, imageId: { ...id, optional: true } },
    async handler(this: ReportsThis, ctx: CdssContext<PagingParams & { imageId?: number }>): Promise<Page<PortalReport>> {
      const found = await this.scopedFindPage(ctx, {
        where: { status: { [Op.in]: FINAL_REPORT_STATUSES }, released_at: { [Op.ne]: null }, ...(ctx.params.imageId ? { image_id: ctx.params.imageId } : {}) },
        attributes: PORTAL_COLUMNS, order: [['released_at', 'DESC'], ['id', 'DESC']], page: ctx.params.page, pageSize: ctx.params.pageSize,
      });
      return { ...found, items: found.items.map((r) => ({ ...r, amended: r.status === 'AMENDED' }) as unknown as PortalReport) };
    },
  },

  /** One of the patient's own released reports (404 for anyone else's, or before release: audited as denied). */
  mineOne: {
    permission: 'portal.self',
    visibility: 'public',
    params: { id },
    async handler(this: ReportsThis, ctx: CdssContext<{ id: number }>): Promise<PortalReport> {
      // Released reports stay released, so once this check passes the read below may answer it.
      const unreleased = { [Op.or]: [{ status: { [Op.notIn]: FINAL_REPORT_STATUSES } }, { released_at: null }] };
      await refuseIfHidden(this, ctx, ctx.params.id, unreleased, 'not released to the patient');
      const report = await this.scopedFindOne(ctx, ctx.params.id, [...PORTAL_COLUMNS]) as unknown as PortalReport;
      return { ...report, amended: report.status === 'AMENDED' };
    },
  },

  /**
   * The signed reports of some orders, for the doctor's results inbox: in the caller's row
   * scope, audited like a search. Drafts are never answered.
   */
  forOrders: {
    permission: 'internal',
    visibility: 'public',
    params: { orderIds: { type: 'array', min: 1, max: MAX_ORDERS, items: { type: 'number', integer: true, positive: true } } },
    async handler(this: ReportsThis, ctx: CdssContext<{ orderIds: number[] }>): Promise<ReportSummary[]> {
      const found = await this.scopedFindPage(ctx, {
        where: { order_id: { [Op.in]: ctx.params.orderIds }, status: { [Op.in]: SIGNED_REPORT_STATUSES } },
        attributes: SUMMARY_COLUMNS, order: [['id', 'ASC']], page: 1, pageSize: MAX_ORDERS,
      }, 'reports for orders');
      return found.items.map((r) => ({ ...r, preliminary: r.status === 'PRELIMINARY' }) as unknown as ReportSummary);
    },
  },

  /** Signatures in a period and reports still open, for the radiologist dashboard; `mine` narrows both to the caller. */
  statistics: {
    permission: 'reports.read',
    visibility: 'public',
    params: { from: { type: 'date', convert: true }, to: { type: 'date', convert: true }, mine: { type: 'boolean', optional: true } },
    async handler(this: ReportsThis, ctx: CdssContext<{ from: Date; to: Date; mine?: boolean }>): Promise<ReportStatistics> {
      const { from, to, mine } = ctx.params;
      const { models } = this.db();
      const scope = literal(this.scopeConditionOn(ctx, 'radiology_report.patient_id'));
      const signedRows = await models.RadiologyReportRevision.findAll({
        attributes: ['kind', [literal('COUNT(*)'), 'n']],
        where: {
          kind: { [Op.in]: ['PRELIMINARY', 'FINAL', 'AMEND'] }, created_at: { [Op.gte]: from, [Op.lt]: to },
          ...(mine ? { author_id: ctx.meta.user!.id } : {}),
          report_id: { [Op.in]: literal(`(SELECT radiology_report.id FROM radiology_report WHERE ${scope.val as string})`) },
        },
        group: ['kind'], raw: true,
      }) as unknown as { kind: string; n: number | string }[];
      const openRows = await models.RadiologyReport.findAll({
        attributes: ['status', [literal('COUNT(*)'), 'n']],
        where: {
          [Op.and]: [
            { status: { [Op.in]: ['DRAFT', 'PRELIMINARY'] } },
            ...(mine ? [{ radiologist_id: await this.radiologistProfileId(ctx) }] : []),
            scope,
          ],
        },
        group: ['status'], raw: true,
      }) as unknown as { status: string; n: number | string }[];
      const count = (rows: { n: number | string }[], key: 'kind' | 'status', value: string) =>
        Number((rows as Record<string, unknown>[]).find((r) => r[key] === value)?.n ?? 0);
      await this.auditAccess(ctx, { actionType: 'search', outcome: 'success', description: `report statistics ${from.toISOString()}–${to.toISOString()}${mine ? ' (mine)' : ''}` });
      return {
        from: from.toISOString(), to: to.toISOString(),
        signed: { PRELIMINARY: count(signedRows, 'kind', 'PRELIMINARY'), FINAL: count(signedRows, 'kind', 'FINAL'), AMEND: count(signedRows, 'kind', 'AMEND') },
        open: { DRAFT: count(openRows, 'status', 'DRAFT'), PRELIMINARY: count(openRows, 'status', 'PRELIMINARY') },
      };
    },
  },
};
