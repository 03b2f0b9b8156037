import type { Role } from '../constants.js';

/**
 * Which patients a role may see (row scope) and which patient fields (column scope). Seed §2 and
 * §8.3: doctors and nurses see their care team's and department's patients, front desk sees
 * demographics of everyone but no clinical content, radiographers see basic info of patients with
 * imaging work, radiologists see all imaging patients, a patient sees only themself.
 */
export type RowScope =
  | { kind: 'all' }
  | { kind: 'care-team'; userId: number; department: string | null }
  | { kind: 'imaging' }
  | { kind: 'self'; patientId: number | null }
  | { kind: 'none' };

export type ColumnScope = 'full' | 'demographics' | 'imaging-basic';

export interface ScopeSubject {
  role: Role;
  userId: number;
  department: string | null;
  patientId: number | null;
}

export function patientRowScope(subject: ScopeSubject): RowScope {
  switch (subject.role) {
    case 'doctor':
    case 'nurse':
      return { kind: 'care-team', userId: subject.userId, department: subject.department };
    case 'front_desk':
    case 'radiologist':
    // The pharmacy and lab systems work every ward's orders; what they see of a patient is narrow.
    case 'pharmacy_system':
    case 'lab_system':
      return { kind: 'all' };
    case 'radiology_technician':
      return { kind: 'imaging' };
    case 'patient':
      return { kind: 'self', patientId: subject.patientId };
    default:
      return { kind: 'none' };
  }
}

export function patientColumnScope(role: Role): ColumnScope {
  if (role === 'front_desk') return 'demographics';
  if (role === 'radiology_technician' || role === 'pharmacy_system' || role === 'lab_system') return 'imaging-basic';
  return 'full';
}

/**
 * The fields of a patient answer per column scope. `resident_number_masked` is derived from the
 * sealed resident registration number; the sealed value, its blind index and the 초성 helper
 * column are never answered.
 */
export const PATIENT_COLUMNS: Record<ColumnScope, string[]> = {
  full: ['id', 'patient_id', 'user_account_id', 'name', 'birth_date', 'gender', 'age', 'phone', 'blood_type', 'address',
    'emergency_contact', 'medical_history', 'allergies', 'resident_number_masked', 'created_at', 'updated_at', 'deleted_at'],
  demographics: ['id', 'patient_id', 'name', 'birth_date', 'gender', 'age', 'phone', 'address', 'emergency_contact',
    'resident_number_masked', 'created_at', 'updated_at'],
  'imaging-basic': ['id', 'patient_id', 'name', 'birth_date', 'gender', 'age', 'blood_type', 'allergies'],
};

/** Answer fields computed from a stored column rather than stored themselves. */
export const DERIVED_PATIENT_FIELDS: Record<string, string> = { resident_number_masked: 'resident_number_enc' };

/** Fields of a patient each role may change (seed §2: front desk edits demographics, nurses record allergies). */
const DEMOGRAPHIC_FIELDS = ['name', 'birthDate', 'gender', 'phone', 'address', 'emergencyContact', 'residentNumber'];
const CLINICAL_FIELDS = ['bloodType', 'medicalHistory', 'allergies'];
export const PATIENT_WRITABLE: Partial<Record<Role, string[]>> = {
  front_desk: DEMOGRAPHIC_FIELDS,
  doctor: [...DEMOGRAPHIC_FIELDS, ...CLINICAL_FIELDS],
  // Nurses record allergies and history at intake and keep the guardian's contact current.
  nurse: [...CLINICAL_FIELDS, 'emergencyContact'],
};

/**
 * medical_record columns per role: doctors read whole records; nurses and radiologists the
 * clinical summary without the doctor's notes (seed §2.2: no record contents beyond what nursing
 * needs). Other roles hold no `records.read`.
 */
const RECORD_SUMMARY = ['id', 'patient_fk_id', 'doctor_fk_id', 'name', 'department', 'status', 'visit_date', 'diagnosis',
  'diagnosis_code', 'symptoms', 'treatment', 'prescription', 'is_treatment_completed', 'signed_at', 'version',
  'previous_version_id', 'amendment_reason', 'created_at', 'updated_at'];
export function recordColumns(role: Role): string[] | undefined {
  return role === 'doctor' ? undefined : RECORD_SUMMARY;
}
