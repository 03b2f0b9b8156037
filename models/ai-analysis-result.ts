import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { AnalysisType } from '../lib/constants-clinical.js';
import type { OrderPriority } from '../lib/rules/order-status.js';

/** An analysis is its own job (migration 0017): queued, running, then done or failed. */
export const ANALYSIS_STATUSES = {
  QUEUED: '대기 (queued)',
  RUNNING: '분석중 (running)',
  DONE: '완료 (done)',
  FAILED: '실패 (failed)',
} as const;
export type AnalysisStatus = keyof typeof ANALYSIS_STATUSES;

/** Who asked: a person (`manual`, POST /medical-images/:id/analyze) or the arrival of images (`auto`). */
export const ANALYSIS_TRIGGERS = ['auto', 'manual'] as const;
export type AnalysisTrigger = (typeof ANALYSIS_TRIGGERS)[number];

/**
 * seed §3.2.2 `medical_images_aianalysisresult`: one pipeline run on one series of an image's
 * study; `results` is the pipeline's JSON (findings, guidelines, classification, models, warnings).
 * `patient_fk_id` is the chart's patients_patient.id, so row scopes apply as on the image itself.
 * The DICOM SEG and SR written back to the PACS are named by their SOP Instance UIDs.
 */
export interface AIAnalysisResultAttributes {
  id: number;
  image_id: number;
  analysis_type: AnalysisType;
  results: Record<string, unknown> | null;
  confidence: number | null;
  findings: string | null;
  recommendations: string | null;
  model_version: string | null;
  analysis_date: Date;
  analyzed_by_id: number | null;
  status: AnalysisStatus;
  pipeline_id: string | null;
  patient_fk_id: number | null;
  study_instance_uid: string | null;
  series_instance_uid: string | null;
  seg_sop_instance_uid: string | null;
  sr_sop_instance_uid: string | null;
  /** lib/ai/pipeline/types.ts SUSPICION_LEVELS: 0 none … 3 high. */
  suspicion: number;
  priority: OrderPriority;
  /** auth_user.id of whoever asked (null for `auto`). */
  requested_by_id: number | null;
  trigger: AnalysisTrigger;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}
type Defaults = 'id' | 'results' | 'confidence' | 'findings' | 'recommendations' | 'model_version' | 'analysis_date'
  | 'analyzed_by_id' | 'status' | 'pipeline_id' | 'patient_fk_id' | 'study_instance_uid' | 'series_instance_uid'
  | 'seg_sop_instance_uid' | 'sr_sop_instance_uid' | 'suspicion' | 'priority' | 'requested_by_id' | 'trigger' | 'error'
  | 'started_at' | 'finished_at';
export interface AIAnalysisResult extends Model<AIAnalysisResultAttributes, Optional<AIAnalysisResultAttributes, Defaults>>, AIAnalysisResultAttributes {}

export function defineAIAnalysisResult(sequelize: Sequelize): ModelStatic<AIAnalysisResult> {
  return sequelize.define<AIAnalysisResult>('medical_images_aianalysisresult', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    image_id: { type: DataTypes.INTEGER, allowNull: false },
    analysis_type: { type: DataTypes.STRING(40), allowNull: false },
    results: DataTypes.JSON,
    confidence: DataTypes.FLOAT,
    findings: DataTypes.TEXT,
    recommendations: DataTypes.TEXT,
    model_version: DataTypes.STRING(64),
    analysis_date: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
    analyzed_by_id: DataTypes.INTEGER,
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'DONE' },
    pipeline_id: DataTypes.STRING(32),
    patient_fk_id: DataTypes.INTEGER,
    study_instance_uid: DataTypes.STRING(64),
    series_instance_uid: DataTypes.STRING(64),
    seg_sop_instance_uid: DataTypes.STRING(64),
    sr_sop_instance_uid: DataTypes.STRING(64),
    suspicion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    priority: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'ROUTINE' },
    requested_by_id: DataTypes.INTEGER,
    trigger: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'manual' },
    error: DataTypes.STRING(1000),
    started_at: DataTypes.DATE(3),
    finished_at: DataTypes.DATE(3),
  }, { tableName: 'medical_images_aianalysisresult', timestamps: false });
}
