import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { StaffRole } from '../lib/constants.js';

/**
 * seed §3.1.2–3.1.6: one profile table per staff role. They share a shape (user, code, name,
 * department, contact) and differ in the code column's name and a few extra fields.
 */
export interface StaffProfileAttributes {
  id: number;
  user_id: number;
  code: string;
  name: string;
  department: string | null;
  phone: string | null;
  email: string | null;
  license_number?: string | null;
  specialization?: string | null;
  position?: string | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'department' | 'phone' | 'email' | 'created_at' | 'updated_at';
export interface StaffProfile extends Model<StaffProfileAttributes, Optional<StaffProfileAttributes, Defaults>>, StaffProfileAttributes {}

/** Table and code column per role; the sysadmin has no profile. */
export const PROFILE_TABLES = {
  doctor: { table: 'doctor', codeColumn: 'doctor_id', extra: ['license_number', 'specialization'] },
  nurse: { table: 'nurse', codeColumn: 'nurse_id', extra: ['license_number'] },
  front_desk: { table: 'administrative_staff', codeColumn: 'staff_id', extra: ['position'] },
  radiology_technician: { table: 'radiology_technician', codeColumn: 'technician_id', extra: ['license_number'] },
  radiologist: { table: 'radiology_doctor', codeColumn: 'doctor_id', extra: ['license_number', 'specialization'] },
} as const satisfies Partial<Record<StaffRole, { table: string; codeColumn: string; extra: readonly string[] }>>;
export type ProfileRole = keyof typeof PROFILE_TABLES;

export function defineStaffProfile(sequelize: Sequelize, role: ProfileRole): ModelStatic<StaffProfile> {
  const { table, codeColumn, extra } = PROFILE_TABLES[role];
  const extras = Object.fromEntries(extra.map((name) => [name, DataTypes.STRING(name === 'specialization' ? 200 : 64)]));
  return sequelize.define<StaffProfile>(table, {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    code: { type: DataTypes.STRING(20), allowNull: false, unique: true, field: codeColumn },
    name: { type: DataTypes.STRING(100), allowNull: false },
    department: DataTypes.STRING(64),
    phone: DataTypes.STRING(32),
    email: DataTypes.STRING(254),
    ...extras,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: table, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
