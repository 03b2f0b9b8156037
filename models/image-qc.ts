import { DataTypes } from 'sequelize';

/**
 * Image quality check (seed §4.4.2 이미지 품질 검사) and the PACS facts of a study, kept as columns of
 * `medical_images_medicalimage` (one row per study): what the archive holds, the automatic check
 * run at upload and ingest, and the radiographer's resolution of its findings. The columns are
 * declared here and spread into models/medical-image.ts; migration 0016-image-qc adds them.
 */

/** PENDING: no images checked yet (an ordered study before its images arrive, or a row from before QC). */
export const QC_STATUSES = {
  PENDING: '검사대기',
  PASSED: '정상',
  WARNING: '주의',
  FAILED: '불량',
  RESOLVED: '확인완료',
} as const;
export type QcStatus = keyof typeof QC_STATUSES;
export const QC_STATUS_CODES = Object.keys(QC_STATUSES) as QcStatus[];

/** One QC finding as stored: lib/dicom/qc.ts's reason, with how many checked instances showed it. */
export interface QcFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  count: number;
}

export interface ImageQcAttributes {
  /** patients_patient.id of `patient_id` (the chart number); row scopes filter on it. Null when no chart has that number. */
  patient_fk_id: number | null;
  /** DICOM AccessionNumber (0008,0050): the RIS order's accession when the study was ordered. */
  accession_number: string | null;
  /** The study's modalities as DICOM codes, comma-separated (`CT`, `MR,SR`). */
  modality: string | null;
  series_count: number | null;
  instance_count: number | null;
  qc_status: QcStatus;
  qc_reasons: QcFinding[] | null;
  qc_resolved_by_id: number | null;
  qc_resolved_at: Date | null;
  qc_resolution_note: string | null;
}

export type ImageQcDefaults = keyof ImageQcAttributes;

/** The columns, for models/medical-image.ts. */
export const IMAGE_QC_COLUMNS = {
  patient_fk_id: DataTypes.INTEGER,
  accession_number: DataTypes.STRING(16),
  modality: DataTypes.STRING(32),
  series_count: DataTypes.INTEGER,
  instance_count: DataTypes.INTEGER,
  qc_status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'PENDING' },
  qc_reasons: DataTypes.JSON,
  qc_resolved_by_id: DataTypes.INTEGER,
  qc_resolved_at: DataTypes.DATE(3),
  qc_resolution_note: DataTypes.STRING(1000),
};
