import { defineMessages } from '../i18n';

/** The notification list and badge, for staff and patients alike. */
export const t = defineMessages({
  ko: {
    notifications: '알림',
    unreadSuffix: ' (읽지 않음 {n}건)',
    unreadOnly: '읽지 않은 알림만',
    markRead: '읽음',
    markAllRead: '모두 읽음',
    acknowledge: '확인 (필수)',
    acknowledged: '확인됨',
    noNotifications: '알림이 없습니다.',
    type: '종류',
    title: '제목',
    message: '내용',
    when: '시각',
    actions: '처리',
    open: '보기',
    APPOINTMENT: '예약', ANALYSIS_DONE: '분석완료', RESULT: '결과', ALERT: '알림', MESSAGE: '메시지',
  },
  en: {
    notifications: 'Notifications',
    unreadSuffix: ' ({n} unread)',
    unreadOnly: 'Unread only',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    acknowledge: 'Acknowledge (required)',
    acknowledged: 'Acknowledged',
    noNotifications: 'No notifications.',
    type: 'Type',
    title: 'Title',
    message: 'Message',
    when: 'When',
    actions: 'Actions',
    open: 'Open',
    APPOINTMENT: 'Appointment', ANALYSIS_DONE: 'Analysis done', RESULT: 'Result', ALERT: 'Alert', MESSAGE: 'Message',
  },
});
