import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** What became of a dose: given, held by the nurse (e.g. NPO, low blood pressure) or refused by the patient. */
export const ADMINISTRATION_STATUSES = ['GIVEN', 'HELD', 'REFUSED'] as const;
export type AdministrationStatus = (typeof ADMINISTRATION_STATUSES)[number];

/**
 * One charted dose of a prescription line (migration 0006). The line is addressed by its index in
 * `prescription.medications`; `scheduled_time` is the due dose it answers (null for PRN) and
 * `administered_at` when it was given, held or refused — both UTC instants.
 */
export interface MedicationAdministrationAttributes {
  id: number;
  prescription_id: number;
  medication_index: number;
  patient_id: number;
  scheduled_time: Date | null;
  status: AdministrationStatus;
  administered_at: Date;
  nurse_id: number;
  reason: string | null;
  notes: string | null;
  created_at: Date;
}
type Defaults = 'id' | 'scheduled_time' | 'reason' | 'notes' | 'created_at';
export interface MedicationAdministration
  extends Model<MedicationAdministrationAttributes, Optional<MedicationAdministrationAttributes, Defaults>>, MedicationAdministrationAttributes {}

export function defineMedicationAdministration(sequelize: Sequelize): ModelStatic<MedicationAdministration> {
  return sequelize.define<MedicationAdministration>('medication_administration', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    prescription_id: { type: DataTypes.INTEGER, allowNull: false },
    medication_index: { type: DataTypes.INTEGER, allowNull: false },
    patient_id: { type: DataTypes.INTEGER, allowNull: false },
    scheduled_time: DataTypes.DATE(3),
    status: { type: DataTypes.STRING(16), allowNull: false },
    administered_at: { type: DataTypes.DATE(3), allowNull: false },
    nurse_id: { type: DataTypes.INTEGER, allowNull: false },
    reason: DataTypes.STRING(500),
    notes: DataTypes.TEXT,
    created_at: DataTypes.DATE(3),
  }, { tableName: 'medication_administration', timestamps: true, createdAt: 'created_at', updatedAt: false });
}
