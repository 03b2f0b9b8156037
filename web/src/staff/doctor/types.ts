/** What the doctor's screens read from the API (only the fields they show). */

import type { Allergy, Page, PatientBase } from '../shared/types';

export type { Allergy, Page } from '../shared/types';

export interface Patient extends PatientBase {
  blood_type?: string | null;
  medical_history?: string | null;
  allergies: Allergy[] | string | null;
}

export interface MedicalRecord {
  id: number;
  patient_fk_id: number;
  department: string | null;
  status: string;
  visit_date: string;
  diagnosis: string | null;
  diagnosis_code: string | null;
  symptoms: string | null;
  treatment: string | null;
  prescription: string | null;
  notes: string | null;
  doctor_notes?: string | null;
  signed_at: string | null;
  version: number;
  previous_version_id?: number | null;
  amendment_reason?: string | null;
  doctor_fk_id?: number;
  created_at?: string;
}

export interface DiagnosisCode {
  code: string;
  name: string;
  department: string | null;
}

export type VitalMeasure = 'systolic_bp' | 'diastolic_bp' | 'pulse' | 'temperature' | 'respiratory_rate' | 'spo2' | 'pain';

export interface VitalsRow {
  id: number;
  record_date: string;
  vital_signs: Partial<Record<VitalMeasure, number>> | null;
  symptoms: string | null;
  nursing_notes: string | null;
  abnormal: { measure: VitalMeasure; value: number; flag: 'HIGH' | 'LOW'; critical: boolean }[];
}

export interface LabResult {
  id: number;
  order_id: number;
  patient_id: number;
  test_code: string;
  analyte_code: string;
  analyte_name: string;
  value_numeric: number;
  value_text: string;
  unit: string;
  reference_low: number | null;
  reference_high: number | null;
  reference_text: string | null;
  flag: 'N' | 'L' | 'H' | 'LL' | 'HH' | null;
  critical: boolean;
  status: string;
  resulted_at: string;
  critical_acknowledged_at?: string | null;
}

export interface LabTrend {
  analyte: { code: string; name: string; nameEn: string; unit: string };
  total: number;
  items: LabResult[];
}

export interface LabTest {
  code: string;
  loinc: string;
  name: string;
  nameEn: string;
  category: string;
  specimen: { name: string; tube: string };
  analytes: { code: string; name: string }[];
}

export interface ImageStudy {
  id: number;
  image_type: string | null;
  modality: string | null;
  description: string | null;
  body_part: string | null;
  taken_date: string | null;
  status: string;
  status_label?: string;
  accession_number: string | null;
}

export type OrderType = 'PRESCRIPTION' | 'LAB' | 'IMAGING';

export interface Order {
  id: number;
  order_number: string;
  order_type: OrderType;
  patient_id: number;
  priority: string;
  status: string;
  items: { code: string; name?: string; dose?: number; frequency?: string; days?: number }[];
  notes: string | null;
  safety_alerts: MedicationAlert[] | null;
  result_summary: string | null;
  prescription_id?: number | null;
  cancelled_reason?: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface Prescription {
  id: number;
  status: 'ACTIVE' | 'DISCONTINUED';
  discontinued_reason?: string | null;
  discontinued_at?: string | null;
}

export interface FormularyDrug {
  code: string;
  name: string;
  ingredient: string;
  atcCode: string;
  strength: string;
  form: string;
  doseUnit: string;
  defaultRoute: string;
  defaultFrequency: string;
}

export interface MedicationAlert {
  key: string;
  severity: 'contraindicated' | 'major' | 'moderate';
  type: string;
  message: string;
  source?: string;
  drugs?: string[];
  overrideReason?: string;
}

export type CriticalResult = LabResult & { patient: { id: number; patient_id: string; name: string } | null };

export interface ResultsInbox {
  criticals: { total: number; items: CriticalResult[] };
  unread: number;
  results: Page<Order & { isNew: boolean; report: { conclusion: string | null; status: string } | null; patient: { id: number; patient_id: string; name: string } | null }>;
}
