import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

import type { Frequency, Route } from '../lib/rules/medication-frequency.js';

/**
 * One drug line of a prescription, as stored in the `medications` JSON column. The formulary
 * fields are copied in when prescribing, so a printed 처방전 never changes if the formulary does.
 * Lines are addressed by their index in the array (the MAR charts doses per line).
 */
export interface Medication {
  /** Formulary code (lib/rules/formulary.ts). */
  code: string;
  name: string;
  ingredient: string;
  atcCode: string;
  strength: string;
  form: string;
  /** Amount per dose in `doseUnit` (e.g. 1 정, 5 mL). */
  dose: number;
  doseUnit: string;
  route: Route;
  frequency: Frequency;
  days: number;
  instructions?: string;
}

/** ACTIVE until a doctor discontinues it (migration 0005); the MAR charts only ACTIVE prescriptions. */
export const PRESCRIPTION_STATUSES = { ACTIVE: '투약중', DISCONTINUED: '중단' } as const;
export type PrescriptionStatus = keyof typeof PRESCRIPTION_STATUSES;

/** seed §3.3.3 `prescription`; `doctor_id` points at the doctor profile, not auth_user. */
export interface PrescriptionAttributes {
  id: number;
  medical_record_id: number | null;
  patient_id: number;
  doctor_id: number;
  prescription_date: Date;
  medications: Medication[] | null;
  dosage: string | null;
  duration: string | null;
  notes: string | null;
  status: PrescriptionStatus;
  discontinued_at: Date | null;
  discontinued_reason: string | null;
  /** auth_user.id of the doctor who discontinued it. */
  discontinued_by_id: number | null;
  created_at: Date;
  updated_at: Date | null;
}
type Defaults = 'id' | 'medical_record_id' | 'prescription_date' | 'medications' | 'dosage' | 'duration' | 'notes'
  | 'status' | 'discontinued_at' | 'discontinued_reason' | 'discontinued_by_id' | 'created_at' | 'updated_at';
export interface Prescription extends Model<PrescriptionAttributes, Optional<PrescriptionAttributes, Defaults>>, PrescriptionAttributes {}

export function definePrescription(sequelize: Sequelize): ModelStatic<Prescription> {
  return sequelize.define<Prescription>('prescription', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    medical_record_id: DataTypes.INTEGER,
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    doctor_id: { type: DataTypes.INTEGER, allowNull: false },
    prescription_date: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
    medications: DataTypes.JSON,
    dosage: DataTypes.TEXT,
    duration: DataTypes.STRING(100),
    notes: DataTypes.TEXT,
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'ACTIVE' },
    discontinued_at: DataTypes.DATE(3),
    discontinued_reason: DataTypes.STRING(500),
    discontinued_by_id: DataTypes.INTEGER,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'prescription', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
