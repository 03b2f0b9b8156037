import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { Department } from '../lib/constants.js';
import type { RecordStatus } from '../lib/constants-clinical.js';

/**
 * seed §3.3.1 `medical_record`: one visit. Reception opens it (name, department,
 * reception_start_time); the doctor fills the clinical fields and completes the treatment.
 */
export interface MedicalRecordAttributes {
  id: number;
  patient_fk_id: number;
  doctor_fk_id: number | null;
  name: string | null;
  department: Department | null;
  status: RecordStatus;
  notes: string | null;
  reception_start_time: Date | null;
  treatment_end_time: Date | null;
  is_treatment_completed: boolean;
  visit_date: string | null;
  diagnosis: string | null;
  symptoms: string | null;
  treatment: string | null;
  prescription: string | null;
  doctor_notes: string | null;
  /** KCD-8 code of the diagnosis (lib/rules/kcd.ts); `diagnosis` keeps code and name as text. */
  diagnosis_code: string | null;
  signed_at: Date | null;
  /** 1 for the original; an amendment is a new row with the next version. */
  version: number;
  previous_version_id: number | null;
  amendment_reason: string | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'doctor_fk_id' | 'name' | 'department' | 'status' | 'notes' | 'reception_start_time'
  | 'treatment_end_time' | 'is_treatment_completed' | 'visit_date' | 'diagnosis' | 'symptoms' | 'treatment'
  | 'prescription' | 'doctor_notes' | 'diagnosis_code' | 'signed_at' | 'version' | 'previous_version_id' | 'amendment_reason'
  | 'created_at' | 'updated_at';
export interface MedicalRecord extends Model<MedicalRecordAttributes, Optional<MedicalRecordAttributes, Defaults>>, MedicalRecordAttributes {}

export function defineMedicalRecord(sequelize: Sequelize): ModelStatic<MedicalRecord> {
  return sequelize.define<MedicalRecord>('medical_record', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_fk_id: { type: DataTypes.INTEGER, allowNull: false },
    doctor_fk_id: DataTypes.INTEGER,
    name: DataTypes.STRING(100),
    department: DataTypes.STRING(32),
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'DRAFT' },
    notes: DataTypes.TEXT,
    reception_start_time: DataTypes.DATE(3),
    treatment_end_time: DataTypes.DATE(3),
    is_treatment_completed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    visit_date: DataTypes.DATEONLY,
    diagnosis: DataTypes.TEXT,
    symptoms: DataTypes.TEXT,
    treatment: DataTypes.TEXT,
    prescription: DataTypes.TEXT,
    doctor_notes: DataTypes.TEXT,
    diagnosis_code: DataTypes.STRING(10),
    signed_at: DataTypes.DATE(3),
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    previous_version_id: DataTypes.INTEGER,
    amendment_reason: DataTypes.STRING(500),
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'medical_record', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
