import { For, Show } from 'solid-js';
import { formatTime } from '../../../shared/i18n';
import { t } from './messages';

/** GET /doctors/{id}/slots: one slot of the day. */
export interface Slot { start: string; end: string; available: boolean }

/**
 * A day's slots as toggle buttons: free ones can be chosen, taken or past ones are shown but
 * disabled, so the whole day is seen at once. The front desk and the doctor book with it.
 */
export function SlotGrid(props: { slots: Slot[]; selected: string | null; onSelect: (start: string) => void }) {
  return (
    <Show when={props.slots.length > 0} fallback={<p class="muted">{t('noSlots')}</p>}>
      <div role="group" aria-label={t('slots')} class="slot-grid">
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
