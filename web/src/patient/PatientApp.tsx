import { Navigate, useLocation, useNavigate } from '@solidjs/router';
import { useQueryClient } from '@tanstack/solid-query';
import { Show, type JSX } from 'solid-js';
import { useApp } from '../shared/app-context';
import { useLiveEvents } from '../shared/live-events';
import { NotificationBadge } from '../shared/notifications/NotificationBadge';
import { AppShell } from '../shared/ui/AppShell';
import { t } from './messages';

/** `/patient/*`: signed-in patients only; a signed-out visitor goes to `/login` and comes back. */
export default function PatientApp(props: { children?: JSX.Element }) {
  const { session } = useApp();
  const location = useLocation();
  return (
    <Show when={session.me()?.realm === 'patient'} fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />}>
      <SignedInPortal>{props.children}</SignedInPortal>
    </Show>
  );
}

/**
 * The portal's frame with the notification badge, kept live by /ws/events: a new notice means
 * something of the patient's changed (an appointment, a result), so every screen re-reads.
 */
function SignedInPortal(props: { children?: JSX.Element }) {
  const { session } = useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  useLiveEvents(session, (message) => {
    if (message.type === 'ready' || message.type.startsWith('notification')) void client.invalidateQueries({ queryKey: ['notifications'] });
    if (message.type === 'notification') void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'notifications' });
    if (message.type.startsWith('chat.')) void client.invalidateQueries({ queryKey: ['chat'] });
  });
  const logout = async () => {
    await session.logout();
    client.clear();
    navigate('/login', { replace: true });
  };
  return (
    <AppShell appName={t('portal')} userLabel={session.me()!.name} onLogout={logout}
      headerExtra={<NotificationBadge href="/patient/notifications" apiBase="/portal/notifications" />}
      nav={[
        { href: '/patient', label: t('dashboard'), end: true },
        { href: '/patient/appointments', label: t('appointments') },
        { href: '/patient/records', label: t('records') },
        { href: '/patient/labs', label: t('labs') },
        { href: '/patient/images', label: t('images') },
        { href: '/patient/chat', label: t('chat') },
        { href: '/patient/receipts', label: t('receipts') },
        { href: '/patient/access-log', label: t('accessLog') },
        { href: '/patient/profile', label: t('profile') },
      ]}>
      {props.children}
    </AppShell>
  );
}
