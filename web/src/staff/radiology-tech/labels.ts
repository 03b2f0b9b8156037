import { defineMessages } from '../../shared/i18n';
import { statusLabel } from '../shared/labels';

/**
 * The imaging words the shared status labels lack: RIS entry statuses (촬영대기 … 판독완료), image
 * statuses and QC verdicts. Anything else falls back to the shared labels.
 */
const labels = defineMessages({
  ko: {
    WAITING: '촬영대기', IN_PROGRESS: '촬영중', ACQUIRED: '촬영완료', AWAITING_READ: '판독대기', READING: '판독중', READ: '판독완료', CANCELLED: '취소',
    REQUESTED: '촬영요청', TAKEN: '촬영완료', PENDING: '검사대기', PASSED: '정상', WARNING: '주의', FAILED: '불량', RESOLVED: '확인완료',
  },
  en: {
    WAITING: 'Waiting', IN_PROGRESS: 'In progress', ACQUIRED: 'Acquired', AWAITING_READ: 'Awaiting read', READING: 'Reading', READ: 'Read', CANCELLED: 'Cancelled',
    REQUESTED: 'Requested', TAKEN: 'Acquired', PENDING: 'Not checked', PASSED: 'Passed', WARNING: 'Warning', FAILED: 'Failed', RESOLVED: 'Signed off',
  },
});
type Code = Parameters<typeof labels>[0];
const OWN = new Set(['WAITING', 'IN_PROGRESS', 'ACQUIRED', 'AWAITING_READ', 'READING', 'READ', 'CANCELLED', 'REQUESTED', 'TAKEN']);
const QC = new Set(['PENDING', 'PASSED', 'WARNING', 'FAILED', 'RESOLVED']);

/** A RIS entry's or image's status in words. */
export const imagingStatus = (code: string) => (OWN.has(code) ? labels(code as Code) : statusLabel(code));
/** A QC verdict in words. */
export const qcLabel = (code: string) => (QC.has(code) ? labels(code as Code) : code);
/** The badge tone of a QC verdict. */
export const qcTone = (code: string) => ({ PASSED: 'badge-ok', RESOLVED: 'badge-ok', WARNING: 'badge-warn', FAILED: 'badge-alert' } as Record<string, string>)[code] ?? '';

/** Today's date in Korea (YYYY-MM-DD), the hospital's day whatever the browser's zone. */
export const kstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
