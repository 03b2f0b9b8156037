import { affineOf, dot, type Grid, type Vec3, type Volume } from './volume.js';

/**
 * Resampling between grids that share an orientation (a model's grid and the source series),
 * 2D resizing to a model's input shape, and slice extraction.
 *
 * Voxel centres follow the half-pixel convention (PyTorch align_corners=False, OpenCV, PIL):
 * resizing n voxels of spacing s to m voxels keeps the field of view n·s, so the first centre
 * moves by (s' − s)/2. Samples beyond the outermost centres take the edge value.
 *
 * The slice axis is sampled by *position* (Grid.slicePositions), not by index: a series with
 * uneven gaps (a missing slice, two stacked acquisitions) is interpolated where the slices really
 * are, and a mask resampled back lands on the right source slices.
 */

export type Interpolation = 'linear' | 'nearest';

interface AxisSampler {
  /** For each target index: the two source indices and the weight of the second. */
  i0: Int32Array;
  i1: Int32Array;
  t: Float32Array;
}

function axisSampler(continuous: Float64Array, size: number, mode: Interpolation): AxisSampler {
  const n = continuous.length;
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const t = new Float32Array(n);
  for (let a = 0; a < n; a++) {
    const c = Math.min(size - 1, Math.max(0, continuous[a]!));
    if (mode === 'nearest') {
      i0[a] = i1[a] = Math.min(size - 1, Math.round(c));
      continue;
    }
    const lo = Math.min(size - 1, Math.floor(c));
    i0[a] = lo;
    i1[a] = Math.min(size - 1, lo + 1);
    t[a] = c - lo;
  }
  return { i0, i1, t };
}

/** Continuous source index of each target slice, by position along the normal (piecewise linear). */
function sliceIndices(from: number[], to: number[]): Float64Array {
  const out = new Float64Array(to.length);
  if (from.length === 1) return out;
  let seg = 0;
  to.forEach((p, k) => {
    if (p <= from[0]!) { out[k] = (p - from[0]!) / (from[1]! - from[0]!); return; }
    const last = from.length - 1;
    if (p >= from[last]!) { out[k] = last + (p - from[last]!) / (from[last]! - from[last - 1]!); return; }
    while (seg < last - 1 && from[seg + 1]! < p) seg++;
    while (seg > 0 && from[seg]! > p) seg--;
    out[k] = seg + (p - from[seg]!) / (from[seg + 1]! - from[seg]!);
  });
  return out;
}

function checkSameOrientation(a: Grid, b: Grid): void {
  const ok = (u: Vec3, v: Vec3) => Math.abs(dot(u, v) - 1) < 1e-4;
  if (!ok(a.direction.row, b.direction.row) || !ok(a.direction.column, b.direction.column)) {
    throw new RangeError('resampling needs grids of the same orientation (reorientation is not supported)');
  }
}

/**
 * Samples `data` (on grid `from`, z-y-x) at every voxel centre of grid `to`. Trilinear for
 * intensities, nearest for label maps (a model's mask back onto the source series for the SEG).
 */
