import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/**
 * The period a bill covers (진료기간 on the 영수증): the visit day for outpatient care, admission to
 * discharge (or to the billing day) for a stay. Existing bills cover the day they were made.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('bill', 'service_from', col.dateOnly());
  await qi.addColumn('bill', 'service_to', col.dateOnly());
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of ['service_to', 'service_from']) await qi.sequelize.query(`ALTER TABLE bill DROP COLUMN ${column}`);
}
