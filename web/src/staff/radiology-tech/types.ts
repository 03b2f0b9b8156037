/** The answers of the radiographer's API calls, as far as these screens read them. */

export interface PatientLabel { id: number; patient_id: string; name: string; birth_date: string; gender: string; age: number }

export type { Page } from '../shared/types';

/** A RIS schedule entry (`/ris/schedules`, `/radiology-tech/schedules`). */
export interface ScheduleEntry {
  id: number; order_id: number; order_number: string; patient_id: number; accession_number: string;
  procedure_code: string; procedure_name: string; modality: string; body_part: string; priority: string;
  room: string; scheduled_at: string; scheduled_end_at: string; status: string; medical_image_id: number | null;
  notes: string | null; patient: PatientLabel | null;
}

/** An imaging order waiting to be booked (`/ris/requests`). */
export interface ImagingRequest {
  id: number; order_number: string; priority: string; created_at: string; notes: string | null;
  items: { code: string; name: string }[]; patient: PatientLabel | null;
  procedure: { code: string; name: string; nameEn: string; modality: string; durationMinutes: number; rooms: string[] } | null;
}

export interface Room {
  code: string; name: string; modalities: string[]; modalityNames: string[];
  booked?: { scheduleId: number; start: string; end: string; status: string }[];
}

export interface QcFinding { code: string; severity: 'error' | 'warning'; message: string; count: number }

/** A study's image row (`/radiology-tech/images`, the upload's answer). */
export interface Study {
  id: number; patient_id: string; patient_fk_id: number | null; description: string | null; modality: string | null;
  image_type: string; body_part: string | null; accession_number: string | null; status: string; image_source: string | null;
  qc_status: string; qc_reasons: QcFinding[] | null; qc_resolution_note: string | null;
  series_count: number | null; instance_count: number | null; taken_date: string | null; created_at: string;
  study_instance_uid: string | null; patient?: PatientLabel | null;
  /** Only on one study: its series and instances as the PACS holds them. */
  study?: { series: { seriesInstanceUid: string; modality: string; seriesNumber: number | null; instances: { sopInstanceUid: string; instanceNumber: number | null }[] }[] } | null;
}

export interface UploadAnswer {
  studies: Study[];
  files: { filename: string; studyInstanceUid: string; sopInstanceUid: string; stored: boolean }[];
}
