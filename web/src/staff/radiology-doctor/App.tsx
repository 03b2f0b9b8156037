import type { JSX } from 'solid-js';
import { RoleShell } from '../shared/RoleShell';
import { t as common } from '../shared/messages';
import { t } from './messages';

/** `/radiology-doctor/*`. */
export default function RadiologistApp(props: { children?: JSX.Element }) {
  return (
    <RoleShell role="radiologist" base="/radiology-doctor" appName={`CDSS · ${t('app')}`} nav={[
      { href: '/radiology-doctor', label: common('dashboard'), end: true },
      { href: '/radiology-doctor/worklist', label: t('worklist') },
      { href: '/radiology-doctor/reports', label: t('reports') },
      { href: '/radiology-doctor/statistics', label: t('statistics') },
      { href: '/radiology-doctor/chat', label: common('chat') },
      { href: '/radiology-doctor/notifications', label: common('notifications') },
    ]}>
      {props.children}
    </RoleShell>
  );
}
