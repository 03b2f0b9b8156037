import { Errors } from 'moleculer';

const { MoleculerClientError } = Errors;

/**
 * QIDO-RS query parameters (PS3.18 8.3.4, 10.6.1) read once into one shape both archives answer:
 * the built-in archive turns it into SQL, the Orthanc archive into Orthanc's own QIDO query.
 * Keys we do not match on are dropped in both modes (and named in a Warning header), so the two
 * archives answer the same question.
 */

export type QidoLevel = 'studies' | 'series' | 'instances';

/** Matching keys by keyword: tag, the levels they may be used at, and how they match. */
const KEYS = {
  PatientID: { tag: '00100020', levels: ['studies', 'series', 'instances'], kind: 'text' },
  PatientName: { tag: '00100010', levels: ['studies', 'series', 'instances'], kind: 'text' },
  StudyDate: { tag: '00080020', levels: ['studies', 'series', 'instances'], kind: 'date' },
  AccessionNumber: { tag: '00080050', levels: ['studies', 'series', 'instances'], kind: 'text' },
  ModalitiesInStudy: { tag: '00080061', levels: ['studies'], kind: 'list' },
  StudyInstanceUID: { tag: '0020000D', levels: ['studies', 'series', 'instances'], kind: 'uids' },
  StudyDescription: { tag: '00081030', levels: ['studies', 'series', 'instances'], kind: 'text' },
  StudyID: { tag: '00200010', levels: ['studies', 'series', 'instances'], kind: 'text' },
  Modality: { tag: '00080060', levels: ['series', 'instances'], kind: 'list' },
  SeriesInstanceUID: { tag: '0020000E', levels: ['series', 'instances'], kind: 'uids' },
  SeriesNumber: { tag: '00200011', levels: ['series', 'instances'], kind: 'number' },
  SOPInstanceUID: { tag: '00080018', levels: ['instances'], kind: 'uids' },
  SOPClassUID: { tag: '00080016', levels: ['instances'], kind: 'uids' },
  InstanceNumber: { tag: '00200013', levels: ['instances'], kind: 'number' },
} as const satisfies Record<string, { tag: string; levels: QidoLevel[]; kind: 'text' | 'date' | 'list' | 'uids' | 'number' }>;

export type QidoKey = keyof typeof KEYS;
const BY_TAG = new Map<string, QidoKey>(Object.entries(KEYS).map(([keyword, key]) => [key.tag, keyword as QidoKey]));

/** Parameters that steer the query rather than match attributes. */
const CONTROL = new Set(['limit', 'offset', 'includefield', 'fuzzymatching']);

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 1000;

export interface QidoMatch {
  key: QidoKey;
  tag: string;
  /** The value as sent (wildcards and ranges included). */
  value: string;
}

export interface QidoQuery {
  level: QidoLevel;
  /** From the path: `/studies/{study}/series`, `/studies/{study}/series/{series}/instances`. */
  study?: string;
  series?: string;
  matches: QidoMatch[];
  includeFields: string[];
  limit: number;
  offset: number;
  /** Parameters dropped because no archive matches on them. */
  ignored: string[];
}

const UID = /^[0-9]+(\.[0-9]+)*$/;
const DATE_RANGE = /^(\d{8})?-?(\d{8})?$/;

function bad(field: string, message: string): never {
  throw new MoleculerClientError(`${message} (${field})`, 400, 'VALIDATION_ERROR', [{ field, message }]);
}

function single(name: string, value: unknown): string {
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof text !== 'string') bad(name, '값이 올바르지 않습니다 (invalid value)');
  return text;
}

function count(name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const text = single(name, value).trim();
  if (!/^\d{1,9}$/.test(text)) bad(name, '0 이상의 정수여야 합니다 (must be a non-negative integer)');
  return Math.min(Number(text), max);
}

/** Splits a multi-valued match: UIDs may be comma- or backslash-separated (PS3.18 8.3.4.1). */
export function valuesOf(value: string): string[] {
  return value.split(/[\\,]/).map((v) => v.trim()).filter(Boolean);
}

