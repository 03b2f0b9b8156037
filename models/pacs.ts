import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/**
 * Where an instance came from: the upload screen, a STOW-RS client, a modality (C-STORE to
 * Orthanc), or the AI pipelines writing their DICOM SEG and SR back (services/ai/analysis-*.ts).
 */
export const PACS_SOURCES = ['UPLOAD', 'STOW', 'MODALITY', 'AI'] as const;
export type PacsSource = (typeof PACS_SOURCES)[number];

/**
 * One DICOM instance in the built-in archive (`CDSS_PACS=builtin`): the file's place under
 * `<data dir>/dicom/` and the attributes QIDO-RS matches and answers. Study and series attributes
 * repeat on each of their instances, so a study query is one GROUP BY over this table.
 */
export interface DicomInstanceAttributes {
  id: number;
  sop_instance_uid: string;
  sop_class_uid: string;
  study_instance_uid: string;
  series_instance_uid: string;
  transfer_syntax_uid: string;
  /** DICOM PatientID: our chart number (patients_patient.patient_id) for images of our patients. */
  patient_id: string;
  patient_name: string | null;
  patient_birth_date: string | null;
  patient_sex: string | null;
  accession_number: string | null;
  /** DICOM DA (YYYYMMDD), so that string comparison is date comparison. */
  study_date: string | null;
  study_time: string | null;
  study_description: string | null;
  study_id: string | null;
  referring_physician_name: string | null;
  modality: string;
  series_number: number | null;
  series_description: string | null;
  body_part_examined: string | null;
  instance_number: number | null;
  rows: number | null;
  columns: number | null;
  number_of_frames: number;
  bits_allocated: number | null;
  file_path: string;
  file_size: number;
  source: PacsSource;
  received_at: Date;
}
type InstanceDefaults = 'id' | 'patient_name' | 'patient_birth_date' | 'patient_sex' | 'accession_number' | 'study_date' | 'study_time'
  | 'study_description' | 'study_id' | 'referring_physician_name' | 'series_number' | 'series_description' | 'body_part_examined'
  | 'instance_number' | 'rows' | 'columns' | 'number_of_frames' | 'bits_allocated';
export interface DicomInstance extends Model<DicomInstanceAttributes, Optional<DicomInstanceAttributes, InstanceDefaults>>, DicomInstanceAttributes {}

/** A follower's place in a stream, and which node holds it (see services/pacs/cursor.ts). */
export interface PacsCursorAttributes {
  name: string;
  position: number;
  owner: string | null;
  lease_until: Date | null;
  updated_at: Date;
}
export interface PacsCursor extends Model<PacsCursorAttributes, Optional<PacsCursorAttributes, 'position' | 'owner' | 'lease_until' | 'updated_at'>>, PacsCursorAttributes {}

export function definePacsModels(sequelize: Sequelize) {
  const DicomInstance: ModelStatic<DicomInstance> = sequelize.define<DicomInstance>('dicom_instance', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    sop_instance_uid: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    sop_class_uid: { type: DataTypes.STRING(64), allowNull: false },
    study_instance_uid: { type: DataTypes.STRING(64), allowNull: false },
    series_instance_uid: { type: DataTypes.STRING(64), allowNull: false },
    transfer_syntax_uid: { type: DataTypes.STRING(64), allowNull: false },
    patient_id: { type: DataTypes.STRING(64), allowNull: false },
    patient_name: DataTypes.STRING(200),
    patient_birth_date: DataTypes.STRING(8),
    patient_sex: DataTypes.STRING(16),
    accession_number: DataTypes.STRING(64),
    study_date: DataTypes.STRING(8),
    study_time: DataTypes.STRING(16),
    study_description: DataTypes.STRING(200),
    study_id: DataTypes.STRING(16),
    referring_physician_name: DataTypes.STRING(200),
    modality: { type: DataTypes.STRING(16), allowNull: false },
    series_number: DataTypes.INTEGER,
    series_description: DataTypes.STRING(200),
    body_part_examined: DataTypes.STRING(64),
    instance_number: DataTypes.INTEGER,
    rows: DataTypes.INTEGER,
    columns: DataTypes.INTEGER,
    number_of_frames: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    bits_allocated: DataTypes.INTEGER,
    file_path: { type: DataTypes.STRING(255), allowNull: false },
    file_size: { type: DataTypes.INTEGER, allowNull: false },
    source: { type: DataTypes.STRING(16), allowNull: false },
    received_at: { type: DataTypes.DATE(3), allowNull: false },
  }, { tableName: 'dicom_instance', timestamps: false });

  const PacsCursor: ModelStatic<PacsCursor> = sequelize.define<PacsCursor>('pacs_cursor', {
    name: { type: DataTypes.STRING(40), primaryKey: true },
    // BIGINT comes back as a string from mysql2; the getter keeps it a number everywhere.
    position: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0, get(this: PacsCursor) { return Number(this.getDataValue('position')); } },
    owner: DataTypes.STRING(100),
    lease_until: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'pacs_cursor', timestamps: true, createdAt: false, updatedAt: 'updated_at' });

  return { DicomInstance, PacsCursor };
}
