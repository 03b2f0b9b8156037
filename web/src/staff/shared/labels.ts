import { defineMessages } from '../../shared/i18n';

/**
 * Status codes the API answers, in words (appointments, records, orders, reports, studies, images,
 * bills, AI analyses). The imaging words are the server's own (lib/rules/ris-status.ts,
 * IMAGE_STATUSES: 촬영대기 … 판독완료), so a screen and the server's `status_label` agree.
 */
const labels = defineMessages({
  ko: {
    REQUESTED: '예약 요청', BOOKED: '예약', CHECKED_IN: '접수', IN_CONSULTATION: '진료 중', COMPLETED: '완료', CANCELLED: '취소', NO_SHOW: '미내원',
    DRAFT: '작성 중', SIGNED: '서명됨', AMENDED: '정정됨', PRELIMINARY: '예비 판독', FINAL: '최종', PENDING: '대기', ORDERED: '처방', IN_PROGRESS: '진행 중',
    SCHEDULED: '촬영 예약', ACQUIRED: '촬영완료', TAKEN: '촬영완료', REPORTED: '판독 완료', WAITING: '촬영대기', STARTED: '촬영 중', READING: '판독중',
    AWAITING_READ: '판독대기', READ: '판독완료',
    ACTIVE: '투약 중', DISCONTINUED: '중단', OPEN: '미수납', PARTIALLY_PAID: '부분 수납', PAID: '수납 완료', REFUNDED: '환불',
    QUEUED: '대기', RUNNING: '분석 중', DONE: '완료', FAILED: '실패', ROUTINE: '일반', URGENT: '응급', STAT: '초응급',
    PASSED: '정상', WARNING: '주의', RESOLVED: '확인완료',
  },
  en: {
    REQUESTED: 'Requested', BOOKED: 'Booked', CHECKED_IN: 'Checked in', IN_CONSULTATION: 'In consultation', COMPLETED: 'Completed', CANCELLED: 'Cancelled', NO_SHOW: 'No-show',
    DRAFT: 'Draft', SIGNED: 'Signed', AMENDED: 'Amended', PRELIMINARY: 'Preliminary', FINAL: 'Final', PENDING: 'Pending', ORDERED: 'Ordered', IN_PROGRESS: 'In progress',
    SCHEDULED: 'Scheduled', ACQUIRED: 'Acquired', TAKEN: 'Acquired', REPORTED: 'Reported', WAITING: 'Waiting', STARTED: 'Started', READING: 'Reading',
    AWAITING_READ: 'Awaiting read', READ: 'Read',
    ACTIVE: 'Active', DISCONTINUED: 'Discontinued', OPEN: 'Open', PARTIALLY_PAID: 'Partially paid', PAID: 'Paid', REFUNDED: 'Refunded',
    QUEUED: 'Queued', RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed', ROUTINE: 'Routine', URGENT: 'Urgent', STAT: 'STAT',
    PASSED: 'Passed', WARNING: 'Warning', RESOLVED: 'Signed off',
  },
});

/**
 * The few codes whose words depend on what they describe: a RIS entry or image `IN_PROGRESS` is
 * being acquired (촬영중, an order's is 진행 중), an image `REQUESTED` is a requested acquisition
 * (not an appointment request); a QC verdict `PENDING` is not checked yet and `FAILED` is a bad
 * image (불량, where an AI analysis that failed is 실패).
 */
const imaging = defineMessages({
  ko: { IN_PROGRESS: '촬영중', REQUESTED: '촬영요청' },
  en: { IN_PROGRESS: 'In progress', REQUESTED: 'Requested' },
});
const qc = defineMessages({
  ko: { PENDING: '검사대기', FAILED: '불량' },
  en: { PENDING: 'Not checked', FAILED: 'Failed' },
});

type Code = Parameters<typeof labels>[0];
type ImagingCode = Parameters<typeof imaging>[0];
type QcCode = Parameters<typeof qc>[0];
const has = (map: readonly string[], code: string) => map.includes(code);

/** Any status code in words; an unknown code is shown as it came. */
export const statusLabel = (code: string) => labels(code as Code);
/** A RIS entry's or an image's status in words (촬영대기 → 촬영중 → … → 판독완료). */
export const imagingStatusLabel = (code: string) => (has(['IN_PROGRESS', 'REQUESTED'], code) ? imaging(code as ImagingCode) : statusLabel(code));
/** An image's quality-check verdict in words (정상, 주의, 불량, 확인완료, 검사대기). */
export const qcLabel = (code: string) => (has(['PENDING', 'FAILED'], code) ? qc(code as QcCode) : statusLabel(code));
/** The badge class of a QC verdict. */
export const qcTone = (code: string) => ({ PASSED: 'badge-ok', RESOLVED: 'badge-ok', WARNING: 'badge-warn', FAILED: 'badge-alert' } as Record<string, string>)[code] ?? '';