function checkValue(key: QidoKey, value: string): void {
  const kind = KEYS[key].kind;
  if (value.length > (key === 'PatientName' ? 200 : kind === 'uids' ? 64 * 100 : 64)) bad(key, '값이 너무 깁니다 (value too long)');
  if (kind === 'uids' && !valuesOf(value).every((uid) => uid.length <= 64 && UID.test(uid))) bad(key, 'UID 형식이 아닙니다 (not a UID)');
  if (kind === 'date' && (!DATE_RANGE.test(value) || value === '-' || value === '')) bad(key, '날짜는 YYYYMMDD 또는 YYYYMMDD-YYYYMMDD 형식입니다 (date or date range expected)');
  if (kind === 'number' && !/^\d{1,9}$/.test(value)) bad(key, '정수여야 합니다 (integer expected)');
}

/**
 * Reads a QIDO query string (as parsed by the gateway: repeated keys become arrays). Matching keys
 * may be given by keyword or by tag (`PatientID` or `00100020`).
 */
export function parseQido(level: QidoLevel, query: Record<string, unknown>, path: { study?: string; series?: string } = {}): QidoQuery {
  const matches: QidoMatch[] = [];
  const ignored: string[] = [];
  const includeFields: string[] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (CONTROL.has(name.toLowerCase())) {
      if (name.toLowerCase() === 'includefield') {
        for (const item of (Array.isArray(raw) ? raw : [raw])) {
          if (typeof item !== 'string') bad('includefield', '값이 올바르지 않습니다 (invalid value)');
          includeFields.push(...item.split(',').map((f) => f.trim()).filter(Boolean));
        }
      }
      continue;
    }
    const key: QidoKey | undefined = name in KEYS ? (name as QidoKey) : BY_TAG.get(name.toUpperCase());
    if (!key || !(KEYS[key].levels as readonly QidoLevel[]).includes(level)) {
      ignored.push(name);
      continue;
    }
    const value = single(name, raw).trim();
    if (value === '' || value === '*') continue; // universal match
    checkValue(key, value);
    matches.push({ key, tag: KEYS[key].tag, value });
  }
  for (const [field, uid] of Object.entries(path)) if (uid !== undefined && !UID.test(uid)) bad(field, 'UID 형식이 아닙니다 (not a UID)');
  return {
    level, ...path, matches, includeFields, ignored,
    limit: count('limit', query.limit, DEFAULT_LIMIT, MAX_LIMIT) || DEFAULT_LIMIT,
    offset: count('offset', query.offset, 0, 1_000_000),
  };
}

/** A date match as an inclusive range of YYYYMMDD strings (open ends are null). */
export function dateRange(value: string): { from: string | null; to: string | null } {
  if (!value.includes('-')) return { from: value, to: value };
  const [from, to] = value.split('-');
  return { from: from || null, to: to || null };
}

/** Whether a value uses QIDO wildcards (`*` any run, `?` one character). */
export const hasWildcard = (value: string): boolean => /[*?]/.test(value);

/**
 * A text match on a DICOM JSON attribute as the built-in index matches it: `*` and `?`
 * wildcards, case-insensitive; for person names the alphabetic group.
 */
export function textMatches(attribute: { Value?: unknown[] } | undefined, pattern: string): boolean {
  const first = attribute?.Value?.[0] as { Alphabetic?: string } | string | number | undefined;
  const value = typeof first === 'object' ? first?.Alphabetic ?? '' : String(first ?? '');
  const escaped = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('')}$`, 'iu').test(value);
}

/** Whether a match compares text (not dates, lists, UIDs or numbers). */
export const isTextMatch = (match: QidoMatch): boolean => KEYS[match.key].kind === 'text';

/** The query string Orthanc's DICOMweb plugin is asked (our matches only, our paging). */
export function orthancQueryString(query: QidoQuery, extraIncludes: string[], page: { limit: number; offset: number }): string {
  const params = new URLSearchParams();
  for (const match of query.matches) params.append(match.tag, match.value);
  for (const field of [...query.includeFields, ...extraIncludes]) params.append('includefield', field);
  params.set('limit', String(page.limit));
  params.set('offset', String(page.offset));
  return params.toString();
}
