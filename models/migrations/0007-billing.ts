import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** Foreign keys to patients_appointment carry its UUID, not an integer. */
const appointmentFk = () => ({ ...col.fk('patients_appointment', true, 'SET NULL'), type: col.uuid().type });
/** Money is whole won in a 32-bit INTEGER: bills are capped at 10억원 (lib/rules/copay.ts MAX_BILL_TOTAL). */
const won = (defaultValue?: number) => ({ ...col.int(false), ...(defaultValue === undefined ? {} : { defaultValue }) });

/**
 * Front desk billing (seed §2.3, §4.3.4–4.3.5; the seed gives no table, so these are ours):
 * the patient's insurance, bills with their priced lines, and the payment and refund ledger.
 * Enumerated columns hold the English codes of lib/rules/copay.ts and lib/rules/bill-status.ts.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('patient_insurance', {
    id: col.id(),
    patient_id: col.fk('patients_patient', false),
    insurance_type: col.requiredString(16),
    insurer: col.string(100),
    card_number: col.string(40),
    valid_from: col.dateOnly(),
    valid_to: col.dateOnly(),
    updated_by_id: col.fk('auth_user', true, 'SET NULL'),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('patient_insurance', ['patient_id'], { unique: true, name: 'patient_insurance_patient' });

  await qi.createTable('bill', {
    id: col.id(),
    // Issued after the row exists (it carries the id), so NULL for an instant inside the transaction.
    bill_number: col.string(24),
    patient_id: col.fk('patients_patient', false),
    appointment_id: appointmentFk(),
    medical_record_id: col.fk('medical_record', true, 'SET NULL'),
    care_setting: col.requiredString(16),
    // The insurance the bill was computed with; a later change of the patient's insurance never re-prices it.
    insurance_type: col.requiredString(16),
    total_amount: won(),
    insurer_amount: won(),
    patient_amount: won(),
    paid_amount: won(0),
    refunded_amount: won(0),
    status: { ...col.requiredString(16), defaultValue: 'OPEN' },
    created_by_id: col.fk('auth_user', true, 'SET NULL'),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('bill', ['bill_number'], { unique: true, name: 'bill_number_unique' });
  await qi.addIndex('bill', ['created_at'], { name: 'bill_created' });
  await qi.addIndex('bill', ['patient_id', 'created_at'], { name: 'bill_patient_created' });
  await qi.addIndex('bill', ['status', 'created_at'], { name: 'bill_status_created' });
  await qi.addIndex('bill', ['appointment_id'], { name: 'bill_appointment' });

  await qi.createTable('bill_item', {
    id: col.id(),
    bill_id: col.fk('bill', false),
    fee_code: col.requiredString(20),
    name: col.requiredString(200),
    category: col.requiredString(16),
    covered: col.bool(true),
    unit_price: won(),
    quantity: col.int(false),
    amount: won(),
    patient_share: won(),
    insurer_share: won(),
  });
  await qi.addIndex('bill_item', ['bill_id'], { name: 'bill_item_bill' });

  await qi.createTable('payment', {
    id: col.id(),
    bill_id: col.fk('bill', false),
    kind: col.requiredString(8),
    method: col.requiredString(8),
    amount: won(),
    reason: col.string(500),
    approval_number: col.string(32),
    received_by_id: col.fk('auth_user', true, 'SET NULL'),
    created_at: col.createdAt(),
  });
  // Daily settlement reads a day's payments by time; a bill's ledger by bill.
  await qi.addIndex('payment', ['created_at'], { name: 'payment_created' });
  await qi.addIndex('payment', ['bill_id', 'created_at'], { name: 'payment_bill_created' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['payment', 'bill_item', 'bill', 'patient_insurance']) await qi.dropTable(table);
}
