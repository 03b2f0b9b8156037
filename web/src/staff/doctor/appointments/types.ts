/** What the appointment screens read from the API (only the fields they show). */

export type AppointmentStatus = 'REQUESTED' | 'BOOKED' | 'CHECKED_IN' | 'IN_CONSULTATION' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';

export interface Appointment {
  id: string;
  patient_id: number;
  doctor_id: number;
  doctor_name: string;
  doctor_department: string;
  title: string | null;
  type: string;
  start_time: string;
  end_time: string | null;
  status: AppointmentStatus;
  memo: string | null;
  patient_identifier: string;
  patient_name: string;
  patient_gender: string | null;
  patient_age: number | null;
}

/** GET /appointments/calendar: the page's range and its days, each with the day's appointments by time. */
export interface CalendarPage {
  view: 'day' | 'week' | 'month';
  from: string;
  to: string;
  total: number;
  truncated: boolean;
  days: { date: string; count: number; items: Appointment[] }[];
}

export interface ScheduleDay { weekday: number; label?: string; open: string; close: string }

export interface WeeklySchedule {
  doctorId: number;
  custom: boolean;
  slotMinutes: number;
  days: ScheduleDay[];
}

/** GET /doctors: the directory. */
export interface DoctorEntry {
  id: number;
  name: string;
  department: string | null;
  departmentLabel: string | null;
  specialization: string | null;
  schedule: WeeklySchedule;
}
