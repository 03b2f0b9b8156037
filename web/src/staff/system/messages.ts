import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '시스템 관리', dashboard: '직원 계정', staff: '직원 계정', username: '아이디', name: '이름', role: '직군', department: '부서', active: '상태',
    enabled: '사용', disabled: '중지', audit: '감사 로그', chain: '감사 로그 무결성', intact: '정상', broken: '손상됨', checked: '{n}건 검사',
    search: '검색 (아이디·성)', allRoles: '전체 직군', create: '계정 만들기', creating: '만드는 중…', none: '없음',
    temporary: '임시 비밀번호 (한 번만 표시됩니다): {password}', disable: '사용 중지', enable: '사용 재개', reset: '비밀번호 초기화',
    actions: '관리', lastLogin: '최근 로그인', when: '일시', user: '사용자', action: '행위', resource: '대상', patient: '환자', outcome: '결과',
    ip: 'IP', from: '시작일', to: '종료일', userId: '사용자 번호', patientId: '환자 번호', allOutcomes: '전체 결과', filter: '조회',
    success: '성공', denied: '거부', error: '오류', breakGlass: '비상 접근', ADMINISTRATION: '원무', RADIOLOGY: '영상의학',
  },
  en: {
    app: 'System administration', dashboard: 'Staff accounts', staff: 'Staff accounts', username: 'Username', name: 'Name', role: 'Role', department: 'Department', active: 'Status',
    enabled: 'Enabled', disabled: 'Disabled', audit: 'Audit log', chain: 'Audit chain', intact: 'Intact', broken: 'Broken', checked: '{n} rows checked',
    search: 'Search (username, family name)', allRoles: 'All roles', create: 'Create account', creating: 'Creating…', none: 'None',
    temporary: 'Temporary password (shown once): {password}', disable: 'Disable', enable: 'Enable', reset: 'Reset password',
    actions: 'Actions', lastLogin: 'Last sign-in', when: 'When', user: 'User', action: 'Action', resource: 'Resource', patient: 'Patient', outcome: 'Outcome',
    ip: 'IP', from: 'From', to: 'To', userId: 'User id', patientId: 'Patient id', allOutcomes: 'All outcomes', filter: 'Filter',
    success: 'Success', denied: 'Denied', error: 'Error', breakGlass: 'Break-glass', ADMINISTRATION: 'Administration', RADIOLOGY: 'Radiology',
  },
});
