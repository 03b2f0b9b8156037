import { defineMessages } from '../shared/i18n';

export const t = defineMessages({
  ko: {
    hospital: 'CDSS 병원', skip: '본문으로 건너뛰기', lead: '호흡기내과 · 신경외과 · 유방외과 · 소화기내과 · 피부과 — AI 임상의사결정지원과 함께하는 진료',
    intro: 'CDSS 병원은 다섯 개 진료과의 전문의가 영상·검사 결과와 AI 분석을 함께 보며 진료하는 외래 중심 병원입니다. 모든 AI 결과는 의사가 확인한 뒤에만 진료에 쓰입니다.',
    staffLogin: '의료진 로그인', patientLogin: '환자 로그인', signup: '회원가입', departments: '진료과와 의료진', visit: '진료 안내',
    hours: '평일 09:00–18:00 (의료진별 진료 시간은 아래 표 참고), 토·일·공휴일 휴진', booking: '예약 안내',
    bookingSteps: '1) 환자 포털에 회원가입(병원에서 받은 환자번호가 있으면 함께 입력) → 2) 로그인 → 3) 예약 메뉴에서 진료과·의사·시간을 골라 신청 → 4) 원무과에서 확인 후 확정됩니다.',
    noInquiry: '홈페이지에서는 예약 문의를 받지 않습니다. 예약 신청은 환자 포털에서 로그인 후 하실 수 있습니다.',
    firstVisit: '처음 오시는 분은 신분증과 건강보험 정보를 가지고 원무과에서 접수해 주세요.', visitingTitle: '방문 안내',
    doctorCount: '의료진 {n}명', noDoctors: '현재 진료 중인 의료진이 없습니다.', specialization: '전문 분야', weeklyHours: '진료 시간', slotLength: '예약 단위 {n}분',
    doctorsFailed: '의료진 정보를 불러오지 못했습니다.', retry: '다시 시도', loading: '불러오는 중…', language: 'English',
    portalLinks: '환자 포털', requestAppointment: '로그인하고 예약 신청', footer: '이 사이트의 환자·의료진 정보는 데모용 가상 데이터입니다.',
    PULMONOLOGY: '호흡기내과', NEUROSURGERY: '신경외과', BREAST_SURGERY: '유방외과', GASTROENTEROLOGY: '소화기내과', DERMATOLOGY: '피부과',
    PULMONOLOGY_about: '폐결절·폐암 검진(저선량 CT), 만성 기침, 천식·COPD', NEUROSURGERY_about: '뇌·척추 질환, 두통, 뇌종양 영상 추적',
    BREAST_SURGERY_about: '유방 초음파·촬영술, 유방 종괴 평가와 수술', GASTROENTEROLOGY_about: '위·대장 내시경, 간·췌장 질환',
    DERMATOLOGY_about: '피부 병변 진단, 피부암 선별, 아토피·건선',
  },
  en: {
    hospital: 'CDSS Hospital', skip: 'Skip to content', lead: 'Pulmonology · Neurosurgery · Breast surgery · Gastroenterology · Dermatology — care with AI decision support',
    intro: 'CDSS Hospital is an outpatient hospital where specialists of five departments read imaging, lab results and AI analyses together. Every AI result is used only after a doctor has reviewed it.',
    staffLogin: 'Staff sign-in', patientLogin: 'Patient sign-in', signup: 'Sign up', departments: 'Departments and doctors', visit: 'Visiting',
    hours: 'Weekdays 09:00–18:00 (each doctor\'s hours are listed below); closed weekends and holidays', booking: 'Appointments',
    bookingSteps: '1) Sign up in the patient portal (with your chart number if the hospital gave you one) → 2) sign in → 3) under Appointments choose a department, doctor and time → 4) the front desk confirms it.',
    noInquiry: 'This site takes no appointment inquiries. Request an appointment in the patient portal after signing in.',
    firstVisit: 'On your first visit, bring an ID and your health insurance details to the front desk.', visitingTitle: 'Visiting',
    doctorCount: '{n} doctors', noDoctors: 'No doctors are seeing patients at present.', specialization: 'Specialization', weeklyHours: 'Hours', slotLength: '{n}-minute appointments',
    doctorsFailed: 'Could not load our doctors.', retry: 'Try again', loading: 'Loading…', language: '한국어',
    portalLinks: 'Patient portal', requestAppointment: 'Sign in to request an appointment', footer: 'Patients and staff on this site are fictional demo data.',
    PULMONOLOGY: 'Pulmonology', NEUROSURGERY: 'Neurosurgery', BREAST_SURGERY: 'Breast surgery', GASTROENTEROLOGY: 'Gastroenterology', DERMATOLOGY: 'Dermatology',
    PULMONOLOGY_about: 'Lung nodules and low-dose CT screening, chronic cough, asthma and COPD', NEUROSURGERY_about: 'Brain and spine, headache, brain tumour follow-up',
    BREAST_SURGERY_about: 'Breast ultrasound and mammography, breast lumps and surgery', GASTROENTEROLOGY_about: 'Gastroscopy and colonoscopy, liver and pancreas',
    DERMATOLOGY_about: 'Skin lesions, skin cancer screening, eczema and psoriasis',
  },
});

export type MessageKey = Parameters<typeof t>[0];
