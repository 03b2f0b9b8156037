import type { QueryInterface } from 'sequelize';
import { col } from './columns.js';

const TABLE = 'medical_images_medicalimage';
const COLUMNS = ['patient_fk_id', 'accession_number', 'modality', 'series_count', 'instance_count', 'qc_status', 'qc_reasons',
  'qc_resolved_by_id', 'qc_resolved_at', 'qc_resolution_note'] as const;

/**
 * Image records kept in step with the PACS (issue #5, seed §3.2.1, §4.4.2): the chart's id for row
 * scopes, the accession that links a study to its RIS order, what the archive holds (modalities,
 * series and instance counts) and the quality check with the radiographer's resolution. One row
 * per study: the Study Instance UID becomes unique, so an upload and the PACS listener racing on
 * one study cannot both insert it.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // patients_patient.id and auth_user.id as plain columns (as in 0005/0014) so SQLite can drop them again.
  await qi.addColumn(TABLE, 'patient_fk_id', col.int());
  await qi.addColumn(TABLE, 'accession_number', col.string(16));
  await qi.addColumn(TABLE, 'modality', col.string(32));
  await qi.addColumn(TABLE, 'series_count', col.int());
  await qi.addColumn(TABLE, 'instance_count', col.int());
  await qi.addColumn(TABLE, 'qc_status', { ...col.requiredString(16), defaultValue: 'PENDING' });
  await qi.addColumn(TABLE, 'qc_reasons', col.json());
  await qi.addColumn(TABLE, 'qc_resolved_by_id', col.int());
  await qi.addColumn(TABLE, 'qc_resolved_at', col.date());
  await qi.addColumn(TABLE, 'qc_resolution_note', col.string(1000));
  // Rows written before this migration: the chart's id, and the accession of the RIS entry that made them.
  await qi.sequelize.query(`UPDATE ${TABLE} SET patient_fk_id = (SELECT p.id FROM patients_patient p WHERE p.patient_id = ${TABLE}.patient_id)`);
  await qi.sequelize.query(`UPDATE ${TABLE} SET accession_number = (SELECT r.accession_number FROM ris_schedule r WHERE r.medical_image_id = ${TABLE}.id)`);
  await qi.addIndex(TABLE, ['patient_fk_id', 'taken_date'], { name: 'medicalimage_patient_fk_taken' });
  await qi.addIndex(TABLE, ['accession_number'], { name: 'medicalimage_accession' });
  // The radiographer's QC worklist: studies with open findings, newest first.
  await qi.addIndex(TABLE, ['qc_status', 'created_at'], { name: 'medicalimage_qc_status' });
  await qi.removeIndex(TABLE, 'medicalimage_study_uid');
  await qi.addIndex(TABLE, ['study_instance_uid'], { unique: true, name: 'medicalimage_study_uid' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex(TABLE, 'medicalimage_study_uid');
  await qi.addIndex(TABLE, ['study_instance_uid'], { name: 'medicalimage_study_uid' });
  for (const name of ['medicalimage_qc_status', 'medicalimage_accession', 'medicalimage_patient_fk_taken']) await qi.removeIndex(TABLE, name);
  // Native DROP COLUMN; see 0003 for why Sequelize's SQLite removeColumn is avoided.
  for (const column of [...COLUMNS].reverse()) await qi.sequelize.query(`ALTER TABLE ${TABLE} DROP COLUMN ${column}`);
}
