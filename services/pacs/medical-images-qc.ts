import type { QcReason, QcResult } from '../../lib/dicom/qc.js';
import type { QcFinding, QcStatus } from '../../models/image-qc.js';
import type { QcSummary } from './medical-images-types.js';

/**
 * How the per-instance quality checks (lib/dicom/qc.ts) become a study's QC (seed §4.4.2): one
 * verdict over the instances checked, findings counted by code, and the rule for a study that
 * already has a verdict — new good images leave it as it is, new findings reopen it.
 */

const RANK: Record<QcSummary['status'], number> = { PASSED: 0, WARNING: 1, FAILED: 2 };

function statusOf(findings: QcFinding[]): QcSummary['status'] {
  if (findings.some((f) => f.severity === 'error')) return 'FAILED';
  return findings.length > 0 ? 'WARNING' : 'PASSED';
}

function addFinding(into: Map<string, QcFinding>, reason: QcReason, count = 1): void {
  const seen = into.get(reason.code);
  if (seen) seen.count += count;
  else into.set(reason.code, { code: reason.code, severity: reason.severity, message: reason.message, count });
}

/** One verdict over several instances' checks, plus findings about the study itself (e.g. its order). */
export function summarizeQc(results: QcResult[], studyReasons: QcReason[] = []): QcSummary {
  const findings = new Map<string, QcFinding>();
  for (const result of results) for (const reason of result.reasons) addFinding(findings, reason);
  for (const reason of studyReasons) addFinding(findings, reason);
  const list = [...findings.values()];
  const worst = results.reduce<QcSummary['status']>((acc, r) => (RANK[r.status] > RANK[acc] ? r.status : acc), statusOf(list));
  return { status: worst, findings: list };
}

export interface QcColumns {
  qc_status: QcStatus;
  qc_reasons: QcFinding[] | null;
  qc_resolved_by_id: number | null;
  qc_resolved_at: Date | null;
  qc_resolution_note: string | null;
}

/**
 * The row's QC after `fresh` (null: nothing was checked). A study not checked yet takes the new
 * verdict; clean new images keep a verdict already given (and a resolution already made); new
 * findings are added to the open ones — or, once the old ones were resolved, open a new round.
 */
export function mergeQc(current: Pick<QcColumns, 'qc_status' | 'qc_reasons'> | null, fresh: QcSummary | null): Partial<QcColumns> {
  if (!fresh) return {};
  const status = current?.qc_status ?? 'PENDING';
  if (status === 'PENDING') return { qc_status: fresh.status, qc_reasons: fresh.findings };
  if (fresh.status === 'PASSED') return {};
  const open = status === 'WARNING' || status === 'FAILED' ? current?.qc_reasons ?? [] : [];
  const findings = new Map<string, QcFinding>(open.map((f) => [f.code, { ...f }]));
  for (const f of fresh.findings) addFinding(findings, f, f.count);
  const list = [...findings.values()];
  return { qc_status: statusOf(list), qc_reasons: list, qc_resolved_by_id: null, qc_resolved_at: null, qc_resolution_note: null };
}

/** Findings the medical-images actor adds about the study as a whole. */
export const STUDY_FINDINGS = {
  unknownPatient: (chartNumber: string): QcReason => ({
    code: 'PATIENT_UNKNOWN', severity: 'error',
    message: `환자번호(PatientID) ${chartNumber}에 해당하는 환자가 없습니다 (no patient with this chart number)`,
  }),
  accessionOtherPatient: (accession: string): QcReason => ({
    code: 'ACCESSION_OTHER_PATIENT', severity: 'error',
    message: `접수번호 ${accession}은(는) 다른 환자의 오더입니다: 오더와 연결하지 않았습니다 (accession belongs to another patient's order; not linked)`,
  }),
  accessionUnknown: (accession: string): QcReason => ({
    code: 'ACCESSION_UNKNOWN', severity: 'warning',
    message: `접수번호 ${accession}에 해당하는 촬영 오더가 없습니다 (no imaging order with this accession)`,
  }),
  orderCancelled: (accession: string): QcReason => ({
    code: 'ORDER_CANCELLED', severity: 'warning',
    message: `접수번호 ${accession}의 오더는 취소되었습니다 (the order of this accession was cancelled)`,
  }),
};
