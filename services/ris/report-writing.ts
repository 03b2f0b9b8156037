import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op, UniqueConstraintError, literal } from 'sequelize';
import {
  FINAL_REPORT_STATUSES, REVISION_KIND_OF, SIGNED_REPORT_STATUSES, isFinalReport, reportStatusLabel,
} from '../../lib/rules/report-status.js';
import type { CdssContext } from '../context.js';
import { createReportParams, idParam as id, updateReportParams, type CreateReportParams, type UpdateReportParams } from './report-params.js';
import type { PlannedChange, ReportRow, ReportsThis, RisStudy } from './report-types.js';
import { contentChanges, notFound } from './report-workflow.js';
import { tellPatient } from '../realtime/patient-notices.js';

/**
 * The actions of `radiology-reports` that write: a radiologist starts the draft of a study
 * (`create`) and steps it through the workflow (`update`: save, sign preliminary or final, amend),
 * telling RIS, OCS and the ordering doctor as the reading progresses; a doctor `release`s a final
 * report to the patient.
 */

const { MoleculerClientError } = Errors;

/** RIS statuses a report may be started in: the study is acquired and waiting for (or in) its reading. */
const READABLE_STUDY: readonly RisStudy['status'][] = ['AWAITING_READ', 'READING'];
/** The longest result line an order keeps (`ocs.reviseResult`). */
const RESULT_SUMMARY_MAX = 500;

