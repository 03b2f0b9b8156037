import { HOSPITAL } from './hospital.js';
import { departmentLabel, genderLabel, licenseLine, type DocumentDoctor, type DocumentPatient } from './parties.js';
import { KoreanDocument, koreanDate, koreanDay } from './pdf.js';
import { kstDateOf } from '../rules/kst-dates.js';

export interface CertificateSheet {
  /** The signed medical record the certificate attests. */
  recordId: number;
  issuedAt: Date;
  patient: DocumentPatient;
  doctor: DocumentDoctor;
  diagnosisCode: string;
  diagnosisName: string;
  /** 진단연월일: the visit at which the diagnosis was made (YYYY-MM-DD). */
  diagnosedOn: string;
  /** 발병연월일, when the doctor knows it (YYYY-MM-DD). */
  onsetOn?: string | null;
  /** 치료 내용 및 향후 치료에 대한 소견. */
  opinion: string;
  /** 용도, e.g. `보험 청구용` or `회사 제출용`. */
  purpose?: string | null;
}

/** `2026-03-02` → `2026년 3월 2일`. */
function dateLabel(isoDate: string | null | undefined): string {
  return isoDate ? koreanDay(isoDate) : '미상';
}

/** `DX-20260302-000042`: issue day (KST) and the record attested. */
export function certificateNumber(recordId: number, issuedAt: Date): string {
  const day = kstDateOf(issuedAt).replace(/-/g, '');
  return `DX-${day}-${String(recordId).padStart(6, '0')}`;
}

/** The printable 진단서, laid out after 의료법 시행규칙 별지 제5호의2서식. */
export async function certificatePdf(sheet: CertificateSheet): Promise<Buffer> {
  const { patient, doctor, issuedAt } = sheet;
  return new KoreanDocument({ title: '진단서', issuer: HOSPITAL.name, issuedAt, number: certificateNumber(sheet.recordId, issuedAt) })
    .heading('환자 (patient)')
    .fields([
      ['성명', patient.name], ['등록번호', patient.patientNumber],
      ['생년월일', patient.birthDate], ['성별', genderLabel(patient.gender)],
      ['주민등록번호', patient.residentNumberMasked ?? '-'], ['주소', patient.address ?? '-'],
    ])
    .heading('진단 (diagnosis)')
    .fields([
      ['병명', sheet.diagnosisName], ['질병분류기호', sheet.diagnosisCode],
      ['발병일', dateLabel(sheet.onsetOn)], ['진단일', dateLabel(sheet.diagnosedOn)],
    ])
    .heading('치료 내용 및 향후 치료에 대한 소견 (opinion)')
    .paragraph(sheet.opinion)
    .fields([['용도', sheet.purpose ?? '-'], ['진료과', departmentLabel(doctor.department)]])
    .paragraph('위와 같이 진단합니다.')
    .signature([
      koreanDate(issuedAt), `${HOSPITAL.name} (${HOSPITAL.address}, ${HOSPITAL.phone})`, licenseLine(doctor), `의사 ${doctor.name} (서명 또는 날인)`,
    ])
    .toBuffer();
}
