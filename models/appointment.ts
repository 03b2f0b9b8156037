import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { Department, Gender } from '../lib/constants.js';
import type { AppointmentStatus, AppointmentType } from '../lib/constants-clinical.js';

/**
 * seed §3.3.2 `patients_appointment`: a UUID-keyed slot. The patient and doctor are copied onto
 * the row (identifier, name, gender, age; code, username, name) so calendars need no joins.
 * `patient_id` is empty for meetings.
 */
export interface AppointmentAttributes {
  id: string;
  patient_id: number | null;
  doctor_id: number;
  doctor_department: Department | null;
  title: string | null;
  type: AppointmentType;
  start_time: Date;
  end_time: Date | null;
  status: AppointmentStatus;
  memo: string | null;
  created_by_id: number | null;
  patient_identifier: string | null;
  patient_name: string | null;
  patient_gender: Gender | null;
  patient_age: number | null;
  doctor_code: string | null;
  doctor_username: string | null;
  doctor_name: string | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'patient_id' | 'doctor_department' | 'title' | 'type' | 'end_time' | 'status' | 'memo'
  | 'created_by_id' | 'patient_identifier' | 'patient_name' | 'patient_gender' | 'patient_age' | 'doctor_code'
  | 'doctor_username' | 'doctor_name' | 'created_at' | 'updated_at';
export interface Appointment extends Model<AppointmentAttributes, Optional<AppointmentAttributes, Defaults>>, AppointmentAttributes {}

export function defineAppointment(sequelize: Sequelize): ModelStatic<Appointment> {
  return sequelize.define<Appointment>('patients_appointment', {
    id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    patient_id: DataTypes.INTEGER,
    doctor_id: { type: DataTypes.INTEGER, allowNull: false },
    doctor_department: DataTypes.STRING(32),
    title: DataTypes.STRING(200),
    type: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'GENERAL' },
    start_time: { type: DataTypes.DATE(3), allowNull: false },
    end_time: DataTypes.DATE(3),
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'BOOKED' },
    memo: DataTypes.TEXT,
    created_by_id: DataTypes.INTEGER,
    patient_identifier: DataTypes.STRING(20),
    patient_name: DataTypes.STRING(100),
    patient_gender: DataTypes.STRING(1),
    patient_age: DataTypes.INTEGER,
    doctor_code: DataTypes.STRING(20),
    doctor_username: DataTypes.STRING(150),
    doctor_name: DataTypes.STRING(100),
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'patients_appointment', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
