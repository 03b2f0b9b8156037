import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { PaymentKind, PaymentMethod } from '../lib/rules/bill-status.js';

/**
 * The payment ledger: append-only rows, a payment or a refund, each with a positive amount (the
 * kind says which way the money went). Daily settlement sums these by day and method.
 */
export interface PaymentAttributes {
  id: number;
  bill_id: number;
  kind: PaymentKind;
  method: PaymentMethod;
  amount: number;
  /** Required for refunds: why the money went back. */
  reason: string | null;
  /** The card terminal's (VAN) approval number for card payments and cancellations. */
  approval_number: string | null;
  received_by_id: number | null;
  created_at: Date;
}
type Defaults = 'id' | 'reason' | 'approval_number' | 'received_by_id' | 'created_at';
export interface Payment extends Model<PaymentAttributes, Optional<PaymentAttributes, Defaults>>, PaymentAttributes {}

export function definePayment(sequelize: Sequelize): ModelStatic<Payment> {
  return sequelize.define<Payment>('payment', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    bill_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    method: { type: DataTypes.STRING(8), allowNull: false },
    amount: { type: DataTypes.INTEGER, allowNull: false },
    reason: DataTypes.STRING(500),
    approval_number: DataTypes.STRING(32),
    received_by_id: DataTypes.INTEGER,
    created_at: DataTypes.DATE(3),
  }, { tableName: 'payment', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