export const reportWritingActions: ServiceActionsSchema = {
  release: {
    rest: 'POST /:id/release',
    permission: 'reports.release',
    summary: '최종 판독서 환자 공개 (최종·수정판독만; 이미 공개된 판독은 그대로) / release a final report to the patient portal; idempotent',
    params: { id, $$strict: true },
    async handler(this: ReportsThis, ctx: CdssContext<{ id: number }>): Promise<ReportRow> {
      const user = ctx.meta.user!;
      let released = false;
      const report = await this.scopedUpdate(ctx, ctx.params.id, async (row, transaction) => {
        const current = row as unknown as ReportRow;
        // Drafts do not exist for doctors: the same 404 as a report outside their scope (audited as denied).
        if (!SIGNED_REPORT_STATUSES.includes(current.status)) notFound(current.id);
        if (!isFinalReport(current.status)) {
          throw new MoleculerClientError(
            `${reportStatusLabel(current.status)} 판독은 환자에게 공개할 수 없습니다. 최종판독 후 공개하세요 (only final reports are released)`,
            409, 'REPORT_NOT_FINAL', { status: current.status, releasable: FINAL_REPORT_STATUSES },
          );
        }
        if (current.released_at) return {};
        const changes = { released_at: new Date(), released_by_id: user.id };
        await this.writeRevision({ ...current, ...changes }, 'RELEASE', user.id, null, transaction);
        released = true;
        return changes;
      }) as unknown as ReportRow;
      if (released) {
        await tellPatient(ctx, {
          patientId: report.patient_id, type: 'RESULT', title: '영상 검사 결과가 공개되었습니다 (an imaging result is ready)',
          message: report.study_description ?? report.accession_number ?? undefined, resourceType: 'RadiologyReport', resourceId: report.id,
        });
      }
      return report;
    },
  },

  /**
   * Starts the report of one acquired study as the caller's draft: RIS moves the study to
   * 판독중. One report per study (409 for a second); 409 while the study is not yet acquired.
   */
  create: {
    permission: 'reports.write',
    visibility: 'public',
    params: createReportParams,
    async handler(this: ReportsThis, ctx: CdssContext<CreateReportParams>): Promise<ReportRow> {
      const { scheduleId } = ctx.params;
      const profileId = await this.radiologistProfileId(ctx);
      const study = await ctx.call<RisStudy, { id: number }>('ris.get', { id: scheduleId });
      if (!READABLE_STUDY.includes(study.status)) {
        throw new MoleculerClientError(
          `판독할 수 있는 검사가 아닙니다: ${study.accession_number ?? scheduleId} (${study.status}) (the study is not awaiting its reading)`,
          409, 'STUDY_NOT_READY', { status: study.status, readable: READABLE_STUDY },
        );
      }
      const { models } = this.db();
      const existing = await models.RadiologyReport.findOne({ where: { schedule_id: scheduleId }, attributes: ['id'] });
      const duplicate = (reportId?: number) => new MoleculerClientError(
        `이 검사의 판독서가 이미 있습니다 (a report for this study already exists)`, 409, 'REPORT_EXISTS', { reportId },
      );
      if (existing) throw duplicate(existing.id);
      if (!study.medical_image_id) {
        throw new MoleculerClientError('검사의 영상이 아직 없습니다 (the study has no image yet)', 409, 'STUDY_NOT_READY', { status: study.status });
      }
      await ctx.call('ris.readingStarted', { id: scheduleId });
      const userId = ctx.meta.user!.id;
      return await this.auditedCreate(ctx, async (transaction) => {
        try {
          const report = await models.RadiologyReport.create({
            image_id: study.medical_image_id!, patient_id: study.patient_id, radiologist_id: profileId, status: 'DRAFT', version: 1,
            order_id: study.order_id, schedule_id: study.id, accession_number: study.accession_number,
            study_description: study.procedure_name, ...contentChanges(ctx.params),
          }, { transaction });
          await this.writeRevision(report.get({ plain: true }), 'CREATE', userId, null, transaction);
          return report;
        } catch (err) {
          // Two radiologists starting the same study at once: the unique index decides.
          if (err instanceof UniqueConstraintError) throw duplicate();
          throw err;
        }
      }) as unknown as ReportRow;
    },
  },

  /**
   * One step of the workflow (lib/rules/report-status.ts): `save` a draft, sign it
   * `preliminary` or `final`, or `amend` a final report with a reason. Illegal steps are 409;
   * only the owner saves or signs a draft (403). The ordering doctor hears of every signature;
   * an amendment also revises the order's result line.
   */
  update: {
    permission: 'reports.write',
    visibility: 'public',
    params: updateReportParams,
    async handler(this: ReportsThis, ctx: CdssContext<UpdateReportParams>): Promise<ReportRow> {
      const { id: reportId, action, reason } = ctx.params;
      const user = ctx.meta.user!;
      const profileId = await this.radiologistProfileId(ctx);
      // Checked before RIS is told: a refused step must leave the study and the order untouched.
      // The transaction below checks again, against the row it locks. (If that second check
      // fails after RIS has closed the study — a concurrent sign of the same report — the study
      // stays READ with the report still open; RIS cannot step back.)
      const before = await this.db().models.RadiologyReport.findOne({
        where: { [Op.and]: [{ id: reportId }, literal(this.scopeConditionOn(ctx, 'radiology_report.patient_id'))] },
      });
      let plan: PlannedChange | null = null;
      if (before) {
        try {
          plan = this.plannedChange(before.get({ plain: true }), ctx.params, profileId, user.id);
        } catch (err) {
          await this.auditAccess(ctx, {
            actionType: 'update', resourceId: String(reportId), patientId: before.patient_id, outcome: 'denied',
            description: `${action}: ${(err as Error).message}`.slice(0, 500),
          });
          throw err;
        }
      }
      if (plan?.firstFinal && before!.schedule_id) {
        await ctx.call('ris.reported', { id: before!.schedule_id, conclusion: plan.changes.conclusion ?? before!.conclusion ?? '' });
      }
      const updated = await this.scopedUpdate(ctx, reportId, async (row, transaction) => {
        const current = row as unknown as ReportRow;
        const { changes } = this.plannedChange(current, ctx.params, profileId, user.id);
        await this.writeRevision({ ...current, ...changes }, REVISION_KIND_OF[action], user.id, changes.amendment_reason ?? null, transaction);
        return changes;
      }) as unknown as ReportRow;
      if (updated.status !== 'DRAFT') await this.notifyOrderingDoctor(ctx, updated);
      // The order's result line follows the report, after it is stored and announced: the
      // amended report is the record and stands even if the order cannot be revised (the error
      // then says so). OCS writes the order event and tells the doctor about the order.
      if (action === 'amend' && updated.order_id && updated.conclusion) {
        await ctx.call('ocs.reviseResult', {
          id: updated.order_id, resultSummary: updated.conclusion.slice(0, RESULT_SUMMARY_MAX), note: `수정판독: ${reason}`.slice(0, 500),
        });
      }
      return updated;
    },
  },
};
