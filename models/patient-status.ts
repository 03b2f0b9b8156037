import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { PatientCareStatus } from '../lib/constants-clinical.js';

/** seed §3.4.2 `patient_status` (outpatient, admitted, discharged), with the ward that nurse boards group by. */
export interface PatientStatusAttributes {
  id: number;
  patient_id: number;
  status: PatientCareStatus;
  ward: string | null;
  room_number: string | null;
  admission_date: Date | null;
  discharge_date: Date | null;
  current_condition: string | null;
  updated_by_id: number | null;
  updated_at: Date;
}
type Defaults = 'id' | 'ward' | 'room_number' | 'admission_date' | 'discharge_date' | 'current_condition'
  | 'updated_by_id' | 'updated_at';
export interface PatientStatus extends Model<PatientStatusAttributes, Optional<PatientStatusAttributes, Defaults>>, PatientStatusAttributes {}

export function definePatientStatus(sequelize: Sequelize): ModelStatic<PatientStatus> {
  return sequelize.define<PatientStatus>('patient_status', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    ward: DataTypes.STRING(32),
    room_number: DataTypes.STRING(16),
    admission_date: DataTypes.DATE(3),
    discharge_date: DataTypes.DATE(3),
    current_condition: DataTypes.TEXT,
    updated_by_id: DataTypes.INTEGER,
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'patient_status', timestamps: true, createdAt: false, updatedAt: 'updated_at' });
}
