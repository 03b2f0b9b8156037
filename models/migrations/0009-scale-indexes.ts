import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';
import { col } from './columns.js';
import { SEARCH_KEY_LENGTH, patientSearchKeys } from '../../lib/korean/search-keys.js';

const KEY_INDEX = ['kind', 'search_key'];
const CARE_TEAM_SCOPE_INDEX = ['patient_id', 'active', 'user_id', 'department'];
const BATCH = 2000;

/**
 * Patient search at scale (issue #3 benchmark, bench/clinical-scale.ts): `name LIKE '%민수%'` and
 * `name_chosung LIKE '%ㄱㅁㅅ%'` read every chart (p95 of seconds at 100,000 patients).
 * `patient_search_key` holds the suffixes of each name and of its 초성, and the chart number
 * (lib/korean/search-keys.ts); a "contains" search is then a prefix range on (kind, search_key).
 * The Patient model keeps the keys in step on every save; existing patients are filled here.
 *
 * The doctor and nurse row scope probes each candidate's care team (`EXISTS … c.patient_id = ?
 * AND c.active = 1 AND (c.user_id = ? OR c.department = ?)`, mixins/db.mixin.ts); an index that
 * holds all four columns answers the probe without reading the rows. It starts with patient_id,
 * so it also serves the foreign key and replaces the (patient_id) index of 0001.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const sqlite = qi.sequelize.getDialect() === 'sqlite';
  await qi.createTable('patient_search_key', {
    patient_id: { ...col.fk('patients_patient', false, 'CASCADE'), primaryKey: true },
    kind: { type: DataTypes.STRING(1), allowNull: false, primaryKey: true },
    // SQLite uses an index for LIKE 'x%' only on a NOCASE column, its LIKE ignoring ASCII case;
    // MariaDB's default collations are case-insensitive already.
    search_key: { type: sqlite ? `VARCHAR(${SEARCH_KEY_LENGTH}) COLLATE NOCASE` : DataTypes.STRING(SEARCH_KEY_LENGTH), allowNull: false, primaryKey: true },
  });
  await qi.addIndex('patient_search_key', KEY_INDEX);
  await qi.addIndex('care_team_member', CARE_TEAM_SCOPE_INDEX);
  await qi.removeIndex('care_team_member', ['patient_id']);

  // Deleted charts too: a restored chart is found again.
  for (let after = 0; ;) {
    const patients = await qi.sequelize.query<{ id: number; patient_id: string; name: string }>(
      'SELECT id, patient_id, name FROM patients_patient WHERE id > ? ORDER BY id LIMIT ?', { replacements: [after, BATCH], type: QueryTypes.SELECT });
    if (patients.length === 0) break;
    await qi.bulkInsert('patient_search_key', patients.flatMap((p) =>
      patientSearchKeys(p.name, p.patient_id).map((key) => ({ patient_id: p.id, ...key }))));
    after = patients[patients.length - 1].id;
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('care_team_member', ['patient_id']);
  await qi.removeIndex('care_team_member', CARE_TEAM_SCOPE_INDEX);
  await qi.dropTable('patient_search_key');
}
