import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { LungPrediction } from '../lib/constants-clinical.js';

/** seed §3.0 `lung_result`: the risk computed from one lung_record, with the model that produced it. */
export interface LungResultAttributes {
  id: number;
  lung_record_id: number;
  prediction: LungPrediction | null;
  risk_score: number | null;
  recommendation: string | null;
  model_version: string | null;
  created_at: Date;
}
type Defaults = 'id' | 'prediction' | 'risk_score' | 'recommendation' | 'model_version' | 'created_at';
export interface LungResult extends Model<LungResultAttributes, Optional<LungResultAttributes, Defaults>>, LungResultAttributes {}

export function defineLungResult(sequelize: Sequelize): ModelStatic<LungResult> {
  return sequelize.define<LungResult>('lung_result', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    lung_record_id: { type: DataTypes.INTEGER, allowNull: false },
    prediction: DataTypes.STRING(32),
    risk_score: DataTypes.FLOAT,
    recommendation: DataTypes.TEXT,
    model_version: DataTypes.STRING(64),
    created_at: DataTypes.DATE(3),
  }, { tableName: 'lung_result', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
