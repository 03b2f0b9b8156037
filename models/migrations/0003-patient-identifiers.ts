import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

/**
 * Patient registration (issue #3): the initial consonants of the name for 초성 search, and the
 * resident registration number stored encrypted with a keyed blind index for duplicate checks.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('patients_patient', 'name_chosung', col.string(100));
  await qi.addColumn('patients_patient', 'resident_number_enc', col.string(255));
  await qi.addColumn('patients_patient', 'resident_number_hash', col.string(64));
  await qi.addIndex('patients_patient', ['name_chosung']);
  await qi.addIndex('patients_patient', ['resident_number_hash'], { unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('patients_patient', ['resident_number_hash']);
  await qi.removeIndex('patients_patient', ['name_chosung']);
  // Native DROP COLUMN (SQLite ≥ 3.35, MySQL): Sequelize's SQLite removeColumn rebuilds the table,
  // which the foreign keys of every child table refuse.
  for (const column of ['resident_number_hash', 'resident_number_enc', 'name_chosung']) {
    await qi.sequelize.query(`ALTER TABLE patients_patient DROP COLUMN ${column}`);
  }
}
