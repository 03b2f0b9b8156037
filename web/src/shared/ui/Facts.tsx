import { For, type JSX } from 'solid-js';

/** A few labelled facts side by side (a definition list that wraps on a phone). */
export function Facts(props: { items: [label: string, value: JSX.Element][] }) {
  return (
    <dl class="form-row" style={{ margin: '0 0 0.75rem' }}>
      <For each={props.items}>{([label, value]) => (
        <div>
          <dt class="muted">{label}</dt>
          <dd style={{ margin: 0, 'font-weight': 600 }}>{value}</dd>
        </div>
      )}</For>
    </dl>
  );
}
