/** The API answers the front desk screens read (shapes as the server sends them). */

import type { PatientBase } from '../shared/types';

export type { Page } from '../shared/types';

export interface Patient extends PatientBase {
  address?: string | null;
  emergency_contact?: string | null;
  resident_number_masked?: string | null;
  created_at?: string;
}

export type InsuranceType = 'NHI' | 'MEDICAL_AID_1' | 'MEDICAL_AID_2' | 'NONE';

export interface Insurance {
  insurance_type: InsuranceType;
  insurer: string | null;
  card_number: string | null;
  valid_from: string | null;
  valid_to: string | null;
  recorded: boolean;
  label: string;
}

export interface Doctor {
  id: number;
  name: string;
  department: string;
  departmentLabel: string;
  specialization: string | null;
  schedule: { slotMinutes: number; days: { weekday: number; label: string; open: string; close: string }[] };
}


export interface Appointment {
  id: string;
  patient_id: number;
  doctor_id: number;
  doctor_department: string;
  doctor_name: string;
  title: string | null;
  type: string;
  start_time: string;
  end_time: string | null;
  status: string;
  memo: string | null;
  patient_identifier: string;
  patient_name: string;
}

/** 409 SLOT_TAKEN: who is already booked then. */
export interface SlotConflict { conflictingAppointmentId: string; start: string; end: string; with: 'doctor' | 'patient' }

export interface Fee { code: string; name: string; category: string; price: number; covered: boolean }

export interface BillLine {
  id: number; fee_code: string; name: string; category: string; covered: boolean;
  unit_price: number; quantity: number; amount: number; patient_share: number; insurer_share: number;
}

export interface PaymentRow { id: number; kind: 'PAYMENT' | 'REFUND'; method: 'CARD' | 'CASH'; amount: number; reason: string | null; approval_number: string | null; created_at: string }

export interface Bill {
  id: number;
  bill_number: string;
  patient_id: number;
  appointment_id: string | null;
  care_setting: 'OUTPATIENT' | 'INPATIENT';
  insurance_type: InsuranceType;
  total_amount: number;
  insurer_amount: number;
  patient_amount: number;
  paid_amount: number;
  refunded_amount: number;
  status: 'OPEN' | 'PARTIALLY_PAID' | 'PAID' | 'REFUNDED' | 'CANCELLED';
  service_from: string | null;
  service_to: string | null;
  created_at: string;
  items?: BillLine[];
  payments?: PaymentRow[];
}

interface MethodTotals { count: number; amount: number }

export interface Settlement {
  date: string;
  bills: { count: number; cancelled: number; total: number; patient: number; insurer: number };
  payments: { CARD: MethodTotals; CASH: MethodTotals; total: MethodTotals };
  refunds: { CARD: MethodTotals; CASH: MethodTotals; total: MethodTotals };
  net: { CARD: number; CASH: number; total: number };
}

export interface DailyStatistics {
  from: string;
  to: string;
  departmentLabels: Record<string, string>;
  paymentsIncluded: boolean;
  days: {
    date: string;
    appointments: { total: number; byStatus: Record<string, number> };
    newPatients: number;
    payments?: { payments: number; refunds: number; net: number; count: number };
    departments: Record<string, { appointments: number; patients: number }>;
  }[];
}

/** What the patient still owes (미수납액), as the server computes it (lib/rules/bill-status.ts). */
export const outstandingOf = (b: Pick<Bill, 'patient_amount' | 'paid_amount' | 'refunded_amount'>) =>
  Math.max(0, b.patient_amount - (b.paid_amount - b.refunded_amount));
