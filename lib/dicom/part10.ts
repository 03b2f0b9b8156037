import dcmjs from 'dcmjs';
import { inflateSync } from 'fflate';
import { StructureError, tagString, walkDataset, type ElementLocation } from './structure.js';
import { transferSyntaxInfo } from './transfer-syntax.js';

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;

// dcmjs's validation logger reports, at error level, every implicit-VR element whose dictionary
// VR is ambiguous ('OB or OW', 'US or SS') and every short value; parsePart10 checks the
// structure itself and refuses short values, so these lines would only flood the service logs.
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

/**
 * Why a DICOM input was refused. The first six are the contract's; FRAME_RANGE (frames.ts) and
 * BAD_IMAGE (capture.ts: a JPEG/PNG that does not decode) complete the set.
 */
export type DicomInputReason =
  | 'NOT_DICOM' | 'NO_PREAMBLE' | 'NO_META' | 'TRUNCATED' | 'MISSING_TAG' | 'UNSUPPORTED' | 'FRAME_RANGE' | 'BAD_IMAGE';

/** Bad DICOM input: the message is Korean first, the reason a stable code callers put in error details. */
export class DicomInputError extends Error {
  constructor(message: string, readonly reason: DicomInputReason | string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'DicomInputError';
  }
}

export interface ParsedDicom {
  transferSyntaxUid: string;
  /** The file meta group (0002,xxxx), naturalized (TransferSyntaxUID, MediaStorageSOPInstanceUID, ...). */
  meta: Record<string, unknown>;
  /** The dataset naturalized by dcmjs: keyword → value (PN as [{ Alphabetic }], SQ as arrays of datasets). */
  dataset: Record<string, any>;
  /** The dataset as dcmjs reads it: tag 'GGGGEEEE' → { vr, Value } (binary values as ArrayBuffers). */
  dict: Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string }>;
}

const PREAMBLE_LENGTH = 128;
const MAGIC = 'DICM';
const DATASET_START = PREAMBLE_LENGTH + MAGIC.length;

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/** Recognizes what a non-DICOM upload is, so the message can say "this is a JPEG" rather than just "no". */
function sniffOtherFormat(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'JPEG 이미지 (JPEG image)';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'PNG 이미지 (PNG image)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'PDF 문서 (PDF document)';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'ZIP 압축 파일 (ZIP archive)';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'GIF 이미지 (GIF image)';
  return null;
}

/** A dataset without the Part-10 header: 'DICM' at 0, or a group 0002/0008 element right away. */
function looksLikeRawDataset(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 8) return false;
  if (ascii(bytes, 0, 4) === MAGIC) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const group = view.getUint16(0, true);
  if (group !== 0x0002 && group !== 0x0008) return false;
  const vr = ascii(bytes, 4, 2);
  return /^[A-Z]{2}$/.test(vr) || view.getUint32(4, true) < 0x10000;
}

function checkHeader(bytes: Uint8Array): void {
  const hasMagic = bytes.byteLength >= DATASET_START && ascii(bytes, PREAMBLE_LENGTH, 4) === MAGIC;
  if (hasMagic) return;
  const other = sniffOtherFormat(bytes);
  if (other) {
    throw new DicomInputError(`DICOM 파일이 아닙니다: ${other} (not a DICOM file)`, 'NOT_DICOM', { detected: other });
  }
  if (looksLikeRawDataset(bytes)) {
    throw new DicomInputError(
      'DICOM 파일 프리앰블(128바이트 + "DICM")이 없습니다. PACS에서 Part-10 형식으로 내보낸 파일을 올려 주세요 (no DICOM preamble: a raw dataset, not a Part-10 file)',
      'NO_PREAMBLE',
    );
  }
  // Cut off inside 'DICM' itself: only then can a short file be told apart from a non-DICOM one.
  if (bytes.byteLength > PREAMBLE_LENGTH && bytes.byteLength < DATASET_START && MAGIC.startsWith(ascii(bytes, PREAMBLE_LENGTH, 4))) {
    throw new DicomInputError(`파일이 중간에 잘렸습니다: ${bytes.byteLength}바이트뿐입니다 (file truncated: ${bytes.byteLength} bytes)`, 'TRUNCATED');
  }
  throw new DicomInputError('DICOM 파일이 아닙니다: 128바이트 뒤에 "DICM" 표지가 없습니다 (not a DICOM file: no "DICM" marker)', 'NOT_DICOM');
}

