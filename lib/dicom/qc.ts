import { extractFrames } from './frames.js';
import { DicomInputError, numberValue, summarize, textValue, type InstanceSummary, type ParsedDicom } from './part10.js';
import { canDecode, decodeFrame, type DecodedFrame } from './pixels.js';
import { transferSyntaxInfo } from './transfer-syntax.js';

/**
 * Automatic quality check of an ingested instance (seed §4.4.2). Errors make it FAILED (the
 * radiographer must resolve them), warnings make it WARNING, nothing found is PASSED.
 *
 * Codes (stable, for the UI and the image_qc rows):
 * - MISSING_TAG (error): no Study/Series/SOP Instance/SOP Class UID, PatientID or Modality; for
 *   images also Rows/Columns.
 * - DIMENSIONS (error): Rows or Columns outside 8–16384.
 * - PIXEL_DECODE (error): the pixel data do not decode (or their frames cannot be found).
 * - BLANK (error): every sampled frame (first, middle, last) is flat — standard deviation of the
 *   stored values below min(2, 0.4 % of the stored range): an unexposed plate, a black photo.
 * - PATIENT_MISMATCH / ACCESSION_MISMATCH (error): PatientID / AccessionNumber differ from the order's.
 * - ACCESSION_MISSING (warning): an accession was expected but the instance has none.
 * - PIXEL_NOT_CHECKED (warning): compressed in a syntax we cannot decode (JPEG Lossless,
 *   JPEG-LS, JPEG 2000...): stored and viewable, not checked here.
 * - NO_PIXEL_DATA (warning): not an image (SR, KO, PR...): the pixel checks do not apply.
 */
export interface QcReason { code: string; severity: 'error' | 'warning'; message: string }
export interface QcResult { status: 'PASSED' | 'WARNING' | 'FAILED'; reasons: QcReason[] }

export const QC_CODES = [
  'MISSING_TAG', 'DIMENSIONS', 'PIXEL_DECODE', 'BLANK', 'PATIENT_MISMATCH', 'ACCESSION_MISMATCH',
  'ACCESSION_MISSING', 'PIXEL_NOT_CHECKED', 'NO_PIXEL_DATA',
] as const;

export const MIN_DIMENSION = 8;
export const MAX_DIMENSION = 16384;

const error = (code: string, message: string): QcReason => ({ code, severity: 'error', message });
const warning = (code: string, message: string): QcReason => ({ code, severity: 'warning', message });

/** Standard deviation of a frame: stored grey values, or the luma of colour pixels. */
export function frameStandardDeviation(frame: DecodedFrame): number {
  const n = frame.width * frame.height;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = frame.kind === 'grey'
      ? frame.stored[i]!
      : 0.299 * frame.rgb[i * 3]! + 0.587 * frame.rgb[i * 3 + 1]! + 0.114 * frame.rgb[i * 3 + 2]!;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
}

/** Below this a frame is flat: under 0.4 % of the stored range (about 1 grey level of 8 bits), at most 2. */
export function blankThreshold(bitsStored: number): number {
  return Math.min(2, (2 ** Math.min(bitsStored, 16) - 1) * 0.004);
}

function sampledFrames(count: number): number[] {
  return [...new Set([1, Math.ceil(count / 2), count])];
}

function pixelChecks(parsed: ParsedDicom, summary: InstanceSummary | null): QcReason[] {
  const count = summary?.numberOfFrames ?? Math.max(1, numberValue(parsed.dataset.NumberOfFrames) ?? 1);
  const frames = sampledFrames(count);
  if (!canDecode(parsed)) {
    try {
      extractFrames(parsed, frames); // the frames are at least there
    } catch (err) {
      return [error('PIXEL_DECODE', `픽셀 데이터의 프레임을 찾을 수 없습니다 (pixel data frames not found: ${(err as Error).message})`)];
    }
    const name = transferSyntaxInfo(parsed.transferSyntaxUid).name;
    return [warning('PIXEL_NOT_CHECKED', `압축 영상(${name})이라 픽셀 데이터는 확인하지 않았습니다 (compressed pixel data not checked)`)];
  }
  let flat = 0;
  for (const n of frames) {
    let decoded: DecodedFrame;
    try {
      decoded = decodeFrame(parsed, n);
    } catch (err) {
      const detail = err instanceof DicomInputError ? err.message : String((err as Error).message ?? err);
      return [error('PIXEL_DECODE', `픽셀 데이터를 해독할 수 없습니다 (pixel data do not decode: frame ${n}: ${detail})`)];
    }
    if (frameStandardDeviation(decoded) < blankThreshold(decoded.bitsStored)) flat++;
  }
  return flat === frames.length
    ? [error('BLANK', '빈 영상입니다: 픽셀 값에 변화가 없습니다 (blank image: no variation in pixel values)')]
    : [];
}

/** Runs every check on a parsed instance; `expected` is the order's patient and accession. */
export function qualityCheck(parsed: ParsedDicom, expected?: { patientId?: string; accessionNumber?: string | null }): QcResult {
  const reasons: QcReason[] = [];
  let summary: InstanceSummary | null = null;
  try {
    summary = summarize(parsed);
  } catch (err) {
    if (!(err instanceof DicomInputError)) throw err;
    reasons.push(error('MISSING_TAG', err.message));
  }

  const isImage = !!parsed.dict['7FE00010'];
  if (!isImage) {
    reasons.push(warning('NO_PIXEL_DATA', '영상이 아닌 객체입니다: 픽셀 데이터가 없습니다 (no pixel data: not an image)'));
  } else {
    const rows = numberValue(parsed.dataset.Rows);
    const columns = numberValue(parsed.dataset.Columns);
    const missing = [rows === null && 'Rows (0028,0010)', columns === null && 'Columns (0028,0011)'].filter(Boolean);
    if (missing.length > 0) {
      reasons.push(error('MISSING_TAG', `영상 크기 태그가 없습니다: ${missing.join(', ')} (image dimensions missing)`));
    } else if ([rows!, columns!].some((d) => d < MIN_DIMENSION || d > MAX_DIMENSION)) {
      reasons.push(error('DIMENSIONS', `영상 크기가 비정상입니다: ${columns}×${rows} (허용 ${MIN_DIMENSION}–${MAX_DIMENSION}) (implausible image dimensions)`));
    } else {
      reasons.push(...pixelChecks(parsed, summary));
    }
  }

  if (expected) {
    const patientId = summary?.patientId ?? textValue(parsed.dataset.PatientID);
    if (expected.patientId !== undefined && patientId.trim() !== expected.patientId.trim()) {
      reasons.push(error('PATIENT_MISMATCH',
        `환자번호가 오더와 다릅니다: 영상 '${patientId}', 오더 '${expected.patientId}' (PatientID does not match the order)`));
    }
    const accession = summary?.accessionNumber ?? (textValue(parsed.dataset.AccessionNumber) || null);
    if (expected.accessionNumber) {
      if (!accession) {
        reasons.push(warning('ACCESSION_MISSING', `영상에 검사번호가 없어 오더(${expected.accessionNumber})와 대조하지 못했습니다 (no AccessionNumber in the image)`));
      } else if (accession.trim() !== expected.accessionNumber.trim()) {
        reasons.push(error('ACCESSION_MISMATCH',
          `검사번호가 오더와 다릅니다: 영상 '${accession}', 오더 '${expected.accessionNumber}' (AccessionNumber does not match the order)`));
      }
    }
  }

  const status = reasons.some((r) => r.severity === 'error') ? 'FAILED' : reasons.length > 0 ? 'WARNING' : 'PASSED';
  return { status, reasons };
}
