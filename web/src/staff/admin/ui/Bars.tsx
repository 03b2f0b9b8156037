import { For } from 'solid-js';

export interface Bar { label: string; value: number; text?: string }

/**
 * Simple horizontal bars as a real table (label, bar, number), so the numbers are read the same
 * way by eye and by a screen reader; widths are relative to the largest value.
 */
export function Bars(props: { caption: string; bars: Bar[]; valueHeader: string; labelHeader: string }) {
  const max = () => Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption>{props.caption}</caption>
        <thead><tr><th scope="col">{props.labelHeader}</th><th scope="col" class="numeric" style={{ 'white-space': 'nowrap' }}>{props.valueHeader}</th><th scope="col"><span class="visually-hidden">{props.valueHeader}</span></th></tr></thead>
        <tbody>
          <For each={props.bars}>{(b) => (
            <tr>
              <th scope="row" style={{ 'font-weight': 'normal', 'white-space': 'nowrap' }}>{b.label}</th>
              <td class="numeric" style={{ 'white-space': 'nowrap' }}>{b.text ?? b.value}</td>
              <td style={{ width: '50%', 'min-width': '4rem' }} aria-hidden="true">
                <div style={{ background: 'var(--brand)', height: '0.9rem', 'border-radius': '3px', width: `${(b.value / max()) * 100}%`, 'min-width': b.value > 0 ? '2px' : '0' }} />
              </td>
            </tr>
          )}</For>
        </tbody>
      </table>
    </div>
  );
}
