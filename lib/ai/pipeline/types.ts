import type { Department } from '../../constants.js';
import type { AnalysisType } from '../../constants-clinical.js';
import type { ParsedDicom } from '../../dicom/part10.js';
import type { Grid, ImageSource, Vec3 } from '../../dicom/volume.js';
import type { LocalizedText } from '../../rules/guidelines/common.js';
import type { InferencePriority } from '../job-queue.js';
import type { ModelCard } from '../model-card.js';

/**
 * The department pipelines (seed §4.1.5, §13.2): DICOM in, findings with measurements and a
 * guideline recommendation out. A pipeline is pure of the broker: it gets its series already
 * parsed, the model cards chosen for it and an `infer` function (the inference actor through the
 * broker in production, an ONNX session in tests), and answers a PipelineResult that the
 * `ai-analysis` actor turns into rows, DICOM SEG/SR, notifications and worklist flags.
 */

export const PIPELINE_IDS = [
  'lung-nodule', 'brain-lesion', 'breast-ultrasound', 'breast-pathology', 'breast-mri', 'pancreas-lesion', 'skin-lesion',
] as const;
export type PipelineId = (typeof PIPELINE_IDS)[number];

/** What a card does inside its pipeline (model card `pipeline.role`). */
export const MODEL_ROLES = ['segmentation', 'classification'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/** One tensor in, the model's one output tensor out (values as float32, in the card's output shape). */
export type Infer = (card: ModelCard, input: { dims: number[]; data: Float32Array }) => Promise<Float32Array>;

/** One series as the pipeline gets it: the image instances, parsed (never SEG, SR, PR, KO). */
export interface SeriesInput {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  instances: ParsedDicom[];
}

/** What the pipeline may know of the patient (from DICOM, the EMR or the request). */
export interface PatientContext {
  ageYears: number | null;
  sex: 'M' | 'F' | null;
  /** Lung: 'screening' (LDCT programme → Lung-RADS) or 'incidental' (→ Fleischner). Default 'incidental'. */
  lungContext?: 'incidental' | 'screening';
  /** Fleischner patient risk; default 'low' unless the EMR says otherwise. */
  lungRisk?: 'low' | 'high';
  /** Breast pathology concordance: the BI-RADS category of the imaging that led to the biopsy, if known. */
  priorBirads?: string | null;
}

export interface PipelineContext {
  /** The card chosen for each role the pipeline uses (lib/ai/pipeline/registry.ts chooseCards). */
  cards: Partial<Record<ModelRole, ModelCard>>;
  infer: Infer;
  patient: PatientContext;
  priority: InferencePriority;
}

/** A model's class answer: every class's probability, and the chosen one (argmax). */
export interface ClassResult {
  code: string;
  name: string;
  probability: number;
  probabilities: Record<string, number>;
  modelId: string;
}

/** One finding (a connected component of the segmentation, or the whole image for classifiers). */
export interface PipelineFinding {
  /** 1-based; the finding's label value in `segmentation.labels` and its SEG segment number. */
  number: number;
  /** Korean first, e.g. '폐결절 1 (nodule 1)'. */
  label: string;
  /** What kind of finding (SR finding type / SEG property type): 'nodule' | 'mass' | 'lesion'. */
  kind: 'nodule' | 'mass' | 'lesion';
  longAxisMm: number | null;
  shortAxisMm: number | null;
  /** Mean of long and short axis (the guidelines' "average diameter"). */
  meanDiameterMm: number | null;
  volumeMl: number | null;
  areaMm2: number | null;
  /** Mean model probability inside the finding. */
  meanProbability: number;
  /** Mean source intensity inside the finding (HU for CT). */
  meanIntensity: number | null;
  /** Centre of mass in patient coordinates (LPS mm), when the source has plane geometry. */
  centroidMm: Vec3 | null;
  /** z index (into the source's slices) of the slice where the finding is largest: where the SR measures it. */
  keySlice: number;
  classification?: ClassResult;
  /** Guideline category for this finding, e.g. Lung-RADS '4A' or BI-RADS '4B'. */
  category?: string;
  /** Anything pipeline-specific (nodule type, US features, cystic/solid, ...). */
  attributes?: Record<string, unknown>;
}

/** The guideline applied to the findings (pure code in lib/rules/guidelines). */
export interface GuidelineOutcome {
  /** e.g. 'Fleischner 2017', 'Lung-RADS v2022', 'BI-RADS 5th ed.'. */
  name: string;
  citation: string;
  /** Overall category, when the guideline has one. */
  category: string | null;
  recommendation: LocalizedText;
  /** The guideline function's full answer, for the screen and the audit. */
  details: unknown;
}

/** How strongly a result should pull a study up the reading worklist. */
export const SUSPICION_LEVELS = { NONE: 0, LOW: 1, SUSPICIOUS: 2, HIGH: 3 } as const;
export type Suspicion = (typeof SUSPICION_LEVELS)[keyof typeof SUSPICION_LEVELS];

export interface PipelineResult {
  pipelineId: PipelineId;
  analysisType: AnalysisType;
  findings: PipelineFinding[];
  /** Whole-image classification (dermatology, pathology, US), when the pipeline has one. */
  classification: ClassResult | null;
  guidelines: GuidelineOutcome[];
  /** One-paragraph findings text for the row's `findings` column (Korean first). */
  summary: LocalizedText;
  recommendations: LocalizedText[];
  /** 0–1: the pipeline's confidence in its main answer. */
  confidence: number;
  suspicion: Suspicion;
  /**
   * Label map on the source grid (z-y-x over `source.slices`; 0 = background, n = finding n), for
   * the DICOM SEG; null when nothing was segmented or the pipeline only classifies.
   */
  segmentation: { source: ImageSource; labels: Uint8Array } | null;
  /** The source geometry and intensities, for the 3D view (3D pipelines only). */
  volume: { grid: Grid; values: Float32Array } | null;
  /** The cards used (SEG/SR record them as the algorithm). */
  models: { role: ModelRole; id: string; version: string; sha256: string; clinicalUse: boolean }[];
  warnings: string[];
}

export interface Pipeline {
  id: PipelineId;
  analysisType: AnalysisType;
  department: Department;
  /** Korean first, e.g. '폐결절 검출 (lung nodule detection)'. */
  name: string;
  /** Whether the pipeline takes a series as a volume ('3d') or one image at a time ('2d'). */
  dimensions: '2d' | '3d';
  /** The roles it needs (a card for each must be loaded), and those it uses when present. */
  requires: readonly ModelRole[];
  optional: readonly ModelRole[];
  run(series: SeriesInput, context: PipelineContext): Promise<PipelineResult>;
}
