import { defineMessages } from '../shared/i18n';

export const t = defineMessages({
  ko: {
    portal: 'CDSS 병원 환자 포털', loginTitle: '환자 로그인', login: '아이디 또는 이메일', password: '비밀번호', signIn: '로그인', signingIn: '로그인 중…',
    required: '아이디(또는 이메일)와 비밀번호를 입력하세요.', noAccount: '계정이 없으신가요? 회원가입', staffLogin: '병원 직원이신가요? 의료진 로그인',
    dashboard: '내 건강', upcoming: '다가오는 예약', noUpcoming: '예정된 예약이 없습니다.', medications: '복용 중인 약', allergies: '알레르기',
    none: '없음', latestVitals: '최근 활력징후', diagnoses: '최근 진단', when: '일시', doctor: '의료진', department: '진료과', status: '상태',
    staffToken: '의료진 계정으로는 환자 포털을 이용할 수 없습니다.', home: '병원 홈',
    // navigation
    profile: '내 정보', records: '진료 기록', appointments: '예약', labs: '검사 결과', images: '영상 검사', receipts: '진료비', accessLog: '열람 기록',
    notLinked: '이 계정은 아직 병원 진료 기록(환자번호)과 연결되지 않았습니다. 진료 기록·예약 신청은 원무과에서 연결한 뒤 이용할 수 있습니다.',
    recentRecords: '최근 진료 기록', noRecords: '서명된 진료 기록이 없습니다.', seeAll: '전체 보기',
    // sign-up
    signupTitle: '환자 회원가입', accountId: '아이디', accountIdHint: '영문·숫자·._- 4~32자', email: '이메일', name: '이름', passwordHint: '10자 이상, 영문자와 숫자 포함, 아이디 포함 불가',
    passwordConfirm: '비밀번호 확인', passwordMismatch: '비밀번호가 서로 다릅니다.', birthDate: '생년월일', phone: '전화번호 (선택)', patientNumber: '환자번호 (선택)',
    patientNumberHint: '병원에서 받은 환자번호(P로 시작)를 이름·생년월일과 함께 입력하면 진료 기록이 연결됩니다.', signUp: '가입하기', signingUp: '가입 중…',
    signupFailed: '가입하지 못했습니다. 표시된 항목을 확인하세요.', fieldRequired: '필수 항목입니다.', haveAccount: '이미 계정이 있으신가요? 로그인',
    signedUp: '가입이 완료되었습니다. 로그인하세요.', signedUpLinked: '가입이 완료되었고 진료 기록(환자번호 {number})이 연결되었습니다. 로그인하세요.',
    invalid_accountId: '아이디는 영문·숫자·._- 4~32자입니다.', invalid_email: '이메일 형식이 올바르지 않습니다.', invalid_name: '이름을 입력하세요 (100자 이하).',
    invalid_password: '비밀번호를 입력하세요.', invalid_birthDate: '생년월일을 YYYY-MM-DD 형식으로 입력하세요.', invalid_phone: '전화번호는 숫자·+·- 7~20자입니다.', invalid_patientNumber: '환자번호는 20자 이하입니다.',
    // profile
    account: '계정', chart: '진료 기록 (차트)', chartNumber: '환자번호', gender: '성별', age: '나이', bloodType: '혈액형', address: '주소', emergencyContact: '비상 연락처',
    medicalHistory: '병력', F: '여', M: '남', O: '기타', years: '{n}세', daysN: '{n}일', phoneNumber: '전화번호',
    // records and prescriptions
    visitDate: '진료일', diagnosis: '진단', details: '내용', symptoms: '증상', treatment: '치료', certificate: '진단서 PDF', certificatePurpose: '진단서 용도 (선택)',
    certificatePurposeHint: '예: 보험 청구용, 회사 제출용', prescriptions: '처방', prescribedOn: '처방일', drugs: '약', duration: '기간', prescriptionPdf: '처방전 PDF',
    noPrescriptions: '처방이 없습니다.', downloading: '받는 중…', downloadFailed: '내려받지 못했습니다',
    // appointments
    myAppointments: '내 예약', noAppointments: '예약이 없습니다.', title: '내용', memo: '메모', requestTitle: '예약 신청', chooseDepartment: '진료과',
    chooseDoctor: '의사', choose: '선택하세요', date: '날짜', slots: '예약 가능한 시간', noSlots: '이 날은 예약 가능한 시간이 없습니다. 다른 날을 고르세요.',
    pickDoctorFirst: '진료과와 의사를 먼저 고르세요.', memoLabel: '증상·요청 사항 (선택)', request: '예약 신청하기', requesting: '신청 중…',
    requested: '{when} {doctor} 선생님 진료가 신청되었습니다. 원무과에서 확정하면 예약이 확정됩니다.', pickSlot: '시간을 고르세요.', hours: '진료 시간',
    requestNote: '신청한 예약은 원무과 확인 후 확정됩니다. 시작 전의 신청·예약은 아래 목록에서 취소할 수 있고, 변경은 원무과(대표전화)로 문의하세요.', cancel: '예약 취소', cancelColumn: '취소', cancelConfirm: '{when} 예약을 취소할까요?', noDoctors: '이 진료과에는 예약 가능한 의사가 없습니다.',
    // labs
    labsIntro: '확정된 검사 결과만 표시됩니다. 음영은 참고 범위, 빨간 점은 범위를 벗어난 값입니다.', noLabs: '확정된 검사 결과가 없습니다.', latest: '최근 값',
    reference: '참고 범위', flag: '판정', resultedAt: '결과일', analyte: '검사 항목', value: '결과',
    // images
    studies: '내 영상 검사', noImages: '영상 검사가 없습니다.', takenDate: '촬영일', description: '검사', bodyPart: '부위', preview: '미리보기', hidePreview: '닫기',
    previewOf: '{name} 미리보기', reports: '판독 결과', noReports: '공개된 판독 결과가 없습니다. 담당 의사가 확인한 뒤 공개합니다.', findings: '소견', conclusion: '결론',
    recommendations: '권고', reportDate: '판독일', amended: '정정됨',
    // receipts
    billNumber: '영수증 번호', servicePeriod: '진료 기간', careSetting: '구분', OUTPATIENT: '외래', INPATIENT: '입원', total: '총 진료비', insurer: '공단 부담',
    patientShare: '본인 부담', paid: '납부', receiptPdf: '영수증 PDF', noReceipts: '진료비 내역이 없습니다.',
    // access log
    accessLogIntro: '내 진료 기록을 열람한 병원 직원과 시각입니다.', staffName: '직원', role: '직종', action: '작업', resource: '대상', breakGlass: '응급 열람',
    noAccess: '열람 기록이 없습니다.', search: '조회', read: '열람', create: '작성', update: '수정', delete: '삭제', export: '내보내기',
  },
  en: {
    portal: 'CDSS Hospital patient portal', loginTitle: 'Patient sign-in', login: 'Account id or email', password: 'Password', signIn: 'Sign in', signingIn: 'Signing in…',
    required: 'Enter your account id (or email) and password.', noAccount: 'No account yet? Sign up', staffLogin: 'Hospital staff? Staff sign-in',
    dashboard: 'My health', upcoming: 'Upcoming appointments', noUpcoming: 'No upcoming appointments.', medications: 'Current medications', allergies: 'Allergies',
    none: 'None', latestVitals: 'Latest vitals', diagnoses: 'Recent diagnoses', when: 'When', doctor: 'Doctor', department: 'Department', status: 'Status',
    staffToken: 'Staff accounts cannot use the patient portal.', home: 'Hospital home',
    profile: 'My details', records: 'Records', appointments: 'Appointments', labs: 'Lab results', images: 'Imaging', receipts: 'Bills', accessLog: 'Access log',
    notLinked: 'This account is not linked to a hospital chart yet. Records and appointment requests become available once the front desk links it.',
    recentRecords: 'Recent records', noRecords: 'No signed records.', seeAll: 'See all',
    signupTitle: 'Patient sign-up', accountId: 'Account id', accountIdHint: '4–32 letters, digits, . _ -', email: 'Email', name: 'Name', passwordHint: 'At least 10 characters with letters and digits; not containing the account id',
    passwordConfirm: 'Confirm password', passwordMismatch: 'The passwords differ.', birthDate: 'Date of birth', phone: 'Phone (optional)', patientNumber: 'Chart number (optional)',
    patientNumberHint: 'Enter the chart number the hospital gave you (starts with P) with your name and date of birth to link your records.', signUp: 'Sign up', signingUp: 'Signing up…',
    signupFailed: 'Could not sign up. Check the marked fields.', fieldRequired: 'Required.', haveAccount: 'Already have an account? Sign in',
    signedUp: 'You are signed up. Sign in now.', signedUpLinked: 'You are signed up and your chart ({number}) is linked. Sign in now.',
    invalid_accountId: '4–32 letters, digits, . _ -.', invalid_email: 'Not a valid email address.', invalid_name: 'Enter your name (at most 100 characters).',
    invalid_password: 'Enter a password.', invalid_birthDate: 'Enter the date as YYYY-MM-DD.', invalid_phone: 'Phone: 7–20 digits, + or -.', invalid_patientNumber: 'At most 20 characters.',
    account: 'Account', chart: 'Chart', chartNumber: 'Chart number', gender: 'Sex', age: 'Age', bloodType: 'Blood type', address: 'Address', emergencyContact: 'Emergency contact',
    medicalHistory: 'Medical history', F: 'Female', M: 'Male', O: 'Other', years: '{n} years', daysN: '{n} days', phoneNumber: 'Phone',
    visitDate: 'Visit date', diagnosis: 'Diagnosis', details: 'Details', symptoms: 'Symptoms', treatment: 'Treatment', certificate: 'Certificate PDF', certificatePurpose: 'Certificate purpose (optional)',
    certificatePurposeHint: 'e.g. insurance claim, employer', prescriptions: 'Prescriptions', prescribedOn: 'Prescribed', drugs: 'Medicines', duration: 'Duration', prescriptionPdf: 'Prescription PDF',
    noPrescriptions: 'No prescriptions.', downloading: 'Downloading…', downloadFailed: 'Download failed',
    myAppointments: 'My appointments', noAppointments: 'No appointments.', title: 'Visit', memo: 'Memo', requestTitle: 'Request an appointment', chooseDepartment: 'Department',
    chooseDoctor: 'Doctor', choose: 'Choose', date: 'Date', slots: 'Free times', noSlots: 'No free times that day. Pick another day.',
    pickDoctorFirst: 'Choose a department and a doctor first.', memoLabel: 'Symptoms or requests (optional)', request: 'Request appointment', requesting: 'Requesting…',
    requested: 'Requested {when} with Dr. {doctor}. The front desk will confirm it.', pickSlot: 'Pick a time.', hours: 'Hours',
    requestNote: 'Requests are confirmed by the front desk. Cancel a request or booking that has not started in the list below; to change one, call the front desk.', cancel: 'Cancel appointment', cancelColumn: 'Cancel', cancelConfirm: 'Cancel the appointment on {when}?', noDoctors: 'No doctor of this department takes appointments.',
    labsIntro: 'Only verified results are shown. The shaded band is the reference range; red dots are outside it.', noLabs: 'No verified lab results.', latest: 'Latest',
    reference: 'Reference', flag: 'Flag', resultedAt: 'Date', analyte: 'Test', value: 'Result',
    studies: 'My imaging studies', noImages: 'No imaging studies.', takenDate: 'Taken', description: 'Study', bodyPart: 'Body part', preview: 'Preview', hidePreview: 'Close',
    previewOf: 'Preview of {name}', reports: 'Radiology reports', noReports: 'No released reports. Your doctor releases them after review.', findings: 'Findings', conclusion: 'Conclusion',
    recommendations: 'Recommendations', reportDate: 'Reported', amended: 'Amended',
    billNumber: 'Receipt number', servicePeriod: 'Period', careSetting: 'Setting', OUTPATIENT: 'Outpatient', INPATIENT: 'Inpatient', total: 'Total', insurer: 'Insurer pays',
    patientShare: 'You pay', paid: 'Paid', receiptPdf: 'Receipt PDF', noReceipts: 'No bills.',
    accessLogIntro: 'Hospital staff who opened your records, and when.', staffName: 'Staff', role: 'Role', action: 'Action', resource: 'What', breakGlass: 'Emergency access',
    noAccess: 'No accesses recorded.', search: 'Search', read: 'Read', create: 'Create', update: 'Update', delete: 'Delete', export: 'Export',
  },
});

export type MessageKey = Parameters<typeof t>[0];
