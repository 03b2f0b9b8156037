import { For } from 'solid-js';

export interface CompareRow { label: string; mine: number; all: number }

/**
 * Mine against everyone's, one row per measure, as a real table (a number and its bar in each
 * column), so a screen reader reads the numbers the eye compares. Bars are relative to the
 * largest value in the table; the bars themselves are hidden from assistive technology.
 */
export function CompareBars(props: { caption: string; labelHeader: string; mineHeader: string; allHeader: string; rows: CompareRow[] }) {
  const max = () => Math.max(1, ...props.rows.flatMap((r) => [r.mine, r.all]));
  const bar = (value: number, color: string) => (
    <div aria-hidden="true" style={{
      background: color, height: '0.8rem', 'border-radius': '3px', width: `${(value / max()) * 100}%`, 'min-width': value > 0 ? '2px' : '0',
    }} />
  );
  const cell = (value: number, color: string) => (
    <td style={{ width: '40%', 'min-width': '5rem' }}>
      <div style={{ display: 'flex', 'align-items': 'center', gap: '0.5rem' }}>
        <span class="numeric" style={{ 'min-width': '2ch', 'text-align': 'right' }}>{value}</span>
        <div style={{ flex: 1 }}>{bar(value, color)}</div>
      </div>
    </td>
  );
  return (
    // Focusable, so a keyboard can scroll the table sideways on a phone.
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table class="data-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.labelHeader}</th>
            <th scope="col">{props.mineHeader}</th>
            <th scope="col">{props.allHeader}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>{(r) => (
            <tr>
              <th scope="row" style={{ 'font-weight': 'normal', 'white-space': 'nowrap' }}>{r.label}</th>
              {cell(r.mine, 'var(--brand)')}
              {cell(r.all, '#7a8aa0')}
            </tr>
          )}</For>
        </tbody>
      </table>
    </div>
  );
}
