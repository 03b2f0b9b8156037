import { defineMessages } from '../shared/i18n';

export const t = defineMessages({
  ko: {
    platform: 'CDSS 의료진 플랫폼',
    loginTitle: '의료진 로그인',
    loginLead: '병원 직원 계정으로 로그인하세요. 환자는 환자 포털을 이용합니다.',
    username: '아이디',
    password: '비밀번호',
    signIn: '로그인',
    signingIn: '로그인 중…',
    patientPortal: '환자이신가요? 환자 포털 로그인',
    required: '아이디와 비밀번호를 입력하세요.',
    noApp: '이 계정({role})에는 웹 화면이 없습니다. 시스템 연동 계정은 API로 이용합니다.',
    forbiddenTitle: '접근 권한 없음',
    forbiddenBody: '이 화면은 다른 직군의 화면입니다. 내 화면으로 이동하세요.',
    myHome: '내 화면으로',
    doctor: '의사', nurse: '간호사', front_desk: '원무과', radiology_technician: '방사선사', radiologist: '영상의학과 전문의', sysadmin: '시스템 관리자',
  },
  en: {
    platform: 'CDSS staff platform',
    loginTitle: 'Staff sign-in',
    loginLead: 'Sign in with your hospital staff account. Patients use the patient portal.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    patientPortal: 'A patient? Patient portal sign-in',
    required: 'Enter your username and password.',
    noApp: 'This account ({role}) has no web screens; system accounts use the API.',
    forbiddenTitle: 'Not allowed',
    forbiddenBody: 'This screen belongs to another role. Go to your own screens.',
    myHome: 'My screens',
    doctor: 'Doctor', nurse: 'Nurse', front_desk: 'Front desk', radiology_technician: 'Radiographer', radiologist: 'Radiologist', sysadmin: 'System administrator',
  },
});

export const roleLabel = (role: string) => t(role as Parameters<typeof t>[0]);
