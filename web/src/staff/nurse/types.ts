/** The API answers the nurse screens read (shapes as the server sends them). */

import type { Allergy, Page, PatientBase } from '../shared/types';

export type { Allergy, Page } from '../shared/types';

export interface Patient extends PatientBase {
  blood_type?: string | null;
  medical_history?: string | null;
  allergies?: Allergy[] | null;
}

/** One value outside the adult reference range (critical: beyond the critical band too). */
export interface VitalFlag { measure: string; value: number; flag: 'HIGH' | 'LOW'; critical: boolean }

export interface VitalsRecord {
  id: number;
  record_date: string;
  /** Null on a note charted without measurements. */
  vital_signs: Record<string, number | undefined> | null;
  symptoms: string | null;
  nursing_notes: string | null;
  abnormal: VitalFlag[];
  /** The nurse who charted it (absent on the answer to a POST). */
  nurse_name?: string | null;
}

/** One admitted patient on the ward overview (GET /nurse/ward). */
export interface WardPatient {
  patientId: number;
  patientNumber: string | null;
  name: string | null;
  gender: string | null;
  age: number | null;
  ward: string;
  roomNumber: string | null;
  admissionDate: string | null;
  hospitalDay: number | null;
  currentCondition: string | null;
  attendingDoctors: string[];
  latestVitals: { recordedAt: string; abnormal: VitalFlag[] } | null;
  doses: { uncharted: number; overdue: number };
  statSpecimenPending: boolean;
}

export interface WardOverview extends Page<WardPatient> {
  date: string;
  summary: { admitted: number; counted: number; abnormal: number; wards: { ward: string; patients: number; rooms: number }[]; truncated: boolean };
}

export interface CareStatus {
  id: number;
  status: 'OUTPATIENT' | 'ADMITTED' | 'DISCHARGED';
  ward: string | null;
  room_number: string | null;
  admission_date: string | null;
  discharge_date: string | null;
  current_condition: string | null;
  updated_at: string;
}

export interface MarLine {
  patientId: number;
  prescriptionId: number;
  medicationIndex: number;
  code: string;
  drugName: string;
  dose: number;
  doseUnit: string;
  route: string;
  frequency: string;
  instructions: string | null;
}

export interface Charting { id: number; status: DoseStatus; administeredAt: string; nurseId: number; reason: string | null; notes: string | null }

export type DoseStatus = 'GIVEN' | 'HELD' | 'REFUSED';

export interface DueDose extends MarLine { scheduledTime: string; status: DoseStatus | null; charting: Charting | null; overdue: boolean }

export interface MarSummary { due: number; given: number; held: number; refused: number; overdue: number }

export interface MarDay {
  date: string;
  summary: MarSummary;
  items: DueDose[];
  prnLines: MarLine[];
  prnAdministrations: (MarLine & Charting)[];
}

export interface PatientLabel { id: number; patient_id: string; name: string; age: number | null; gender: string | null }

export interface Tube { specimenType: string; name: string; nameEn: string; tube: string; barcode: string }

export interface CollectionOrder {
  id: number;
  order_number: string | null;
  priority: 'ROUTINE' | 'URGENT' | 'STAT';
  items: { code: string; name: string }[];
  notes: string | null;
  created_at: string;
  tubes: Tube[];
  patient: PatientLabel | null;
}

export interface CriticalResult {
  id: number;
  patient_id: number;
  analyte_name: string;
  value_text: string;
  unit: string;
  flag: string | null;
  resulted_at: string;
  patient: PatientLabel | null;
}

export interface NurseTasks {
  date: string;
  specimenCollection: Page<CollectionOrder>;
  medicationsDue: { date: string; summary: MarSummary; items: (DueDose & { patientName: string | null; patientNumber: string | null })[] };
  criticalResults: { total: number; items: CriticalResult[] };
}
