import { A, useNavigate } from '@solidjs/router';
import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { useLiveEvents } from '../../shared/live-events';
import { AppShell, type NavItem } from '../../shared/ui/AppShell';
import { RoleGuard } from '../RoleGuard';
import { roleLabel } from '../messages';
import { t } from './messages';

export interface UnreadCount {
  unread: number;
  unacknowledged: number;
}

/**
 * The layout of one staff role app: its guard, the shell with its navigation, the notification
 * badge kept live by /ws/events, and server state refreshed when the server says it changed.
 */
export function RoleShell(props: { role: string; base: string; appName: string; nav: NavItem[]; children?: JSX.Element }) {
  return (
    <RoleGuard role={props.role}>
      <SignedInShell {...props} />
    </RoleGuard>
  );
}

function SignedInShell(props: { base: string; appName: string; nav: NavItem[]; children?: JSX.Element }) {
  const { session, api } = useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const counts = createQuery(() => ({ queryKey: ['notifications', 'unread-count'], queryFn: () => api.get<UnreadCount>('/notifications/unread-count') }));

  useLiveEvents(session, (message) => {
    if (message.type === 'ready' || message.type.startsWith('notification')) void client.invalidateQueries({ queryKey: ['notifications'] });
    if (message.type.startsWith('chat.')) void client.invalidateQueries({ queryKey: ['chat'] });
    // A notification usually means the data behind some screen changed (an order step, a result).
    if (message.type === 'notification') void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'notifications' });
  });

  const logout = async () => {
    await session.logout();
    client.clear();
    navigate('/login/medical', { replace: true });
  };

  const me = () => session.me()!;
  return (
    <AppShell
      appName={props.appName}
      nav={props.nav}
      userLabel={`${me().name} · ${roleLabel(me().role)}`}
      onLogout={logout}
      headerExtra={
        <A href={`${props.base}/notifications`} class="notification-link" aria-label={t('notificationsCount', { n: counts.data?.unread ?? 0 })}>
          {t('notifications')}
          <Show when={(counts.data?.unread ?? 0) > 0}> <span class="badge" classList={{ 'badge-alert': (counts.data?.unacknowledged ?? 0) > 0 }}>{counts.data!.unread}</span></Show>
        </A>
      }
    >
      {props.children}
    </AppShell>
  );
}
