import { defineMessages } from '../../shared/i18n';

export const t = defineMessages({
  ko: {
    app: '간호사', dashboard: '대시보드', todayAppointments: '오늘 진료 예약', assignedPatients: '담당 환자', dosesDue: '오늘 투약',
    overdue: '투약 지연', abnormalVitals: '이상 활력징후 (24시간)', specimens: '채혈 대기', criticals: '미확인 위험 결과',
    medications: '오늘 투약 일정', time: '예정 시각', patient: '환자', drug: '약품', dose: '용량', route: '경로', status: '상태',
    notCharted: '미기록', noDoses: '오늘 예정된 투약이 없습니다.',
  },
  en: {
    app: 'Nurse', dashboard: 'Dashboard', todayAppointments: "Today's appointments", assignedPatients: 'Assigned patients', dosesDue: 'Doses today',
    overdue: 'Overdue doses', abnormalVitals: 'Abnormal vitals (24 h)', specimens: 'Specimens to collect', criticals: 'Unacknowledged critical results',
    medications: "Today's medication schedule", time: 'Due', patient: 'Patient', drug: 'Drug', dose: 'Dose', route: 'Route', status: 'Status',
    notCharted: 'Not charted', noDoses: 'No doses due today.',
  },
});
