import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApp } from '../app-context';
import { t } from './messages';
import type { UnreadCount } from './types';

/** The header's link to the notification list with the unread count (red while a critical one waits). */
export function NotificationBadge(props: { href: string; apiBase: string }) {
  const { api } = useApp();
  const counts = createQuery(() => ({ queryKey: ['notifications', 'unread-count'], queryFn: () => api.get<UnreadCount>(`${props.apiBase}/unread-count`) }));
  return (
    // The name comes from the content (no aria-label), so what is read out contains what is seen:
    // "알림 (읽지 않음 3건)"; the visible count is hidden from assistive technology, the words say it.
    <A href={props.href} class="notification-link">
      {t('notifications')}<span class="visually-hidden">{t('unreadSuffix', { n: counts.data?.unread ?? 0 })}</span>
      <Show when={(counts.data?.unread ?? 0) > 0}> <span class="badge" aria-hidden="true" classList={{ 'badge-alert': (counts.data?.unacknowledged ?? 0) > 0 }}>{counts.data!.unread}</span></Show>
    </A>
  );
}
