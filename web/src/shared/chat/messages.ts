import { defineMessages } from '../i18n';

/** One conversation, for staff and patients alike. */
export const t = defineMessages({
  ko: { members: '참여자', me: '나', patientSender: '환자', chatMessage: '메시지', send: '보내기', sending: '보내는 중…', noMessages: '아직 메시지가 없습니다.' },
  en: { members: 'Members', me: 'Me', patientSender: 'Patient', chatMessage: 'Message', send: 'Send', sending: 'Sending…', noMessages: 'No messages yet.' },
});
