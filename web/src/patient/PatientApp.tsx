import { Navigate, useLocation, useNavigate } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { useApp } from '../shared/app-context';
import { AppShell } from '../shared/ui/AppShell';
import { t } from './messages';

/** `/patient/*`: signed-in patients only; a signed-out visitor goes to `/login` and comes back. */
export default function PatientApp(props: { children?: JSX.Element }) {
  const { session } = useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const logout = async () => {
    await session.logout();
    navigate('/login', { replace: true });
  };
  return (
    <Show when={session.me()?.realm === 'patient'} fallback={<Navigate href={`/login?next=${encodeURIComponent(location.pathname)}`} />}>
      <AppShell appName={t('portal')} userLabel={session.me()!.name} onLogout={logout} nav={[
        { href: '/patient', label: t('dashboard'), end: true },
        { href: '/patient/appointments', label: t('appointments') },
        { href: '/patient/records', label: t('records') },
        { href: '/patient/labs', label: t('labs') },
        { href: '/patient/images', label: t('images') },
        { href: '/patient/receipts', label: t('receipts') },
        { href: '/patient/access-log', label: t('accessLog') },
        { href: '/patient/profile', label: t('profile') },
      ]}>
        {props.children}
      </AppShell>
    </Show>
  );
}
