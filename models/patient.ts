import { DataTypes, type Model, type ModelStatic, type Optional, type SaveOptions, type Sequelize } from 'sequelize';
import type { Gender } from '../lib/constants.js';
import { toChosung } from '../lib/korean/chosung.js';
import { patientSearchKeys } from '../lib/korean/search-keys.js';

/** A structured allergy (substance, reaction, severity). */
export interface Allergy {
  substance: string;
  reaction?: string;
  severity?: 'mild' | 'moderate' | 'severe';
}

/** seed §3.0 `patients_patient` / §3.1.7: the chart; soft-deleted through `deleted_at`. */
export interface PatientAttributes {
  id: number;
  patient_id: string;
  user_account_id: number | null;
  name: string;
  birth_date: string;
  gender: Gender;
  age: number | null;
  phone: string | null;
  blood_type: string | null;
  address: string | null;
  emergency_contact: string | null;
  medical_history: string | null;
  allergies: Allergy[] | null;
  /** 초성 of the name, kept by a model hook for initial-consonant search. */
  name_chosung: string | null;
  /** AES-256-GCM sealed resident registration number; never returned by the API. */
  resident_number_enc: string | null;
  /** Keyed blind index of the RRN for duplicate detection; never returned by the API. */
  resident_number_hash: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}
type Defaults = 'id' | 'user_account_id' | 'age' | 'phone' | 'blood_type' | 'address' | 'emergency_contact'
  | 'medical_history' | 'allergies' | 'name_chosung' | 'resident_number_enc' | 'resident_number_hash' | 'created_at' | 'updated_at' | 'deleted_at';
export interface Patient extends Model<PatientAttributes, Optional<PatientAttributes, Defaults>>, PatientAttributes {}

export function definePatient(sequelize: Sequelize): ModelStatic<Patient> {
  return sequelize.define<Patient>('patients_patient', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    patient_id: { type: DataTypes.STRING(20), allowNull: false, unique: true },
    user_account_id: DataTypes.INTEGER,
    name: { type: DataTypes.STRING(100), allowNull: false },
    birth_date: { type: DataTypes.DATEONLY, allowNull: false },
    gender: { type: DataTypes.STRING(1), allowNull: false },
    age: DataTypes.INTEGER,
    phone: DataTypes.STRING(32),
    blood_type: DataTypes.STRING(3),
    address: DataTypes.STRING(300),
    emergency_contact: DataTypes.STRING(200),
    medical_history: DataTypes.TEXT,
    allergies: DataTypes.JSON,
    name_chosung: DataTypes.STRING(100),
    resident_number_enc: DataTypes.STRING(255),
    resident_number_hash: DataTypes.STRING(64),
    created_at: DataTypes.DATE(3),
    updated_at: DataTypes.DATE(3),
    deleted_at: DataTypes.DATE(3),
  }, {
    tableName: 'patients_patient', timestamps: true, paranoid: true, createdAt: 'created_at', updatedAt: 'updated_at', deletedAt: 'deleted_at',
    // Every write path (API, demo data, imports) keeps the 초성 column and the search keys
    // (patient_search_key, migration 0009) in step with the name and chart number.
    hooks: {
      beforeSave: (patient: Patient) => { patient.name_chosung = toChosung(patient.name); },
      afterSave: async (patient: Patient, options: SaveOptions) => {
        if (!patient.isNewRecord && !patient.changed('name') && !patient.changed('patient_id')) return;
        const qi = sequelize.getQueryInterface();
        const { transaction } = options;
        if (!patient.isNewRecord) await qi.bulkDelete('patient_search_key', { patient_id: patient.id }, { transaction });
        await qi.bulkInsert('patient_search_key', patientSearchKeys(patient.name, patient.patient_id)
          .map((key) => ({ patient_id: patient.id, ...key })), { transaction });
      },
    },
  });
}
