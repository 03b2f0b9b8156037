/**
 * Intensity preprocessing for model input: window/level and normalisation. Pure functions on
 * Float32Arrays (a volume's or an image tensor's `data`); they return new arrays.
 */

export interface Window {
  center: number;
  width: number;
}

/**
 * Common CT windows (HU). Model cards name one of these or give center/width themselves.
 * Lung −600/1500 and mediastinum 40/400 are the Fleischner/Lung-RADS reading windows.
 */
export const CT_WINDOWS = {
  lung: { center: -600, width: 1500 },
  mediastinum: { center: 40, width: 400 },
  abdomen: { center: 40, width: 400 },
  liver: { center: 60, width: 160 },
  pancreas: { center: 40, width: 350 },
  brain: { center: 40, width: 80 },
  stroke: { center: 32, width: 8 },
  subdural: { center: 75, width: 215 },
  bone: { center: 400, width: 1800 },
} as const satisfies Record<string, Window>;

/**
 * Window/level to [0, 1]: values at or below center − width/2 → 0, at or above center + width/2
 * → 1, linear between. This is MONAI's ScaleIntensityRange(a_min = c − w/2, a_max = c + w/2,
 * clip = True), what exported models were trained with — not the display formula of PS3.3
 * C.11.2.1.2, whose half-pixel offsets would shift every input by a fraction of a grey level.
 */
export function windowLevel(values: Float32Array, window: Window): Float32Array {
  if (!(window.width > 0)) throw new RangeError(`window width must be > 0, got ${window.width}`);
  const low = window.center - window.width / 2;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const t = (values[i]! - low) / window.width;
    out[i] = t <= 0 ? 0 : t >= 1 ? 1 : t;
  }
  return out;
}

export interface NormalizeOptions {
  method: 'zscore' | 'minmax';
  /**
   * Statistics only over non-zero voxels and only those normalised, background left at 0
   * (MONAI NormalizeIntensity(nonzero=True)): for MR, where air is 0 and dominates the mean.
   */
  nonzero?: boolean;
  /** Clip to these percentiles first (e.g. [0.5, 99.5]) so a few outliers do not set the scale. */
  clipPercentiles?: [number, number];
}

function percentile(sorted: Float32Array, p: number): number {
  if (sorted.length === 0) return 0;
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * z-score ((v − mean) / sd) or min-max (to [0, 1]). A constant input gives zeros (no division by
 * zero): a blank image is not an error here, QC decides about those.
 */
export function normalize(values: Float32Array, options: NormalizeOptions): Float32Array {
  const include = (v: number) => !options.nonzero || v !== 0;
  let source = values;
  if (options.clipPercentiles) {
    const selected = options.nonzero ? values.filter(include) : values.slice();
    selected.sort();
    const lo = percentile(selected, options.clipPercentiles[0]);
    const hi = percentile(selected, options.clipPercentiles[1]);
    source = values.map((v) => (include(v) ? Math.min(hi, Math.max(lo, v)) : v));
  }
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < source.length; i++) {
    if (!include(values[i]!)) continue;
    const v = source[i]!;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float32Array(values.length);
  if (count === 0) return out;
  if (options.method === 'minmax') {
    const range = max - min;
    for (let i = 0; i < source.length; i++) if (include(values[i]!)) out[i] = range > 0 ? (source[i]! - min) / range : 0;
    return out;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < source.length; i++) if (include(values[i]!)) squares += (source[i]! - mean) ** 2;
  const sd = Math.sqrt(squares / count);
  for (let i = 0; i < source.length; i++) if (include(values[i]!)) out[i] = sd > 0 ? (source[i]! - mean) / sd : 0;
  return out;
}
