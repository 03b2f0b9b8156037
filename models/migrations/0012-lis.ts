import { DataTypes, type QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** Doubles, not col.float(): MariaDB's FLOAT is single precision and would store K 6.2 as 6.19999. */
const double = (allowNull = true) => ({ type: DataTypes.DOUBLE, allowNull });

/**
 * The LIS (issue #4, seed §5.2.2): specimens drawn for lab orders and one result row per analyte.
 * A result belongs to one order and analyte (a changed value is a correction of that row), and a
 * result submission's idempotency key makes a repeated submission answer the stored rows.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('lab_specimen', {
    id: col.id(),
    order_id: col.fk('ocs_order', false),
    patient_id: col.fk('patients_patient', false),
    barcode: col.requiredString(20),
    specimen_type: col.requiredString(16),
    status: { ...col.requiredString(16), defaultValue: 'COLLECTED' },
    collected_at: col.date(false),
    collected_by_id: col.fk('auth_user', false),
    received_at: col.date(),
    notes: col.string(500),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('lab_specimen', ['barcode'], { unique: true, name: 'lab_specimen_barcode' });
  // One tube of each kind per order: a second collection of the same order collides here.
  await qi.addIndex('lab_specimen', ['order_id', 'specimen_type'], { unique: true, name: 'lab_specimen_order_type' });

  await qi.createTable('lab_result', {
    id: col.id(),
    order_id: col.fk('ocs_order', false),
    specimen_id: col.fk('lab_specimen', false),
    patient_id: col.fk('patients_patient', false),
    ordering_doctor_id: col.fk('auth_user', false),
    test_code: col.requiredString(16),
    analyte_code: col.requiredString(16),
    loinc: col.requiredString(16),
    analyte_name: col.requiredString(100),
    value_numeric: double(false),
    value_text: col.requiredString(32),
    unit: col.requiredString(16),
    reference_low: double(),
    reference_high: double(),
    reference_text: col.string(40),
    flag: col.string(2),
    critical: col.bool(false),
    status: { ...col.requiredString(16), defaultValue: 'PRELIMINARY' },
    idempotency_key: col.requiredString(100),
    entered_by_id: col.fk('auth_user', false),
    resulted_at: col.date(false),
    verified_at: col.date(),
    verified_by_id: col.fk('auth_user'),
    critical_notified_at: col.date(),
    critical_acknowledged_at: col.date(),
    critical_acknowledged_by_id: col.fk('auth_user'),
    critical_ack_note: col.string(500),
    corrections: col.json(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('lab_result', ['order_id', 'analyte_code'], { unique: true, name: 'lab_result_order_analyte' });
  await qi.addIndex('lab_result', ['idempotency_key', 'analyte_code'], { unique: true, name: 'lab_result_idempotency' });
  // EMR lists (newest first) and trends (one analyte over time) of one patient.
  await qi.addIndex('lab_result', ['patient_id', 'resulted_at'], { name: 'lab_result_patient' });
  await qi.addIndex('lab_result', ['patient_id', 'analyte_code', 'resulted_at'], { name: 'lab_result_trend' });
  // Dashboards: criticals not yet acknowledged, per ordering doctor.
  await qi.addIndex('lab_result', ['critical', 'critical_acknowledged_at', 'ordering_doctor_id'], { name: 'lab_result_critical' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('lab_result');
  await qi.dropTable('lab_specimen');
}
