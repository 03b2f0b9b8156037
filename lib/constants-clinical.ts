import {
  ANALYSIS_TYPES,
  APPOINTMENT_STATUSES,
  APPOINTMENT_TYPES,
  CHAT_MESSAGE_TYPES,
  CHAT_ROOM_TYPES,
  CHATBOT_TYPES,
  IMAGE_SOURCES,
  IMAGE_STATUSES,
  IMAGE_TYPES,
  NOTIFICATION_TYPES,
  PATIENT_CARE_STATUSES,
  RECORD_STATUSES,
  type Realm,
} from './constants.js';

/**
 * Enumerations of the clinical, imaging and communication tables (cdss-plan §3.2–3.5) that
 * lib/constants.ts does not carry, and the code types of the lists it does. Columns store the
 * English code; the Korean label is for the UI.
 */

export type AppointmentStatus = keyof typeof APPOINTMENT_STATUSES;
export type AppointmentType = keyof typeof APPOINTMENT_TYPES;
export type RecordStatus = keyof typeof RECORD_STATUSES;
export type ImageType = keyof typeof IMAGE_TYPES;
export type ImageSource = keyof typeof IMAGE_SOURCES;
export type ImageStatus = keyof typeof IMAGE_STATUSES;
export type AnalysisType = keyof typeof ANALYSIS_TYPES;
export type PatientCareStatus = keyof typeof PATIENT_CARE_STATUSES;
export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export type ChatRoomType = keyof typeof CHAT_ROOM_TYPES;
export type ChatMessageType = keyof typeof CHAT_MESSAGE_TYPES;
export type ChatbotType = keyof typeof CHATBOT_TYPES;

/** Radiology report workflow: a draft is co-edited, signed as preliminary or final, then amended. */
export const REPORT_STATUSES = {
  DRAFT: '작성중',
  PRELIMINARY: '예비판독',
  FINAL: '최종판독',
  AMENDED: '수정판독',
} as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;

/** seed §3.5.4 chat_room_member.role (참여자/관리자). */
export const CHAT_MEMBER_ROLES = { MEMBER: '참여자', ADMIN: '관리자' } as const;
export type ChatMemberRole = keyof typeof CHAT_MEMBER_ROLES;

/** seed §3.5.7 chatbot_message.message_type: the seed already names the codes `user`/`bot`. */
export const CHATBOT_MESSAGE_TYPES = { user: '사용자', bot: '챗봇' } as const;
export type ChatbotMessageType = keyof typeof CHATBOT_MESSAGE_TYPES;

/** seed §3.5.7 chatbot_message.response_type (텍스트/버튼/이미지/링크). */
export const CHATBOT_RESPONSE_TYPES = { TEXT: '텍스트', BUTTON: '버튼', IMAGE: '이미지', LINK: '링크' } as const;
export type ChatbotResponseType = keyof typeof CHATBOT_RESPONSE_TYPES;

/** Who a chatbot conversation belongs to: staff, a patient, or an anonymous visitor of the public site. */
export type ChatbotRealm = Realm | 'anonymous';
export const CHATBOT_REALMS: readonly ChatbotRealm[] = ['staff', 'patient', 'anonymous'];

/** PLCOm2012 smoking status; "former" smokers also record the years since quitting. */
export const SMOKING_STATUSES = { NEVER: '비흡연', FORMER: '과거흡연', CURRENT: '현재흡연' } as const;
export type SmokingStatus = keyof typeof SMOKING_STATUSES;

/**
 * PLCOm2012 education is an ordinal 1–6 entered into the model as a number (Tammemägi et al.,
 * NEJM 2013;368:728), so lung_record stores the level, not a code.
 */
export const EDUCATION_LEVELS = {
  1: '고등학교 미만',
  2: '고등학교 졸업',
  3: '고졸 후 직업교육',
  4: '대학 중퇴',
  5: '대학 졸업',
  6: '대학원',
} as const;
export type EducationLevel = keyof typeof EDUCATION_LEVELS;

/** PLCOm2012 race/ethnicity groups, each with its own coefficient. */
export const RACE_ETHNICITIES = {
  WHITE: '백인',
  BLACK: '흑인',
  HISPANIC: '히스패닉',
  ASIAN: '아시아인',
  AMERICAN_INDIAN_ALASKA_NATIVE: '아메리카 원주민',
  NATIVE_HAWAIIAN_PACIFIC_ISLANDER: '하와이·태평양 원주민',
} as const;
export type RaceEthnicity = keyof typeof RACE_ETHNICITIES;

/**
 * lung_result.prediction: above or below the screening threshold (PLCOm2012: 1.51% over 6 years),
 * or not applicable — the model describes ever-smokers only.
 */
export const LUNG_PREDICTIONS = { LOW_RISK: '저위험', HIGH_RISK: '고위험', NOT_APPLICABLE: '해당 없음 (비흡연자)' } as const;
export type LungPrediction = keyof typeof LUNG_PREDICTIONS;
