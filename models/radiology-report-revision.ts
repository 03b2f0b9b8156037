import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { ReportStatus } from '../lib/constants-clinical.js';
import type { RevisionKind } from '../lib/rules/report-status.js';

/**
 * One saved version of a radiology report (migration 0014): written with every creation, save,
 * signature, amendment and release, never changed afterwards — the report's full history of
 * who wrote what, when and why.
 */
export interface RadiologyReportRevisionAttributes {
  id: number;
  report_id: number;
  /** The report's version after this change (a release keeps the version it released). */
  version: number;
  kind: RevisionKind;
  /** The report's status after this change. */
  status: ReportStatus;
  findings: string | null;
  conclusion: string | null;
  recommendations: string | null;
  report_content: string | null;
  /** auth_user.id of whoever saved, signed, amended or released. */
  author_id: number | null;
  /** Why: required for amendments. */
  reason: string | null;
  created_at: Date;
}
type Defaults = 'id' | 'findings' | 'conclusion' | 'recommendations' | 'report_content' | 'author_id' | 'reason' | 'created_at';
export interface RadiologyReportRevision
  extends Model<RadiologyReportRevisionAttributes, Optional<RadiologyReportRevisionAttributes, Defaults>>, RadiologyReportRevisionAttributes {}

export function defineRadiologyReportRevision(sequelize: Sequelize): ModelStatic<RadiologyReportRevision> {
  return sequelize.define<RadiologyReportRevision>('radiology_report_revision', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    report_id: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    findings: DataTypes.TEXT,
    conclusion: DataTypes.TEXT,
    recommendations: DataTypes.TEXT,
    report_content: DataTypes.TEXT,
    author_id: DataTypes.INTEGER,
    reason: DataTypes.STRING(500),
    created_at: DataTypes.DATE(3),
  }, { tableName: 'radiology_report_revision', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
