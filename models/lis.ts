import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { SpecimenType } from '../lib/rules/lab-analytes.js';
import type { LabFlag } from '../lib/rules/lab-flags.js';

/** A tube drawn for a lab order: labelled at the bedside, received by the laboratory. */
export const SPECIMEN_STATUSES = { COLLECTED: '채취완료', RECEIVED: '접수완료' } as const;
export type SpecimenStatus = keyof typeof SPECIMEN_STATUSES;

/**
 * A result is entered PRELIMINARY (the analyser's value, already flagged and, when critical,
 * already phoned through as a notification), VERIFIED by the laboratory, and CORRECTED when a
 * verified value is later changed. Doctors see preliminary values; patients only verified ones.
 */
export const RESULT_STATUSES = { PRELIMINARY: '예비', VERIFIED: '확정', CORRECTED: '수정확정' } as const;
export type ResultStatus = keyof typeof RESULT_STATUSES;
/** Statuses shown as final results (EMR, portal, trends). */
export const FINAL_RESULT_STATUSES: ResultStatus[] = ['VERIFIED', 'CORRECTED'];

export interface LabSpecimenAttributes {
  id: number;
  order_id: number;
  patient_id: number;
  /** The label's barcode (검체번호): `L` + the order id + the tube's number within the order. */
  barcode: string;
  specimen_type: SpecimenType;
  status: SpecimenStatus;
  collected_at: Date;
  collected_by_id: number;
  received_at: Date | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}
type SpecimenDefaults = 'id' | 'status' | 'received_at' | 'notes' | 'created_at' | 'updated_at';
export interface LabSpecimen extends Model<LabSpecimenAttributes, Optional<LabSpecimenAttributes, SpecimenDefaults>>, LabSpecimenAttributes {}

/** An earlier value of a corrected result, kept on the row so the report shows what changed. */
export interface ResultCorrection {
  value_text: string;
  flag: LabFlag | null;
  corrected_at: string;
  corrected_by_id: number;
  reason: string;
}

export interface LabResultAttributes {
  id: number;
  order_id: number;
  specimen_id: number;
  patient_id: number;
  /** Copied from the order, so criticals find their doctor without reading OCS. */
  ordering_doctor_id: number;
  /** The ordered test this analyte was reported under (the first, if two ordered tests share it). */
  test_code: string;
  analyte_code: string;
  loinc: string;
  /** The catalogue's Korean name, copied in so old reports read the same if the catalogue changes. */
  analyte_name: string;
  value_numeric: number;
  /** As reported, including a comparator (`<0.5`). */
  value_text: string;
  unit: string;
  reference_low: number | null;
  reference_high: number | null;
  reference_text: string | null;
  flag: LabFlag | null;
  critical: boolean;
  status: ResultStatus;
  /** The submission's key; a repeated submission answers the stored rows. */
  idempotency_key: string;
  entered_by_id: number;
  resulted_at: Date;
  verified_at: Date | null;
  verified_by_id: number | null;
  /** When the ordering doctor was notified of the critical value (null until that succeeded). */
  critical_notified_at: Date | null;
  critical_acknowledged_at: Date | null;
  critical_acknowledged_by_id: number | null;
  critical_ack_note: string | null;
  corrections: ResultCorrection[] | null;
  created_at: Date;
  updated_at: Date;
}
type ResultDefaults = 'id' | 'reference_low' | 'reference_high' | 'reference_text' | 'flag' | 'critical' | 'status' | 'verified_at'
  | 'verified_by_id' | 'critical_notified_at' | 'critical_acknowledged_at' | 'critical_acknowledged_by_id' | 'critical_ack_note'
  | 'corrections' | 'created_at' | 'updated_at';
export interface LabResult extends Model<LabResultAttributes, Optional<LabResultAttributes, ResultDefaults>>, LabResultAttributes {}

/** LIS tables (migration 0012): specimens and per-analyte results of lab orders. */
export function defineLisModels(sequelize: Sequelize) {
  const LabSpecimen: ModelStatic<LabSpecimen> = sequelize.define<LabSpecimen>('lab_specimen', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    barcode: { type: DataTypes.STRING(20), allowNull: false },
    specimen_type: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'COLLECTED' },
    collected_at: { type: DataTypes.DATE(3), allowNull: false },
    collected_by_id: { type: DataTypes.INTEGER, allowNull: false },
    received_at: DataTypes.DATE(3),
    notes: DataTypes.STRING(500),
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'lab_specimen', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });

  const LabResult: ModelStatic<LabResult> = sequelize.define<LabResult>('lab_result', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    order_id: { type: DataTypes.INTEGER, allowNull: false },
    specimen_id: { type: DataTypes.INTEGER, allowNull: false },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    ordering_doctor_id: { type: DataTypes.INTEGER, allowNull: false },
    test_code: { type: DataTypes.STRING(16), allowNull: false },
    analyte_code: { type: DataTypes.STRING(16), allowNull: false },
    loinc: { type: DataTypes.STRING(16), allowNull: false },
    analyte_name: { type: DataTypes.STRING(100), allowNull: false },
    value_numeric: { type: DataTypes.DOUBLE, allowNull: false },
    value_text: { type: DataTypes.STRING(32), allowNull: false },
    unit: { type: DataTypes.STRING(16), allowNull: false },
    reference_low: DataTypes.DOUBLE,
    reference_high: DataTypes.DOUBLE,
    reference_text: DataTypes.STRING(40),
    flag: DataTypes.STRING(2),
    critical: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'PRELIMINARY' },
    idempotency_key: { type: DataTypes.STRING(100), allowNull: false },
    entered_by_id: { type: DataTypes.INTEGER, allowNull: false },
    resulted_at: { type: DataTypes.DATE(3), allowNull: false },
    verified_at: DataTypes.DATE(3),
    verified_by_id: DataTypes.INTEGER,
    critical_notified_at: DataTypes.DATE(3),
    critical_acknowledged_at: DataTypes.DATE(3),
    critical_acknowledged_by_id: DataTypes.INTEGER,
    critical_ack_note: DataTypes.STRING(500),
    corrections: DataTypes.JSON,
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
  }, { tableName: 'lab_result', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' });

  return { LabSpecimen, LabResult };
}
