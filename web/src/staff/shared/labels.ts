import { defineMessages } from '../../shared/i18n';

/** Status codes the API answers, in words (appointments, records, orders, reports, studies). */
const labels = defineMessages({
  ko: {
    REQUESTED: '예약 요청', BOOKED: '예약', CHECKED_IN: '접수', IN_CONSULTATION: '진료 중', COMPLETED: '완료', CANCELLED: '취소', NO_SHOW: '미내원',
    DRAFT: '작성 중', SIGNED: '서명됨', AMENDED: '정정됨', PRELIMINARY: '예비 판독', FINAL: '최종', PENDING: '대기', ORDERED: '처방', IN_PROGRESS: '진행 중',
    SCHEDULED: '촬영 예약', ACQUIRED: '촬영 완료', REPORTED: '판독 완료', WAITING: '촬영 대기', STARTED: '촬영 중', READING: '판독 중', AWAITING_READ: '판독 대기',
    ACTIVE: '투약 중', DISCONTINUED: '중단', OPEN: '미수납', PARTIALLY_PAID: '부분 수납', PAID: '수납 완료',
    QUEUED: '대기', RUNNING: '분석 중', DONE: '완료', FAILED: '실패', ROUTINE: '일반', URGENT: '응급', STAT: '초응급',
  },
  en: {
    REQUESTED: 'Requested', BOOKED: 'Booked', CHECKED_IN: 'Checked in', IN_CONSULTATION: 'In consultation', COMPLETED: 'Completed', CANCELLED: 'Cancelled', NO_SHOW: 'No-show',
    DRAFT: 'Draft', SIGNED: 'Signed', AMENDED: 'Amended', PRELIMINARY: 'Preliminary', FINAL: 'Final', PENDING: 'Pending', ORDERED: 'Ordered', IN_PROGRESS: 'In progress',
    SCHEDULED: 'Scheduled', ACQUIRED: 'Acquired', REPORTED: 'Reported', WAITING: 'Waiting', STARTED: 'Started', READING: 'Reading', AWAITING_READ: 'Awaiting read',
    ACTIVE: 'Active', DISCONTINUED: 'Discontinued', OPEN: 'Open', PARTIALLY_PAID: 'Partially paid', PAID: 'Paid',
    QUEUED: 'Queued', RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed', ROUTINE: 'Routine', URGENT: 'Urgent', STAT: 'STAT',
  },
});

type Code = Parameters<typeof labels>[0];
export const statusLabel = (code: string) => labels(code as Code);
