/** The answers of GET /medical-images/{id}/analyze and GET /ai/models (services/ai/analysis-present.ts). */
export interface Localized { ko: string; en: string }

export interface AnalysisResults {
  analysisType: string;
  summary: Localized;
  recommendations: Localized[];
  guidelines: { name: string; citation: string; category: string | null; recommendation: Localized }[];
  findings: { number: number; label: string; longAxisMm: number | null; shortAxisMm: number | null; meanDiameterMm: number | null; volumeMl: number | null }[];
  classification: { code: string; name: string; probability: number } | null;
  models: { role: string; id: string; version: string; clinicalUse: boolean }[];
  warnings: string[];
  notForClinicalUse: boolean;
}

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
  analysis_date: string;
}

export interface ModelCard { id: string; version: string; name: string; intendedUse: string; limitations?: string; clinicalUse: boolean }
