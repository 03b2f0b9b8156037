import { For, Show } from 'solid-js';
import { t } from './messages';
import type { VitalFlag } from './types';
import { unitOf } from './vitals';

/** The server's abnormal flags as badges: critical ones in red, others in amber. */
export function AbnormalFlags(props: { flags: VitalFlag[] }) {
  return (
    <Show when={props.flags.length > 0} fallback={<span class="badge badge-ok">{t('allNormal')}</span>}>
      <ul class="alert-list">
        <For each={props.flags}>{(f) => (
          <li classList={{ major: f.critical }}>
            <strong>{t(f.measure as 'pulse')} {f.value} {unitOf(f.measure)}</strong>{' '}
            <span class="badge" classList={{ 'badge-alert': f.critical, 'badge-warn': !f.critical }}>
              {f.flag === 'HIGH' ? '▲' : '▼'} {t(f.flag)}{f.critical ? ` · ${t('critical')}` : ''}
            </span>
          </li>
        )}</For>
      </ul>
    </Show>
  );
}

/** The same flags in one line, for table cells. */
export function FlagBadges(props: { flags: VitalFlag[] }) {
  return (
    <For each={props.flags}>{(f) => (
      <span class="badge" classList={{ 'badge-alert': f.critical, 'badge-warn': !f.critical }}>
        {t(f.measure as 'pulse')} {f.flag === 'HIGH' ? '▲' : '▼'}{f.critical ? ` ${t('critical')}` : ''}
      </span>
    )}</For>
  );
}
