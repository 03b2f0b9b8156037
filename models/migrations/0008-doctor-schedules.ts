import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/** Per-doctor outpatient hours (issue #3): one row per clinic weekday, all sharing one slot length. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('doctor_schedule', {
    id: col.id(),
    doctor_id: col.fk('auth_user', false, 'CASCADE'),
    weekday: col.int(false),
    open_minute: col.int(false),
    close_minute: col.int(false),
    slot_minutes: col.int(false),
    updated_by_id: col.int(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex('doctor_schedule', ['doctor_id', 'weekday'], { unique: true, name: 'doctor_schedule_doctor_weekday' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('doctor_schedule');
}
