import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ReportStatus } from '../lib/constants-clinical.js';

/** seed §3.2.3 `radiology_report`, with a status so drafts, signed and amended reports are told apart. */
export interface RadiologyReportAttributes {
  id: number;
  image_id: number;
  patient_id: number;
  radiologist_id: number | null;
  report_content: string | null;
  findings: string | null;
  conclusion: string | null;
  recommendations: string | null;
  report_date: Date | null;
  status: ReportStatus;
  created_at: Date;
  updated_at: Date;
}
type Defaults = 'id' | 'radiologist_id' | 'report_content' | 'findings' | 'conclusion' | 'recommendations'
  | 'report_date' | 'status' | 'created_at' | 'updated_at';
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
  }, { tableName: 'radiology_report', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });
}
