/**
 * Seed enumerations (cdss-plan §2, §3) shared by models, validation, demo data and the web apps.
 * Each list carries its Korean label because the UI is Korean first.
 */

export const DEPARTMENTS = {
  PULMONOLOGY: '호흡기내과',
  NEUROSURGERY: '신경외과',
  BREAST_SURGERY: '유방외과',
  GASTROENTEROLOGY: '소화기내과',
  DERMATOLOGY: '피부과',
} as const;
export type Department = keyof typeof DEPARTMENTS;
export const DEPARTMENT_CODES = Object.keys(DEPARTMENTS) as Department[];

/** Staff roles (auth_user.role) plus the patient realm's single role. */
export const STAFF_ROLES = {
  doctor: '의사',
  nurse: '간호사',
  front_desk: '원무과',
  radiology_technician: '방사선과',
  radiologist: '영상의학과',
  sysadmin: '시스템 관리자',
  pharmacy_system: '약제부 조제 시스템',
  lab_system: '진단검사의학과 검사 장비',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;
export const STAFF_ROLE_CODES = Object.keys(STAFF_ROLES) as StaffRole[];

/**
 * Accounts with no person and no staff profile: the administrator, and the service accounts an
 * external system signs in with (the pharmacy's dispensing system, the lab's instrument interface).
 */
export const PROFILELESS_ROLES = ['sysadmin', 'pharmacy_system', 'lab_system'] as const;
export type ProfilelessRole = (typeof PROFILELESS_ROLES)[number];
export const hasProfile = (role: StaffRole): role is Exclude<StaffRole, ProfilelessRole> =>
  !(PROFILELESS_ROLES as readonly string[]).includes(role);
export type Role = StaffRole | 'patient';

export type Realm = 'staff' | 'patient';

/** Staff id prefixes (seed §3.1: D2025001, N…, AS…, RT…, RD…). */
export const STAFF_ID_PREFIX: Record<Exclude<StaffRole, ProfilelessRole>, string> = {
  doctor: 'D',
  nurse: 'N',
  front_desk: 'AS',
  radiology_technician: 'RT',
  radiologist: 'RD',
};

export const GENDERS = { M: '남', F: '여', O: '기타' } as const;
export type Gender = keyof typeof GENDERS;

export const BLOOD_TYPES = ['A+', 'A-', 'B+', 'B-', 'O+', 'O-', 'AB+', 'AB-'] as const;

export const IMAGE_TYPES = {
  CT: 'CT',
  MRI: 'MRI',
  XRAY: 'X-ray',
  ULTRASOUND: '초음파',
  PATHOLOGY: '병리',
  DERMOSCOPY: '피부경',
  PHOTO: '임상사진',
} as const;

export const IMAGE_SOURCES = { CAMERA: '카메라 촬영', UPLOAD: '파일 업로드', MOBILE_APP: '모바일 앱' } as const;

/** seed §3.2.1 status: 촬영완료/판독대기/판독중/판독완료, plus the ordered state before acquisition. */
export const IMAGE_STATUSES = {
  REQUESTED: '촬영요청',
  TAKEN: '촬영완료',
  AWAITING_READ: '판독대기',
  READING: '판독중',
  READ: '판독완료',
} as const;

/** seed §3.2.2 analysis types, existing and added. */
export const ANALYSIS_TYPES = {
  BREAST_ULTRASOUND: '유방 초음파',
  BREAST_ULTRASOUND_ANALYSIS: '유방 초음파 분석',
  BREAST_MRI: '유방 MRI',
  BREAST_MRI_SEGMENTATION: '유방 MRI 세그멘테이션',
  BREAST_MRI_CLASSIFICATION: '유방 MRI 종양분석',
  LUNG_CT: '폐 CT',
  XRAY: 'X-ray',
  OTHER: '기타',
  BRAIN_CT_MRI_ANALYSIS: '뇌 CT/MRI 분석',
  PANCREAS_CT_MRI_ANALYSIS: '췌장 CT/MRI 분석',
  SKIN_CANCER_CLASSIFICATION: '피부암 분류 분석',
  SKIN_LESION_DETECTION: '피부 병변 탐지',
  BREAST_PATHOLOGY: '유방 병리 분석',
} as const;

export const APPOINTMENT_STATUSES = {
  REQUESTED: '예약신청',
  BOOKED: '예약됨',
  CHECKED_IN: '접수',
  IN_CONSULTATION: '진료중',
  COMPLETED: '완료',
  CANCELLED: '취소',
  NO_SHOW: '미방문',
} as const;

export const APPOINTMENT_TYPES = { GENERAL: '일반', CHECKUP: '검진', FOLLOW_UP: '재진', MEETING: '회의' } as const;

export const RECORD_STATUSES = { DRAFT: '작성중', SIGNED: '서명완료', AMENDED: '수정됨' } as const;

export const PATIENT_CARE_STATUSES = { OUTPATIENT: '외래', ADMITTED: '입원', DISCHARGED: '퇴원' } as const;

export const AUDIT_ACTIONS = ['read', 'search', 'create', 'update', 'delete', 'login', 'logout', 'admin'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const NOTIFICATION_TYPES = { APPOINTMENT: '예약', ANALYSIS_DONE: '분석완료', RESULT: '결과', ALERT: '알림', MESSAGE: '메시지' } as const;
export const CHAT_ROOM_TYPES = { DIRECT: '일대일', GROUP: '그룹', CONSULTATION: '진료상담' } as const;
export const CHAT_MESSAGE_TYPES = { TEXT: '텍스트', IMAGE: '이미지', FILE: '파일', MEDICAL_IMAGE_LINK: '의료이미지링크' } as const;
export const CHATBOT_TYPES = { RADIOLOGY: '영상판독', HOSPITAL_SITE: '병원홈페이지', GENERAL: '일반문의' } as const;

export const keysOf = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];
