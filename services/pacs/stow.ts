import { Errors } from 'moleculer';
import type { InstanceSummary } from '../../lib/dicom/part10.js';
import type { DicomJson } from './archive.js';
import { part10FromDicomJson } from './dicom-json-input.js';
import { MultipartError, parseMediaType, parseMultipart } from './multipart.js';
import { DICOM, DICOM_JSON } from './media-types.js';

const { MoleculerClientError } = Errors;

/** Failure Reason (0008,1197) codes of a STOW-RS answer (PS3.18 Table 10.5.3-2, PS3.4 B.2.3, PS3.7 C). */
export const FAILURE_REASON = {
  /** Cannot understand: not DICOM, truncated, required attributes missing. */
  INVALID: 0xc000,
  /** Out of resources: larger than CDSS_DICOM_MAX_BYTES. */
  TOO_LARGE: 0xa700,
  /** Data set does not match the request: an instance of another study posted to /studies/{study}. */
  STUDY_MISMATCH: 0xa900,
  /** Refused, not authorized: the patient is outside the sender's scope. */
  NOT_AUTHORIZED: 0x0124,
} as const;

/** One instance of a STOW-RS request: its bytes, or why it was refused before it reached the archive. */
export interface StowItem {
  part: number;
  bytes?: Buffer;
  failure?: StowFailure;
}

export interface StowFailure {
  /** A stable code: a DicomInputError reason, TOO_LARGE, STUDY_MISMATCH, NOT_IN_SCOPE, UNSUPPORTED_PART. */
  reason: string;
  message: string;
  failureReason: number;
  sopClassUid?: string;
  sopInstanceUid?: string;
}

export interface StowOutcome {
  part: number;
  summary?: InstanceSummary;
  stored?: boolean;
  failure?: StowFailure;
}

function jsonItems(part: number, text: Buffer): StowItem[] {
  let datasets: unknown;
  try {
    datasets = JSON.parse(text.toString('utf8'));
  } catch {
    return [{ part, failure: { reason: 'NOT_DICOM', message: 'DICOM JSON이 올바른 JSON이 아닙니다 (malformed DICOM JSON)', failureReason: FAILURE_REASON.INVALID } }];
  }
  return (Array.isArray(datasets) ? datasets : [datasets]).map((dataset) => {
    try {
      return { part, bytes: part10FromDicomJson(dataset) };
    } catch (err) {
      const e = err as Error & { reason?: string };
      return { part, failure: { reason: e.reason ?? 'NOT_DICOM', message: e.message, failureReason: FAILURE_REASON.INVALID } };
    }
  });
}

/**
 * The instances of a STOW-RS request body (PS3.18 10.5.1): multipart/related parts of
 * application/dicom (or application/dicom+json datasets with inline bulk data); a single
 * application/dicom or application/dicom+json body is accepted too. A malformed envelope is a
 * 400 for the whole request; a bad part fails alone.
 */
export function stowItems(body: unknown, contentType: string | undefined, maxBytes: number): StowItem[] {
  const media = parseMediaType(contentType);
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new MoleculerClientError('저장할 DICOM 데이터가 없습니다 (empty STOW-RS request)', 400, 'EMPTY_BODY');
  }
  if (media?.type === DICOM) return [{ part: 1, bytes: body }];
  if (media?.type === DICOM_JSON) return jsonItems(1, body);
  if (media?.type !== 'multipart/related') {
    throw new MoleculerClientError(
      'STOW-RS 요청은 multipart/related; type="application/dicom" 이어야 합니다 (expected multipart/related)', 415, 'UNSUPPORTED_MEDIA_TYPE',
      { contentType: contentType ?? null },
    );
  }
  let parts;
  try {
    parts = parseMultipart(body, media.params.boundary ?? '');
  } catch (err) {
    if (!(err instanceof MultipartError)) throw err;
    throw new MoleculerClientError(`multipart 본문이 올바르지 않습니다 (malformed multipart body: ${err.message})`, 400, 'MALFORMED_MULTIPART');
  }
  if (parts.length === 0) throw new MoleculerClientError('저장할 DICOM 데이터가 없습니다 (no parts in the request)', 400, 'EMPTY_BODY');
  const defaultType = media.params.type?.toLowerCase() ?? DICOM;
  return parts.flatMap((part, index): StowItem[] => {
    const number = index + 1;
    const type = parseMediaType(part.headers['content-type'])?.type ?? defaultType;
    if (part.body.length > maxBytes) {
      return [{ part: number, failure: { reason: 'TOO_LARGE', message: `파일이 너무 큽니다: 최대 ${maxBytes}바이트 (instance larger than ${maxBytes} bytes)`, failureReason: FAILURE_REASON.TOO_LARGE } }];
    }
    if (type === DICOM) return [{ part: number, bytes: part.body }];
    if (type === DICOM_JSON) return jsonItems(number, part.body);
    return [{ part: number, failure: { reason: 'UNSUPPORTED_PART', message: `지원하지 않는 형식입니다: ${type} (unsupported part type)`, failureReason: FAILURE_REASON.INVALID } }];
  });
}

const ui = (value: string | undefined) => (value ? { vr: 'UI', Value: [value] } : { vr: 'UI' });

/** The Store Instances Response (PS3.18 Table 10.5.3-1) as DICOM JSON. */
export function storeResponse(outcomes: StowOutcome[], base: string): DicomJson {
  const stored = outcomes.filter((o) => o.summary && !o.failure);
  const failed = outcomes.filter((o) => o.failure);
  const studies = new Set(stored.map((o) => o.summary!.studyInstanceUid));
  const response: DicomJson = {};
  if (studies.size === 1) response['00081190'] = { vr: 'UR', Value: [`${base}/studies/${[...studies][0]}`] };
  if (failed.length) {
    response['00081198'] = {
      vr: 'SQ',
      Value: failed.map((o) => ({
        '00081150': ui(o.failure!.sopClassUid), '00081155': ui(o.failure!.sopInstanceUid), '00081197': { vr: 'US', Value: [o.failure!.failureReason] },
      })),
    };
  }
  if (stored.length) {
    response['00081199'] = {
      vr: 'SQ',
      Value: stored.map(({ summary: s }) => ({
        '00081150': ui(s!.sopClassUid), '00081155': ui(s!.sopInstanceUid),
        '00081190': { vr: 'UR', Value: [`${base}/studies/${s!.studyInstanceUid}/series/${s!.seriesInstanceUid}/instances/${s!.sopInstanceUid}`] },
      })),
    };
  }
  return response;
}

/** The failures as a Warning header value (RFC 7234 5.5, PS3.18 8.10.3): ASCII reason codes per part. */
export function warningHeader(outcomes: StowOutcome[]): string | null {
  const failed = outcomes.filter((o) => o.failure);
  if (!failed.length) return null;
  return `299 CDSS "${failed.map((o) => `part ${o.part}: ${o.failure!.reason}`).join('; ').slice(0, 900)}"`;
}
