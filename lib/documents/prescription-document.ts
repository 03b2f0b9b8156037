import type { Medication } from '../../models/prescription.js';
import { directions, timesPerDay } from '../rules/prescribing.js';
import { HOSPITAL } from './hospital.js';
import { departmentLabel, genderLabel, licenseLine, type DocumentDoctor, type DocumentPatient } from './parties.js';
import { KoreanDocument, koreanDate } from './pdf.js';
import { kstDateOf } from '../rules/kst-dates.js';

/** 의료법 시행규칙 별지 제9호서식: a prescription may be filled within 3 days of issue, the issue day included. */
export const VALID_DAYS = 3;

export interface PrescriptionSheet {
  id: number;
  /** 교부일: the prescription's own date, so reprinting gives the same document. */
  issuedAt: Date;
  patient: DocumentPatient;
  doctor: DocumentDoctor;
  /** 질병분류기호 (KCD) of the linked record, when there is one. */
  diagnosisCode?: string | null;
  medications: Medication[];
  notes?: string | null;
  discontinued?: { at: Date; reason: string | null } | null;
}

/** `RX-2026-000123`: year of issue (KST) and the prescription id. */
export function prescriptionNumber(id: number, issuedAt: Date): string {
  const year = kstDateOf(issuedAt).slice(0, 4);
  return `RX-${year}-${String(id).padStart(6, '0')}`;
}

/** The printable 처방전, laid out after the statutory form's boxes. */
export async function prescriptionPdf(sheet: PrescriptionSheet): Promise<Buffer> {
  const { patient, doctor, issuedAt } = sheet;
  const lastValidDay = new Date(issuedAt.getTime() + (VALID_DAYS - 1) * 86_400_000);
  const document = new KoreanDocument({ title: '처방전', issuer: HOSPITAL.name, issuedAt, number: prescriptionNumber(sheet.id, issuedAt) })
    .heading('환자 (patient)')
    .fields([
      ['성명', patient.name], ['등록번호', patient.patientNumber],
      ['생년월일', patient.birthDate], ['성별', genderLabel(patient.gender)],
      ['주민등록번호', patient.residentNumberMasked ?? '-'], ['질병분류기호', sheet.diagnosisCode ?? '-'],
    ])
    .heading('의료기관 (institution)')
    .fields([
      ['의료기관', HOSPITAL.name], ['전화번호', HOSPITAL.phone],
      ['진료과', departmentLabel(doctor.department)], ['교부일', koreanDate(issuedAt)],
      ['처방 의사', doctor.name], ['면허번호', licenseLine(doctor)],
    ])
    .heading('처방 의약품 (medications)')
    .table([
      { header: '처방 의약품의 명칭', width: 0.34 },
      { header: '1회 투약량', width: 0.13, align: 'right' },
      { header: '1일 투여횟수', width: 0.16, align: 'center' },
      { header: '총 투약일수', width: 0.12, align: 'right' },
      { header: '용법', width: 0.25 },
    ], sheet.medications.map((line) => [
      `${line.name}\n${line.ingredient} · ${line.atcCode}`, `${line.dose}${line.doseUnit}`, timesPerDay(line.frequency), `${line.days}일`, directions(line),
    ]))
    .heading('참고 사항 (notes)')
    .paragraph(sheet.notes ?? '')
    .paragraph(`사용기간: 교부일부터 ${VALID_DAYS}일간 (${koreanDate(lastValidDay)}까지)`);
  if (sheet.discontinued) {
    document.paragraph(`[중단] 이 처방은 ${koreanDate(sheet.discontinued.at)} 중단되었습니다 (discontinued)${sheet.discontinued.reason ? `: ${sheet.discontinued.reason}` : ''}`);
  }
  return document.signature([koreanDate(issuedAt), HOSPITAL.name, `처방 의사 ${doctor.name} (서명 또는 날인)`]).toBuffer();
}
