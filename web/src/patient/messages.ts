import { defineMessages } from '../shared/i18n';

export const t = defineMessages({
  ko: {
    portal: 'CDSS 병원 환자 포털', loginTitle: '환자 로그인', login: '아이디 또는 이메일', password: '비밀번호', signIn: '로그인', signingIn: '로그인 중…',
    required: '아이디(또는 이메일)와 비밀번호를 입력하세요.', noAccount: '계정이 없으신가요? 회원가입', staffLogin: '병원 직원이신가요? 의료진 로그인',
    dashboard: '내 건강', upcoming: '다가오는 예약', noUpcoming: '예정된 예약이 없습니다.', medications: '복용 중인 약', allergies: '알레르기',
    none: '없음', latestVitals: '최근 활력징후', diagnoses: '최근 진단', when: '일시', doctor: '의료진', department: '진료과', status: '상태',
    staffToken: '의료진 계정으로는 환자 포털을 이용할 수 없습니다.', home: '병원 홈',
  },
  en: {
    portal: 'CDSS Hospital patient portal', loginTitle: 'Patient sign-in', login: 'Account id or email', password: 'Password', signIn: 'Sign in', signingIn: 'Signing in…',
    required: 'Enter your account id (or email) and password.', noAccount: 'No account yet? Sign up', staffLogin: 'Hospital staff? Staff sign-in',
    dashboard: 'My health', upcoming: 'Upcoming appointments', noUpcoming: 'No upcoming appointments.', medications: 'Current medications', allergies: 'Allergies',
    none: 'None', latestVitals: 'Latest vitals', diagnoses: 'Recent diagnoses', when: 'When', doctor: 'Doctor', department: 'Department', status: 'Status',
    staffToken: 'Staff accounts cannot use the patient portal.', home: 'Hospital home',
  },
});
