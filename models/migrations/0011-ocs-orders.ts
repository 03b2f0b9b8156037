import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** OCS orders and their status history (issue #4, seed §13.4). */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('ocs_order', {
    id: col.id(),
    order_number: col.string(20),
    order_type: col.requiredString(16),
    patient_id: col.fk('patients_patient', false),
    medical_record_id: col.fk('medical_record'),
    ordering_doctor_id: col.fk('auth_user', false),
    department: col.string(32),
    priority: { ...col.requiredString(8), defaultValue: 'ROUTINE' },
    status: { ...col.requiredString(16), defaultValue: 'PENDING' },
    items: { ...col.json(), allowNull: false },
    notes: col.text(),
    safety_alerts: col.json(),
    prescription_id: col.fk('prescription'),
    result_summary: col.string(500),
    cancelled_reason: col.string(500),
    cancelled_by_id: col.fk('auth_user'),
    completed_at: col.date(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('ocs_order', ['order_number'], { unique: true, name: 'ocs_order_number' });
  await qi.addIndex('ocs_order', ['patient_id', 'created_at'], { name: 'ocs_order_patient' });
  // Department worklists: pending orders of one type, most urgent first.
  await qi.addIndex('ocs_order', ['order_type', 'status', 'priority'], { name: 'ocs_order_worklist' });
  await qi.addIndex('ocs_order', ['ordering_doctor_id', 'status'], { name: 'ocs_order_doctor' });

  await qi.createTable('ocs_order_event', {
    id: col.id(),
    order_id: col.fk('ocs_order', false, 'CASCADE'),
    from_status: col.string(16),
    to_status: col.requiredString(16),
    actor_id: col.fk('auth_user'),
    actor_role: col.string(32),
    note: col.string(500),
    created_at: col.createdAt(),
  });
  await qi.addIndex('ocs_order_event', ['order_id', 'id'], { name: 'ocs_order_event_order' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('ocs_order_event');
  await qi.dropTable('ocs_order');
}
