import { Errors, type ServiceActionsSchema, type ServiceHooks } from 'moleculer';
import { Op, literal } from 'sequelize';
import * as Y from 'yjs';
import { roleHas } from '../../lib/rbac/policy.js';
import { SIGNED_REPORT_STATUSES, isFinalReport } from '../../lib/rules/report-status.js';
import { docFromState, readReportDocument, updateSince, writeReportDocument, type ReportDocumentContent } from '../../lib/realtime/report-document.js';
import type { StaffRole } from '../../lib/constants.js';
import type { CdssContext } from '../context.js';
import type { CollabLoadResult } from '../realtime/collab.service.js';
import { idParam as id, type UpdateReportParams } from './report-params.js';
import type { ReportRow, ReportsThis } from './report-types.js';

/**
 * The collaborative side of `radiology-reports` (issue #7 §3): the report is edited live as the
 * collaboration document `report:<id>` (services/realtime/collab-report.ts); `finalize` signs what
 * the document says through the ordinary workflow (report-workflow.ts) and locks it; an
 * amendment reopens it with the amended text. The document's state belongs to the `collab` actor:
 * it is only read and changed here through collab's actions.
 */

const { MoleculerClientError } = Errors;

/** The collaboration document of a report. */
export const reportDocName = (reportId: number): string => `report:${reportId}`;

/** Who may do what in a report's document, and what a new document starts with. */
export interface ReportCollabAccess {
  mode: 'edit' | 'read';
  /** The report's workflow status (a FINAL report's new document starts locked). */
  status: string;
  /** The study's image: the AI summary is read from its analyses. */
  imageId: number;
  content: Pick<ReportRow, 'findings' | 'conclusion' | 'recommendations'>;
}

export interface FinalizeReportParams {
  id: number;
  /** Required when the report is already final: signing the reopened document is an amendment. */
  reason?: string;
}

export const finalizeReportParams = {
  id,
  reason: { type: 'string', max: 500, trim: true, optional: true },
  $$strict: true,
} as const;

/** One author of a report's document: how many of its stored updates are theirs. */
export interface ReportContributor {
  userId: number;
  name: string | null;
  role: StaffRole | null;
  updates: number;
  bytes: number;
  firstAt: Date;
  lastAt: Date;
}

/** Set on the `update` call `finalize` makes: the document is locked already and stays so. */
type SigningMeta = { collabSigning?: boolean };

/**
 * The report as this caller may see it in the document. Radiologists: any report in their scope.
 * Doctors: signed reports as everywhere else (findVisible), and, beyond that, the draft of a study
 * they ordered — the referring doctor watches the reading take shape, read-only. Everyone else is
 * refused by the `reports.read` permission before this runs.
 */
async function reportForCollab(self: ReportsThis, ctx: CdssContext, reportId: number): Promise<ReportRow> {
  const user = ctx.meta.user!;
  if (roleHas(user.role, 'reports.write')) return await self.scopedFindOne(ctx, reportId) as unknown as ReportRow;
  const orderedDraft = await self.db().models.RadiologyReport.findOne({
    where: {
      id: reportId,
      status: { [Op.notIn]: SIGNED_REPORT_STATUSES },
      // The same link to the caller's orders as the doctor's results inbox (report-views.ts `mine`).
      order_id: { [Op.in]: literal(`(SELECT id FROM ocs_order WHERE ordering_doctor_id = ${Number(user.id)})`) },
    },
    attributes: ['id'],
  });
  // Either read is scoped and audited (a read, or a denial with the 404).
  if (orderedDraft) return await self.scopedFindOne(ctx, reportId) as unknown as ReportRow;
  return await self.findVisible(ctx, reportId);
}

/**
 * After an amendment signed outside the document (PUT action=amend), the document opens again
 * with the amended text: unlocked, and the changed sections rewritten as one update authored by
 * the amending radiologist — stored, then announced to the open rooms of every gateway node.
 */
async function reopenForAmendment(ctx: CdssContext, report: ReportRow): Promise<void> {
  const docName = reportDocName(report.id);
  await ctx.call('collab.unlock', { docName });
  // Never opened before, `load` fills it from the (amended) row: nothing left to rewrite then.
  const stored = await ctx.call<CollabLoadResult, { docName: string }>('collab.load', { docName });
  const doc = docFromState(stored.state);
  const shown = readReportDocument(doc);
  const amended: ReportDocumentContent = { findings: report.findings ?? '', conclusion: report.conclusion ?? '', recommendations: report.recommendations ?? '' };
  if (!shown || (Object.keys(amended) as (keyof ReportDocumentContent)[]).every((field) => shown[field] === amended[field])) return;
  const before = Y.encodeStateVector(doc);
  writeReportDocument(doc, amended);
  const update = updateSince(doc, before);
  // announce: open editors see the amended text at once.
  await ctx.call('collab.append', { docName, update, announce: true });
}