const truncatedMeta = () =>
  new DicomInputError('파일이 중간에 잘렸습니다: 파일 메타 정보가 끝나지 않았습니다 (file truncated inside the file meta information)', 'TRUNCATED');

interface MetaLayout { transferSyntaxUid: string; metaEnd: number; groupLengthOk: boolean }

/** Reads the file meta group (always explicit VR little endian, PS3.10 7.1) element by element. */
function readMetaLayout(bytes: Uint8Array): MetaLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = DATASET_START;
  let transferSyntaxUid: string | null = null;
  let groupLength: number | null = null;
  while (bytes.byteLength - offset >= 8 && view.getUint16(offset, true) === 0x0002) {
    const element = view.getUint16(offset + 2, true);
    const vr = ascii(bytes, offset + 4, 2);
    if (!/^[A-Z]{2}$/.test(vr)) {
      throw new DicomInputError('DICOM 파일 메타 정보가 손상되었습니다 (file meta information is corrupt: not explicit VR)', 'NO_META');
    }
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT', 'UC', 'UR'].includes(vr);
    if (long && bytes.byteLength - offset < 12) throw truncatedMeta();
    const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
    const start = offset + (long ? 12 : 8);
    if (start + length > bytes.byteLength) throw truncatedMeta();
    if (element === 0x0000 && length === 4) groupLength = view.getUint32(start, true);
    if (element === 0x0010) {
      if (length > 66) throw new DicomInputError('DICOM 파일 메타 정보의 전송 구문 값이 비정상입니다 (Transfer Syntax UID value too long)', 'NO_META');
      transferSyntaxUid = ascii(bytes, start, length).replace(/[\0 ]+$/, '');
    }
    offset = start + length;
  }
  const left = bytes.byteLength - offset;
  if (left > 0 && left < 8) throw truncatedMeta();
  if (left === 0) {
    throw new DicomInputError('파일이 중간에 잘렸습니다: 파일 메타 정보 뒤에 데이터셋이 없습니다 (file truncated: no dataset after the file meta)', 'TRUNCATED');
  }
  if (offset === DATASET_START) {
    throw new DicomInputError('DICOM 파일 메타 정보(0002 그룹)가 없습니다 (no file meta information group)', 'NO_META');
  }
  if (!transferSyntaxUid) {
    throw new DicomInputError('DICOM 파일 메타 정보에 전송 구문(Transfer Syntax UID)이 없습니다 (file meta has no Transfer Syntax UID)', 'NO_META');
  }
  const metaElementsStart = DATASET_START + 12;
  const groupLengthOk = groupLength !== null && metaElementsStart + groupLength === offset;
  return { transferSyntaxUid, metaEnd: offset, groupLengthOk };
}

/**
 * dcmjs needs a correct (0002,0000) group length as the first meta element; some writers omit it
 * or get it wrong. Rewrites the meta group with a correct one (the dataset bytes are untouched).
 */
function withGroupLength(bytes: Uint8Array, metaEnd: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasGroupLength = view.getUint16(DATASET_START + 2, true) === 0x0000;
  const elementsStart = hasGroupLength ? DATASET_START + 12 : DATASET_START;
  const out = new Uint8Array(DATASET_START + 12 + (bytes.byteLength - elementsStart));
  out.set(bytes.subarray(0, DATASET_START));
  const header = new DataView(out.buffer);
  header.setUint16(DATASET_START, 0x0002, true);
  header.setUint16(DATASET_START + 2, 0x0000, true);
  out.set([0x55, 0x4c], DATASET_START + 4); // 'UL'
  header.setUint16(DATASET_START + 6, 4, true);
  header.setUint32(DATASET_START + 8, metaEnd - elementsStart, true);
  out.set(bytes.subarray(elementsStart), DATASET_START + 12);
  return out;
}

