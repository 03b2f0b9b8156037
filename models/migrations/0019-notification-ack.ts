import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const TABLE = 'notification';

/**
 * Critical notifications need an acknowledgement (issue #7): whether one is needed, and when its
 * recipient gave it. Reading a notice is not acknowledging it, so these are separate from is_read.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn(TABLE, 'requires_ack', col.bool(false));
  await qi.addColumn(TABLE, 'acknowledged_at', col.date());
  // The badge's "needs acknowledgement" count per user.
  await qi.addIndex(TABLE, ['user_id', 'requires_ack', 'acknowledged_at'], { name: 'notification_user_ack' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex(TABLE, 'notification_user_ack');
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of ['acknowledged_at', 'requires_ack']) await qi.sequelize.query(`ALTER TABLE ${TABLE} DROP COLUMN ${column}`);
}
