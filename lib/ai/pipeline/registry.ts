import type { ModelCard } from '../model-card.js';
import brainLesion from './pipelines/brain-lesion.js';
import breastMri from './pipelines/breast-mri.js';
import breastPathology from './pipelines/breast-pathology.js';
import breastUltrasound from './pipelines/breast-ultrasound.js';
import lungNodule from './pipelines/lung-nodule.js';
import pancreasLesion from './pipelines/pancreas-lesion.js';
import skinLesion from './pipelines/skin-lesion.js';
import { PIPELINE_IDS, type ModelRole, type Pipeline, type PipelineId } from './types.js';

/**
 * Which pipeline analyses which series, with which models. The model cards decide: a series is
 * analysed by a pipeline when a loaded card of that pipeline's main role has the series'
 * modality and body part (model card `pipeline`, `modality`, `bodyPart`). A hospital adds a
 * modality to a pipeline, or replaces a reference model, by dropping a card into CDSS_MODEL_DIR.
 */
export const PIPELINES: Readonly<Record<PipelineId, Pipeline>> = {
  'lung-nodule': lungNodule,
  'brain-lesion': brainLesion,
  'breast-ultrasound': breastUltrasound,
  'breast-pathology': breastPathology,
  'breast-mri': breastMri,
  'pancreas-lesion': pancreasLesion,
  'skin-lesion': skinLesion,
};

export const isPipelineId = (value: unknown): value is PipelineId => (PIPELINE_IDS as readonly unknown[]).includes(value);

/**
 * DICOM Body Part Examined (and the RIS/image row's body part) to the card vocabulary. Free text
 * from modalities varies ('LUNG', 'THORAX', 'BRAIN', Korean from our own upload form), so the
 * usual synonyms map to one term; anything else is kept upper-cased.
 */
const BODY_PART_SYNONYMS: Record<string, string> = {
  CHEST: 'CHEST', LUNG: 'CHEST', THORAX: 'CHEST', 흉부: 'CHEST', 폐: 'CHEST',
  HEAD: 'HEAD', BRAIN: 'HEAD', SKULL: 'HEAD', HEADNECK: 'HEAD', 두부: 'HEAD', 뇌: 'HEAD',
  BREAST: 'BREAST', 유방: 'BREAST',
  ABDOMEN: 'ABDOMEN', PANCREAS: 'ABDOMEN', ABDOMENPELVIS: 'ABDOMEN', 복부: 'ABDOMEN', 췌장: 'ABDOMEN',
  SKIN: 'SKIN', 피부: 'SKIN',
};

/** Where a study with no usable body part most likely looks, from the department that owns it. */
const DEPARTMENT_BODY_PART: Record<string, string> = {
  PULMONOLOGY: 'CHEST', NEUROSURGERY: 'HEAD', BREAST_SURGERY: 'BREAST', GASTROENTEROLOGY: 'ABDOMEN', DERMATOLOGY: 'SKIN',
};

export function normaliseBodyPart(value: string | null | undefined, department?: string | null): string | null {
  const key = (value ?? '').toUpperCase().replace(/[^A-Z가-힣]/g, '');
  if (key) return BODY_PART_SYNONYMS[key] ?? key;
  return department ? DEPARTMENT_BODY_PART[department] ?? null : null;
}

/** Photographs of any kind (VL photographic, slide microscopy, secondary capture) feed the 2D photo pipelines alike. */
const PHOTO_MODALITIES = new Set(['XC', 'SM', 'GM', 'OT', 'DMS']);
const sameModality = (card: string, series: string) => card === series || (PHOTO_MODALITIES.has(card) && PHOTO_MODALITIES.has(series));

/** The role whose card decides whether a pipeline applies (its first required role). */
const mainRole = (pipeline: Pipeline): ModelRole => pipeline.requires[0]!;

/** Cards from CDSS_MODEL_DIR first (a hospital's model replaces the reference one), then by id. */
export interface CardChoice {
  card: ModelCard;
  source: 'bundled' | 'model-dir';
}
const preference = (a: CardChoice, b: CardChoice) =>
  Number(b.source === 'model-dir') - Number(a.source === 'model-dir') || a.card.id.localeCompare(b.card.id);

/**
 * The card for each role of `pipeline` on a series of this modality: the main role must match the
 * modality (and the body part, when one is given); other roles prefer the same modality. Null
 * when a required role has no card.
 */
export function chooseCards(pipeline: Pipeline, available: readonly CardChoice[], modality: string, bodyPart: string | null = null): Partial<Record<ModelRole, ModelCard>> | null {
  const ofPipeline = available.filter((c) => c.card.pipeline?.id === pipeline.id).sort(preference);
  const chosen: Partial<Record<ModelRole, ModelCard>> = {};
  for (const role of [...pipeline.requires, ...pipeline.optional]) {
    const candidates = ofPipeline.filter((c) => c.card.pipeline!.role === role);
    const exact = candidates.filter((c) => sameModality(c.card.modality, modality) && (!bodyPart || c.card.bodyPart === bodyPart));
    const pick = role === mainRole(pipeline) ? exact[0] : exact[0] ?? candidates.find((c) => sameModality(c.card.modality, modality)) ?? candidates[0];
    if (pick) chosen[role] = pick.card;
    else if (pipeline.requires.includes(role)) return null;
  }
  return chosen;
}

/** The pipelines that would analyse a series of this modality and (normalised) body part. */
export function matchPipelines(available: readonly CardChoice[], modality: string, bodyPart: string | null): Pipeline[] {
  if (!bodyPart) return [];
  return Object.values(PIPELINES).filter((p) => chooseCards(p, available, modality, bodyPart) !== null);
}
