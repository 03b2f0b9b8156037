import { defineMessages } from '../../shared/i18n';

/** Words shared by the staff role apps. */
export const t = defineMessages({
  ko: {
    notifications: '알림',
    dashboard: '대시보드',
    patients: '환자',
    chat: '채팅',
    rooms: '대화방', findColleague: '동료 찾기 (이름)', start: '대화 시작', noRooms: '대화가 없습니다. 동료를 찾아 대화를 시작하세요.',
    chooseRoom: '왼쪽에서 대화방을 고르세요.', chatMessage: '메시지',
    unread: '안 읽음 {n}', direct: '일대일', group: '그룹', consultation: '진료상담',
  },
  en: {
    notifications: 'Notifications',
    dashboard: 'Dashboard',
    patients: 'Patients',
    chat: 'Chat',
    rooms: 'Conversations', findColleague: 'Find a colleague (name)', start: 'Start', noRooms: 'No conversations yet. Find a colleague to start one.',
    chooseRoom: 'Choose a conversation on the left.', chatMessage: 'Message',
    unread: '{n} unread', direct: 'Direct', group: 'Group', consultation: 'Consultation',
  },
});
