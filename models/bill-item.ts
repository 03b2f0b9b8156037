import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { FeeCategory } from '../lib/rules/fee-schedule.js';

/** One priced line of a bill; name, category and price are copied from the fee schedule when billed. */
export interface BillItemAttributes {
  id: number;
  bill_id: number;
  fee_code: string;
  name: string;
  category: FeeCategory;
  /** 급여 per the fee schedule; an uninsured patient still pays such a line in full. */
  covered: boolean;
  unit_price: number;
  quantity: number;
  amount: number;
  patient_share: number;
  insurer_share: number;
}
export interface BillItem extends Model<BillItemAttributes, Optional<BillItemAttributes, 'id'>>, BillItemAttributes {}

export function defineBillItem(sequelize: Sequelize): ModelStatic<BillItem> {
  return sequelize.define<BillItem>('bill_item', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    bill_id: { type: DataTypes.INTEGER, allowNull: false },
    fee_code: { type: DataTypes.STRING(20), allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    category: { type: DataTypes.STRING(16), allowNull: false },
    covered: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    unit_price: { type: DataTypes.INTEGER, allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false },
    amount: { type: DataTypes.INTEGER, allowNull: false },
    patient_share: { type: DataTypes.INTEGER, allowNull: false },
    insurer_share: { type: DataTypes.INTEGER, allowNull: false },
  }, { tableName: 'bill_item', timestamps: false });
}