/** The dataset bytes to walk: inflated for the deflated syntax (PS3.5 A.5: raw deflate, no zlib header). */
function datasetBytes(bytes: Uint8Array, metaEnd: number, deflated: boolean): Uint8Array {
  const rest = bytes.subarray(metaEnd);
  if (!deflated) return rest;
  try {
    return inflateSync(rest);
  } catch (err) {
    throw new DicomInputError(
      `압축(deflate)된 데이터셋을 풀 수 없습니다: 파일이 잘렸거나 손상되었습니다 (deflated dataset does not inflate: ${(err as Error).message})`,
      'TRUNCATED',
    );
  }
}

function structureCheck(data: Uint8Array, syntax: { explicitVr: boolean; littleEndian: boolean }, baseOffset: number): { elements: ElementLocation[]; end: number } {
  try {
    return walkDataset(data, 0, syntax);
  } catch (err) {
    if (!(err instanceof StructureError)) throw err;
    if (err.kind === 'TRUNCATED') {
      throw new DicomInputError(`파일이 중간에 잘렸습니다 (file truncated: ${err.message})`, 'TRUNCATED', { offset: baseOffset + err.offset });
    }
    throw new DicomInputError(`DICOM 데이터셋이 손상되었습니다 (corrupt DICOM dataset: ${err.message})`, 'NOT_DICOM', { offset: baseOffset + err.offset });
  }
}

/**
 * dcmjs decodes text with one character set only and throws on a multi-valued (0008,0005). Korean
 * legacy systems write `\ISO 2022 IR 149` (ASCII default + KS X 1001 by ISO 2022 escapes). The
 * escapes only switch between ASCII and EUC-KR's byte range, so decoding the whole dataset as
 * EUC-KR and then dropping the escape sequences gives the right text: the value is rewritten in
 * place to the single `ISO 2022 IR 149`, same length. Returns whether escapes must be stripped.
 */
function patchKoreanCharacterSet(file: Uint8Array, charset: ElementLocation, datasetOffset: number): boolean {
  if (charset.length === 'undefined' || charset.length === 0) return false;
  const start = datasetOffset + charset.valueOffset;
  const values = ascii(file, start, charset.length).split('\\').map((v) => v.trim());
  if (values.length < 2) return false;
  const others = values.filter((v) => v !== 'ISO 2022 IR 149');
  if (others.length === values.length || others.some((v) => v !== '' && v !== 'ISO 2022 IR 6')) return false;
  const replacement = 'ISO 2022 IR 149'.padEnd(charset.length, ' ');
  for (let i = 0; i < charset.length; i++) file[start + i] = replacement.charCodeAt(i);
  return true;
}

// ISO 2022 escape sequences: ESC, intermediate bytes 0x20-0x2F, one final byte 0x30-0x7E.
const ISO_2022_ESCAPE = /\x1b[\x20-\x2f]+[\x30-\x7e]/g;

function stripEscapes(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ISO_2022_ESCAPE, '');
  if (Array.isArray(value)) return value.map(stripEscapes);
  if (value && typeof value === 'object' && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key !== '_rawValue') (value as Record<string, unknown>)[key] = stripEscapes(inner);
    }
  }
  return value;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function dcmjsRead(file: Uint8Array): { meta: Record<string, any>; dict: Record<string, any> } {
  try {
    return DicomMessage.readFile(toArrayBuffer(file));
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (/character set/i.test(message)) {
      // Structure is already checked; only the text decoding is in doubt. dcmjs then uses the
      // first character set it knows, which keeps UIDs, IDs and pixel data right.
      return DicomMessage.readFile(toArrayBuffer(file), { ignoreErrors: true });
    }
    if (err instanceof RangeError || /past end|more than currently allocated|outside the bounds/i.test(message)) {
      throw new DicomInputError(`파일이 중간에 잘렸습니다 (file truncated: ${message})`, 'TRUNCATED');
    }
    throw new DicomInputError(`DICOM 파일을 읽을 수 없습니다 (cannot parse DICOM: ${message})`, 'NOT_DICOM');
  }
}

