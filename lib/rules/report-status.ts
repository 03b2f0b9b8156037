import { REPORT_STATUSES, type ReportStatus } from '../constants-clinical.js';

/**
 * The radiology report workflow (seed §3.2.3, issue #4 §5) as one explicit state machine:
 *
 *   DRAFT (작성중) ──save──▶ DRAFT
 *   DRAFT ──preliminary──▶ PRELIMINARY (예비판독: signed, the ordering doctor sees it marked preliminary)
 *   DRAFT | PRELIMINARY ──final──▶ FINAL (최종판독: signed and locked)
 *   FINAL | AMENDED ──amend (reason required)──▶ AMENDED (수정판독: final-equivalent again)
 *
 * Anything else is refused (409). Every action writes one revision row, so the history keeps
 * every version with who, when and why.
 */
export const REPORT_ACTIONS = {
  save: '임시저장',
  preliminary: '예비판독 서명',
  final: '최종판독 서명',
  amend: '수정판독',
} as const;
export type ReportAction = keyof typeof REPORT_ACTIONS;

/** What a revision row records: the report's creation, an action above, or its release to the patient. */
export const REVISION_KINDS = { CREATE: '작성', SAVE: '임시저장', PRELIMINARY: '예비판독', FINAL: '최종판독', AMEND: '수정판독', RELEASE: '환자 공개' } as const;
export type RevisionKind = keyof typeof REVISION_KINDS;

export const REVISION_KIND_OF: Record<ReportAction, RevisionKind> = { save: 'SAVE', preliminary: 'PRELIMINARY', final: 'FINAL', amend: 'AMEND' };

const TRANSITIONS: Record<ReportStatus, Partial<Record<ReportAction, ReportStatus>>> = {
  DRAFT: { save: 'DRAFT', preliminary: 'PRELIMINARY', final: 'FINAL' },
  // A preliminary report was seen by the ordering doctor: it is not reopened as a draft, only
  // finalised (with whatever corrections the final reading makes).
  PRELIMINARY: { final: 'FINAL' },
  FINAL: { amend: 'AMENDED' },
  AMENDED: { amend: 'AMENDED' },
};

/** The status `action` leads to from `from`, or null when the workflow does not allow it. */
export function nextReportStatus(from: ReportStatus, action: ReportAction): ReportStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

/** The actions allowed on a report in status `from`, in workflow order. */
export function allowedReportActions(from: ReportStatus): ReportAction[] {
  return (Object.keys(REPORT_ACTIONS) as ReportAction[]).filter((action) => TRANSITIONS[from][action] !== undefined);
}

/** Signed reports (preliminary, final, amended) are what the ordering doctor sees; drafts stay in the reading room. */
export const SIGNED_REPORT_STATUSES: readonly ReportStatus[] = ['PRELIMINARY', 'FINAL', 'AMENDED'];

/** Final-equivalent reports: the study's reading is done; only these may be released to the patient. */
export const FINAL_REPORT_STATUSES: readonly ReportStatus[] = ['FINAL', 'AMENDED'];

export function isSignedReport(status: ReportStatus): boolean {
  return SIGNED_REPORT_STATUSES.includes(status);
}

export function isFinalReport(status: ReportStatus): boolean {
  return FINAL_REPORT_STATUSES.includes(status);
}

/** Only a draft is the author's private work: anyone else may neither save nor sign it. */
export function ownerOnly(from: ReportStatus): boolean {
  return from === 'DRAFT';
}

export interface ReportContent {
  findings?: string | null;
  conclusion?: string | null;
}

/** Which required part of the report is missing for a signature (findings and 결론), or null. */
export function signingProblem(content: ReportContent): { field: 'findings' | 'conclusion'; message: string } | null {
  if (!content.findings?.trim()) return { field: 'findings', message: '서명하려면 판독 소견이 필요합니다 (findings are required to sign)' };
  if (!content.conclusion?.trim()) return { field: 'conclusion', message: '서명하려면 결론이 필요합니다 (a conclusion is required to sign)' };
  return null;
}

/** The Korean label of a status, for notifications and lists. */
export function reportStatusLabel(status: ReportStatus): string {
  return REPORT_STATUSES[status];
}