/** Hooks of `radiology-reports`: a signature's effect on the live document. */
export const reportCollabHooks: ServiceHooks = {
  after: {
    /**
     * A final signature made outside the document (PUT action=final) locks it; an amendment made
     * there reopens it. `finalize` locks the document itself before it signs.
     */
    async update(this: ReportsThis, ctx: CdssContext<UpdateReportParams>, report: ReportRow): Promise<ReportRow> {
      if ((ctx.meta as SigningMeta).collabSigning === true) return report;
      // A node set without the collab actor (CDSS_SERVICES) has no live documents to keep in step.
      if (!(ctx.broker.registry as unknown as { hasService(name: string): boolean }).hasService('collab')) return report;
      if (ctx.params.action === 'final') await ctx.call('collab.lock', { docName: reportDocName(report.id) });
      else if (ctx.params.action === 'amend') await reopenForAmendment(ctx, report);
      return report;
    },
  },
};

export const reportCollabActions: ServiceActionsSchema = {
  /** The `report` document type's check (collab.authorize): the caller's mode and the report's text. */
  collabAccess: {
    permission: 'reports.read',
    visibility: 'public',
    params: { id },
    async handler(this: ReportsThis, ctx: CdssContext<{ id: number }>): Promise<ReportCollabAccess> {
      const report = await reportForCollab(this, ctx, ctx.params.id);
      // Radiologists edit at every status: a signed report's document is locked by collab, so a
      // final report is read-only until an amendment unlocks it.
      const mode = roleHas(ctx.meta.user!.role, 'reports.write') ? 'edit' : 'read';
      const { findings, conclusion, recommendations } = report;
      return { mode, imageId: report.image_id, status: report.status, content: { findings, conclusion, recommendations } };
    },
  },

  /**
   * Signs the document's text: a draft or preliminary report becomes FINAL, a final report whose
   * document an amendment reopened is amended (with `reason`). The document is locked first, so
   * the text signed is the last text stored (later edits are refused), and unlocked again if the
   * workflow refuses the signature (owner of a draft, findings and conclusion required, …). The
   * workflow does the rest: RIS, OCS, notifications, revisions. A locked document: 409.
   */
  finalize: {
    permission: 'reports.write',
    visibility: 'public',
    params: finalizeReportParams,
    async handler(this: ReportsThis, ctx: CdssContext<FinalizeReportParams>): Promise<ReportRow> {
      const { id: reportId, reason } = ctx.params;
      const { RadiologyReport } = this.db().models;
      const scoped = { [Op.and]: [{ id: reportId }, literal(this.scopeConditionOn(ctx, 'radiology_report.patient_id'))] };
      const current = await RadiologyReport.findOne({ where: scoped, attributes: ['id', 'status', 'version'] });
      // Missing or outside the scope: the scoped read answers the 404 and audits it.
      if (!current) return await this.scopedFindOne(ctx, reportId) as unknown as ReportRow;
      const docName = reportDocName(reportId);
      const opened = await ctx.call<CollabLoadResult, { docName: string }>('collab.load', { docName });
      if (opened.locked) {
        throw new MoleculerClientError(
          '이미 서명되어 잠긴 판독서입니다. 수정판독으로 다시 여세요 (the report is signed and locked; amend it to reopen)',
          409, 'REPORT_LOCKED', { status: current.status },
        );
      }
      const locked = await ctx.call<CollabLoadResult, { docName: string }>('collab.lock', { docName });
      const content: Partial<ReportDocumentContent> = readReportDocument(docFromState(locked.state)) ?? {};
      const params: UpdateReportParams = {
        id: reportId, action: isFinalReport(current.status) ? 'amend' : 'final', ...content, ...(reason !== undefined ? { reason } : {}),
      };
      const meta = ctx.meta as SigningMeta;
      try {
        return await ctx.call<ReportRow, UpdateReportParams>('radiology-reports.update', params, { meta: { collabSigning: true } });
      } catch (err) {
        // Refused: editing goes on — unless a concurrent signature got there first (the version moved).
        const now = await RadiologyReport.findByPk(reportId, { attributes: ['version'] });
        if (now?.version === current.version) await ctx.call('collab.unlock', { docName });
        throw err;
      } finally {
        // Moleculer merges a call's meta back into the caller's: the flag must not outlive this call.
        delete meta.collabSigning;
      }
    },
  },

  /** Who wrote the document: every author of a stored update, with names, most updates first. */
  contributors: {
    permission: 'reports.read',
    visibility: 'public',
    params: { id },
    async handler(this: ReportsThis, ctx: CdssContext<{ id: number }>): Promise<ReportContributor[]> {
      const report = await reportForCollab(this, ctx, ctx.params.id);
      const authors = await ctx.call<Omit<ReportContributor, 'name' | 'role'>[], { docName: string }>('collab.contributors', { docName: reportDocName(report.id) });
      const names = authors.length
        ? await ctx.call<Record<string, { name: string; role: StaffRole }>, { ids: number[] }>('staff.namesByIds', { ids: authors.map((a) => a.userId) })
        : {};
      return authors
        .map((a) => ({ ...a, name: names[a.userId]?.name ?? null, role: names[a.userId]?.role ?? null }))
        .sort((a, b) => b.updates - a.updates || a.userId - b.userId);
    },
  },
};
