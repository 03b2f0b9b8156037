import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export const INQUIRY_STATUSES = { NEW: '새 문의', CONTACTED: '연락함', CLOSED: '종결' } as const;
export type InquiryStatus = keyof typeof INQUIRY_STATUSES;

/** An appointment inquiry left on the public site (migration 0022), until the front desk has called back. */
export interface AppointmentInquiryAttributes {
  id: number;
  name: string;
  phone: string;
  department: string | null;
  preferred_date: string | null;
  message: string | null;
  status: InquiryStatus;
  consented_at: Date;
  client_ip: string | null;
  handled_by_id: number | null;
  handled_at: Date | null;
  staff_note: string | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'department' | 'preferred_date' | 'message' | 'status' | 'client_ip' | 'handled_by_id' | 'handled_at' | 'staff_note'
  | 'created_at' | 'updated_at';
export interface AppointmentInquiry extends Model<AppointmentInquiryAttributes, Optional<AppointmentInquiryAttributes, Defaults>>, AppointmentInquiryAttributes {}

export function defineAppointmentInquiry(sequelize: Sequelize): ModelStatic<AppointmentInquiry> {
  return sequelize.define<AppointmentInquiry>('appointment_inquiry', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: DataTypes.STRING(50), allowNull: false },
    phone: { type: DataTypes.STRING(20), allowNull: false },
    department: DataTypes.STRING(32),
    preferred_date: DataTypes.DATEONLY,
    message: DataTypes.TEXT,
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'NEW' },
    consented_at: { type: DataTypes.DATE(3), allowNull: false },
    client_ip: DataTypes.STRING(64),
    handled_by_id: DataTypes.INTEGER,
    handled_at: DataTypes.DATE(3),
    staff_note: DataTypes.TEXT,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'appointment_inquiry', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