/**
 * Validates and parses a DICOM Part-10 file (PS3.10 7.1): 128-byte preamble, 'DICM', file meta
 * group with a Transfer Syntax UID, then a dataset whose every element fits in the bytes. Parses
 * every transfer syntax (see transfer-syntax.ts): implicit/explicit VR little endian, deflated,
 * explicit big endian, and all encapsulated ones (their pixel data stay fragments).
 */
export function parsePart10(bytes: Uint8Array): ParsedDicom {
  checkHeader(bytes);
  const layout = readMetaLayout(bytes);
  const syntax = transferSyntaxInfo(layout.transferSyntaxUid);
  const data = datasetBytes(bytes, layout.metaEnd, syntax.deflated);
  const { elements: located, end: datasetEnd } = structureCheck(data, syntax, syntax.deflated ? 0 : layout.metaEnd);
  if (!located.some((el) => el.tag.startsWith('0008') || el.tag.startsWith('0010') || el.tag.startsWith('0020'))) {
    throw new DicomInputError('DICOM 데이터셋이 비어 있습니다 (the dataset after the file meta is empty)', 'MISSING_TAG');
  }

  let file = layout.groupLengthOk ? bytes : withGroupLength(bytes, layout.metaEnd);
  const datasetOffset = file.byteLength - (bytes.byteLength - layout.metaEnd);
  // Trailing zero padding would trip dcmjs: it reads until the end of the buffer.
  if (!syntax.deflated && datasetEnd < data.byteLength) file = file.subarray(0, file.byteLength - (data.byteLength - datasetEnd));
  const charset = located.find((el) => el.tag === '00080005');
  const charsetText = charset && charset.length !== 'undefined' && charset.length <= 256 ? ascii(data, charset.valueOffset, charset.length) : '';
  // ISO 2022 escape sequences survive dcmjs's single-charset decoding as text: strip them after.
  const stripIso2022 = /ISO 2022/.test(charsetText);
  if (charset && !syntax.deflated && charsetText.includes('\\')) {
    // Never write into the caller's bytes (a copy: Buffer#slice would be a view).
    if (file.buffer === bytes.buffer) file = new Uint8Array(file);
    patchKoreanCharacterSet(file, charset, datasetOffset);
  }

  const read = dcmjsRead(file);
  if (stripIso2022) stripEscapes(read.dict);
  let dataset: Record<string, any>;
  let meta: Record<string, unknown>;
  try {
    dataset = DicomMetaDictionary.naturalizeDataset(read.dict) as Record<string, any>;
    meta = DicomMetaDictionary.naturalizeDataset(read.meta) as Record<string, unknown>;
  } catch (err) {
    throw new DicomInputError(`DICOM 데이터셋을 해석할 수 없습니다 (cannot interpret dataset: ${(err as Error).message})`, 'NOT_DICOM');
  }
  return { transferSyntaxUid: layout.transferSyntaxUid, meta, dataset, dict: read.dict };
}

/** The tag of a top-level element, for messages: '(0010,0020)'. */
export const displayTag = (tag: string): string => `(${tag.slice(0, 4)},${tag.slice(4)})`;
export { tagString };

// ---------------------------------------------------------------------------------------------
// Summary

export interface InstanceSummary {
  studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string; sopClassUid: string; transferSyntaxUid: string;
  patientId: string; patientName: string; patientBirthDate: string | null; patientSex: string | null;
  accessionNumber: string | null; studyDate: string | null; studyTime: string | null; studyDescription: string | null;
  modality: string; seriesNumber: number | null; seriesDescription: string | null; instanceNumber: number | null; bodyPartExamined: string | null;
  rows: number | null; columns: number | null; numberOfFrames: number; bitsAllocated: number | null;
}

/** A UID we can trust as an identifier (and in a file path): digits and dots, ≤ 64 characters. */
const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;

