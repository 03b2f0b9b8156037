import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '시스템 관리', dashboard: '직원 계정', staff: '직원 계정', username: '아이디', name: '이름', role: '직군', department: '진료과', active: '상태',
    enabled: '사용', disabled: '중지', audit: '감사 로그', chain: '감사 로그 무결성', intact: '정상', broken: '손상됨',
  },
  en: {
    app: 'System administration', dashboard: 'Staff accounts', staff: 'Staff accounts', username: 'Username', name: 'Name', role: 'Role', department: 'Department', active: 'Status',
    enabled: 'Enabled', disabled: 'Disabled', audit: 'Audit log', chain: 'Audit chain', intact: 'Intact', broken: 'Broken',
  },
});
