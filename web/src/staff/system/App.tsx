import type { JSX } from 'solid-js';
import { RoleShell } from '../shared/RoleShell';
import { t as common } from '../shared/messages';
import { t } from './messages';

/** `/system/*`. */
export default function SystemApp(props: { children?: JSX.Element }) {
  return (
    <RoleShell role="sysadmin" base="/system" appName={`CDSS · ${t('app')}`} nav={[
      { href: '/system', label: t('staff'), end: true },
      { href: '/system/audit', label: t('audit') },
      { href: '/system/notifications', label: common('notifications') },
    ]}>
      {props.children}
    </RoleShell>
  );
}