export function resampleToGrid<T extends Float32Array | Uint8Array = Float32Array>(
  data: ArrayLike<number>, from: Grid, to: Grid, mode: Interpolation = 'linear',
  out: T = new Float32Array(to.shape[0] * to.shape[1] * to.shape[2]) as T,
): T {
  if (out.length < to.shape[0] * to.shape[1] * to.shape[2]) throw new RangeError('output array smaller than the target grid');
  checkSameOrientation(from, to);
  const [d0, h0, w0] = from.shape;
  const [d1, h1, w1] = to.shape;
  if (data.length < d0 * h0 * w0) throw new RangeError(`data has ${data.length} values, grid needs ${d0 * h0 * w0}`);
  const { row, column } = from.direction;
  const offset = (o: Vec3, axis: Vec3) => dot(to.origin, axis) - dot(o, axis);
  const inPlane = (n: number, originShift: number, spacingTo: number, spacingFrom: number) =>
    Float64Array.from({ length: n }, (_, a) => (originShift + a * spacingTo) / spacingFrom);
  const xs = axisSampler(inPlane(w1, offset(from.origin, row), to.spacing[2], from.spacing[2]), w0, mode);
  const ys = axisSampler(inPlane(h1, offset(from.origin, column), to.spacing[1], from.spacing[1]), h0, mode);
  const zs = axisSampler(sliceIndices(from.slicePositions, to.slicePositions), d0, mode);
  const plane = h0 * w0;
  let o = 0;
  for (let k = 0; k < d1; k++) {
    const za = zs.i0[k]! * plane; const zb = zs.i1[k]! * plane; const tz = zs.t[k]!;
    for (let j = 0; j < h1; j++) {
      const ya = ys.i0[j]! * w0; const yb = ys.i1[j]! * w0; const ty = ys.t[j]!;
      for (let i = 0; i < w1; i++, o++) {
        const xa = xs.i0[i]!; const xb = xs.i1[i]!; const tx = xs.t[i]!;
        if (mode === 'nearest') { out[o] = data[za + ya + xa]!; continue; }
        const c00 = data[za + ya + xa]! + (data[za + ya + xb]! - data[za + ya + xa]!) * tx;
        const c01 = data[za + yb + xa]! + (data[za + yb + xb]! - data[za + yb + xa]!) * tx;
        const c10 = data[zb + ya + xa]! + (data[zb + ya + xb]! - data[zb + ya + xa]!) * tx;
        const c11 = data[zb + yb + xa]! + (data[zb + yb + xb]! - data[zb + yb + xa]!) * tx;
        const c0 = c00 + (c01 - c00) * ty;
        const c1 = c10 + (c11 - c10) * ty;
        out[o] = c0 + (c1 - c0) * tz;
      }
    }
  }
  return out;
}

export type ResampleTarget = { spacing: [number, number, number] } | { shape: [number, number, number] };

/**
 * The grid of a resampled volume: same orientation and field of view, regular slices. With a
 * target spacing the size is round(extent / spacing) (at least 1); with a target shape the spacing
 * is extent / size. The extent along the slices is from the first to the last slice plus one
 * nominal spacing, so uneven series keep their true length.
 */
export function targetGrid(grid: Grid, target: ResampleTarget): Grid {
  const first = grid.slicePositions[0]!;
  const last = grid.slicePositions[grid.slicePositions.length - 1]!;
  const extent: [number, number, number] = [
    last - first + grid.spacing[0], grid.shape[1] * grid.spacing[1], grid.shape[2] * grid.spacing[2],
  ];
  const shape = 'shape' in target
    ? target.shape.map((n) => Math.max(1, Math.round(n))) as [number, number, number]
    : extent.map((e, a) => Math.max(1, Math.round(e / target.spacing[a]!))) as [number, number, number];
  const spacing = 'spacing' in target ? [...target.spacing] as [number, number, number] : extent.map((e, a) => e / shape[a]!) as [number, number, number];
  if (shape.some((n) => !Number.isFinite(n)) || spacing.some((s) => !(s > 0))) throw new RangeError('target spacing/shape must be positive');
  const { row, column, normal } = grid.direction;
  // Edge-aligned: the first target centre sits half a target voxel inside the source's first edge.
  const shift = [0, 1, 2].map((a) => (spacing[a]! - grid.spacing[a]!) / 2);
  const firstTarget = first + shift[0]!;
  const origin = [0, 1, 2].map((c) =>
    grid.origin[c]! + row[c]! * shift[2]! + column[c]! * shift[1]! + normal[c]! * (firstTarget - dot(grid.origin, normal)),
  ) as Vec3;
  return {
    shape, spacing, origin, direction: grid.direction,
    slicePositions: Array.from({ length: shape[0] }, (_, k) => firstTarget + k * spacing[0]),
  };
}

/**
 * A volume resampled to a target spacing or shape (trilinear by default). The result has no
 * source slices (its slices are not the series'): map a model's output back with
 * `resampleToGrid(mask, resampled, source, 'nearest')` before writing a SEG.
 */
