import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { AnalysisType } from '../lib/constants-clinical.js';

/** seed §3.2.2 `medical_images_aianalysisresult`: one model run on one image; `results` is the model's JSON. */
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
}
type Defaults = 'id' | 'results' | 'confidence' | 'findings' | 'recommendations' | 'model_version' | 'analysis_date'
  | 'analyzed_by_id';
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
  }, { tableName: 'medical_images_aianalysisresult', timestamps: false });
}
