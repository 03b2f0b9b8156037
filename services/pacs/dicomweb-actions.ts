import { Errors, type ServiceActionsSchema } from 'moleculer';
import { DicomInputError, parsePart10 } from '../../lib/dicom/part10.js';
import { renderFrame } from '../../lib/dicom/render.js';
import type { DicomJson, DicomPath } from './archive.js';
import { auditPacs, chartsInScope, notFound, requireStudy, studyAccess } from './access.js';
import { DICOM, DICOM_JSON } from './media-types.js';
import { parseQido, type QidoLevel, type QidoQuery } from './qido.js';
import { requestInfo, type DicomWebContext, type PacsThis } from './pacs-types.js';

const { MoleculerClientError } = Errors;

/**
 * DICOMweb for viewers and outside clients (PS3.18): QIDO-RS searches, WADO-RS retrieval of
 * instances, metadata, frames and bulk data, and WADO-URI, each answered the same by both
 * archives. The caller's scope decides: a study outside it is absent from searches and answered
 * 404 on retrieval (audited `denied`); every retrieval is audited `read` with its patient.
 * The routes are in services/gateway/dicomweb-route.ts; STOW-RS is in stow-actions.ts.
 */

const UID = /^[0-9]+(\.[0-9]+)*$/;
/** How far a filtered search reads into the archive for one page of in-scope answers. */
const MAX_SCANNED = 5000;
const MAX_FRAMES = 1000;

function uid(ctx: DicomWebContext, name: 'study' | 'series' | 'instance'): string | undefined {
  const value = ctx.params.params?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 64 || !UID.test(value)) {
    throw new MoleculerClientError(`UID 형식이 아닙니다 (${name}: not a UID)`, 400, 'VALIDATION_ERROR', [{ field: name, message: 'not a UID' }]);
  }
  return value;
}

function dicomPath(ctx: DicomWebContext): DicomPath {
  return { study: uid(ctx, 'study')!, series: uid(ctx, 'series'), instance: uid(ctx, 'instance') };
}

const deepest = (p: DicomPath) => p.instance ?? p.series ?? p.study;
const levelOf = (p: DicomPath) => (p.instance ? 'instance' : p.series ? 'series' : 'study');

function dicomJsonAnswer(ctx: DicomWebContext, body: DicomJson[], warnings: string[] = []): DicomJson[] {
  ctx.meta.$responseType = DICOM_JSON;
  if (warnings.length) ctx.meta.$responseHeaders = { Warning: `299 CDSS "${warnings.join('; ').slice(0, 900)}"` };
  return body;
}

const patientOf = (answer: DicomJson): string => String(answer['00100020']?.Value?.[0] ?? '');

/**
 * Answers one page of in-scope matches: reads the archive page by page and drops studies of
 * patients outside the caller's scope until offset + limit survive (or the archive runs out).
 */
async function filteredSearch(this: PacsThis, ctx: DicomWebContext, query: QidoQuery) {
  const wanted = query.offset + query.limit;
  const pageSize = Math.min(1000, Math.max(100, wanted));
  const kept: DicomJson[] = [];
  const patients = new Map<string, number>();
  let scanned = 0;
  for (;;) {
    const { answers: page, scanned: read } = await this.archive.search({ ...query, limit: pageSize, offset: scanned }, requestInfo(ctx));
    scanned += read;
    if (page.length) {
      const allowed = await chartsInScope(ctx, page.map(patientOf));
      for (const [chart, id] of allowed) patients.set(chart, id);
      kept.push(...page.filter((answer) => allowed.has(patientOf(answer))));
    }
    const done = kept.length >= wanted || read < pageSize || scanned >= MAX_SCANNED;
    if (done) return { answers: kept.slice(query.offset, wanted), truncated: kept.length > wanted || scanned >= MAX_SCANNED, patients };
  }
}

