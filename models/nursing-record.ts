import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** Vital signs as charted; every field is optional because nurses record what they measured. */
export interface VitalSigns {
  systolic_bp?: number;
  diastolic_bp?: number;
  pulse?: number;
  temperature?: number;
  respiratory_rate?: number;
  spo2?: number;
  [measure: string]: number | string | undefined;
}

/** seed §3.4.1 `nursing_record`; `nurse_id` points at the nurse profile. */
export interface NursingRecordAttributes {
  id: number;
  patient_id: number;
  nurse_id: number;
  record_date: Date;
  vital_signs: VitalSigns | null;
  symptoms: string | null;
  nursing_notes: string | null;
  medications_administered: string | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'record_date' | 'vital_signs' | 'symptoms' | 'nursing_notes' | 'medications_administered'
  | 'created_at' | 'updated_at';
export interface NursingRecord extends Model<NursingRecordAttributes, Optional<NursingRecordAttributes, Defaults>>, NursingRecordAttributes {}

export function defineNursingRecord(sequelize: Sequelize): ModelStatic<NursingRecord> {
  return sequelize.define<NursingRecord>('nursing_record', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    nurse_id: { type: DataTypes.INTEGER, allowNull: false },
    record_date: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
    vital_signs: DataTypes.JSON,
    symptoms: DataTypes.TEXT,
    nursing_notes: DataTypes.TEXT,
    medications_administered: DataTypes.TEXT,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'nursing_record', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
