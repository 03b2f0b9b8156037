import type { JSX } from 'solid-js';
import { RoleShell } from '../shared/RoleShell';
import { t as common } from '../shared/messages';
import { t } from './messages';

/** `/nurse/*`. */
export default function NurseApp(props: { children?: JSX.Element }) {
  return (
    <RoleShell role="nurse" base="/nurse" appName={`CDSS · ${t('app')}`} nav={[
      { href: '/nurse', label: common('dashboard'), end: true },
      { href: '/nurse/ward', label: t('wardOverview') },
      { href: '/nurse/patients', label: t('patients') },
      { href: '/nurse/tasks', label: t('tasks') },
      { href: '/nurse/chat', label: common('chat') },
      { href: '/nurse/notifications', label: common('notifications') },
    ]}>
      {props.children}
    </RoleShell>
  );
}