async function search(this: PacsThis, ctx: DicomWebContext, level: QidoLevel) {
  const study = uid(ctx, 'study');
  const query = parseQido(level, ctx.params.query ?? {}, { study, series: uid(ctx, 'series') });
  const what = `QIDO-RS ${level}${query.matches.length ? ` ${query.matches.map((m) => `${m.key}=${m.value}`).join('&')}` : ''}`;
  const warnings = query.ignored.length ? [`not matched on: ${query.ignored.join(', ')}`] : [];
  if (study) {
    const access = await studyAccess(ctx, this.archive, this.db, study, { actionType: 'search', resourceId: study, what });
    if (!access) return dicomJsonAnswer(ctx, [], warnings);
    const { answers } = await this.archive.search(query, requestInfo(ctx));
    await auditPacs(ctx, { actionType: 'search', outcome: 'success', resourceId: study, patientId: access.patientId, description: `${what}: ${answers.length} answered` });
    return dicomJsonAnswer(ctx, answers, warnings);
  }
  const { answers, truncated, patients } = await filteredSearch.call(this, ctx, query);
  const answered = new Set(answers.map(patientOf));
  // A search that answers one patient's studies is attributed to that patient (as the db mixin does).
  const patientId = answered.size === 1 ? patients.get([...answered][0]!) ?? null : null;
  await auditPacs(ctx, { actionType: 'search', outcome: 'success', patientId, description: `${what}: ${answers.length} answered` });
  if (truncated) warnings.push('There are additional results that can be requested');
  return dicomJsonAnswer(ctx, answers, warnings);
}

/** Runs a WADO step for a study in the caller's scope and audits the read with the patient. */
async function retrieval<T>(self: PacsThis, ctx: DicomWebContext, p: DicomPath, what: string, fetch: () => Promise<T | null>): Promise<T> {
  const access = await requireStudy(ctx, self.archive, self.db, p.study, { actionType: 'read', resourceId: deepest(p), what });
  let result: T | null;
  try {
    result = await fetch();
  } catch (err) {
    if (err instanceof DicomInputError) {
      throw new MoleculerClientError(err.message, 400, err.reason === 'FRAME_RANGE' ? 'FRAME_RANGE' : 'INVALID_DICOM', { reason: err.reason });
    }
    throw err;
  }
  if (result === null) {
    await auditPacs(ctx, { actionType: 'read', outcome: 'error', resourceId: deepest(p), patientId: access.patientId, description: `${what}: not found` });
    throw notFound(`영상 ${levelOf(p) === 'study' ? '검사' : levelOf(p) === 'series' ? '시리즈' : '인스턴스'}를 찾을 수 없습니다 (${levelOf(p)} not found)`);
  }
  await auditPacs(ctx, { actionType: 'read', outcome: 'success', resourceId: deepest(p), patientId: access.patientId, description: `${what} of ${levelOf(p)} (study ${p.study})` });
  return result;
}

function frameNumbers(ctx: DicomWebContext): number[] {
  const raw = ctx.params.params?.frames;
  const text = Array.isArray(raw) ? raw.join(',') : String(raw ?? '');
  const numbers = text.split(',').map((n) => n.trim());
  if (!numbers.length || numbers.length > MAX_FRAMES || !numbers.every((n) => /^[1-9]\d{0,6}$/.test(n))) {
    throw new MoleculerClientError('프레임 번호는 1 이상의 정수 목록입니다 (frame numbers: comma-separated integers from 1)', 400, 'VALIDATION_ERROR', [{ field: 'frames', message: 'invalid frame list' }]);
  }
  return numbers.map(Number);
}

const READ = 'images.read';

