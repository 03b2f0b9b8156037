import { Errors } from 'moleculer';
import { chooseCards, matchPipelines, PIPELINES, type CardChoice } from '../../lib/ai/pipeline/registry.js';
import type { Pipeline, PipelineId } from '../../lib/ai/pipeline/types.js';
import type { StudyInfo } from '../pacs/archive.js';

/**
 * Which pipeline reads which series of a study (issue #6): the model cards decide (registry.ts),
 * given each series' modality and the study's normalised body part. Objects that are not images
 * of the patient — SEG and SR (our own results among them), presentation states, key objects,
 * documents, waveforms — are never analysed. Refusals say why, at request time: 422
 * UNSUPPORTED_INPUT (nothing an image pipeline can read) or NO_PIPELINE (images, but no pipeline
 * has a model for them).
 */

const { MoleculerClientError } = Errors;

/** DICOM modalities (PS3.3 C.7.3.1.1.1) that hold no image a pipeline could read. */
export const NON_IMAGE_MODALITIES = new Set(['SR', 'SEG', 'PR', 'KO', 'REG', 'RTSTRUCT', 'RTPLAN', 'RTDOSE', 'DOC', 'AU', 'ECG', 'HD', 'RWV', 'PLAN', 'FID']);
/** An automatic 3-D analysis needs a stack: a scout or a single reconstructed image is skipped. */
export const MIN_AUTO_SLICES = 3;

export type StudySeries = StudyInfo['series'][number];

export interface PlannedAnalysis {
  pipeline: Pipeline;
  series: StudySeries;
  /** The body part the cards are chosen for (null: the caller named the pipeline). */
  bodyPart: string | null;
}

export interface PlanOptions {
  pipeline?: PipelineId;
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
}

const frames = (series: StudySeries) => series.instances.reduce((n, i) => n + Math.max(1, i.numberOfFrames || 1), 0);
const largestFirst = (a: StudySeries, b: StudySeries) => frames(b) - frames(a) || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid);

export function isImageSeries(series: StudySeries): boolean {
  return !NON_IMAGE_MODALITIES.has(series.modality.toUpperCase()) && series.instances.length > 0;
}

function unsupported(reason: string, details: Record<string, unknown>): Error {
  return new MoleculerClientError(`분석할 수 없는 입력입니다: ${reason}`, 422, 'UNSUPPORTED_INPUT', { reason, ...details });
}

function noPipeline(reason: string, details: Record<string, unknown>): Error {
  return new MoleculerClientError(`이 영상을 분석할 파이프라인이 없습니다: ${reason}`, 422, 'NO_PIPELINE', { reason, ...details });
}

/** The series the request is about: one named (by series or instance), else every image series. */
function candidateSeries(info: StudyInfo, options: PlanOptions): StudySeries[] {
  let named: StudySeries | undefined;
  if (options.seriesInstanceUid) {
    named = info.series.find((s) => s.seriesInstanceUid === options.seriesInstanceUid);
    if (!named) throw new MoleculerClientError('검사에 해당 시리즈가 없습니다 (no such series in this study)', 404, 'SERIES_NOT_FOUND', { seriesInstanceUid: options.seriesInstanceUid });
  }
  if (options.sopInstanceUid) {
    const holder = info.series.find((s) => s.instances.some((i) => i.sopInstanceUid === options.sopInstanceUid));
    if (!holder || (named && holder !== named)) {
      throw new MoleculerClientError('시리즈에 해당 영상이 없습니다 (no such instance in this series)', 404, 'INSTANCE_NOT_FOUND', { sopInstanceUid: options.sopInstanceUid });
    }
    named = holder;
  }
  if (named) {
    if (!isImageSeries(named)) {
      throw unsupported(`${named.modality} 시리즈는 영상이 아닙니다 (a ${named.modality} series holds no image to analyse)`, { modality: named.modality });
    }
    return [named];
  }
  const images = info.series.filter(isImageSeries);
  if (images.length === 0) {
    const kinds = [...new Set(info.series.map((s) => s.modality))].join(', ') || '-';
    throw unsupported(`검사에 영상 시리즈가 없습니다: ${kinds} (the study holds no image series: ${kinds})`, { modalities: info.modalities });
  }
  return images;
}

/**
 * The analyses a request asks for: with `pipeline`, that pipeline on its largest series it has a
 * model for (body part not checked: the requester says what the images show); without, each
 * pipeline whose cards fit a series' modality and the study's body part, on its largest such series.
 */
export function planAnalyses(info: StudyInfo, cards: readonly CardChoice[], bodyPart: string | null, options: PlanOptions = {}): PlannedAnalysis[] {
  const candidates = candidateSeries(info, options).sort(largestFirst);
  const modalities = [...new Set(candidates.map((s) => s.modality))].join(', ');
  if (options.pipeline) {
    const pipeline = PIPELINES[options.pipeline];
    const series = candidates.find((s) => chooseCards(pipeline, cards, s.modality, null) !== null);
    if (!series) {
      throw noPipeline(`${pipeline.name}에 ${modalities} 영상용 모델이 없습니다 (${options.pipeline} has no model for ${modalities})`, { pipeline: options.pipeline, modalities });
    }
    return [{ pipeline, series, bodyPart: null }];
  }
  if (!bodyPart) {
    throw noPipeline(`검사 부위를 알 수 없습니다: pipeline을 지정하세요 (body part unknown: name a pipeline)`, { modalities, bodyPart: null });
  }
  const chosen = new Map<PipelineId, PlannedAnalysis>();
  for (const series of candidates) {
    for (const pipeline of matchPipelines(cards, series.modality, bodyPart)) {
      if (!chosen.has(pipeline.id)) chosen.set(pipeline.id, { pipeline, series, bodyPart });
    }
  }
  if (chosen.size === 0) {
    throw noPipeline(`${modalities} ${bodyPart} 영상용 파이프라인이 없습니다 (no pipeline for ${modalities} of ${bodyPart})`, { modalities, bodyPart });
  }
  return [...chosen.values()];
}

/**
 * What arriving images start on their own (CDSS_AI_AUTO): each image series with each pipeline
 * allowed whose cards fit its modality and the study's body part. Never throws: a study nothing
 * fits is simply not analysed.
 */
export function autoPlans(info: StudyInfo, cards: readonly CardChoice[], bodyPart: string | null, allowed: 'all' | 'none' | readonly PipelineId[]): PlannedAnalysis[] {
  if (allowed === 'none' || !bodyPart) return [];
  const plans: PlannedAnalysis[] = [];
  for (const series of info.series.filter(isImageSeries).sort(largestFirst)) {
    for (const pipeline of matchPipelines(cards, series.modality, bodyPart)) {
      if (allowed !== 'all' && !allowed.includes(pipeline.id)) continue;
      if (pipeline.dimensions === '3d' && frames(series) < MIN_AUTO_SLICES) continue;
      plans.push({ pipeline, series, bodyPart });
    }
  }
  return plans;
}
