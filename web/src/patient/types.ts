/** Shapes of the portal's answers (GET /api/v1/portal/*), as far as the screens read them. */

export interface Page<T> { items: T[]; page: number; pageSize: number; total: number }

export interface PortalRecord {
  id: number;
  department: string;
  status: string;
  visit_date: string;
  diagnosis: string | null;
  diagnosis_code: string | null;
  symptoms: string | null;
  treatment: string | null;
  prescription: string | null;
  signed_at: string | null;
  version: number;
}

export interface Medication { code: string; name: string; dose: number; doseUnit: string; route: string; frequency: string; days: number; instructions?: string }
export interface Prescription {
  id: number;
  medical_record_id: number | null;
  prescription_date: string;
  medications: Medication[];
  duration: string | null;
  notes: string | null;
  status: string;
}

export interface Appointment {
  id: string;
  doctor_id: number;
  doctor_department: string;
  doctor_name: string;
  title: string;
  start_time: string;
  end_time: string | null;
  status: string;
  memo: string | null;
}

export interface DirectoryDoctor {
  id: number;
  name: string;
  department: string;
  specialization: string | null;
  schedule: { slotMinutes: number; days: { weekday: number; label: string; open: string; close: string }[] };
}
export interface DaySlots { doctorId: number; date: string; slots: { start: string; end: string; available: boolean }[] }

export interface LabResult {
  id: number;
  test_code: string;
  analyte_code: string;
  analyte_name: string;
  value_numeric: number | string | null;
  value_text: string | null;
  unit: string | null;
  reference_low: number | string | null;
  reference_high: number | string | null;
  reference_text: string | null;
  flag: string | null;
  status: string;
  resulted_at: string | null;
  verified_at: string | null;
}

export interface PortalImage {
  id: number;
  image_type: string;
  description: string | null;
  taken_date: string | null;
  department: string | null;
  body_part: string | null;
  modality: string | null;
  status: string;
  status_label?: string;
  accession_number: string | null;
}

export interface PortalReport {
  id: number;
  image_id: number;
  accession_number: string | null;
  study_description: string | null;
  status: string;
  findings: string | null;
  conclusion: string | null;
  recommendations: string | null;
  report_date: string | null;
  signed_at: string | null;
  released_at: string | null;
  amended: boolean;
}

export interface Receipt {
  id: number;
  bill_number: string;
  care_setting: string;
  total_amount: number;
  insurer_amount: number;
  patient_amount: number;
  paid_amount: number;
  refunded_amount: number;
  status: string;
  service_from: string | null;
  service_to: string | null;
  created_at: string;
}

export interface AccessLogEntry {
  time: string;
  staffName: string;
  role: string;
  roleLabel: string;
  department: string | null;
  action: string;
  resourceType: string;
  breakGlass: boolean;
}

export interface PortalMe {
  account: { accountId: string; name: string; email: string | null; patientNumber: string | null };
  patient: {
    patient_id: string; name: string; birth_date: string; gender: string; age: number | null; phone: string | null; blood_type: string | null;
    address: string | null; emergency_contact: string | null; medical_history: string | null; allergies: { substance: string; reaction?: string | null }[] | null;
  } | null;
  linked: boolean;
}
