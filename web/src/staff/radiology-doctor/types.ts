/** The answers of the radiologist's API calls, as far as these screens read them. */

export interface PatientLabel { id: number; patient_id: string; name: string; birth_date: string; gender: string; age: number }

export type { Page } from '../shared/types';

/** A RIS entry on the reading worklist (`/radiology-doctor/worklist`, `/ris/schedules/{id}`). */
export interface Study {
  id: number; order_id: number; order_number: string; patient_id: number; accession_number: string;
  procedure_name: string; modality: string; body_part: string; priority: string; status: string;
  scheduled_at: string; acquired_at: string | null; awaiting_read_at: string | null; medical_image_id: number | null;
  ai_suspicion: number | null; ai_summary: string | null; ai_analysis_id: number | null; patient: PatientLabel | null;
}

export interface Report {
  id: number; image_id: number; patient_id: number; order_id: number | null; schedule_id: number | null;
  accession_number: string | null; study_description: string | null; status: string; version: number;
  findings: string | null; conclusion: string | null; recommendations: string | null;
  created_at: string; updated_at: string; signed_at: string | null; report_date: string | null;
  allowedActions?: string[];
}

export interface Revision {
  id: number; version: number; kind: string; status: string; author_id: number | null; author_name: string | null; reason: string | null; created_at: string;
}

export interface Contributor { userId: number; name: string | null; role: string | null; updates: number; bytes: number; firstAt: string; lastAt: string }

/** Reports signed in a period (revisions by kind) and those still open, for one radiologist or all. */
export interface ReadingCounts {
  from: string; to: string;
  signed: { PRELIMINARY: number; FINAL: number; AMEND: number };
  open: { DRAFT: number; PRELIMINARY: number };
}

/** `GET /radiology-doctor/dashboard`. */
export interface RadiologistDashboard {
  date: string;
  readingWorklist: { total: number; awaitingRead: number; reading: number; stat: number; items: Study[] };
  today: { mine: ReadingCounts; all: ReadingCounts };
  statistics: { days: number; mine: ReadingCounts; all: ReadingCounts };
}

/** Final reports cannot be edited in the live document (it is locked) until amended. */
export const FINAL_STATUSES = ['FINAL', 'AMENDED'];
