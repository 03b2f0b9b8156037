import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ReportStatus } from '../lib/constants-clinical.js';

/**
 * seed §3.2.3 `radiology_report`, with a status so drafts, signed and amended reports are told
 * apart (lib/rules/report-status.ts), and its place in the imaging loop (migration 0014): the OCS
 * order and RIS study it reads, and its release to the patient. Every saved version is also a
 * `radiology_report_revision` row.
 */
export interface RadiologyReportAttributes {
  id: number;
  image_id: number;
  /** patients_patient.id. */
  patient_id: number;
  /** radiology_doctor.id of the radiologist who owns the report (wrote the draft). */
  radiologist_id: number | null;
  report_content: string | null;
  findings: string | null;
  conclusion: string | null;
  recommendations: string | null;
  report_date: Date | null;
  status: ReportStatus;
  created_at: Date;
  updated_at: Date;
  /** ocs_order.id of the imaging order. */
  order_id: number | null;
  /** The RIS schedule entry (the study); at most one report per study. */
  schedule_id: number | null;
  accession_number: string | null;
  /** The procedure's name (흉부 CT (조영)), copied when the report is started. */
  study_description: string | null;
  /** 1 when created; one more for every saved change of content or status. */
  version: number;
  /** The latest signature (preliminary, final or amendment) and auth_user.id of its signer. */
  signed_at: Date | null;
  signed_by_id: number | null;
  /** When a doctor released the final report to the patient's portal, and who (auth_user.id). */
  released_at: Date | null;
  released_by_id: number | null;
  /** The reason of the latest amendment. */
  amendment_reason: string | null;
}
type Defaults = 'id' | 'radiologist_id' | 'report_content' | 'findings' | 'conclusion' | 'recommendations'
  | 'report_date' | 'status' | 'created_at' | 'updated_at' | 'order_id' | 'schedule_id' | 'accession_number' | 'study_description'
  | 'version' | 'signed_at' | 'signed_by_id' | 'released_at' | 'released_by_id' | 'amendment_reason';
export interface RadiologyReport extends Model<RadiologyReportAttributes, Optional<RadiologyReportAttributes, Defaults>>, RadiologyReportAttributes {}

export function defineRadiologyReport(sequelize: Sequelize): ModelStatic<RadiologyReport> {
  return sequelize.define<RadiologyReport>('radiology_report', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    image_id: { type: DataTypes.INTEGER, allowNull: false },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    radiologist_id: DataTypes.INTEGER,
    report_content: DataTypes.TEXT,
    findings: DataTypes.TEXT,
    conclusion: DataTypes.TEXT,
    recommendations: DataTypes.TEXT,
    report_date: DataTypes.DATE(3),
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'DRAFT' },
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
    order_id: DataTypes.INTEGER,
    schedule_id: DataTypes.INTEGER,
    accession_number: DataTypes.STRING(32),
    study_description: DataTypes.STRING(200),
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    signed_at: DataTypes.DATE(3),
    signed_by_id: DataTypes.INTEGER,
    released_at: DataTypes.DATE(3),
    released_by_id: DataTypes.INTEGER,
    amendment_reason: DataTypes.STRING(500),
  }, { tableName: 'radiology_report', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
