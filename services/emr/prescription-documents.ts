import { Errors } from 'moleculer';
import type { Models } from '../../models/index.js';
import type { PrescriptionAttributes } from '../../models/prescription.js';
import type { MedicalRecordAttributes } from '../../models/medical-record.js';
import { kcdByCode } from '../../lib/rules/kcd.js';
import { prescriptionNumber, prescriptionPdf } from '../../lib/documents/prescription-document.js';
import { certificateNumber, certificatePdf } from '../../lib/documents/certificate-document.js';
import type { DocumentDoctor, DocumentPatient } from '../../lib/documents/parties.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';

/**
 * Turns rows into the printed 처방전 and 진단서. Callers have already read the rows inside the
 * user's scope (and audited the reads); this module only looks up who signs and draws the PDF.
 */

/** A patient answer of `patients.get` / `patients.self` as a document prints it (the RRN arrives masked). */
export function documentPatient(patient: Record<string, unknown>): DocumentPatient {
  return {
    name: String(patient.name),
    patientNumber: String(patient.patient_id),
    birthDate: String(patient.birth_date),
    gender: (patient.gender as string | undefined) ?? null,
    residentNumberMasked: (patient.resident_number_masked as string | null | undefined) ?? null,
    address: (patient.address as string | null | undefined) ?? null,
  };
}

/** The doctor profile by profile id or by login (auth_user.id). */
export async function documentDoctor(models: Models, where: { id: number } | { user_id: number }): Promise<DocumentDoctor> {
  const doctor = await models.Doctor.findOne({ where });
  if (!doctor) throw new Errors.MoleculerClientError('의사 프로필이 없습니다 (no doctor profile)', 403, 'NO_DOCTOR_PROFILE');
  return { name: doctor.name, licenseNumber: doctor.license_number ?? null, department: doctor.department };
}

/** Answers the bytes as a PDF download; the file name stays ASCII so every browser keeps it. */
export function pdfAnswer(ctx: CdssContext, bytes: Buffer, fileName: string): Buffer {
  ctx.meta.$responseType = 'application/pdf';
  ctx.meta.$responseHeaders = { ...ctx.meta.$responseHeaders, 'Content-Disposition': `attachment; filename="${fileName}"` };
  return bytes;
}

/** The 처방전 of a prescription row, with the KCD code of its record when it has one. */
export async function renderPrescription(ctx: CdssContext, models: Models, row: PrescriptionAttributes, patient: Record<string, unknown>): Promise<Buffer> {
  const record = row.medical_record_id ? await models.MedicalRecord.findByPk(row.medical_record_id, { attributes: ['diagnosis_code'] }) : null;
  const issuedAt = new Date(row.prescription_date);
  const bytes = await prescriptionPdf({
    id: row.id,
    issuedAt,
    patient: documentPatient(patient),
    doctor: await documentDoctor(models, { id: row.doctor_id }),
    diagnosisCode: record?.diagnosis_code ?? null,
    medications: row.medications ?? [],
    notes: row.notes,
    discontinued: row.status === 'DISCONTINUED' && row.discontinued_at ? { at: new Date(row.discontinued_at), reason: row.discontinued_reason } : null,
  });
  return pdfAnswer(ctx, bytes, `${prescriptionNumber(row.id, issuedAt)}.pdf`);
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export interface CertificateOptions {
  purpose?: string;
  onsetDate?: string;
  /** The issuing doctor's words for this certificate (향후 치료 소견), printed after the record's treatment. */
  opinion?: string;
}

/** The 진단서 of a signed record; a draft or a superseded version is refused (409). */
export async function renderCertificate(
  ctx: CdssContext, record: MedicalRecordAttributes, patient: Record<string, unknown>, doctor: DocumentDoctor, options: CertificateOptions,
): Promise<Buffer> {
  if (record.status !== 'SIGNED' || !record.diagnosis_code) {
    throw new Errors.MoleculerClientError('서명된 최신 진료 기록만 진단서를 발급할 수 있습니다 (only a signed, current record can be certified)', 409, 'RECORD_NOT_SIGNED', { status: record.status });
  }
  const { onsetDate } = options;
  if (onsetDate !== undefined && (!isCalendarDate(onsetDate) || (record.visit_date && onsetDate > record.visit_date))) {
    invalidField('onsetDate', '발병일은 진단일 이전의 실제 날짜(YYYY-MM-DD)여야 합니다 (onsetDate must be a real date on or before the diagnosis)');
  }
  const issuedAt = new Date();
  const kcd = kcdByCode(record.diagnosis_code);
  // The record's notes stay off the paper: the patient holds the certificate, and notes are not
  // in the patient's column scope (lib/rbac/scopes.ts).
  const opinion = [record.treatment, options.opinion].filter((text): text is string => Boolean(text?.trim())).join('\n') || '-';
  const bytes = await certificatePdf({
    recordId: record.id,
    issuedAt,
    patient: documentPatient(patient),
    doctor,
    diagnosisCode: record.diagnosis_code,
    diagnosisName: kcd?.name ?? record.diagnosis ?? record.diagnosis_code,
    diagnosedOn: String(record.visit_date),
    onsetOn: onsetDate ?? null,
    opinion,
    purpose: options.purpose ?? null,
  });
  return pdfAnswer(ctx, bytes, `${certificateNumber(record.id, issuedAt)}.pdf`);
}
