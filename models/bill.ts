import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { CareSetting, InsuranceType } from '../lib/rules/copay.js';
import type { BillStatus } from '../lib/rules/bill-status.js';

/**
 * One bill (진료비 계산서): amounts in whole won, computed once from the fee schedule and the
 * insurance in force (`insurance_type` is that snapshot). `paid_amount` and `refunded_amount`
 * are running sums of the payment ledger, kept on the row so the status is one read away.
 */
export interface BillAttributes {
  id: number;
  bill_number: string | null;
  patient_id: number;
  appointment_id: string | null;
  medical_record_id: number | null;
  care_setting: CareSetting;
  insurance_type: InsuranceType;
  total_amount: number;
  insurer_amount: number;
  patient_amount: number;
  paid_amount: number;
  refunded_amount: number;
  status: BillStatus;
  created_by_id: number | null;
  /** 진료기간, KST dates (`YYYY-MM-DD`). */
  service_from: string | null;
  service_to: string | null;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'bill_number' | 'appointment_id' | 'medical_record_id' | 'paid_amount' | 'refunded_amount' | 'status'
  | 'created_by_id' | 'service_from' | 'service_to' | 'created_at' | 'updated_at';
export interface Bill extends Model<BillAttributes, Optional<BillAttributes, Defaults>>, BillAttributes {}

export function defineBill(sequelize: Sequelize): ModelStatic<Bill> {
  return sequelize.define<Bill>('bill', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    bill_number: { type: DataTypes.STRING(24), unique: true },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    appointment_id: DataTypes.UUID,
    medical_record_id: DataTypes.INTEGER,
    care_setting: { type: DataTypes.STRING(16), allowNull: false },
    insurance_type: { type: DataTypes.STRING(16), allowNull: false },
    total_amount: { type: DataTypes.INTEGER, allowNull: false },
    insurer_amount: { type: DataTypes.INTEGER, allowNull: false },
    patient_amount: { type: DataTypes.INTEGER, allowNull: false },
    paid_amount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    refunded_amount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'OPEN' },
    created_by_id: DataTypes.INTEGER,
    service_from: DataTypes.DATEONLY,
    service_to: DataTypes.DATEONLY,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'bill', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
