import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { EducationLevel, RaceEthnicity, SmokingStatus } from '../lib/constants-clinical.js';

/**
 * seed §3.0 `lung_record`: one lung-cancer screening questionnaire, holding the PLCOm2012
 * predictors (Tammemägi et al., NEJM 2013) and the symptom flags the seed asks about.
 */
export interface LungRecordAttributes {
  id: number;
  patient_fk_id: number;
  age: number | null;
  education_level: EducationLevel | null;
  bmi: number | null;
  copd: boolean;
  personal_cancer_history: boolean;
  family_lung_cancer_history: boolean;
  race_ethnicity: RaceEthnicity | null;
  smoking_status: SmokingStatus;
  cigarettes_per_day: number | null;
  smoking_duration_years: number | null;
  years_since_quitting: number | null;
  cough: boolean;
  dyspnea: boolean;
  chest_pain: boolean;
  hemoptysis: boolean;
  weight_loss: boolean;
  created_at: Date;
}
type Defaults = 'id' | 'age' | 'education_level' | 'bmi' | 'copd' | 'personal_cancer_history' | 'family_lung_cancer_history'
  | 'race_ethnicity' | 'smoking_status' | 'cigarettes_per_day' | 'smoking_duration_years' | 'years_since_quitting'
  | 'cough' | 'dyspnea' | 'chest_pain' | 'hemoptysis' | 'weight_loss' | 'created_at';
export interface LungRecord extends Model<LungRecordAttributes, Optional<LungRecordAttributes, Defaults>>, LungRecordAttributes {}

const flag = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });

export function defineLungRecord(sequelize: Sequelize): ModelStatic<LungRecord> {
  return sequelize.define<LungRecord>('lung_record', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_fk_id: { type: DataTypes.INTEGER, allowNull: false },
    age: DataTypes.INTEGER,
    education_level: DataTypes.INTEGER,
    bmi: DataTypes.FLOAT,
    copd: flag(),
    personal_cancer_history: flag(),
    family_lung_cancer_history: flag(),
    race_ethnicity: DataTypes.STRING(40),
    smoking_status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'NEVER' },
    cigarettes_per_day: DataTypes.FLOAT,
    smoking_duration_years: DataTypes.FLOAT,
    years_since_quitting: DataTypes.FLOAT,
    cough: flag(),
    dyspnea: flag(),
    chest_pain: flag(),
    hemoptysis: flag(),
    weight_loss: flag(),
    created_at: DataTypes.DATE(3),
  }, { tableName: 'lung_record', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
