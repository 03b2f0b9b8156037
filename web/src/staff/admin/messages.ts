import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '원무과', dashboard: '대시보드', todayAppointments: '오늘 예약', queue: '접수 대기', billed: '오늘 청구액', received: '오늘 수납액',
    queueTitle: '오늘 접수 현황', time: '시간', patient: '환자', department: '진료과', status: '상태', noQueue: '오늘 접수 대기가 없습니다.',
    settlement: '일일 정산', card: '카드', cash: '현금', net: '순수납', bills: '청구 건수',
  },
  en: {
    app: 'Front desk', dashboard: 'Dashboard', todayAppointments: "Today's appointments", queue: 'Reception queue', billed: 'Billed today', received: 'Received today',
    queueTitle: "Today's reception", time: 'Time', patient: 'Patient', department: 'Department', status: 'Status', noQueue: 'Nobody is waiting today.',
    settlement: 'Daily settlement', card: 'Card', cash: 'Cash', net: 'Net received', bills: 'Bills',
  },
});
