import type { BreastUltrasoundFeatures } from '../../../rules/guidelines/birads-ultrasound.js';

/**
 * The BI-RADS ultrasound mass descriptors (ACR BI-RADS Atlas 5th ed., Ultrasound lexicon: shape,
 * orientation, margin, echo pattern, posterior features) measured on a segmentation mask and the
 * grey echo image. The reference models learn none of this: every descriptor is geometry or an
 * echo ratio with the thresholds below, so a reader can check each one by hand.
 *
 * Image axes: x = columns (lateral), y = rows (depth; the transducer is at row 0).
 */

/** The numbers behind the descriptors (reported with the finding, so the reading screen can show why). */
export interface UltrasoundMassMeasures {
  /** Extents along the skin (x) and into depth (y), in mm when PixelSpacing is known, else pixels. */
  widthMm: number;
  heightMm: number;
  /** Minor / major axis of the moment ellipse (1 = round). */
  axisRatio: number;
  /** Mask area / convex hull area (1 = convex). */
  solidity: number;
  /** RMS of (boundary radius − ellipse radius) / ellipse radius over 360 rays from the centroid. */
  boundaryIrregularity: number;
  /** Narrow protrusions beyond the ellipse (spicules): runs of rays ≥ SPIKE_EXCESS outside it, ≤ SPIKE_MAX_DEG wide. */
  spikes: number;
  /** Mean echo inside / mean echo of the parenchyma beside the mass at the same depth. */
  echoRatio: number;
  /** Coefficient of variation of the echo inside the mass. */
  echoCv: number;
  /** Mean echo under the mass / beside that region at the same depth; null when there is no room to measure. */
  posteriorRatio: number | null;
}

// Thresholds (ours, not the atlas's: the atlas defines the words only).
const ROUND_AXIS_RATIO = 0.9; // minor/major above this is "round" rather than "oval"
const IRREGULAR_SOLIDITY = 0.9; // a convex oval has solidity near 1; lobes and spicules lower it
const IRREGULAR_BOUNDARY = 0.12; // RMS radial deviation from the fitted ellipse
const CIRCUMSCRIBED_BOUNDARY = 0.08;
const SPIKE_EXCESS = 0.2; // a ray reaching ≥ 20 % beyond the ellipse
const SPIKE_MAX_DEG = 25; // a protrusion this narrow is a spicule, wider is a lobulation
const SPICULATED_MIN_SPIKES = 3;
const ANECHOIC_RATIO = 0.12; // essentially no internal echoes relative to the parenchyma
const HYPOECHOIC_RATIO = 0.85;
const HYPERECHOIC_RATIO = 1.15;
const HETEROGENEOUS_CV = 0.6;
const SHADOWING_RATIO = 0.75;
const ENHANCEMENT_RATIO = 1.25;
const RAYS = 360;

interface Moments { cx: number; cy: number; major: number; minor: number; angle: number }

/** Centroid and the ellipse with the same second moments (semi-axes 2√λ). Coordinates in pixels. */
function moments(xs: Float64Array, ys: Float64Array): Moments {
  const n = xs.length;
  let cx = 0;
  let cy = 0;
  for (let k = 0; k < n; k++) { cx += xs[k]!; cy += ys[k]!; }
  cx /= n; cy /= n;
  let sxx = 0; let syy = 0; let sxy = 0;
  for (let k = 0; k < n; k++) {
    const dx = xs[k]! - cx; const dy = ys[k]! - cy;
    sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
  }
  // + 1/12: the variance of a uniform pixel, so a one-pixel-wide line still has a width.
  sxx = sxx / n + 1 / 12; syy = syy / n + 1 / 12; sxy /= n;
  const mean = (sxx + syy) / 2;
  const diff = Math.sqrt(((sxx - syy) / 2) ** 2 + sxy * sxy);
  return { cx, cy, major: 2 * Math.sqrt(mean + diff), minor: 2 * Math.sqrt(Math.max(mean - diff, 1e-9)), angle: 0.5 * Math.atan2(2 * sxy, sxx - syy) };
}

const cross = (o: number[], a: number[], b: number[]) => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);

