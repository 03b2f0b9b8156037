import { DataTypes, type QueryInterface } from 'sequelize';
import { col } from './columns.js';

/**
 * The PACS layer's own tables (issue #5): the built-in archive's index, one row per stored DICOM
 * instance with the attributes QIDO-RS matches and answers, and the cursors of the Orthanc change
 * follower and of the built-in archive's stable-study timers.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('dicom_instance', {
    id: col.id(),
    sop_instance_uid: col.requiredString(64),
    sop_class_uid: col.requiredString(64),
    study_instance_uid: col.requiredString(64),
    series_instance_uid: col.requiredString(64),
    transfer_syntax_uid: col.requiredString(64),
    // Study-level attributes, repeated on every instance of the study (QIDO answers them per study).
    patient_id: col.requiredString(64),
    patient_name: col.string(200),
    patient_birth_date: col.string(8),
    patient_sex: col.string(16),
    accession_number: col.string(64),
    study_date: col.string(8),
    study_time: col.string(16),
    study_description: col.string(200),
    study_id: col.string(16),
    referring_physician_name: col.string(200),
    // Series level.
    modality: col.requiredString(16),
    series_number: col.int(),
    series_description: col.string(200),
    body_part_examined: col.string(64),
    // Instance level.
    instance_number: col.int(),
    rows: col.int(),
    columns: col.int(),
    number_of_frames: { ...col.int(false), defaultValue: 1 },
    bits_allocated: col.int(),
    /** Relative to `<data dir>/dicom`: `<study>/<series>/<sop>.dcm`. */
    file_path: col.requiredString(255),
    file_size: col.int(false),
    source: col.requiredString(16),
    received_at: col.date(false),
  });
  await qi.addIndex('dicom_instance', ['sop_instance_uid'], { unique: true, name: 'dicom_instance_sop' });
  await qi.addIndex('dicom_instance', ['study_instance_uid', 'series_instance_uid'], { name: 'dicom_instance_study_series' });
  await qi.addIndex('dicom_instance', ['series_instance_uid'], { name: 'dicom_instance_series' });
  // QIDO keys: a patient's studies by date, accession lookups, date ranges, modality filters.
  await qi.addIndex('dicom_instance', ['patient_id', 'study_date'], { name: 'dicom_instance_patient_date' });
  await qi.addIndex('dicom_instance', ['accession_number'], { name: 'dicom_instance_accession' });
  await qi.addIndex('dicom_instance', ['study_date', 'study_instance_uid'], { name: 'dicom_instance_date' });
  await qi.addIndex('dicom_instance', ['modality', 'study_instance_uid'], { name: 'dicom_instance_modality' });
  // Stable-study recovery after a restart: the studies that received instances lately.
  await qi.addIndex('dicom_instance', ['received_at'], { name: 'dicom_instance_received' });

  await qi.createTable('pacs_cursor', {
    name: { type: DataTypes.STRING(40), primaryKey: true, allowNull: false },
    /** Orthanc: the last `/changes` sequence handled. Built-in: the last stable study's arrival time (ms). */
    position: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    /** Which node follows now; another node takes over once `lease_until` has passed. */
    owner: col.string(100),
    lease_until: col.date(),
    updated_at: col.updatedAt(),
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('pacs_cursor');
  await qi.dropTable('dicom_instance');
}
