import { DEPARTMENTS, GENDERS } from '../constants.js';

/** The patient as printed on a document: never the full resident number, only its masked form. */
export interface DocumentPatient {
  name: string;
  /** The chart number (등록번호), e.g. `P202600001`. */
  patientNumber: string;
  birthDate: string;
  gender?: string | null;
  /** `900101-1******`, or null when none is on file. */
  residentNumberMasked?: string | null;
  address?: string | null;
}

/** The doctor who signs the document. */
export interface DocumentDoctor {
  name: string;
  licenseNumber: string | null;
  /** Department code (PULMONOLOGY …); printed with its Korean label. */
  department: string | null;
}

export function departmentLabel(code: string | null): string {
  return code ? (DEPARTMENTS as Record<string, string>)[code] ?? code : '-';
}

export function genderLabel(code: string | null | undefined): string {
  return code ? (GENDERS as Record<string, string>)[code] ?? code : '-';
}

/** `의사 면허 제 12345호`, the way Korean forms print a licence. */
export function licenseLine(doctor: DocumentDoctor): string {
  return doctor.licenseNumber ? `의사 면허 제 ${doctor.licenseNumber}호` : '-';
}
