import type { Grid, Volume } from '../../dicom/volume.js';
import type { ModelCard } from '../model-card.js';
import type { AnalysisType } from '../../constants-clinical.js';
import { MODEL_ROLES, SUSPICION_LEVELS, type GuidelineOutcome, type PipelineContext, type PipelineFinding, type PipelineId, type PipelineResult, type Suspicion } from './types.js';
import type { LocalizedText } from '../../rules/guidelines/common.js';

/**
 * The pieces of a PipelineResult every department pipeline shares: the cards used (what the
 * SEG/SR name as the algorithm), the not-for-clinical-use warnings, the grid for the 3-D view,
 * the patient's age when the request did not give it, how sure "nothing found" is, and how
 * strongly a BI-RADS category pulls a study up the reading worklist.
 */

/** The segmentation card, or a clear error: the registry only runs a pipeline whose required roles have cards. */
export function segmentationCard(context: PipelineContext, pipelineId: string): ModelCard {
  const card = context.cards.segmentation;
  if (!card) throw new RangeError(`${pipelineId}: no segmentation model card was chosen`);
  return card;
}

/** The cards used, in role order (segmentation, then classification), as SEG/SR record them (algorithm identification). */
export function modelsUsed(cards: PipelineContext['cards']): PipelineResult['models'] {
  return MODEL_ROLES.flatMap((role) => {
    const card = cards[role];
    return card ? [{ role, id: card.id, version: card.version, sha256: card.sha256, clinicalUse: card.clinicalUse }] : [];
  });
}

/** Every result of a non-clinical model says so where the reader sees warnings, not only on the model card. */
export function referenceModelWarnings(cards: PipelineContext['cards']): string[] {
  return Object.values(cards)
    .filter((card): card is ModelCard => card !== undefined && !card.clinicalUse)
    .map((card) => `기준(참고용) 모델 ${card.id}의 결과입니다 — 임상 사용 불가 (reference model ${card.id}: not for clinical use)`);
}

/** The geometry alone (no pixel data), for the 3-D view and the stored result. */
export function gridOf(volume: Volume): Grid {
  const { shape, spacing, origin, direction, slicePositions } = volume;
  return { shape: [...shape], spacing: [...spacing], origin: [...origin], direction, slicePositions: [...slicePositions] };
}

/**
 * Confidence in "nothing found": 1 − the highest probability left once the structures the pipeline
 * explained away (bone, chest wall, organs cut by the field of view, with their blurred rim) are set aside.
 */
export function confidenceWhenNone(probabilities: ArrayLike<number>, explained: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < probabilities.length; i++) if (!explained[i] && probabilities[i]! > max) max = probabilities[i]!;
  return Math.round((1 - max) * 1000) / 1000;
}

/**
 * The patient's age in whole years from DICOM: PatientAge ('045Y', '006M', ...) or PatientBirthDate
 * with StudyDate (PS3.5 6.2, AS and DA value representations). Null when neither is usable.
 */
export function ageFromDicom(attributes: Record<string, unknown>): number | null {
  const age = typeof attributes.PatientAge === 'string' ? /^(\d{3})([DWMY])$/.exec(attributes.PatientAge.trim()) : null;
  if (age) return Math.floor(Number(age[1]) / ({ D: 365.25, W: 52.18, M: 12, Y: 1 } as const)[age[2] as 'D' | 'W' | 'M' | 'Y']);
  const birth = typeof attributes.PatientBirthDate === 'string' ? /^(\d{4})(\d{2})(\d{2})$/.exec(attributes.PatientBirthDate) : null;
  const study = typeof attributes.StudyDate === 'string' ? /^(\d{4})(\d{2})(\d{2})$/.exec(attributes.StudyDate) : null;
  if (!birth || !study) return null;
  const [by, bm, bd] = birth.slice(1).map(Number) as [number, number, number];
  const [sy, sm, sd] = study.slice(1).map(Number) as [number, number, number];
  const years = sy - by - (sm < bm || (sm === bm && sd < bd) ? 1 : 0);
  return years >= 0 ? years : null;
}

/** Millimetres for a text: one decimal. */
export const mm = (value: number | null): string => (value === null ? '?' : value.toFixed(1));

/**
 * BI-RADS category → worklist suspicion: 4C and 5 (> 50 % likelihood of malignancy) HIGH, 4/4A/4B
 * (tissue diagnosis advised) SUSPICIOUS, 3 (short-interval follow-up) LOW, 1/2 NONE, 6 (known
 * cancer) HIGH, 0 (incomplete: more imaging needed) LOW.
 */
export function biradsSuspicion(category: string | null): Suspicion {
  switch (category) {
    case '4C': case '5': case '6': return SUSPICION_LEVELS.HIGH;
    case '4': case '4A': case '4B': return SUSPICION_LEVELS.SUSPICIOUS;
    case '3': case '0': return SUSPICION_LEVELS.LOW;
    default: return SUSPICION_LEVELS.NONE;
  }
}

/** Largest value of a probability map (a loop: spreading millions of voxels into Math.max overflows the stack). */
export function maxOf(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** What a 3-D lesion pipeline (lung, brain, pancreas) decides; the rest of its result follows from these. */
export interface VolumeLesionParts {
  pipelineId: PipelineId;
  analysisType: AnalysisType;
  findings: PipelineFinding[];
  guidelines: GuidelineOutcome[];
  summary: LocalizedText;
  recommendations: LocalizedText[];
  suspicion: Suspicion;
  /** The finding the guideline answer rests on; null when nothing was found. */
  main: PipelineFinding | null;
  probabilities: ArrayLike<number>;
  /** Voxels the pipeline explained away (bone, chest wall, …): left out of "nothing found"'s confidence. */
  explained: Uint8Array;
  volume: Volume;
  labels: Uint8Array;
  cards: PipelineContext['cards'];
  warnings: string[];
}

/** The PipelineResult of a 3-D lesion pipeline: confidence, SEG label map, 3-D view and models filled alike. */
export function volumeLesionResult(parts: VolumeLesionParts): PipelineResult {
  const { findings, main, volume } = parts;
  return {
    pipelineId: parts.pipelineId,
    analysisType: parts.analysisType,
    findings,
    classification: null,
    guidelines: parts.guidelines,
    summary: parts.summary,
    recommendations: parts.recommendations,
    confidence: main ? main.meanProbability : confidenceWhenNone(parts.probabilities, parts.explained),
    suspicion: parts.suspicion,
    segmentation: findings.length ? { source: volume, labels: parts.labels } : null,
    volume: { grid: gridOf(volume), values: volume.data },
    models: modelsUsed(parts.cards),
    warnings: parts.warnings,
  };
}
