import { For, Show } from 'solid-js';
import { ApiError } from '../../../shared/api';
import type { MedicationAlert } from '../types';
import { severityLabel } from './labels';
import { t } from './messages';

/** The alerts a refused order carries (422 OVERRIDE_REQUIRED or MEDICATION_CONTRAINDICATED). */
export const alertsOf = (error: unknown): MedicationAlert[] =>
  (error instanceof ApiError && (error.details as { alerts?: MedicationAlert[] } | undefined)?.alerts) || [];

/** Medication safety alerts, coloured by severity (금기 and 중대 red, 주의 amber), each with its source. */
export function AlertList(props: { alerts: MedicationAlert[] }) {
  return (
    <ul class="alert-list">
      <For each={props.alerts}>{(a) => (
        <li class={a.severity} data-key={a.key}>
          <span class="badge" classList={{ 'badge-alert': a.severity !== 'moderate', 'badge-warn': a.severity === 'moderate' }}>{severityLabel(a.severity)}</span>{' '}
          {a.message}
          <Show when={a.overrideReason}><span class="alert-source">{t('overridden', { reason: a.overrideReason! })}</span></Show>
          <Show when={a.source}><small class="alert-source">{a.source}</small></Show>
        </li>
      )}</For>
    </ul>
  );
}
