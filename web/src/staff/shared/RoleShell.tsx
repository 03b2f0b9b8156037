import { useNavigate } from '@solidjs/router';
import { useQueryClient } from '@tanstack/solid-query';
import type { JSX } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { useLiveEvents } from '../../shared/live-events';
import { NotificationBadge } from '../../shared/notifications/NotificationBadge';
import { AppShell, type NavItem } from '../../shared/ui/AppShell';
import { RoleGuard } from '../RoleGuard';
import { roleLabel } from '../messages';

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
  const { session } = useApp();
  const navigate = useNavigate();
  const client = useQueryClient();

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
      headerExtra={<NotificationBadge href={`${props.base}/notifications`} apiBase="/notifications" />}
    >
      {props.children}
    </AppShell>
  );
}
