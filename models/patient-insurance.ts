import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { InsuranceType } from '../lib/rules/copay.js';

/** The patient's insurance as the front desk verified it (건강보험 자격, 의료급여 종별); one row per patient. */
export interface PatientInsuranceAttributes {
  id: number;
  patient_id: number;
  insurance_type: InsuranceType;
  /** The insurer or payer, e.g. 국민건강보험공단 or the 의료급여 지자체. */
  insurer: string | null;
  /** 건강보험증 or 의료급여증 number. */
  card_number: string | null;
  valid_from: string | null;
  valid_to: string | null;
  updated_by_id: number | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'insurer' | 'card_number' | 'valid_from' | 'valid_to' | 'updated_by_id' | 'created_at' | 'updated_at';
export interface PatientInsurance extends Model<PatientInsuranceAttributes, Optional<PatientInsuranceAttributes, Defaults>>, PatientInsuranceAttributes {}

export function definePatientInsurance(sequelize: Sequelize): ModelStatic<PatientInsurance> {
  return sequelize.define<PatientInsurance>('patient_insurance', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    insurance_type: { type: DataTypes.STRING(16), allowNull: false },
    insurer: DataTypes.STRING(100),
    card_number: DataTypes.STRING(40),
    valid_from: DataTypes.DATEONLY,
    valid_to: DataTypes.DATEONLY,
    updated_by_id: DataTypes.INTEGER,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'patient_insurance', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
