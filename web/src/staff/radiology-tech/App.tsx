import type { JSX } from 'solid-js';
import { RoleShell } from '../shared/RoleShell';
import { t as common } from '../shared/messages';
import { t } from './messages';

/** `/radiology-tech/*`. */
export default function RadiographerApp(props: { children?: JSX.Element }) {
  return (
    <RoleShell role="radiology_technician" base="/radiology-tech" appName={`CDSS · ${t('app')}`} nav={[
      { href: '/radiology-tech', label: common('dashboard'), end: true },
      { href: '/radiology-tech/schedule', label: t('schedule') },
      { href: '/radiology-tech/upload', label: t('upload') },
      { href: '/radiology-tech/history', label: t('history') },
      { href: '/radiology-tech/chat', label: common('chat') },
      { href: '/radiology-tech/notifications', label: common('notifications') },
    ]}>
      {props.children}
    </RoleShell>
  );
}
