import { defineMessages } from '../../../shared/i18n';

/**
 * Codes of OCS (lib/rules/order-status.ts, medication-frequency.ts) in words. Order statuses
 * read per type as each department calls them (조제중 for the pharmacy, 검사중 for the lab).
 */
const words = defineMessages({
  ko: {
    PRESCRIPTION: '처방', LAB: '검사', IMAGING: '영상촬영',
    ROUTINE: '일반', URGENT: '긴급', STAT: '응급',
    PENDING: '대기중', SCHEDULED: '촬영예약', IN_PROGRESS: '진행중', ACQUIRED: '촬영완료', REPORTED: '판독완료', COMPLETED: '완료', CANCELLED: '취소',
    'PRESCRIPTION.IN_PROGRESS': '조제중', 'PRESCRIPTION.COMPLETED': '조제완료', 'LAB.IN_PROGRESS': '검사중', 'LAB.COMPLETED': '검사완료', 'IMAGING.IN_PROGRESS': '촬영중',
    contraindicated: '금기', major: '중대', moderate: '주의', dayCount: '{n}일',
    'freq.QD': '1일 1회', 'freq.BID': '1일 2회', 'freq.TID': '1일 3회', 'freq.QID': '1일 4회', 'freq.Q8H': '8시간마다', 'freq.Q12H': '12시간마다',
    'freq.QHS': '취침 전', 'freq.PRN': '필요 시', 'freq.STAT': '즉시 1회',
    'route.PO': '경구', 'route.SL': '설하', 'route.IV': '정맥', 'route.IM': '근육', 'route.SC': '피하', 'route.INH': '흡입', 'route.TOP': '외용', 'route.PR': '직장',
  },
  en: {
    PRESCRIPTION: 'Prescription', LAB: 'Lab', IMAGING: 'Imaging',
    ROUTINE: 'Routine', URGENT: 'Urgent', STAT: 'STAT',
    PENDING: 'Pending', SCHEDULED: 'Scheduled', IN_PROGRESS: 'In progress', ACQUIRED: 'Acquired', REPORTED: 'Reported', COMPLETED: 'Completed', CANCELLED: 'Cancelled',
    'PRESCRIPTION.IN_PROGRESS': 'Dispensing', 'PRESCRIPTION.COMPLETED': 'Dispensed', 'LAB.IN_PROGRESS': 'Testing', 'LAB.COMPLETED': 'Resulted', 'IMAGING.IN_PROGRESS': 'Acquiring',
    contraindicated: 'Contraindicated', major: 'Major', moderate: 'Moderate', dayCount: '{n} days',
    'freq.QD': 'Once daily', 'freq.BID': 'Twice daily', 'freq.TID': 'Three times daily', 'freq.QID': 'Four times daily', 'freq.Q8H': 'Every 8 h', 'freq.Q12H': 'Every 12 h',
    'freq.QHS': 'At bedtime', 'freq.PRN': 'As needed', 'freq.STAT': 'Once, now',
    'route.PO': 'Oral', 'route.SL': 'Sublingual', 'route.IV': 'Intravenous', 'route.IM': 'Intramuscular', 'route.SC': 'Subcutaneous', 'route.INH': 'Inhaled', 'route.TOP': 'Topical', 'route.PR': 'Rectal',
  },
});

type Key = Parameters<typeof words>[0];
const say = (key: string) => words(key as Key);

export const FREQUENCIES = ['QD', 'BID', 'TID', 'QID', 'Q8H', 'Q12H', 'QHS', 'PRN', 'STAT'] as const;
export const ROUTES = ['PO', 'SL', 'IV', 'IM', 'SC', 'INH', 'TOP', 'PR'] as const;
export const PRIORITIES = ['ROUTINE', 'URGENT', 'STAT'] as const;

export const orderTypeLabel = (type: string) => say(type);
export const priorityLabel = (priority: string) => say(priority);
export const dayCountLabel = (n: number) => words('dayCount', { n });
export const severityLabel = (severity: string) => say(severity);
export const frequencyLabel = (code: string) => `${code} · ${say(`freq.${code}`)}`;
export const routeLabel = (code: string) => `${code} · ${say(`route.${code}`)}`;
export function orderStatusLabel(type: string, status: string): string {
  const specific = say(`${type}.${status}`);
  return specific === `${type}.${status}` ? say(status) : specific;
}
