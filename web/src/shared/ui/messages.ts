import { defineMessages } from '../i18n';

/** Words the shared components use. */
export const t = defineMessages({
  ko: {
    loading: '불러오는 중…',
    retry: '다시 시도',
    empty: '표시할 항목이 없습니다.',
    errorTitle: '문제가 발생했습니다',
    forbidden: '이 화면을 볼 권한이 없습니다.',
    previous: '이전',
    next: '다음',
    page: '{page} / {pages} 쪽',
    logout: '로그아웃',
    language: 'English',
    skip: '본문으로 건너뛰기',
    menu: '메뉴',
    notifications: '알림',
    requestId: '요청 번호',
  },
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    empty: 'Nothing to show.',
    errorTitle: 'Something went wrong',
    forbidden: 'You may not open this screen.',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {page} of {pages}',
    logout: 'Sign out',
    language: '한국어',
    skip: 'Skip to content',
    menu: 'Menu',
    notifications: 'Notifications',
    requestId: 'Request id',
  },
});
