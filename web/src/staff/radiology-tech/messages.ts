import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '방사선사', dashboard: '대시보드', todaySchedule: '오늘 촬영 일정', waiting: '촬영 대기', completed: '촬영 완료', requests: '예약 대기 의뢰',
    time: '예약 시각', patient: '환자', procedure: '검사', room: '촬영실', status: '상태', noSchedule: '오늘 촬영 일정이 없습니다.',
  },
  en: {
    app: 'Radiographer', dashboard: 'Dashboard', todaySchedule: "Today's schedule", waiting: 'Waiting', completed: 'Acquired', requests: 'Requests to schedule',
    time: 'Time', patient: 'Patient', procedure: 'Procedure', room: 'Room', status: 'Status', noSchedule: 'Nothing scheduled today.',
  },
});
