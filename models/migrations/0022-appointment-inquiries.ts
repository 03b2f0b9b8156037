import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const TABLE = 'appointment_inquiry';

/**
 * Appointment inquiries from the public site (issue #8, seed §6.2.1 예약 문의): a visitor without an
 * account leaves a name, a phone number and what they need; the front desk calls back. The visitor
 * consented to this use of their details (`consented_at`); the address is kept for abuse review.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(TABLE, {
    id: col.id(),
    name: col.requiredString(50),
    phone: col.requiredString(20),
    department: col.string(32),
    preferred_date: col.dateOnly(),
    message: col.text(),
    status: col.requiredString(16),
    consented_at: col.date(false),
    client_ip: col.string(64),
    handled_by_id: col.fk('auth_user', true, 'SET NULL'),
    handled_at: col.date(),
    staff_note: col.text(),
    created_at: col.createdAt(),
    updated_at: col.updatedAt(),
  });
  await qi.addIndex(TABLE, ['status', 'created_at'], { name: 'appointment_inquiry_status' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable(TABLE);
}
