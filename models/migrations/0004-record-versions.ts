import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/**
 * Medical record signing and amendments (issue #3): the coded diagnosis, when it was signed, and
 * versions — an amendment is a new row pointing at the version it supersedes, with its reason.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('medical_record', 'diagnosis_code', col.string(10));
  await qi.addColumn('medical_record', 'signed_at', col.date());
  await qi.addColumn('medical_record', 'version', { ...col.int(false), defaultValue: 1 });
  await qi.addColumn('medical_record', 'previous_version_id', col.int());
  await qi.addColumn('medical_record', 'amendment_reason', col.string(500));
  await qi.addIndex('medical_record', ['previous_version_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('medical_record', ['previous_version_id']);
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of ['amendment_reason', 'previous_version_id', 'version', 'signed_at', 'diagnosis_code']) {
    await qi.sequelize.query(`ALTER TABLE medical_record DROP COLUMN ${column}`);
  }
}
