/** What several staff apps read alike from the API; each app's types.ts adds the fields it shows. */

export interface Page<T> { items: T[]; page: number; pageSize: number; total: number }

export interface Allergy { substance: string; reaction?: string | null; severity?: string | null }

/** A chart's identifying fields (GET /patients, GET /patients/{id}). */
export interface PatientBase {
  id: number;
  patient_id: string;
  name: string;
  birth_date: string | null;
  gender: string | null;
  age: number | null;
  phone?: string | null;
}
