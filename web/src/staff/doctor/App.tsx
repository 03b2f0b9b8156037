import type { JSX } from 'solid-js';
import { RoleShell } from '../shared/RoleShell';
import { t as common } from '../shared/messages';
import { t } from './messages';

/** `/doctor/*` (seed §4.1). */
export default function DoctorApp(props: { children?: JSX.Element }) {
  return (
    <RoleShell role="doctor" base="/doctor" appName={`CDSS · ${t('app')}`} nav={[
      { href: '/doctor', label: common('dashboard'), end: true },
      { href: '/doctor/appointments', label: t('appointments') },
      { href: '/doctor/patients', label: t('patientSearch') },
      { href: '/doctor/results', label: t('resultsInbox') },
      { href: '/doctor/hours', label: t('myHours') },
      { href: '/doctor/chat', label: common('chat') },
      { href: '/doctor/notifications', label: common('notifications') },
    ]}>
      {props.children}
    </RoleShell>
  );
}
