import dcmjs from 'dcmjs';
import { DicomInputError } from '../../lib/dicom/part10.js';
import { CDSS_IMPLEMENTATION_CLASS_UID } from '../../lib/dicom/worklist.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../../lib/dicom/transfer-syntax.js';

const { DicomDict } = dcmjs.data;

type JsonAttribute = { vr?: unknown; Value?: unknown; InlineBinary?: unknown; BulkDataURI?: unknown };
type DcmjsDataset = Record<string, { vr: string; Value?: unknown[] }>;

const TAG = /^[0-9A-Fa-f]{8}$/;
const VR = /^[A-Z]{2}$/;
const MAX_DEPTH = 16;

function refuse(message: string, reason = 'NOT_DICOM'): never {
  throw new DicomInputError(message, reason);
}

function toDcmjs(dataset: unknown, depth: number): DcmjsDataset {
  if (depth > MAX_DEPTH) refuse('DICOM JSON 시퀀스가 너무 깊습니다 (DICOM JSON nested too deeply)');
  if (!dataset || typeof dataset !== 'object' || Array.isArray(dataset)) refuse('DICOM JSON 데이터셋이 아닙니다 (not a DICOM JSON dataset)');
  const out: DcmjsDataset = {};
  for (const [tag, raw] of Object.entries(dataset as Record<string, JsonAttribute>)) {
    if (!TAG.test(tag) || !raw || typeof raw !== 'object' || typeof raw.vr !== 'string' || !VR.test(raw.vr)) {
      refuse(`DICOM JSON 속성 ${tag}이(가) 올바르지 않습니다 (invalid DICOM JSON attribute)`);
    }
    const vr = raw.vr;
    if (raw.BulkDataURI !== undefined) {
      refuse('BulkDataURI로 참조된 값은 받을 수 없습니다. InlineBinary로 보내 주세요 (BulkDataURI parts are not accepted; send InlineBinary)', 'UNSUPPORTED');
    }
    if (typeof raw.InlineBinary === 'string') {
      const bytes = Buffer.from(raw.InlineBinary, 'base64');
      out[tag.toUpperCase()] = { vr, Value: [bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)] };
    } else if (raw.Value === undefined) {
      out[tag.toUpperCase()] = { vr, Value: [] };
    } else if (Array.isArray(raw.Value)) {
      out[tag.toUpperCase()] = { vr, Value: vr === 'SQ' ? raw.Value.map((item) => toDcmjs(item, depth + 1)) : raw.Value };
    } else {
      refuse(`DICOM JSON 속성 ${tag}의 Value는 배열이어야 합니다 (Value must be an array)`);
    }
  }
  return out;
}

const firstText = (dataset: DcmjsDataset, tag: string): string | null => {
  const value = dataset[tag]?.Value?.[0];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/**
 * A STOW-RS instance sent as DICOM JSON (PS3.18 F.2, bulk data inline as InlineBinary) written
 * out as a Part-10 file in Explicit VR Little Endian, so that it is validated and stored exactly
 * like an instance sent as application/dicom.
 */
export function part10FromDicomJson(dataset: unknown): Buffer {
  const dict = toDcmjs(dataset, 0);
  const sopClass = firstText(dict, '00080016');
  const sopInstance = firstText(dict, '00080018');
  if (!sopClass || !sopInstance) refuse('필수 DICOM 태그가 없습니다: SOPClassUID, SOPInstanceUID (required DICOM attributes missing)', 'MISSING_TAG');
  const meta = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [sopClass] },
    '00020003': { vr: 'UI', Value: [sopInstance] },
    '00020010': { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] },
    '00020012': { vr: 'UI', Value: [CDSS_IMPLEMENTATION_CLASS_UID] },
    '00020013': { vr: 'SH', Value: ['CDSS_PACS_1'] },
  };
  const file = new DicomDict(meta);
  file.dict = dict;
  try {
    return Buffer.from(file.write());
  } catch (err) {
    return refuse(`DICOM JSON을 DICOM 파일로 쓸 수 없습니다: ${(err as Error).message} (cannot encode this DICOM JSON)`);
  }
}
