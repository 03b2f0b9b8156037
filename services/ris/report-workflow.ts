import { Errors } from 'moleculer';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { keysOf } from '../../lib/constants.js';
import { REPORT_STATUSES, type ReportStatus } from '../../lib/constants-clinical.js';
import {
  REPORT_ACTIONS, SIGNED_REPORT_STATUSES, allowedReportActions, nextReportStatus, ownerOnly, reportStatusLabel, signingProblem,
  type RevisionKind,
} from '../../lib/rules/report-status.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import type { ReportContentParams, UpdateReportParams } from './report-params.js';
import type { PlannedChange, ReportRow, ReportsThis } from './report-types.js';

/**
 * The rules of the report workflow as methods of the `radiology-reports` actor: who owns a
 * report, what a caller may see, what one workflow step changes (or the 4xx that refuses it),
 * the revision every version leaves, and the ordering doctor's notification.
 */

const { MoleculerClientError } = Errors;

const CONTENT_COLUMNS = { findings: 'findings', conclusion: 'conclusion', recommendations: 'recommendations', reportContent: 'report_content' } as const;

/** The report columns a request body sets, trimmed; an empty string clears a field. */
export function contentChanges(params: ReportContentParams): Partial<ReportRow> {
  const changes: Record<string, string | null> = {};
  for (const [param, column] of Object.entries(CONTENT_COLUMNS)) {
    const value = params[param as keyof ReportContentParams];
    if (value !== undefined) changes[column] = value === '' ? null : value;
  }
  return changes as Partial<ReportRow>;
}

/** A `status` filter (one or a comma list) as report statuses; unknown ones are a 400. */
export function statusList(value: string | undefined): ReportStatus[] | undefined {
  if (!value) return undefined;
  const statuses = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const unknown = statuses.filter((s) => !(s in REPORT_STATUSES));
  if (unknown.length) invalidField('status', `알 수 없는 판독 상태: ${unknown.join(', ')} (unknown status; one of ${keysOf(REPORT_STATUSES).join(', ')})`);
  return statuses as ReportStatus[];
}

