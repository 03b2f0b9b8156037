import type { Sequelize } from 'sequelize';
import { definePatientInsurance } from './patient-insurance.js';
import { defineBill } from './bill.js';
import { defineBillItem } from './bill-item.js';
import { definePayment } from './payment.js';

/** The billing models (migration 0007): insurance, bills with their lines, and the payment ledger. */
export function defineBillingModels(sequelize: Sequelize) {
  const models = {
    PatientInsurance: definePatientInsurance(sequelize),
    Bill: defineBill(sequelize),
    BillItem: defineBillItem(sequelize),
    Payment: definePayment(sequelize),
  };
  models.Bill.hasMany(models.BillItem, { foreignKey: 'bill_id', as: 'items' });
  models.Bill.hasMany(models.Payment, { foreignKey: 'bill_id', as: 'payments' });
  return models;
}
