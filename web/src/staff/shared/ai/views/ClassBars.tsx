import { For, Show } from 'solid-js';
import type { Classification, ModelCard } from '../types';
import { v } from './messages';

/**
 * A classifier's answer as a small bar list: every class's probability as the server sent it
 * (`probabilities` by label code), named by the model card's labels, most likely first; the chosen
 * class in bold. Only the chosen one when the server sent no per-class probabilities.
 */
export function ClassBars(props: { classification: Classification; cards: ModelCard[] }) {
  const card = () => props.cards.find((c) => c.id === props.classification.modelId);
  const nameOf = (code: string) => card()?.labels?.find((l) => l.code === code)?.name ?? (code === props.classification.code ? props.classification.name : code);
  const rows = () => {
    const all = props.classification.probabilities ?? { [props.classification.code]: props.classification.probability };
    return Object.entries(all).filter(([, p]) => typeof p === 'number').sort((a, b) => b[1] - a[1]);
  };
  return (
    <Show when={rows().length}>
      <ul class="ai-class-bars" aria-label={v('probabilities')} style={{ 'list-style': 'none', padding: 0, margin: '0.25rem 0 0.5rem' }}>
        <For each={rows()}>{([code, p]) => {
          const percent = `${Math.round(p * 1000) / 10}%`;
          return (
            <li style={{ display: 'flex', gap: '0.5rem', 'align-items': 'center' }}>
              <span style={{ 'min-width': '11rem', 'font-weight': code === props.classification.code ? 700 : 400 }}>{nameOf(code)}</span>
              <meter min={0} max={1} value={p} aria-label={`${nameOf(code)} ${percent}`} style={{ width: '10rem' }} />
              <span class="muted">{percent}</span>
            </li>
          );
        }}</For>
      </ul>
    </Show>
  );
}
