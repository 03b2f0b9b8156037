import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const STATUS_INDEX = ['patient_id', 'status'];

/**
 * Prescription life cycle (issue #3): a prescription is ACTIVE until a doctor discontinues it,
 * with when, why and by whom. The medication administration record reads only ACTIVE ones per
 * patient, hence the (patient_id, status) index.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('prescription', 'status', { ...col.requiredString(16), defaultValue: 'ACTIVE' });
  await qi.addColumn('prescription', 'discontinued_at', col.date());
  await qi.addColumn('prescription', 'discontinued_reason', col.string(500));
  // auth_user.id of the discontinuing doctor; a plain column so SQLite can drop it again.
  await qi.addColumn('prescription', 'discontinued_by_id', col.int());
  // Nullable: rows written before this migration have no update time.
  await qi.addColumn('prescription', 'updated_at', col.date());
  await qi.addIndex('prescription', STATUS_INDEX);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('prescription', STATUS_INDEX);
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of ['updated_at', 'discontinued_by_id', 'discontinued_reason', 'discontinued_at', 'status']) {
    await qi.sequelize.query(`ALTER TABLE prescription DROP COLUMN ${column}`);
  }
}