export function resampleVolume(volume: Volume, target: ResampleTarget, mode: Interpolation = 'linear'): Volume {
  const grid = targetGrid(volume, target);
  const data = resampleToGrid(volume.data, volume, grid, mode);
  return {
    ...volume,
    ...grid,
    data,
    affine: affineOf(grid),
    slices: [],
    rows: grid.shape[1],
    columns: grid.shape[2],
    pixelSpacing: [grid.spacing[1], grid.spacing[2]],
    unevenSpacing: false,
    warnings: [...volume.warnings],
  };
}

/**
 * Resizes a channels-first image ([channels, h, w]) to [h', w'] — the model's input shape, e.g.
 * 256×256. Bilinear with half-pixel centres (same numbers as torch.nn.functional.interpolate
 * (mode='bilinear', align_corners=False) without antialias), or nearest for masks.
 */
export function resizeImage(
  data: ArrayLike<number>, shape: [number, number, number], target: [number, number], mode: 'bilinear' | 'nearest' = 'bilinear',
): Float32Array {
  const [channels, h0, w0] = shape;
  const [h1, w1] = target;
  if (data.length < channels * h0 * w0) throw new RangeError(`data has ${data.length} values, shape needs ${channels * h0 * w0}`);
  const interpolation: Interpolation = mode === 'nearest' ? 'nearest' : 'linear';
  const centres = (n1: number, n0: number) => Float64Array.from({ length: n1 }, (_, a) => (a + 0.5) * (n0 / n1) - 0.5);
  const xs = axisSampler(centres(w1, w0), w0, interpolation);
  const ys = axisSampler(centres(h1, h0), h0, interpolation);
  const out = new Float32Array(channels * h1 * w1);
  let o = 0;
  for (let c = 0; c < channels; c++) {
    const base = c * h0 * w0;
    for (let j = 0; j < h1; j++) {
      const ya = base + ys.i0[j]! * w0; const yb = base + ys.i1[j]! * w0; const ty = ys.t[j]!;
      for (let i = 0; i < w1; i++, o++) {
        const xa = xs.i0[i]!; const xb = xs.i1[i]!; const tx = xs.t[i]!;
        const top = data[ya + xa]! + (data[ya + xb]! - data[ya + xa]!) * tx;
        const bottom = data[yb + xa]! + (data[yb + xb]! - data[yb + xa]!) * tx;
        out[o] = top + (bottom - top) * ty;
      }
    }
  }
  return out;
}

export type SliceAxis = 'axial' | 'coronal' | 'sagittal';

export interface Slice2D {
  data: Float32Array;
  /** [height, width] of the slice. */
  shape: [number, number];
  /** [between rows, between columns] in mm. */
  spacing: [number, number];
}

/**
 * One plane of a volume, named for the usual axial acquisition: 'axial' fixes the slice index k
 * (rows × columns), 'coronal' fixes the row j (slices × columns), 'sagittal' fixes the column i
 * (slices × rows). Slices run in volume order (first row = first slice); flipping for display is
 * the viewer's business.
 */
export function extractSlice(volume: Pick<Volume, 'data' | 'shape' | 'spacing'>, axis: SliceAxis, index: number): Slice2D {
  const [d, h, w] = volume.shape;
  const size = axis === 'axial' ? d : axis === 'coronal' ? h : w;
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`${axis} slice ${index} out of range 0–${size - 1}`);
  const [sz, sy, sx] = volume.spacing;
  if (axis === 'axial') {
    return { data: volume.data.slice(index * h * w, (index + 1) * h * w), shape: [h, w], spacing: [sy, sx] };
  }
  if (axis === 'coronal') {
    const out = new Float32Array(d * w);
    for (let k = 0; k < d; k++) out.set(volume.data.subarray(k * h * w + index * w, k * h * w + (index + 1) * w), k * w);
    return { data: out, shape: [d, w], spacing: [sz, sx] };
  }
  const out = new Float32Array(d * h);
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) out[k * h + j] = volume.data[k * h * w + j * w + index]!;
  return { data: out, shape: [d, h], spacing: [sz, sy] };
}
