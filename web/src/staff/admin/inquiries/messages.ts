import { defineMessages } from '../../../shared/i18n';

/** The front desk's call-back list of appointment inquiries from the public site. */
export const t = defineMessages({
  ko: {
    inquiries: '예약 문의', newInquiries: '새 예약 문의', lead: '홈페이지에서 남긴 예약 문의입니다. 연락한 뒤 결과를 메모로 남기세요. 연락처는 회신에만 씁니다.',
    status: '상태', all: '전체', NEW: '새 문의', CONTACTED: '연락함', CLOSED: '종결',
    received: '접수', reference: '접수번호', name: '이름', phone: '연락처', department: '진료과', preferredDate: '희망일', message: '문의 내용',
    note: '처리 메모', actions: '처리', markContacted: '연락함', close: '종결', saveNote: '메모 저장', none: '예약 문의가 없습니다.', anyDepartment: '미정',
  },
  en: {
    inquiries: 'Appointment inquiries', newInquiries: 'New inquiries', lead: 'Inquiries left on the public site. Call back, then leave the outcome as a note. Numbers are used only to call back.',
    status: 'Status', all: 'All', NEW: 'New', CONTACTED: 'Contacted', CLOSED: 'Closed',
    received: 'Received', reference: 'Reference', name: 'Name', phone: 'Phone', department: 'Department', preferredDate: 'Preferred day', message: 'Question',
    note: 'Note', actions: 'Actions', markContacted: 'Contacted', close: 'Close', saveNote: 'Save note', none: 'No inquiries.', anyDepartment: 'Not chosen',
  },
});
