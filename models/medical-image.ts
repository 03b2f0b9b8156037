import { DataTypes, QueryTypes, type Model, type ModelStatic, type Optional, type Sequelize, type Transaction } from 'sequelize';
import type { Department } from '../lib/constants.js';
import type { ImageSource, ImageStatus, ImageType } from '../lib/constants-clinical.js';
import { IMAGE_QC_COLUMNS, type ImageQcAttributes, type ImageQcDefaults } from './image-qc.js';

/**
 * seed §3.2.1 `medical_images_medicalimage`: one row per imaging study. `patient_id` is the chart
 * number (the existing CharField), not a foreign key; `patient_fk_id` (models/image-qc.ts) is
 * patients_patient.id of that chart, filled in on create, so row scopes apply as elsewhere.
 * `study_instance_uid` (unique) and `orthanc_id` link the row to the PACS.
 */
export interface MedicalImageAttributes extends ImageQcAttributes {
  id: number;
  patient_id: string;
  image_type: ImageType;
  image_file: string | null;
  description: string | null;
  taken_date: Date | null;
  doctor_notes: string | null;
  created_at: Date;
  taken_by_id: number | null;
  uploaded_by_id: number | null;
  requested_by_id: number | null;
  department: Department | null;
  body_part: string | null;
  image_source: ImageSource | null;
  radiology_notes: string | null;
  status: ImageStatus;
  updated_at: Date;
  study_instance_uid: string | null;
  orthanc_id: string | null;
}
type Defaults = 'id' | 'image_file' | 'description' | 'taken_date' | 'doctor_notes' | 'created_at' | 'taken_by_id'
  | 'uploaded_by_id' | 'requested_by_id' | 'department' | 'body_part' | 'image_source' | 'radiology_notes' | 'status'
  | 'updated_at' | 'study_instance_uid' | 'orthanc_id' | ImageQcDefaults;
export interface MedicalImage extends Model<MedicalImageAttributes, Optional<MedicalImageAttributes, Defaults>>, MedicalImageAttributes {}

/**
 * Every writer (RIS at 촬영완료, uploads, PACS ingest, demo data) names the chart number; the chart's
 * id is looked up here, inside the writer's transaction, so no writer can leave a row unscoped.
 */
async function fillPatientFk(sequelize: Sequelize, images: MedicalImage[], transaction: Transaction | null | undefined) {
  for (const image of images) {
    if (image.patient_fk_id != null || !image.patient_id) continue;
    const [chart] = await sequelize.query<{ id: number }>('SELECT id FROM patients_patient WHERE patient_id = ?', {
      replacements: [image.patient_id], type: QueryTypes.SELECT, transaction: transaction ?? undefined,
    });
    image.patient_fk_id = chart?.id ?? null;
  }
}

export function defineMedicalImage(sequelize: Sequelize): ModelStatic<MedicalImage> {
  return sequelize.define<MedicalImage>('medical_images_medicalimage', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_id: { type: DataTypes.STRING(20), allowNull: false },
    image_type: { type: DataTypes.STRING(16), allowNull: false },
    image_file: DataTypes.STRING(500),
    description: DataTypes.TEXT,
    taken_date: DataTypes.DATE(3),
    doctor_notes: DataTypes.TEXT,
    created_at: DataTypes.DATE(3),
    taken_by_id: DataTypes.INTEGER,
    uploaded_by_id: DataTypes.INTEGER,
    requested_by_id: DataTypes.INTEGER,
    department: DataTypes.STRING(32),
    body_part: DataTypes.STRING(64),
    image_source: DataTypes.STRING(16),
    radiology_notes: DataTypes.TEXT,
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'TAKEN' },
    updated_at: DataTypes.DATE(3),
    study_instance_uid: { type: DataTypes.STRING(128), unique: true },
    orthanc_id: DataTypes.STRING(64),
    ...IMAGE_QC_COLUMNS,
  }, {
    tableName: 'medical_images_medicalimage', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at',
    hooks: {
      beforeCreate: (image, options) => fillPatientFk(sequelize, [image], options.transaction),
      beforeBulkCreate: (images, options) => fillPatientFk(sequelize, images, options.transaction),
    },
  });
}
