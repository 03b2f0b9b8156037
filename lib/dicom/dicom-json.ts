import type { ParsedDicom } from './part10.js';
import { transferSyntaxInfo } from './transfer-syntax.js';

/**
 * The DICOM JSON model (PS3.18 F.2), for WADO-RS metadata and QIDO-RS results:
 * `{ "0020000D": { "vr": "UI", "Value": ["1.2..."] } }`.
 *
 * - Numbers as JSON numbers for IS, DS and the binary numeric VRs (F.2.3); 64-bit SV/UV beyond
 *   2^53 as strings (JSON numbers would lose digits).
 * - PN as `{ Alphabetic, Ideographic, Phonetic }` objects, empty groups left out (F.2.2).
 * - AT as 'GGGGEEEE' strings; SQ as arrays of nested datasets.
 * - An attribute without a value has no "Value" (F.2.5); empty values among several are null.
 * - Bulk data (OB, OD, OF, OL, OV, OW, UN, and Pixel Data): at the top level a `BulkDataURI` from
 *   the callback, or only `{ vr }` when there is no callback. Inside sequences (icons, LUTs of
 *   nested items) the callback's tag alone could not locate the value, so small ones (≤ 64 KiB)
 *   are `InlineBinary` (base64) and bigger ones `{ vr }`.
 * - The file meta group (0002) and group lengths (gggg,0000) are not part of the dataset's model.
 *   Available Transfer Syntax UID (0008,3002) is added with the stored syntax, so a client
 *   knows what /frames returns without asking.
 */

export type DicomJsonAttribute = { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string };
export type DicomJsonDataset = Record<string, DicomJsonAttribute>;

const BULK_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const NUMBER_VRS = new Set(['IS', 'DS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD']);
const BIG_NUMBER_VRS = new Set(['SV', 'UV']);
const MAX_INLINE_BYTES = 64 * 1024;
const PIXEL_DATA_TAGS = new Set(['7FE00010', '7FE00008', '7FE00009']);

type DcmjsElement = { vr: string; Value?: unknown[]; InlineBinary?: string };

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (isEmpty(value)) return null;
  const n = Number(String(value).trim());
  return Number.isFinite(n) ? n : null;
}

function toBig(value: unknown): number | string | null {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return toNumber(value);
}

function toPersonName(value: unknown): Record<string, string> | null {
  if (typeof value === 'string') return value.trim() ? { Alphabetic: value.trim() } : null;
  if (!value || typeof value !== 'object') return null;
  const groups = Object.entries(value as Record<string, unknown>)
    .filter(([key, group]) => ['Alphabetic', 'Ideographic', 'Phonetic'].includes(key) && typeof group === 'string' && group.trim() !== '')
    .map(([key, group]) => [key, (group as string).trim()]);
  return groups.length ? Object.fromEntries(groups) : null;
}

function toAttributeTag(value: unknown): string | null {
  if (typeof value === 'number') return (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
  if (typeof value === 'string' && /^[0-9A-Fa-f]{8}$/.test(value)) return value.toUpperCase();
  return null;
}

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

function inlineBinary(values: unknown[]): string | undefined {
  const parts = values.map(bytesOf).filter((b): b is Uint8Array => b !== null);
  const size = parts.reduce((n, b) => n + b.byteLength, 0);
  if (parts.length === 0 || size === 0 || size > MAX_INLINE_BYTES) return undefined;
  return Buffer.concat(parts).toString('base64');
}

function convertValues(vr: string, values: unknown[], depth: number): unknown[] {
  switch (true) {
    case vr === 'SQ':
      return values.map((item) => convertDataset((item ?? {}) as Record<string, DcmjsElement>, depth + 1, undefined));
    case vr === 'PN':
      return values.map(toPersonName);
    case vr === 'AT':
      return values.map(toAttributeTag);
    case NUMBER_VRS.has(vr):
      return values.map(toNumber);
    case BIG_NUMBER_VRS.has(vr):
      return values.map(toBig);
    default:
      return values.map((v) => (isEmpty(v) ? null : typeof v === 'string' ? v : String(v)));
  }
}

function convertElement(tag: string, element: DcmjsElement, depth: number, bulkDataUri?: (tag: string) => string): DicomJsonAttribute {
  const vr = element.vr;
  const values = element.Value ?? [];
  if (BULK_VRS.has(vr) || PIXEL_DATA_TAGS.has(tag)) {
    if (depth === 0) return bulkDataUri ? { vr, BulkDataURI: bulkDataUri(tag) } : { vr };
    const inline = element.InlineBinary ?? inlineBinary(values);
    return inline ? { vr, InlineBinary: inline } : { vr };
  }
  const converted = convertValues(vr, values, depth);
  // F.2.5: no "Value" for an attribute without a value (a single empty string counts as none).
  if (converted.length === 0 || (vr !== 'SQ' && converted.every((v) => v === null))) return { vr };
  return { vr, Value: converted };
}

function convertDataset(dict: Record<string, DcmjsElement>, depth: number, bulkDataUri?: (tag: string) => string): DicomJsonDataset {
  const out: DicomJsonDataset = {};
  for (const tag of Object.keys(dict).sort()) {
    if (!/^[0-9A-F]{8}$/i.test(tag) || tag.startsWith('0002') || tag.endsWith('0000')) continue;
    out[tag.toUpperCase()] = convertElement(tag.toUpperCase(), dict[tag]!, depth, bulkDataUri);
  }
  return out;
}

/**
 * The dataset as DICOM JSON (PS3.18 F.2); bulk data as BulkDataURI via the callback or left out.
 * Tags are inserted in ascending order (JS still lists all-digit tags such as '52009229' first;
 * the model does not depend on order).
 */
export function toDicomJson(parsed: ParsedDicom, bulkDataUri?: (tag: string) => string): Record<string, unknown> {
  const json = convertDataset(parsed.dict as Record<string, DcmjsElement>, 0, bulkDataUri);
  if (!json['00083002']) {
    json['00083002'] = { vr: 'UI', Value: [parsed.transferSyntaxUid] };
    return Object.fromEntries(Object.entries(json).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return json;
}

/**
 * The bytes behind a top-level BulkDataURI (PS3.18 8.7.3 bulk data): the element's value as
 * stored. Native Pixel Data comes back as its raw bytes; encapsulated Pixel Data is null here
 * (serve it per frame with extractFrames). Null when the tag is absent or not bulk data.
 */
export function bulkDataOf(parsed: ParsedDicom, tag: string): Uint8Array | null {
  const element = parsed.dict[tag.toUpperCase()] as DcmjsElement | undefined;
  if (!element || !(BULK_VRS.has(element.vr) || PIXEL_DATA_TAGS.has(tag.toUpperCase()))) return null;
  if (PIXEL_DATA_TAGS.has(tag.toUpperCase()) && transferSyntaxInfo(parsed.transferSyntaxUid).encapsulated) return null;
  const parts = (element.Value ?? []).map(bytesOf).filter((b): b is Uint8Array => b !== null);
  return parts.length === 1 ? parts[0]! : new Uint8Array(Buffer.concat(parts));
}