/** Area of the convex hull of the pixels' corners (Andrew's monotone chain). */
function hullArea(mask: Uint8Array, width: number, box: [number, number, number, number]): number {
  const points: number[][] = [];
  const [x0, y0, x1, y1] = box;
  for (let y = y0; y <= y1; y++) {
    // Only each row's outermost pixels can be on the hull.
    let first = -1; let last = -1;
    for (let x = x0; x <= x1; x++) if (mask[y * width + x]) { if (first < 0) first = x; last = x; }
    if (first < 0) continue;
    points.push([first, y], [first, y + 1], [last + 1, y], [last + 1, y + 1]);
  }
  points.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  const half = (list: number[][]) => {
    const out: number[][] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const hull = [...half(points), ...half([...points].reverse())];
  let area = 0;
  for (let k = 0; k < hull.length; k++) {
    const a = hull[k]!; const b = hull[(k + 1) % hull.length]!;
    area += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return Math.abs(area) / 2;
}

/** Farthest mask pixel along each ray from the centroid vs the moment ellipse's radius there. */
function radialProfile(mask: Uint8Array, [height, width]: [number, number], m: Moments): { irregularity: number; spikes: number } {
  const excess = new Float64Array(RAYS);
  const limit = 4 * m.major + 2;
  for (let r = 0; r < RAYS; r++) {
    const theta = (2 * Math.PI * r) / RAYS;
    const dx = Math.cos(theta); const dy = Math.sin(theta);
    let reach = 0;
    for (let t = 0; t <= limit; t += 0.5) {
      const x = Math.floor(m.cx + 0.5 + dx * t); const y = Math.floor(m.cy + 0.5 + dy * t);
      if (x < 0 || y < 0 || x >= width || y >= height) break;
      if (mask[y * width + x]) reach = t;
    }
    const phi = theta - m.angle;
    const ellipse = (m.major * m.minor) / Math.hypot(m.minor * Math.cos(phi), m.major * Math.sin(phi));
    excess[r] = (reach + 0.5) / ellipse - 1;
  }
  let sum2 = 0;
  for (const e of excess) sum2 += e * e;
  // Spicules: runs of rays far outside the ellipse, narrow enough not to be a lobe (runs may wrap around 0°).
  let spikes = 0;
  const start = excess.findIndex((e) => e < SPIKE_EXCESS);
  if (start >= 0) {
    let run = 0;
    for (let k = 1; k <= RAYS; k++) {
      const outside = excess[(start + k) % RAYS]! >= SPIKE_EXCESS;
      if (outside) run++;
      else { if (run > 0 && run <= SPIKE_MAX_DEG) spikes++; run = 0; }
    }
  }
  return { irregularity: Math.sqrt(sum2 / RAYS), spikes };
}

function meanOf(echo: Float32Array, width: number, x0: number, x1: number, y0: number, y1: number, skip?: Uint8Array): { mean: number; n: number } {
  let sum = 0; let n = 0;
  for (let y = Math.max(0, y0); y <= y1; y++) {
    for (let x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) {
      const i = y * width + x;
      if (skip?.[i]) continue;
      sum += echo[i]!; n++;
    }
  }
  return { mean: n ? sum / n : 0, n };
}

/**
 * Measures the descriptors of one mass. `mask` is 1 inside the mass (rows × columns), `echo` the
 * grey image (any scale), `pixelSpacing` [row, column] mm or null (then sizes are in pixels).
 */
export function measureUltrasoundMass(mask: Uint8Array, echo: Float32Array, shape: [number, number], pixelSpacing: [number, number] | null): UltrasoundMassMeasures {
  const [height, width] = shape;
  let count = 0;
  let box: [number, number, number, number] = [width, height, -1, -1];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    count++;
    const x = i % width; const y = (i - x) / width;
    box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  if (count === 0) throw new RangeError('measureUltrasoundMass: empty mask');
  const xs = new Float64Array(count); const ys = new Float64Array(count);
  let inside = 0; let inside2 = 0;
  for (let i = 0, k = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    xs[k] = i % width; ys[k] = Math.floor(i / width); k++;
    inside += echo[i]!; inside2 += echo[i]! ** 2;
  }
  const m = moments(xs, ys);
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0 + 1; const h = y1 - y0 + 1;
  const [sy, sx] = pixelSpacing ?? [1, 1];
  const { irregularity, spikes } = radialProfile(mask, shape, m);

  const insideMean = inside / count;
  const insideCv = Math.sqrt(Math.max(inside2 / count - insideMean ** 2, 0)) / Math.max(insideMean, 1e-6);
  // Parenchyma beside the mass at the same depth (half a mass width each side): depth attenuation cancels.
  const side = Math.max(2, Math.round(w / 2));
  const left = meanOf(echo, width, x0 - side, x0 - 2, y0, y1, mask);
  const right = meanOf(echo, width, x1 + 2, x1 + side, y0, y1, mask);
  const beside = (left.mean * left.n + right.mean * right.n) / Math.max(left.n + right.n, 1);

  // Posterior features: the band under the mass (its central 60 %, one mass height deep) vs the same band beside it.
  const gap = Math.max(1, Math.round(h * 0.05));
  const below0 = y1 + gap; const below1 = Math.min(height - 1, y1 + gap + h);
  let posteriorRatio: number | null = null;
  if (below1 - below0 >= Math.max(2, h / 4)) {
    const inset = Math.round(w * 0.2);
    const under = meanOf(echo, width, x0 + inset, x1 - inset, below0, below1, mask);
    const l = meanOf(echo, width, x0 - side, x0 - 2, below0, below1, mask);
    const r = meanOf(echo, width, x1 + 2, x1 + side, below0, below1, mask);
    const besideBelow = (l.mean * l.n + r.mean * r.n) / Math.max(l.n + r.n, 1);
    if (under.n > 0 && l.n + r.n > 0 && besideBelow > 0) posteriorRatio = under.mean / besideBelow;
  }
  return {
    widthMm: w * sx,
    heightMm: h * sy,
    axisRatio: m.minor / m.major,
    solidity: count / hullArea(mask, width, box),
    boundaryIrregularity: irregularity,
    spikes,
    echoRatio: beside > 0 ? insideMean / beside : 0,
    echoCv: insideCv,
    posteriorRatio,
  };
}

/** The lexicon words from the measures (thresholds above). */
export function describeUltrasoundMass(m: UltrasoundMassMeasures): BreastUltrasoundFeatures {
  const irregular = m.solidity < IRREGULAR_SOLIDITY || m.boundaryIrregularity > IRREGULAR_BOUNDARY || m.spikes >= SPICULATED_MIN_SPIKES;
  const shape: BreastUltrasoundFeatures['shape'] = irregular ? 'irregular' : m.axisRatio >= ROUND_AXIS_RATIO ? 'round' : 'oval';
  // Orientation: the long axis along the skin ("wider than tall") is parallel (atlas, Ultrasound: orientation).
  const orientation: BreastUltrasoundFeatures['orientation'] = m.widthMm > m.heightMm ? 'parallel' : 'not-parallel';
  const margin: BreastUltrasoundFeatures['margin'] = m.spikes >= SPICULATED_MIN_SPIKES
    ? 'spiculated'
    : m.boundaryIrregularity <= CIRCUMSCRIBED_BOUNDARY && m.solidity >= IRREGULAR_SOLIDITY ? 'circumscribed' : 'not-circumscribed';
  const echoPattern: BreastUltrasoundFeatures['echoPattern'] = m.echoRatio < ANECHOIC_RATIO
    ? 'anechoic'
    : m.echoCv > HETEROGENEOUS_CV ? 'heterogeneous'
      : m.echoRatio < HYPOECHOIC_RATIO ? 'hypoechoic' : m.echoRatio <= HYPERECHOIC_RATIO ? 'isoechoic' : 'hyperechoic';
  const posteriorFeatures: BreastUltrasoundFeatures['posteriorFeatures'] = m.posteriorRatio === null
    ? 'none'
    : m.posteriorRatio < SHADOWING_RATIO ? 'shadowing' : m.posteriorRatio > ENHANCEMENT_RATIO ? 'enhancement' : 'none';
  return { shape, orientation, margin, echoPattern, posteriorFeatures };
}