export function notFound(reportId: number): never {
  throw new MoleculerClientError(`RadiologyReport ${reportId}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
}

/**
 * Refuses, before anything is read, a report that exists but that this caller may not see yet
 * (`hidden`: a draft for a doctor, an unreleased report for its patient): the caller gets the
 * same 404 as for a missing report, and the audit records a denial rather than a read.
 */
export async function refuseIfHidden(self: ReportsThis, ctx: CdssContext, reportId: number, hidden: WhereOptions, why: string): Promise<void> {
  const row = await self.db().models.RadiologyReport.findOne({ where: { [Op.and]: [{ id: reportId }, hidden] }, attributes: ['id', 'patient_id', 'status'] });
  if (!row) return;
  await self.auditAccess(ctx, { actionType: 'read', resourceId: String(reportId), patientId: row.patient_id, outcome: 'denied', description: `${why} (${row.status})` });
  notFound(reportId);
}

export const reportMethods = {
  /** radiology_doctor.id of the signed-in radiologist: reports are owned by the profile (seed §3.2.3). */
  async radiologistProfileId(this: ReportsThis, ctx: CdssContext): Promise<number> {
    const profile = await this.db().models.RadiologyDoctor.findOne({ where: { user_id: ctx.meta.user!.id }, attributes: ['id'] });
    if (!profile) throw new MoleculerClientError('영상의학과 의사 프로필이 없습니다 (no radiologist profile)', 403, 'NO_RADIOLOGIST_PROFILE');
    return profile.id;
  },

  /** Radiologists see every report; doctors only signed ones (a draft is not a result yet). */
  visibleStatuses(this: ReportsThis, ctx: CdssContext): readonly ReportStatus[] {
    return ctx.meta.user!.role === 'radiologist' ? keysOf(REPORT_STATUSES) : SIGNED_REPORT_STATUSES;
  },

  /** One report in the caller's scope and visible to the caller's role; 404 (audited as denied) otherwise. */
  async findVisible(this: ReportsThis, ctx: CdssContext, reportId: number): Promise<ReportRow> {
    const visible = this.visibleStatuses(ctx);
    const hidden = keysOf(REPORT_STATUSES).filter((s) => !visible.includes(s));
    // A report never goes back to a hidden status, so once this check passes the read below may answer it.
    if (hidden.length) await refuseIfHidden(this, ctx, reportId, { status: { [Op.in]: hidden } }, 'not signed yet: the reading room\'s own');
    return await this.scopedFindOne(ctx, reportId) as unknown as ReportRow;
  },

  /** The columns one workflow step sets on `current`, or the 4xx that refuses it. */
  plannedChange(this: ReportsThis, current: ReportRow, params: UpdateReportParams, profileId: number, userId: number): PlannedChange {
    const { action, reason } = params;
    const to = nextReportStatus(current.status, action);
    if (!to) {
      const allowed = allowedReportActions(current.status);
      throw new MoleculerClientError(
        `${reportStatusLabel(current.status)} 판독서에는 '${REPORT_ACTIONS[action]}'을(를) 할 수 없습니다 (illegal step ${action} from ${current.status}; allowed: ${allowed.join(', ') || 'none'})`,
        409, 'ILLEGAL_TRANSITION', { from: current.status, action, allowed },
      );
    }
    if (ownerOnly(current.status) && current.radiologist_id !== profileId) {
      throw new MoleculerClientError('다른 판독의의 작성중 판독서는 수정할 수 없습니다 (only its author edits a draft)', 403, 'NOT_REPORT_OWNER', { radiologistId: current.radiologist_id });
    }
    const content = contentChanges(params);
    if (action === 'amend') {
      if (!reason || reason.length < 2) invalidField('reason', '수정판독 사유를 입력하세요 (an amendment needs a reason)');
      const changed = Object.entries(content).some(([column, value]) => current[column as keyof ReportRow] !== value);
      if (!changed) invalidField('body', '수정할 내용이 없습니다 (the amendment changes nothing)');
    } else if (reason !== undefined) {
      invalidField('reason', '사유는 수정판독에만 입력합니다 (a reason belongs to an amendment)');
    }
    const next = { ...current, ...content };
    if (to !== 'DRAFT') {
      const problem = signingProblem(next);
      if (problem) invalidField(problem.field, problem.message);
    }
    const now = new Date();
    const signed = to === 'DRAFT' ? {} : { signed_at: now, signed_by_id: userId };
    const firstFinal = to === 'FINAL';
    return {
      to,
      firstFinal,
      changes: {
        ...content,
        status: to,
        version: current.version + 1,
        ...signed,
        // 판독일: the day of the final reading, kept through amendments.
        ...(firstFinal ? { report_date: now } : {}),
        ...(action === 'amend' ? { amendment_reason: reason! } : {}),
      },
    };
  },

  async writeRevision(this: ReportsThis, report: ReportRow, kind: RevisionKind, authorId: number, reason: string | null, transaction: Transaction): Promise<void> {
    await this.db().models.RadiologyReportRevision.create({
      report_id: report.id, version: report.version, kind, status: report.status, findings: report.findings, conclusion: report.conclusion,
      recommendations: report.recommendations, report_content: report.report_content, author_id: authorId, reason,
    }, { transaction });
  },

  /**
   * The ordering doctor hears of every signature: preliminary, final and each amendment. (An
   * amendment also revises the order's result, and OCS tells the doctor about the order too:
   * that notice points at the order, this one at the report.)
   */
  async notifyOrderingDoctor(this: ReportsThis, ctx: CdssContext, report: ReportRow): Promise<void> {
    if (!report.order_id) return;
    const order = await ctx.call<OcsOrderAttributes, { id: number }>('ocs.get', { id: report.order_id });
    const what = report.study_description ?? report.accession_number ?? `#${report.id}`;
    await ctx.call('notifications.notify', {
      userIds: [order.ordering_doctor_id],
      type: 'RESULT',
      title: `[영상판독 ${reportStatusLabel(report.status)}] ${what}`,
      message: [report.accession_number, report.conclusion].filter(Boolean).join(' — ').slice(0, 2000),
      resourceType: 'RadiologyReport',
      resourceId: report.id,
    });
  },
};
