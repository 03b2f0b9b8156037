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
  if (role === 'radiology_technician') return 'imaging-basic';
  return 'full';
}

/** patients_patient columns per column scope; `full` means every column. */
export const PATIENT_COLUMNS: Record<Exclude<ColumnScope, 'full'>, string[]> = {
  demographics: ['id', 'patient_id', 'name', 'birth_date', 'gender', 'age', 'phone', 'address', 'emergency_contact', 'created_at', 'updated_at'],
  'imaging-basic': ['id', 'patient_id', 'name', 'birth_date', 'gender', 'age', 'blood_type', 'allergies'],
};
