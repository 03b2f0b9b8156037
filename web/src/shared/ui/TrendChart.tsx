import { For, Show, createMemo } from 'solid-js';
import { formatDate } from '../i18n';

export interface TrendSeries {
  label: string;
  points: { at: string | number | Date; value: number }[];
}

const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };
const COLORS = ['#0b5394', '#b42318', '#1a7f37', '#9a6700'];

/**
 * A small SVG line chart for trends (vitals, lab values): one line per series, the reference
 * range shaded, values outside it marked. The numbers are also in a visually hidden table, so a
 * screen reader reads what the eye sees.
 */
export function TrendChart(props: { title: string; unit?: string; series: TrendSeries[]; range?: { low?: number | null; high?: number | null } }) {
  const all = createMemo(() => props.series.flatMap((s) => s.points.map((p) => ({ t: new Date(p.at).getTime(), v: p.value }))));
  const bounds = createMemo(() => {
    const values = all().map((p) => p.v).concat([props.range?.low, props.range?.high].filter((v): v is number => v != null));
    const times = all().map((p) => p.t);
    const [vMin, vMax] = [Math.min(...values), Math.max(...values)];
    const span = vMax - vMin || Math.abs(vMax) || 1;
    return { tMin: Math.min(...times), tMax: Math.max(...times), vMin: vMin - span * 0.1, vMax: vMax + span * 0.1 };
  });
  const x = (t: number) => PAD.left + ((t - bounds().tMin) / (bounds().tMax - bounds().tMin || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - bounds().vMin) / (bounds().vMax - bounds().vMin)) * (HEIGHT - PAD.top - PAD.bottom);
  const outside = (v: number) => (props.range?.low != null && v < props.range.low) || (props.range?.high != null && v > props.range.high);

  return (
    <figure class="trend-chart">
      <figcaption>{props.title}{props.unit ? ` (${props.unit})` : ''}</figcaption>
      <Show when={all().length > 0} fallback={<p class="muted">—</p>}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title} preserveAspectRatio="xMidYMid meet">
          <Show when={props.range && (props.range.low != null || props.range.high != null)}>
            <rect
              x={PAD.left} width={WIDTH - PAD.left - PAD.right}
              y={y(props.range!.high ?? bounds().vMax)}
              height={Math.max(0, y(props.range!.low ?? bounds().vMin) - y(props.range!.high ?? bounds().vMax))}
              fill="#e3f4e8"
            />
          </Show>
          <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} stroke="#8c959f" />
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="#8c959f" />
          <text x={PAD.left - 6} y={y(bounds().vMax) + 4} text-anchor="end" font-size="11">{Math.round(bounds().vMax * 10) / 10}</text>
          <text x={PAD.left - 6} y={y(bounds().vMin)} text-anchor="end" font-size="11">{Math.round(bounds().vMin * 10) / 10}</text>
          <text x={PAD.left} y={HEIGHT - 8} font-size="11">{formatDate(bounds().tMin)}</text>
          <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end" font-size="11">{formatDate(bounds().tMax)}</text>
          <For each={props.series}>{(series, i) => {
            const sorted = () => [...series.points].map((p) => ({ t: new Date(p.at).getTime(), v: p.value })).sort((a, b) => a.t - b.t);
            return (
              <g>
                <polyline fill="none" stroke={COLORS[i() % COLORS.length]} stroke-width="2" points={sorted().map((p) => `${x(p.t)},${y(p.v)}`).join(' ')} />
                <For each={sorted()}>{(p) => <circle cx={x(p.t)} cy={y(p.v)} r={outside(p.v) ? 5 : 3} fill={outside(p.v) ? '#b42318' : COLORS[i() % COLORS.length]} />}</For>
              </g>
            );
          }}</For>
        </svg>
        <Show when={props.series.length > 1}>
          <ul class="trend-legend"><For each={props.series}>{(s, i) => <li style={{ color: COLORS[i() % COLORS.length] }}>{s.label}</li>}</For></ul>
        </Show>
        <table class="visually-hidden">
          <caption>{props.title}</caption>
          <tbody>
            <For each={props.series}>{(s) => <For each={s.points}>{(p) => <tr><th scope="row">{s.label} {formatDate(p.at)}</th><td>{p.value}{props.unit ? ` ${props.unit}` : ''}</td></tr>}</For>}</For>
          </tbody>
        </table>
      </Show>
    </figure>
  );
}
