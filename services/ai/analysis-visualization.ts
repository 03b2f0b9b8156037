import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Errors } from 'moleculer';
import { isPipelineId, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { marchingTetrahedra, plotlyFigure, type PlotlyFigure } from '../../lib/dicom/mesh.js';
import { segmentationMasks } from '../../lib/dicom/seg.js';
import { buildVolume } from '../../lib/dicom/volume.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import type { AnalysisThis } from './analysis-types.js';
import { checkDone, instanceOf, remember, segSources, seriesInstances } from './analysis-sources.js';

/**
 * The 3-D view of a finished analysis (seed §5.1.11 generate_3d_visualization): the stored DICOM
 * SEG read back onto the source series (so the view shows what the PACS holds, not a private
 * copy), its segments' surface by marching tetrahedra, and a Plotly figure with the mesh and the
 * three planes through it. A DONE analysis never changes, so the figure is kept — in memory for
 * the last few, and as JSON under `<dataDir>/ai-cache` across restarts.
 */

const { MoleculerClientError } = Errors;
/** Figures kept in memory (each a few hundred kB of JSON). */
const MEMORY_FIGURES = 16;

/** Whether a finished analysis has a 3-D view (a volume pipeline that segmented something). */
export function hasThreeDView(row: AIAnalysisResultAttributes): boolean {
  try {
    checkVisualizable(row);
    return true;
  } catch {
    return false;
  }
}

/** Refuses what has no 3-D view: 409 while the analysis has not finished, 422 for 2-D results or no segmentation. */
export function checkVisualizable(row: AIAnalysisResultAttributes): void {
  checkDone(row);
  if (!isPipelineId(row.pipeline_id) || PIPELINES[row.pipeline_id].dimensions !== '3d') {
    throw new MoleculerClientError('2차원 영상 분석에는 3D 보기가 없습니다 (a 2-D result has no 3-D view)', 422, 'NOT_3D', { pipeline: row.pipeline_id });
  }
  if (!row.seg_sop_instance_uid) {
    throw new MoleculerClientError('분할된 소견이 없어 3D로 보일 것이 없습니다 (nothing was segmented)', 422, 'NO_SEGMENTATION', { pipeline: row.pipeline_id });
  }
}

async function buildFigure(ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<PlotlyFigure> {
  const { study, source, segSeries } = await segSources(ctx, row);
  const volume = buildVolume(await seriesInstances(ctx, study, source));
  const masks = segmentationMasks(await instanceOf(ctx, study, segSeries.seriesInstanceUid, row.seg_sop_instance_uid!), volume);
  const union = new Uint8Array(volume.data.length);
  for (const mask of masks.values()) for (let v = 0; v < mask.length; v++) if (mask[v]) union[v] = 1;
  const title = isPipelineId(row.pipeline_id) ? PIPELINES[row.pipeline_id].name : 'AI segmentation';
  return plotlyFigure(marchingTetrahedra(union, volume), volume, volume.data, union, { title });
}

/** The figure as JSON text: memory, then disk, then built from the PACS and kept in both. */
export async function visualizationJson(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<string> {
  const known = self.figures.get(row.id);
  if (known) return known;
  const dir = path.join(runtimeOf(self.broker).config.dataDir, 'ai-cache');
  const file = path.join(dir, `${row.id}.json`);
  let json = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (json === null) {
    json = JSON.stringify(await buildFigure(ctx, row));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a concurrent reader never sees half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, json, { mode: 0o600 });
    await rename(partial, file);
  }
  return remember(self.figures, row.id, json, MEMORY_FIGURES);
}
