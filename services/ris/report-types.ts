import type { Service } from 'moleculer';
import type { Transaction } from 'sequelize';
import type { DbMethods } from '../../mixins/db.mixin.js';
import type { ReportStatus } from '../../lib/constants-clinical.js';
import type { RevisionKind } from '../../lib/rules/report-status.js';
import type { RadiologyReportAttributes } from '../../models/radiology-report.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import type { UpdateReportParams } from './report-params.js';

/**
 * The shapes the `radiology-reports` actor answers (re-exported by radiology-reports.service.ts for
 * its callers) and the service's own `this`, shared by the files its actions and methods live in.
 */

/** A report as the results inbox needs it: `radiology-reports.forOrders` answers these. */
export type ReportSummary = Pick<RadiologyReportAttributes, 'id' | 'order_id' | 'schedule_id' | 'patient_id' | 'accession_number'
  | 'study_description' | 'status' | 'conclusion' | 'report_date' | 'signed_at' | 'released_at' | 'version'> & { preliminary: boolean };

/** What the patient's portal shows of a released report: the text, never the history or amendment reasons. */
export type PortalReport = Pick<RadiologyReportAttributes, 'id' | 'patient_id' | 'accession_number' | 'study_description' | 'status'
  | 'findings' | 'conclusion' | 'recommendations' | 'report_content' | 'report_date' | 'signed_at' | 'released_at'> & { amended: boolean };

/** Counts for the radiologist dashboard (seed §4.5.1 오늘의 판독 현황, 판독 통계). */
export interface ReportStatistics {
  from: string;
  to: string;
  /** Signatures made in the period: preliminary, final and amendments. */
  signed: { PRELIMINARY: number; FINAL: number; AMEND: number };
  /** Reports still open now: drafts and preliminary reports awaiting their final reading. */
  open: { DRAFT: number; PRELIMINARY: number };
}

/** The RIS schedule entry fields the reports rely on (`ris.get`). */
export type RisStudy = Pick<RisScheduleAttributes, 'id' | 'order_id' | 'patient_id' | 'accession_number' | 'status' | 'medical_image_id' | 'procedure_name'>;

export type ReportRow = RadiologyReportAttributes;

/** One workflow step as planned before anything is written. */
export interface PlannedChange {
  to: ReportStatus;
  changes: Partial<ReportRow>;
  /** The study's reading is done for the first time: RIS and the order move to READ / REPORTED. */
  firstFinal: boolean;
}

/** The service as its actions see it: the db mixin plus the methods of report-workflow.ts. */
export type ReportsThis = Service & DbMethods & {
  radiologistProfileId(ctx: CdssContext): Promise<number>;
  visibleStatuses(ctx: CdssContext): readonly ReportStatus[];
  findVisible(ctx: CdssContext, id: number): Promise<ReportRow>;
  plannedChange(current: ReportRow, params: UpdateReportParams, profileId: number, userId: number): PlannedChange;
  writeRevision(report: ReportRow, kind: RevisionKind, authorId: number, reason: string | null, transaction: Transaction): Promise<void>;
  notifyOrderingDoctor(ctx: CdssContext, report: ReportRow): Promise<void>;
};
