import { keysOf } from '../../lib/constants.js';
import type { PagingParams } from '../../lib/http/paging.js';
import { REPORT_ACTIONS, type ReportAction } from '../../lib/rules/report-status.js';

/**
 * The parameters of the radiology-report actions and their validator rules, declared once: the
 * `radiology-reports` system actor validates its internal actions with them and the radiologist's
 * routes (services/roles/radiologist.service.ts) publish the same rules, so the two cannot drift.
 */

/** The report text a radiologist writes (seed §3.2.3). */
export interface ReportContentParams {
  findings?: string;
  conclusion?: string;
  recommendations?: string;
  reportContent?: string;
}

export interface CreateReportParams extends ReportContentParams {
  /** The RIS schedule entry (the study) being read. */
  scheduleId: number;
}

export interface UpdateReportParams extends ReportContentParams {
  id: number;
  action: ReportAction;
  /** Required for `amend`. */
  reason?: string;
}

export interface ReportListParams extends PagingParams {
  patientId?: number;
  /** One status or a comma list. */
  status?: string;
  orderId?: number;
  scheduleId?: number;
  /** Radiologists: reports I own; doctors: reports of orders I placed. */
  mine?: boolean;
}

export const idParam = { type: 'number', integer: true, positive: true, convert: true } as const;
const text = (max: number) => ({ type: 'string', max, trim: true, optional: true }) as const;

/** The report text's rules. */
export const reportContentParams = { findings: text(20_000), conclusion: text(5_000), recommendations: text(5_000), reportContent: text(50_000) } as const;

/** `create`: start the draft of one study. */
export const createReportParams = { scheduleId: idParam, ...reportContentParams, $$strict: true } as const;

/** `update`: one workflow step (save, preliminary, final, amend) with any text changes. */
export const updateReportParams = {
  id: idParam,
  action: { type: 'enum', values: keysOf(REPORT_ACTIONS) },
  reason: { type: 'string', max: 500, trim: true, optional: true },
  ...reportContentParams,
  $$strict: true,
} as const;

/** The list filters both the report list and the radiologist's list take (paging added by each). */
export const reportFilterParams = {
  mine: { type: 'boolean', convert: true, optional: true },
  status: { type: 'string', max: 60, optional: true },
  patientId: { ...idParam, optional: true },
  orderId: { ...idParam, optional: true },
} as const;
