import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** One clinic weekday of a doctor's outpatient schedule (migration 0008); times are KST minutes. */
export interface DoctorScheduleAttributes {
  id: number;
  doctor_id: number;
  weekday: number;
  open_minute: number;
  close_minute: number;
  slot_minutes: number;
  updated_by_id: number | null;
  updated_at: Date;
}
export interface DoctorSchedule extends Model<DoctorScheduleAttributes, Optional<DoctorScheduleAttributes, 'id' | 'updated_by_id' | 'updated_at'>>, DoctorScheduleAttributes {}

export function defineDoctorSchedule(sequelize: Sequelize): ModelStatic<DoctorSchedule> {
  return sequelize.define<DoctorSchedule>('doctor_schedule', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    doctor_id: { type: DataTypes.INTEGER, allowNull: false },
    weekday: { type: DataTypes.INTEGER, allowNull: false },
    open_minute: { type: DataTypes.INTEGER, allowNull: false },
    close_minute: { type: DataTypes.INTEGER, allowNull: false },
    slot_minutes: { type: DataTypes.INTEGER, allowNull: false },
    updated_by_id: DataTypes.INTEGER,
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'doctor_schedule', timestamps: true, createdAt: false, updatedAt: 'updated_at' });
}
