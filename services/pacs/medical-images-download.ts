import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Errors } from 'moleculer';
import { Zip, ZipPassThrough } from 'fflate';
import { DicomInputError, parsePart10 } from '../../lib/dicom/part10.js';
import { renderFrame } from '../../lib/dicom/render.js';
import type { MedicalImageAttributes } from '../../models/medical-image.js';
import type { CdssContext } from '../context.js';
import type { MedicalImagesThis, PacsStudyInfo } from './medical-images-types.js';

/**
 * Image download (seed §4.1.3, §4.3.3 이미지 다운로드): the DICOM of one instance, a ZIP of a series
 * or of the whole study (streamed instance by instance, so a large study is never held in
 * memory), or one frame rendered to PNG/JPEG with the window the caller chose.
 */

const { MoleculerClientError } = Errors;

export const DOWNLOAD_FORMATS = ['dicom', 'png', 'jpeg'] as const;

export interface DownloadParams {
  format?: (typeof DOWNLOAD_FORMATS)[number];
  series?: string;
  instance?: string;
  frame?: number;
  windowCenter?: number;
  windowWidth?: number;
}

/** The download parameters (fastest-validator), shared by the staff and portal actions. */
export const downloadParams = {
  format: { type: 'enum', values: [...DOWNLOAD_FORMATS], optional: true },
  series: { type: 'string', max: 64, optional: true },
  instance: { type: 'string', max: 64, optional: true },
  frame: { type: 'number', integer: true, positive: true, max: 100_000, convert: true, optional: true },
  windowCenter: { type: 'number', convert: true, optional: true },
  windowWidth: { type: 'number', positive: true, convert: true, optional: true },
} as const;

type Instance = { seriesInstanceUid: string; seriesNumber: number | null; sopInstanceUid: string; instanceNumber: number | null };

function noImages(id: number): never {
  throw new MoleculerClientError(`영상 기록 ${id}에는 PACS에 저장된 영상이 없습니다 (no images in the PACS for this record)`, 404, 'NO_IMAGES', { id });
}

/** The study's instances in reading order, narrowed to a series or one instance (404 when absent). */
function instancesOf(info: PacsStudyInfo, params: DownloadParams): Instance[] {
  const all = [...info.series]
    .sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0))
    .flatMap((s) => [...s.instances].sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0))
      .map((i) => ({ seriesInstanceUid: s.seriesInstanceUid, seriesNumber: s.seriesNumber, sopInstanceUid: i.sopInstanceUid, instanceNumber: i.instanceNumber })));
  const picked = all.filter((i) => (!params.series || i.seriesInstanceUid === params.series) && (!params.instance || i.sopInstanceUid === params.instance));
  if (picked.length === 0) {
    throw new MoleculerClientError('요청한 시리즈·인스턴스가 이 검사에 없습니다 (no such series or instance in this study)', 404, 'NOT_FOUND', { series: params.series, instance: params.instance });
  }
  return picked;
}

function fetchInstance(ctx: CdssContext, studyInstanceUid: string, instance: Instance): Promise<Buffer> {
  return ctx.call<Buffer, object>('pacs.instanceBytes', { studyInstanceUid, seriesInstanceUid: instance.seriesInstanceUid, sopInstanceUid: instance.sopInstanceUid });
}

function asBuffer(bytes: Buffer | { type: 'Buffer'; data: number[] }): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.data);
}

function attachment(ctx: CdssContext, type: string, filename: string): void {
  ctx.meta.$responseType = type;
  ctx.meta.$responseHeaders = { ...ctx.meta.$responseHeaders, 'Content-Disposition': `attachment; filename="${filename}"` };
}

/** A ZIP of the instances, written as each arrives; a failure midway ends the stream with the error. */
function zipStream(ctx: CdssContext, studyInstanceUid: string, instances: Instance[]): Readable {
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const name = (i: Instance, n: number) =>
    `${String(i.seriesNumber ?? 0).padStart(3, '0')}_${i.seriesInstanceUid}/${String(i.instanceNumber ?? n + 1).padStart(5, '0')}_${i.sopInstanceUid}.dcm`;
  void (async () => {
    for (const [n, instance] of instances.entries()) {
      const bytes = asBuffer(await fetchInstance(ctx, studyInstanceUid, instance));
      const entry = new ZipPassThrough(name(instance, n));
      zip.add(entry);
      entry.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), true);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    zip.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

/** The download of a row the caller may read (the caller checked the scope and wrote the audit row). */
export async function downloadImage(self: MedicalImagesThis, ctx: CdssContext, row: MedicalImageAttributes, params: DownloadParams): Promise<Buffer | Readable> {
  if (!row.study_instance_uid) noImages(row.id);
  const info = await self.studyInfo(ctx, row.study_instance_uid);
  if (!info || info.series.length === 0) noImages(row.id);
  const format = params.format ?? 'dicom';
  const base = row.accession_number || `image-${row.id}`;
  if (format === 'dicom') {
    const instances = instancesOf(info, params);
    if (params.instance) {
      attachment(ctx, 'application/dicom', `${params.instance}.dcm`);
      return asBuffer(await fetchInstance(ctx, info.studyInstanceUid, instances[0]));
    }
    attachment(ctx, 'application/zip', `${base}${params.series ? `-${params.series}` : ''}.zip`);
    return zipStream(ctx, info.studyInstanceUid, instances);
  }
  // A rendered frame: the instance asked for, else the first image of the series (or study).
  const [instance] = instancesOf(info, params);
  const parsed = parsePart10(new Uint8Array(asBuffer(await fetchInstance(ctx, info.studyInstanceUid, instance))));
  let image: Buffer;
  try {
    image = renderFrame(parsed, { format, frame: params.frame, windowCenter: params.windowCenter, windowWidth: params.windowWidth });
  } catch (err) {
    if (!(err instanceof DicomInputError)) throw err;
    const status = err.reason === 'FRAME_RANGE' ? 400 : 422;
    throw new MoleculerClientError(err.message, status, err.reason === 'FRAME_RANGE' ? 'FRAME_RANGE' : 'CANNOT_RENDER', { reason: err.reason, ...err.details });
  }
  attachment(ctx, format === 'png' ? 'image/png' : 'image/jpeg', `${base}-${instance.sopInstanceUid}${params.frame ? `-${params.frame}` : ''}.${format === 'png' ? 'png' : 'jpg'}`);
  return image;
}
