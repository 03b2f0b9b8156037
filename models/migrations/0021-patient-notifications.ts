import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const TABLE = 'patient_notification';

/**
 * Notifications to patients (issue #8, seed §4.3.1 알림): the portal's own table, because portal
 * accounts (`patient_user`) number apart from staff (`auth_user`) and `notification.user_id` is a
 * foreign key to the staff table. The columns are the staff table's, so one actor serves both.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable(TABLE, {
    id: col.id(),
    user_id: col.fk('patient_user', false, 'CASCADE'),
    notification_type: col.requiredString(16),
    title: col.requiredString(200),
    message: col.text(),
    is_read: col.bool(false),
    related_resource_type: col.string(64),
    related_resource_id: col.string(64),
    requires_ack: col.bool(false),
    acknowledged_at: col.date(),
    created_at: col.createdAt(),
  });
  await qi.addIndex(TABLE, ['user_id', 'is_read', 'created_at'], { name: 'patient_notification_user_unread' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable(TABLE);
}