/** The first value of a naturalized attribute as trimmed text; '' when absent or empty. */
export function textValue(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return '';
  if (typeof first === 'object') return personNameText(first);
  return String(first).replace(/\0/g, '').trim();
}

/**
 * A person name as one string in DICOM caret form ('Family^Given'): the alphabetic group, else
 * the ideographic, else the phonetic one (Korean files often put 한글 in the second or third).
 */
export function personNameText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim().replace(/\^+$/, '');
  if (!first || typeof first !== 'object') return '';
  const name = first as { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
  const pick = [name.Alphabetic, name.Ideographic, name.Phonetic].find((group) => group && group.replace(/\^/g, '').trim());
  return (pick ?? '').trim().replace(/\^+$/, '');
}

/** An IS/US/DS attribute as a finite number, or null. */
export function numberValue(value: unknown): number | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null || first === '') return null;
  const n = typeof first === 'number' ? first : Number(String(first).trim());
  return Number.isFinite(n) ? n : null;
}

/** DICOM DA 'YYYYMMDD' → ISO 'YYYY-MM-DD' (null for anything else). */
export function dicomDateToIso(da: string | null | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec((da ?? '').trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

const orNull = (text: string) => (text === '' ? null : text);

/** The keys of an instance (PS3.3 C.7, C.12): what the archive indexes and the RIS links on. */
export function summarize(parsed: ParsedDicom): InstanceSummary {
  const ds = parsed.dataset;
  const meta = parsed.meta as Record<string, unknown>;
  const missing: string[] = [];
  const invalid: string[] = [];
  const required = (keyword: string, tag: string, fallback?: unknown): string => {
    const text = textValue(ds[keyword]) || textValue(fallback);
    if (!text) missing.push(`${keyword} ${displayTag(tag)}`);
    return text;
  };
  const uid = (keyword: string, tag: string, fallback?: unknown): string => {
    const text = required(keyword, tag, fallback);
    if (text && (text.length > 64 || !UID_PATTERN.test(text))) invalid.push(`${keyword} ${displayTag(tag)} '${text.slice(0, 70)}'`);
    return text;
  };

  const summary: InstanceSummary = {
    studyInstanceUid: uid('StudyInstanceUID', '0020000D'),
    seriesInstanceUid: uid('SeriesInstanceUID', '0020000E'),
    sopInstanceUid: uid('SOPInstanceUID', '00080018'),
    sopClassUid: uid('SOPClassUID', '00080016', meta.MediaStorageSOPClassUID),
    transferSyntaxUid: parsed.transferSyntaxUid,
    patientId: required('PatientID', '00100020'),
    patientName: personNameText(ds.PatientName),
    patientBirthDate: orNull(textValue(ds.PatientBirthDate)),
    patientSex: orNull(textValue(ds.PatientSex)),
    accessionNumber: orNull(textValue(ds.AccessionNumber)),
    studyDate: orNull(textValue(ds.StudyDate)),
    studyTime: orNull(textValue(ds.StudyTime)),
    studyDescription: orNull(textValue(ds.StudyDescription)),
    modality: required('Modality', '00080060'),
    seriesNumber: numberValue(ds.SeriesNumber),
    seriesDescription: orNull(textValue(ds.SeriesDescription)),
    instanceNumber: numberValue(ds.InstanceNumber),
    bodyPartExamined: orNull(textValue(ds.BodyPartExamined)),
    rows: numberValue(ds.Rows),
    columns: numberValue(ds.Columns),
    numberOfFrames: parsed.dict['7FE00010'] ? Math.max(1, numberValue(ds.NumberOfFrames) ?? 1) : 0,
    bitsAllocated: numberValue(ds.BitsAllocated),
  };
  if (missing.length > 0) {
    throw new DicomInputError(
      `필수 DICOM 태그가 없습니다: ${missing.join(', ')} (required DICOM attributes missing)`, 'MISSING_TAG', { missing },
    );
  }
  if (invalid.length > 0) {
    throw new DicomInputError(`잘못된 UID 값입니다: ${invalid.join(', ')} (invalid UID)`, 'MISSING_TAG', { invalid });
  }
  return summary;
}
