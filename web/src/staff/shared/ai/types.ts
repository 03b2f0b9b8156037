/** The answers of GET /medical-images/{id}/analyze, …/overlay/info and GET /ai/models (services/ai/analysis-present.ts, analysis-overlay.ts). */
export interface Localized { ko: string; en: string }

export interface AnalysisResults {
  analysisType: string;
  summary: Localized;
  recommendations: Localized[];
  /** `details` is the guideline rule's whole answer (lib/rules/guidelines); the department views read it (views/details.ts). */
  guidelines: { name: string; citation: string; category: string | null; recommendation: Localized; details?: unknown }[];
  findings: {
    number: number; label: string; longAxisMm: number | null; shortAxisMm: number | null; meanDiameterMm: number | null; volumeMl: number | null;
    category?: string | null;
    /** Mean source intensity inside the finding (HU on CT). */
    meanIntensity?: number | null;
    /** Pipeline-specific measures (nodule type, ABC/2, US descriptors, composition, …). */
    attributes?: Record<string, unknown>;
  }[];
  classification: Classification | null;
  models: { role: string; id: string; version: string; clinicalUse: boolean }[];
  warnings: string[];
  notForClinicalUse: boolean;
}

/** A model's class answer: the chosen class and every class's probability (by label code). */
export interface Classification { code: string; name: string; probability: number; probabilities?: Record<string, number>; modelId?: string }

export interface Analysis {
  id: number;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  status_label: string;
  pipeline_id: string;
  pipeline_name: string | null;
  findings: string | null;
  recommendations: string | null;
  confidence: number | null;
  suspicion: number | null;
  error: string | null;
  results: AnalysisResults | null;
  /** Whether the server has a 3-D view of it (a volume pipeline that segmented something). */
  has3d: boolean;
  /** Whether the server has a 2-D overlay preview of it (any pipeline that stored a segmentation). */
  hasOverlay: boolean;
  analysis_date: string;
  image_id: number;
}

/** What the overlay preview steps through (`…/analyze/{analysisId}/overlay/info`); slices are 0-based. */
export interface OverlayInfo {
  analysisId: number;
  rows: number;
  columns: number;
  sliceCount: number;
  defaultSlice: number;
  findingSlices: { index: number; segments: number[]; pixels: number }[];
  segments: { number: number; label: string; color: string; pixels: number }[];
}

export interface ModelCard {
  id: string; version: string; name: string; intendedUse: string; limitations?: string; clinicalUse: boolean;
  /** The classes a classifier answers, Korean first ('정상 (normal)'). */
  labels?: { value: number; code: string; name: string }[];
}
