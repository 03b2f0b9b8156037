import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '영상의학과', dashboard: '대시보드', worklist: '판독 대기 목록', awaiting: '판독 대기', reading: '판독 중', stat: '초응급',
    signedToday: '오늘 서명한 판독', priority: '우선순위', patient: '환자', procedure: '검사', modality: '장비', ai: 'AI 소견', status: '상태',
    noWork: '판독할 검사가 없습니다.', scheduled: '촬영 일시',
  },
  en: {
    app: 'Radiologist', dashboard: 'Dashboard', worklist: 'Reading worklist', awaiting: 'Awaiting read', reading: 'Reading', stat: 'STAT',
    signedToday: 'Signed today', priority: 'Priority', patient: 'Patient', procedure: 'Procedure', modality: 'Modality', ai: 'AI', status: 'Status',
    noWork: 'Nothing to read.', scheduled: 'Acquired',
  },
});
