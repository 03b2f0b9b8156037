import type { JSX } from 'solid-js';
import { RoleShell } from '../shared/RoleShell';
import { t as common } from '../shared/messages';
import { t } from './messages';
import { t as inquiries } from './inquiries/messages';

/** `/admin/*`. */
export default function FrontDeskApp(props: { children?: JSX.Element }) {
  return (
    <RoleShell role="front_desk" base="/admin" appName={`CDSS · ${t('app')}`} nav={[
      { href: '/admin', label: common('dashboard'), end: true },
      { href: '/admin/patients/new', label: t('register') },
      { href: '/admin/patients', label: t('patients'), end: true },
      { href: '/admin/queue', label: t('queue') },
      { href: '/admin/appointments', label: t('appointments') },
      { href: '/admin/inquiries', label: inquiries('inquiries') },
      { href: '/admin/billing', label: t('billing') },
      { href: '/admin/reports', label: t('reports') },
      { href: '/admin/notifications', label: common('notifications') },
    ]}>
      {props.children}
    </RoleShell>
  );
}
