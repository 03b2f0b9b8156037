import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/**
 * The medication administration record (투약 기록, seed §2.2 "투약 관리", §3.4): one row per dose
 * charted against a prescription line (given, held or refused). Scheduled doses are unique per
 * line and time; PRN doses have no scheduled time, and since NULLs never collide in a unique index
 * (SQLite and MariaDB alike) they may be charted as often as needed.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('medication_administration', {
    id: col.id(),
    prescription_id: col.fk('prescription', false),
    medication_index: col.int(false),
    patient_id: col.fk('patients_patient', false),
    scheduled_time: col.date(),
    status: col.requiredString(16),
    administered_at: col.date(false),
    nurse_id: col.fk('nurse', false),
    reason: col.string(500),
    notes: col.text(),
    created_at: col.createdAt(),
  });
  await qi.addIndex('medication_administration', ['prescription_id', 'medication_index', 'scheduled_time'], { unique: true, name: 'mar_dose' });
  await qi.addIndex('medication_administration', ['patient_id', 'scheduled_time'], { name: 'mar_patient_time' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('medication_administration');
}
