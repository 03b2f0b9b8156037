import { Errors } from 'moleculer';
import { isPipelineId, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { hexColor, overlayModel, renderOverlayPng, type OverlayModel } from '../../lib/dicom/overlay.js';
import { DicomInputError } from '../../lib/dicom/part10.js';
import { readSegmentation } from '../../lib/dicom/seg.js';
import { buildVolume, imageTensor, type ImageSource } from '../../lib/dicom/volume.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { CdssContext } from '../context.js';
import type { AnalysisThis } from './analysis-types.js';
import { checkDone, instanceOf, remember, segSources, seriesInstances } from './analysis-sources.js';

/**
 * The 2-D overlay preview of a finished analysis: one slice of the source series in grey with the
 * stored DICOM SEG's segments blended over it in colour (lib/dicom/overlay.ts), for any pipeline
 * that segmented something — a CT volume's slices or a single ultrasound image or photo. Like the
 * 3-D view it is read back from what the PACS holds. A DONE analysis never changes, so the model
 * (the slice list and the small per-slice masks) and the last PNGs are kept in memory.
 */

const { MoleculerClientError } = Errors;
/** Overlay models kept (each: the slice list and the masks of the slices with findings). */
const MEMORY_MODELS = 8;
/** Rendered slices kept (a 512² RGB PNG is a few hundred kB at most). */
const MEMORY_PNGS = 48;

/** What the client is told about an analysis' overlay: the grid, the segments and which slices to step through. */
export interface OverlayInfo {
  analysisId: number;
  rows: number;
  columns: number;
  sliceCount: number;
  defaultSlice: number;
  findingSlices: { index: number; segments: number[]; pixels: number }[];
  segments: { number: number; label: string; color: string; pixels: number }[];
}

/** The model and where each slice's pixels are read from. */
export interface Overlay {
  model: OverlayModel;
  study: string;
  series: string;
  slices: ImageSource['slices'];
}

/** Whether a finished analysis has an overlay preview (it stored a SEG: something was segmented). */
export function hasOverlay(row: AIAnalysisResultAttributes): boolean {
  return row.status === 'DONE' && !!row.seg_sop_instance_uid;
}

/** Refuses what has no overlay: 409 while the analysis has not finished, 422 when nothing was segmented. */
export function checkOverlayable(row: AIAnalysisResultAttributes): void {
  checkDone(row);
  if (!row.seg_sop_instance_uid) {
    throw new MoleculerClientError('분할된 소견이 없어 영상에 겹쳐 보일 것이 없습니다 (nothing was segmented to overlay)', 422, 'NO_SEGMENTATION', { pipeline: row.pipeline_id });
  }
}

const unreadable = (err: unknown): never => {
  if (!(err instanceof DicomInputError)) throw err;
  throw new MoleculerClientError(`영상이나 SEG를 읽을 수 없습니다: ${err.message} (cannot read the image or the SEG)`, 422, 'CANNOT_RENDER', { reason: err.reason });
};

/**
 * The SEG on its source: a volume pipeline's whole series (in the order the analysis read it),
 * a 2-D pipeline's one image (the one the SEG's frames were cut from).
 */
async function buildOverlay(ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<Overlay> {
  const { study, source, segSeries } = await segSources(ctx, row);
  const seg = await instanceOf(ctx, study, segSeries.seriesInstanceUid, row.seg_sop_instance_uid!);
  const volumetric = isPipelineId(row.pipeline_id) && PIPELINES[row.pipeline_id].dimensions === '3d';
  try {
    let grid: ImageSource;
    if (volumetric) {
      grid = buildVolume(await seriesInstances(ctx, study, source));
    } else {
      const ref = readSegmentation(seg).frames[0]?.references[0];
      const image = source.instances.find((i) => i.sopInstanceUid === ref?.sopInstanceUid);
      if (!ref || !image) throw new MoleculerClientError('SEG가 가리키는 원본 영상이 시리즈에 없습니다 (the SEG\'s source image is not in the series)', 409, 'SOURCE_MISSING');
      grid = imageTensor(await instanceOf(ctx, study, source.seriesInstanceUid, image.sopInstanceUid), { frame: ref.frameNumber ?? 1, grey: true });
    }
    return { model: overlayModel(seg, grid), study, series: source.seriesInstanceUid, slices: grid.slices };
  } catch (err) {
    return unreadable(err);
  }
}

/** The overlay of a DONE analysis with a SEG: memory first, else built (concurrent askers share one build). */
function overlayOf(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<Overlay> {
  const known = self.overlays.get(row.id);
  if (known) return known;
  const building = buildOverlay(ctx, row);
  // A failed build is not kept: the next ask tries again (the PACS may have been away).
  building.catch(() => { if (self.overlays.get(row.id) === building) self.overlays.delete(row.id); });
  return remember(self.overlays, row.id, building, MEMORY_MODELS);
}

/** The slices a screen steps through, and which to show first. */
export async function overlayInfo(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<OverlayInfo> {
  const { model } = await overlayOf(self, ctx, row);
  return {
    analysisId: row.id, rows: model.rows, columns: model.columns, sliceCount: model.sliceCount, defaultSlice: model.defaultSlice,
    findingSlices: model.findingSlices,
    segments: model.segments.map((s) => ({ number: s.number, label: s.label, color: hexColor(s.color), pixels: s.pixels })),
  };
}

export interface OverlayRequest { slice?: number; windowCenter?: number; windowWidth?: number }

/** One slice as a PNG (the default slice without `slice`); answers the slice shown, the count and the bytes. */
export async function overlayPng(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes, request: OverlayRequest): Promise<{ slice: number; sliceCount: number; png: Buffer }> {
  const overlay = await overlayOf(self, ctx, row);
  const { model } = overlay;
  const slice = request.slice ?? model.defaultSlice;
  if (slice >= model.sliceCount) {
    throw new MoleculerClientError(`슬라이스 번호가 범위를 벗어났습니다: ${slice} (0–${model.sliceCount - 1}) (slice out of range)`, 400, 'SLICE_RANGE', { sliceCount: model.sliceCount });
  }
  const key = `${row.id}:${slice}:${request.windowCenter ?? ''}:${request.windowWidth ?? ''}`;
  let png = self.overlayPngs.get(key);
  if (!png) {
    const source = overlay.slices[slice]!;
    const parsed = await instanceOf(ctx, overlay.study, overlay.series, source.sopInstanceUid);
    try {
      png = renderOverlayPng(parsed, source.frameNumber ?? 1, model.layers.get(slice) ?? [], { windowCenter: request.windowCenter, windowWidth: request.windowWidth });
    } catch (err) {
      return unreadable(err);
    }
    remember(self.overlayPngs, key, png, MEMORY_PNGS);
  }
  return { slice, sliceCount: model.sliceCount, png };
}
