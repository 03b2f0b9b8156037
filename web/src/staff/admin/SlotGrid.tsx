import { For, Show } from 'solid-js';
import { formatTime } from '../../shared/i18n';
import { t } from './messages';
import type { Slot } from './types';

/**
 * A day's slots as toggle buttons: free ones can be chosen, taken or past ones are shown but
 * disabled, so the desk sees the whole day at once.
 */
export function SlotGrid(props: { slots: Slot[]; selected: string | null; onSelect: (start: string) => void }) {
  return (
    <Show when={props.slots.length > 0} fallback={<p class="muted">{t('noSlots')}</p>}>
      <div role="group" aria-label={t('slots')} style={{ display: 'flex', 'flex-wrap': 'wrap', gap: '0.4rem' }}>
        <For each={props.slots}>{(s) => (
          <button
            type="button"
            class={props.selected === s.start ? undefined : 'secondary'}
            aria-pressed={props.selected === s.start}
            disabled={!s.available}
            aria-label={t('slotLabel', { time: formatTime(s.start), state: s.available ? t('free') : t('taken') })}
            onClick={() => props.onSelect(s.start)}
          >
            {formatTime(s.start)}
          </button>
        )}</For>
      </div>
    </Show>
  );
}