export const dicomWebActions: ServiceActionsSchema = {
  searchStudies: {
    permission: READ,
    summary: 'QIDO-RS 검사 검색 (권한 범위의 환자만) / QIDO-RS: search for studies in the caller\'s scope',
    handler(this: PacsThis, ctx: DicomWebContext) {
      return search.call(this, ctx, 'studies');
    },
  },
  searchSeries: {
    permission: READ,
    summary: 'QIDO-RS 시리즈 검색 / QIDO-RS: search for series',
    handler(this: PacsThis, ctx: DicomWebContext) {
      return search.call(this, ctx, 'series');
    },
  },
  searchInstances: {
    permission: READ,
    summary: 'QIDO-RS 인스턴스 검색 / QIDO-RS: search for instances',
    handler(this: PacsThis, ctx: DicomWebContext) {
      return search.call(this, ctx, 'instances');
    },
  },

  retrieve: {
    permission: READ,
    summary: 'WADO-RS 검사·시리즈·인스턴스 (multipart/related; application/dicom) / WADO-RS: retrieve instances',
    async handler(this: PacsThis, ctx: DicomWebContext) {
      const p = dicomPath(ctx);
      const answer = await retrieval(this, ctx, p, 'WADO-RS instances', () => this.archive.retrieve(p, requestInfo(ctx)));
      ctx.meta.$responseType = answer.contentType;
      return answer.body;
    },
  },
  retrieveMetadata: {
    permission: READ,
    summary: 'WADO-RS 메타데이터 (DICOM JSON, BulkDataURI) / WADO-RS: metadata as DICOM JSON',
    async handler(this: PacsThis, ctx: DicomWebContext) {
      const p = dicomPath(ctx);
      return dicomJsonAnswer(ctx, await retrieval(this, ctx, p, 'WADO-RS metadata', () => this.archive.metadata(p, requestInfo(ctx))));
    },
  },
  retrieveFrames: {
    permission: READ,
    summary: 'WADO-RS 프레임 (multipart/related) / WADO-RS: frames of an instance',
    async handler(this: PacsThis, ctx: DicomWebContext) {
      const p = dicomPath(ctx) as Required<DicomPath>;
      const frames = frameNumbers(ctx);
      const answer = await retrieval(this, ctx, p, `WADO-RS frames ${frames.join(',')}`, () => this.archive.frames(p, frames, requestInfo(ctx)));
      ctx.meta.$responseType = answer.contentType;
      return answer.body;
    },
  },
  retrieveBulk: {
    permission: READ,
    summary: 'WADO-RS 벌크 데이터 (BulkDataURI) / WADO-RS: bulk data',
    async handler(this: PacsThis, ctx: DicomWebContext) {
      const p = dicomPath(ctx) as Required<DicomPath>;
      const { sequence, item, tag } = ctx.params.params ?? {};
      const tagPath = [sequence, item, tag].filter((t): t is string => typeof t === 'string' && t !== '');
      if (!tagPath.length || tagPath.length > 9 || !tagPath.every((t, i) => (i % 2 === 0 ? /^[0-9A-Fa-f]{8}$/ : /^\d{1,6}$/).test(t))) {
        throw new MoleculerClientError('벌크 데이터 경로가 올바르지 않습니다 (invalid bulk data path)', 400, 'VALIDATION_ERROR', [{ field: 'tag', message: 'invalid' }]);
      }
      const answer = await retrieval(this, ctx, p, `WADO-RS bulk ${tagPath.join('/')}`, () => this.archive.bulk(p, tagPath, requestInfo(ctx)));
      ctx.meta.$responseType = answer.contentType;
      return answer.body;
    },
  },

  wadoUri: {
    permission: READ,
    summary: 'WADO-URI (requestType=WADO; application/dicom 또는 렌더링한 JPEG/PNG) / WADO-URI: the instance or a rendered image',
    async handler(this: PacsThis, ctx: DicomWebContext) {
      const q = ctx.params.query ?? {};
      const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim() : undefined);
      if (text('requestType') !== 'WADO') throw new MoleculerClientError('requestType=WADO 가 필요합니다 (requestType must be WADO)', 400, 'VALIDATION_ERROR', [{ field: 'requestType', message: 'must be WADO' }]);
      const p = { study: text('studyUID') ?? '', series: text('seriesUID') ?? '', instance: text('objectUID') ?? '' };
      for (const [field, value] of Object.entries({ studyUID: p.study, seriesUID: p.series, objectUID: p.instance })) {
        if (!UID.test(value) || value.length > 64) throw new MoleculerClientError(`UID 형식이 아닙니다 (${field}: not a UID)`, 400, 'VALIDATION_ERROR', [{ field, message: 'not a UID' }]);
      }
      // PS3.18 9.1: image/jpeg when not asked otherwise; a list names acceptable types in order.
      const wanted = (text('contentType') ?? 'image/jpeg').split(',').map((t) => t.trim().split(';')[0]!.toLowerCase());
      const type = wanted.find((t) => [DICOM, 'image/jpeg', 'image/png', '*/*', 'image/*'].includes(t));
      if (!type) throw new MoleculerClientError('지원하지 않는 contentType입니다 (supported: application/dicom, image/jpeg, image/png)', 406, 'NOT_ACCEPTABLE');
      const number = (name: string) => (text(name) !== undefined && /^-?\d+(\.\d+)?$/.test(text(name)!) ? Number(text(name)) : undefined);
      const bytes = await retrieval(this, ctx, p, `WADO-URI ${type}`, () => this.archive.instanceBytes(p));
      if (type === DICOM) {
        ctx.meta.$responseType = DICOM;
        return bytes;
      }
      const format = type === 'image/png' ? 'png' : 'jpeg';
      try {
        const image = renderFrame(parsePart10(bytes), { format, frame: number('frameNumber'), windowCenter: number('windowCenter'), windowWidth: number('windowWidth') });
        ctx.meta.$responseType = `image/${format}`;
        return image;
      } catch (err) {
        if (err instanceof DicomInputError) throw new MoleculerClientError(err.message, 400, 'NOT_RENDERABLE', { reason: err.reason });
        throw err;
      }
    },
  },
};
