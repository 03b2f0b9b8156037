import { Errors, type ServiceActionsSchema } from 'moleculer';
import { DicomInputError, parsePart10, summarize, type InstanceSummary, type ParsedDicom } from '../../lib/dicom/part10.js';
import { auditPacs, chartsInScope } from './access.js';
import { DICOM_JSON } from './media-types.js';
import { requestInfo, type DicomWebContext, type PacsThis } from './pacs-types.js';
import { FAILURE_REASON, storeResponse, stowItems, warningHeader, type StowOutcome } from './stow.js';

const { MoleculerClientError } = Errors;
const UID = /^[0-9]+(\.[0-9]+)*$/;

interface Candidate {
  part: number;
  bytes: Buffer;
  parsed: ParsedDicom;
  summary: InstanceSummary;
}

const textOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Every part is checked before anything is stored; a part that fails leaves nothing of itself behind. */
function validate(items: ReturnType<typeof stowItems>, study: string | undefined): { candidates: Candidate[]; outcomes: StowOutcome[] } {
  const candidates: Candidate[] = [];
  const outcomes: StowOutcome[] = [];
  for (const item of items) {
    if (item.failure || !item.bytes) {
      outcomes.push({ part: item.part, failure: item.failure });
      continue;
    }
    let parsed: ParsedDicom | undefined;
    try {
      parsed = parsePart10(item.bytes);
      const summary = summarize(parsed);
      if (study && summary.studyInstanceUid !== study) {
        outcomes.push({
          part: item.part,
          failure: {
            reason: 'STUDY_MISMATCH', failureReason: FAILURE_REASON.STUDY_MISMATCH, sopClassUid: summary.sopClassUid, sopInstanceUid: summary.sopInstanceUid,
            message: `요청한 검사(${study})와 다른 검사의 인스턴스입니다 (instance of study ${summary.studyInstanceUid})`,
          },
        });
        continue;
      }
      candidates.push({ part: item.part, bytes: item.bytes, parsed, summary });
    } catch (err) {
      if (!(err instanceof DicomInputError)) throw err;
      outcomes.push({
        part: item.part,
        failure: {
          reason: err.reason, message: err.message, failureReason: FAILURE_REASON.INVALID,
          sopClassUid: textOf(parsed?.dataset.SOPClassUID), sopInstanceUid: textOf(parsed?.dataset.SOPInstanceUID),
        },
      });
    }
  }
  return { candidates, outcomes };
}

/** A request where nothing was stored is answered as an error that says why, per part. */
function refusal(outcomes: StowOutcome[]): Error {
  const failures = outcomes.map((o) => ({ part: o.part, reason: o.failure!.reason, message: o.failure!.message, sopInstanceUid: o.failure!.sopInstanceUid ?? null }));
  const reasons = new Set(failures.map((f) => f.reason));
  const first = failures[0]!;
  if (reasons.size === 1 && first.reason === 'NOT_IN_SCOPE') {
    return new MoleculerClientError(first.message, 403, 'NOT_IN_SCOPE', { failures });
  }
  if (reasons.size === 1 && first.reason === 'TOO_LARGE') return new MoleculerClientError(first.message, 413, 'PAYLOAD_TOO_LARGE', { failures });
  const message = failures.length === 1 ? first.message : `저장된 인스턴스가 없습니다: ${failures.length}개 모두 실패 (nothing stored: all ${failures.length} instances failed)`;
  const allInvalid = failures.every((f) => !['NOT_IN_SCOPE', 'STUDY_MISMATCH', 'TOO_LARGE'].includes(f.reason));
  return new MoleculerClientError(message, allInvalid ? 400 : 409, allInvalid ? 'INVALID_DICOM' : 'STOW_FAILED', { failures });
}

export const stowActions: ServiceActionsSchema = {
  stow: {
    permission: 'images.write',
    summary: 'STOW-RS 저장 (multipart/related; application/dicom — 파트별 검증, 권한 범위의 환자만) / STOW-RS: store instances, each part validated',
    async handler(this: PacsThis, ctx: DicomWebContext) {
      const study = ctx.params.params?.study;
      if (study !== undefined && (typeof study !== 'string' || study.length > 64 || !UID.test(study))) {
        throw new MoleculerClientError('UID 형식이 아닙니다 (study: not a UID)', 400, 'VALIDATION_ERROR', [{ field: 'study', message: 'not a UID' }]);
      }
      const items = stowItems(ctx.params.body, ctx.meta.dicomWeb?.contentType, this.runtime.config.dicomMaxBytes);
      const { candidates, outcomes } = validate(items, study);

      const inScope = candidates.length ? await chartsInScope(ctx, candidates.map((c) => c.summary.patientId)) : new Map<string, number>();
      const storedPerStudy = new Map<string, { patientId: number; stored: number; present: number }>();
      for (const candidate of candidates) {
        const { summary } = candidate;
        const patientId = inScope.get(summary.patientId);
        if (patientId === undefined) {
          outcomes.push({
            part: candidate.part,
            failure: {
              reason: 'NOT_IN_SCOPE', failureReason: FAILURE_REASON.NOT_AUTHORIZED, sopClassUid: summary.sopClassUid, sopInstanceUid: summary.sopInstanceUid,
              message: `환자 ${summary.patientId}의 영상을 저장할 권한이 없습니다: 담당 범위의 환자 번호가 아닙니다 (PatientID not a patient in your scope)`,
            },
          });
          continue;
        }
        const { stored } = await this.storeValidated(candidate.bytes, candidate.parsed, summary, 'STOW');
        outcomes.push({ part: candidate.part, summary, stored });
        const tally = storedPerStudy.get(summary.studyInstanceUid) ?? { patientId, stored: 0, present: 0 };
        tally[stored ? 'stored' : 'present'] += 1;
        storedPerStudy.set(summary.studyInstanceUid, tally);
      }
      outcomes.sort((a, b) => a.part - b.part);

      for (const [studyUid, tally] of storedPerStudy) {
        await auditPacs(ctx, {
          actionType: 'create', outcome: 'success', resourceId: studyUid, patientId: tally.patientId,
          description: `STOW-RS: ${tally.stored} stored, ${tally.present} already present`,
        });
      }
      const failed = outcomes.filter((o) => o.failure);
      if (failed.length) {
        await auditPacs(ctx, {
          actionType: 'create', outcome: failed.some((o) => o.failure!.reason === 'NOT_IN_SCOPE') ? 'denied' : 'error',
          resourceId: study ?? null, description: `STOW-RS refused ${failed.map((o) => `part ${o.part} ${o.failure!.reason}`).join(', ')}`,
        });
      }
      if (storedPerStudy.size === 0) throw refusal(failed);

      ctx.meta.$statusCode = failed.length ? 202 : 200;
      ctx.meta.$responseType = DICOM_JSON;
      const warning = warningHeader(outcomes);
      if (warning) ctx.meta.$responseHeaders = { Warning: warning };
      return storeResponse(outcomes, requestInfo(ctx).base);
    },
  },
};
