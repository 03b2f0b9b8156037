import { Errors } from 'moleculer';
import type { AuditAction } from '../../lib/constants.js';
import { audit } from '../../mixins/audit.js';
import type { CdssContext } from '../context.js';
import type { Database } from '../runtime.js';
import type { PacsArchive } from './archive.js';
import { RecentMap } from './recent-map.js';

const { MoleculerClientError } = Errors;

/** The audit log's resource type for anything reached through the PACS (a study, a series, an instance). */
export const RESOURCE_TYPE = 'DicomStudy';
/** patients.inScopeByChart takes at most this many chart numbers per call. */
const SCOPE_BATCH = 500;
/**
 * A viewer asks for every frame of a study within seconds (hundreds of requests): the scope
 * decision for one session and chart number is kept this long instead of asked each time. A
 * revoked session is refused by the gateway before any of this; a care-team change applies
 * within this time. Each request is still audited.
 */
const SCOPE_TTL_MS = 10_000;
const decisions = new RecentMap<string, number | null>(50_000, SCOPE_TTL_MS);
/** Which patient a study belongs to does not change once stored; kept a while to spare the archive a lookup per frame. */
const studyPatients = new RecentMap<string, string>(20_000, 60_000);

/**
 * Which of some DICOM PatientIDs (our chart numbers) the caller may see, each mapped to its
 * patients_patient.id. The row scope is the patients actor's (patient: self; doctor, nurse: care
 * team and department; radiographer: patients with imaging work; radiologist: all); that call is
 * itself audited. A PatientID that is no chart of ours is in nobody's scope.
 */
export async function chartsInScope(ctx: CdssContext, chartNumbers: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(chartNumbers.filter((c) => c && c.length <= 64))];
  const allowed = new Map<string, number>();
  // Break-the-glass widens the scope for this request only: never cached either way.
  const session = ctx.meta.breakGlassReason ? null : ctx.meta.user?.sessionId || null;
  const ask: string[] = [];
  for (const chart of unique) {
    const known = session ? decisions.get(`${session}\u0000${chart}`) : undefined;
    if (known === undefined) ask.push(chart);
    else if (known !== null) allowed.set(chart, known);
  }
  for (let i = 0; i < ask.length; i += SCOPE_BATCH) {
    const batch = ask.slice(i, i + SCOPE_BATCH);
    const found = await ctx.call<{ id: number; patient_id: string }[], { chartNumbers: string[] }>('patients.inScopeByChart', { chartNumbers: batch });
    const ids = new Map(found.map((p) => [p.patient_id, p.id]));
    for (const chart of batch) {
      if (session) decisions.set(`${session}\u0000${chart}`, ids.get(chart) ?? null);
      if (ids.has(chart)) allowed.set(chart, ids.get(chart)!);
    }
  }
  return allowed;
}

/** The PatientID of a study, remembered for a while. */
async function patientOfStudy(archive: PacsArchive, study: string): Promise<string | null> {
  const known = studyPatients.get(study);
  if (known !== undefined) return known;
  const chart = await archive.studyPatient(study);
  if (chart !== null) studyPatients.set(study, chart);
  return chart;
}

/** patients_patient.id of a chart number, for the audit row of a refusal (never answered to the caller). */
export async function patientIdOfChart(db: Database, chartNumber: string | null): Promise<number | null> {
  if (!chartNumber) return null;
  const patient = await db.models.Patient.findOne({ where: { patient_id: chartNumber }, attributes: ['id'], paranoid: false });
  return patient ? patient.id : null;
}

export interface StudyAccess {
  chartNumber: string;
  /** patients_patient.id */
  patientId: number;
}

export function auditPacs(
  ctx: CdssContext, facts: { actionType: AuditAction; outcome: 'success' | 'denied' | 'error'; resourceId?: string | null; patientId?: number | null; description: string },
): Promise<void> {
  const reason = ctx.meta.breakGlassReason?.trim();
  return audit(ctx, {
    resourceType: RESOURCE_TYPE, actionType: facts.actionType, outcome: facts.outcome, resourceId: facts.resourceId?.slice(0, 100) ?? null,
    patientId: facts.patientId ?? null, description: facts.description.slice(0, 500),
    ...(reason ? { breakGlass: true, reason: reason.slice(0, 500) } : {}),
  });
}

/**
 * The caller's access to one study: its patient when in scope, otherwise null. A study outside
 * the scope and a missing one are told apart only in the audit row (`denied` or `error`).
 */
export async function studyAccess(
  ctx: CdssContext, archive: PacsArchive, db: Database, study: string, audited: { actionType: AuditAction; resourceId: string; what: string },
): Promise<StudyAccess | null> {
  const chartNumber = await patientOfStudy(archive, study);
  if (chartNumber !== null) {
    const patientId = (await chartsInScope(ctx, [chartNumber])).get(chartNumber);
    if (patientId !== undefined) return { chartNumber, patientId };
  }
  await auditPacs(ctx, {
    actionType: audited.actionType, outcome: chartNumber === null ? 'error' : 'denied', resourceId: audited.resourceId,
    patientId: await patientIdOfChart(db, chartNumber),
    description: chartNumber === null ? `${audited.what}: no such study` : `${audited.what}: study outside the user's scope`,
  });
  return null;
}

/** As studyAccess, but a study the caller may not see is answered 404 (as if it did not exist). */
export async function requireStudy(
  ctx: CdssContext, archive: PacsArchive, db: Database, study: string, audited: { actionType: AuditAction; resourceId: string; what: string },
): Promise<StudyAccess> {
  const access = await studyAccess(ctx, archive, db, study, audited);
  if (!access) throw notFound();
  return access;
}

export function notFound(what = '영상 검사를 찾을 수 없습니다 (study not found)'): Error {
  return new MoleculerClientError(what, 404, 'NOT_FOUND');
}
