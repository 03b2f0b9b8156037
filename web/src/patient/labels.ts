import { defineMessages } from '../shared/i18n';

/** Status codes the portal's answers carry, in words (appointments, records, prescriptions, bills, studies, reports). */
const labels = defineMessages({
  ko: {
    REQUESTED: '예약 신청', BOOKED: '예약 확정', CHECKED_IN: '접수', IN_CONSULTATION: '진료 중', COMPLETED: '진료 완료', CANCELLED: '취소', NO_SHOW: '미내원',
    SIGNED: '서명됨', AMENDED: '정정됨', FINAL: '최종 판독', ACTIVE: '복용 중', DISCONTINUED: '중단', OPEN: '미수납', PARTIALLY_PAID: '부분 수납', PAID: '수납 완료',
    TAKEN: '촬영 완료', AWAITING_READ: '판독 대기', READING: '판독 중', READ: '판독 완료', VERIFIED: '확정', CORRECTED: '수정 확정',
  },
  en: {
    REQUESTED: 'Requested', BOOKED: 'Booked', CHECKED_IN: 'Checked in', IN_CONSULTATION: 'In consultation', COMPLETED: 'Completed', CANCELLED: 'Cancelled', NO_SHOW: 'No-show',
    SIGNED: 'Signed', AMENDED: 'Amended', FINAL: 'Final', ACTIVE: 'Active', DISCONTINUED: 'Discontinued', OPEN: 'Unpaid', PARTIALLY_PAID: 'Partly paid', PAID: 'Paid',
    TAKEN: 'Acquired', AWAITING_READ: 'Awaiting read', READING: 'Being read', READ: 'Read', VERIFIED: 'Verified', CORRECTED: 'Corrected',
  },
});
type Code = Parameters<typeof labels>[0];
/** A status code in words; an unknown code is shown as it came (a new status never hides). */
export const statusLabel = (code: string | null | undefined) => (code ? labels(code as Code) : '');

/** Badge tone of a status: done and good, waiting, or stopped. */
export function statusTone(code: string): 'ok' | 'warn' | 'alert' | '' {
  if (['BOOKED', 'COMPLETED', 'SIGNED', 'FINAL', 'PAID', 'READ', 'ACTIVE'].includes(code)) return 'ok';
  if (['REQUESTED', 'OPEN', 'PARTIALLY_PAID', 'AWAITING_READ', 'READING'].includes(code)) return 'warn';
  if (['CANCELLED', 'NO_SHOW', 'DISCONTINUED'].includes(code)) return 'alert';
  return '';
}

export { DEPARTMENT_CODES, departmentLabel } from '../shared/departments';


/** Dosing frequencies (lib/rules/medication-frequency.ts) as a patient reads them. */
const frequencies = defineMessages({
  ko: { QD: '1일 1회', BID: '1일 2회', TID: '1일 3회', QID: '1일 4회', Q8H: '8시간마다', Q12H: '12시간마다', QHS: '취침 전', PRN: '필요 시', STAT: '즉시 1회' },
  en: { QD: 'once a day', BID: 'twice a day', TID: '3 times a day', QID: '4 times a day', Q8H: 'every 8 hours', Q12H: 'every 12 hours', QHS: 'at bedtime', PRN: 'as needed', STAT: 'once, now' },
});
export const frequencyLabel = (code: string) => frequencies(code as Parameters<typeof frequencies>[0]);

/** What a staff member opened (the audit log's resource types), in words; others show as recorded. */
const resources = defineMessages({
  ko: {
    Patient: '환자 정보', MedicalRecord: '진료 기록', Prescription: '처방', OcsOrder: '처방·검사 오더', LabResult: '검사 결과', LabSpecimen: '검체',
    MedicalImage: '의료 영상', RadiologyReport: '영상 판독', RisSchedule: '촬영 일정', Appointment: '예약', Bill: '진료비', PatientInsurance: '보험 정보',
    PatientStatus: '입·퇴원 상태', NursingRecord: '간호 기록', MedicationAdministration: '투약 기록', MedicalCertificate: '진단서', LungRecord: '폐암 검진',
    AIAnalysisResult: 'AI 분석', ChatRoom: '상담', ChatMessage: '상담 메시지',
  },
  en: {
    Patient: 'Patient details', MedicalRecord: 'Medical record', Prescription: 'Prescription', OcsOrder: 'Order', LabResult: 'Lab result', LabSpecimen: 'Specimen',
    MedicalImage: 'Imaging', RadiologyReport: 'Radiology report', RisSchedule: 'Imaging schedule', Appointment: 'Appointment', Bill: 'Bill', PatientInsurance: 'Insurance',
    PatientStatus: 'Admission status', NursingRecord: 'Nursing record', MedicationAdministration: 'Medication record', MedicalCertificate: 'Certificate', LungRecord: 'Lung screening',
    AIAnalysisResult: 'AI analysis', ChatRoom: 'Consultation', ChatMessage: 'Consultation message',
  },
});
export const resourceLabel = (type: string) => resources(type as Parameters<typeof resources>[0]);

/** Result flags of the LIS (normal, low, high, critically low or high), as a patient reads them. */
const flags = defineMessages({
  ko: { N: '정상', L: '낮음', H: '높음', LL: '매우 낮음', HH: '매우 높음', A: '이상' },
  en: { N: 'Normal', L: 'Low', H: 'High', LL: 'Critically low', HH: 'Critically high', A: 'Abnormal' },
});
export const flagLabel = (flag: string) => flags(flag as Parameters<typeof flags>[0]);
export const flagTone = (flag: string | null) => (flag === 'HH' || flag === 'LL' ? 'badge-alert' : flag && flag !== 'N' ? 'badge-warn' : 'badge-ok');

/** Imaging study states (lib/constants.ts IMAGE_STATUSES): REQUESTED is an ordered study here, not an appointment request. */
const imageStatuses = defineMessages({
  ko: { REQUESTED: '촬영 요청', TAKEN: '촬영 완료', AWAITING_READ: '판독 대기', READING: '판독 중', READ: '판독 완료' },
  en: { REQUESTED: 'Ordered', TAKEN: 'Acquired', AWAITING_READ: 'Awaiting read', READING: 'Being read', READ: 'Read' },
});
export const imageStatusLabel = (code: string) => imageStatuses(code as Parameters<typeof imageStatuses>[0]);

/** Body parts of the imaging catalogue (lib/rules/imaging-procedures.ts); others show as recorded. */
const bodyParts = defineMessages({
  ko: { CHEST: '흉부', ABDOMEN: '복부', ABDOMENPELVIS: '복부·골반', BREAST: '유방', HEAD: '머리', CSPINE: '경추', LSPINE: '요추', SKIN: '피부' },
  en: { CHEST: 'Chest', ABDOMEN: 'Abdomen', ABDOMENPELVIS: 'Abdomen and pelvis', BREAST: 'Breast', HEAD: 'Head', CSPINE: 'Cervical spine', LSPINE: 'Lumbar spine', SKIN: 'Skin' },
});
export const bodyPartLabel = (code: string | null) => (code ? bodyParts(code as Parameters<typeof bodyParts>[0]) : '');
