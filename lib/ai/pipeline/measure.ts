import { dot, type Grid, type Vec3 } from '../../dicom/volume.js';
import type { Component } from './components.js';

/**
 * Measurements of one component as a radiologist would take them: volume, the largest in-plane
 * cross-section, and on that key slice the long axis (maximum Feret diameter) and the short axis
 * (the longest extent perpendicular to it), as RECIST 1.1 (Eisenhauer 2009) and the Fleischner /
 * Lung-RADS "average diameter" define them on axial images.
 *
 * Distances are between voxel centres: for a rasterised disc the extreme centres lie just inside
 * the true edge, so centre-to-centre Feret is the closest estimate of the true diameter (the
 * footprint of the pixel squares would add up to one pixel).
 */
export interface ComponentMeasures {
  voxels: number;
  volumeMl: number | null;
  /** Largest in-plane cross-section (mm²). */
  areaMm2: number | null;
  longAxisMm: number | null;
  shortAxisMm: number | null;
  meanDiameterMm: number | null;
  meanProbability: number;
  meanIntensity: number | null;
  /** [z, y, x] voxel coordinates of the centre of mass (fractional). */
  centroidVoxel: [number, number, number];
  centroidMm: Vec3 | null;
  keySlice: number;
}

/**
 * The grid a component lives on: shape and spacing ([z, y, x] mm; null for an image without
 * PixelSpacing), plus the patient geometry when the source has it (for `centroidMm`).
 */
export type MeasureGrid = { shape: [number, number, number]; spacing: [number, number, number] | null } & Partial<Omit<Grid, 'shape' | 'spacing'>>;

type Point = [number, number];

/** Convex hull (Andrew's monotone chain) of integer points: the Feret diameter is between two hull vertices. */
function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length <= 2) return sorted;
  const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: Point[]) => {
    const out: Point[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

/** Long axis (max Feret) and short axis (longest perpendicular chord) of pixel centres [x, y] at spacing sx, sy. */
function axesOnSlice(points: Point[], sx: number, sy: number): { long: number; short: number } {
  const hull = convexHull(points);
  let long = 0;
  let direction: Point = [1, 0];
  for (let a = 0; a < hull.length; a++) {
    for (let b = a + 1; b < hull.length; b++) {
      const dx = (hull[b]![0] - hull[a]![0]) * sx;
      const dy = (hull[b]![1] - hull[a]![1]) * sy;
      const length = Math.hypot(dx, dy);
      if (length > long) { long = length; direction = [dx / length, dy / length]; }
    }
  }
  // Chords perpendicular to the long axis: pixels binned by their position along it (one pixel wide bins).
  const bin = Math.max(sx, sy);
  const extents = new Map<number, [number, number]>();
  for (const [x, y] of points) {
    const along = Math.round((x * sx * direction[0] + y * sy * direction[1]) / bin);
    const across = -x * sx * direction[1] + y * sy * direction[0];
    const range = extents.get(along);
    if (!range) extents.set(along, [across, across]);
    else { if (across < range[0]) range[0] = across; if (across > range[1]) range[1] = across; }
  }
  let short = 0;
  for (const [lo, hi] of extents.values()) short = Math.max(short, hi - lo);
  // A single pixel (or a one-pixel line) still spans one pixel.
  const pixel = Math.min(sx, sy);
  return { long: Math.max(long, pixel), short: Math.min(Math.max(short, pixel), Math.max(long, pixel)) };
}

/** Patient position of a fractional voxel index, interpolating slice positions (exact for uneven series). */
function voxelToMm(grid: MeasureGrid, spacing: [number, number, number], [k, j, i]: [number, number, number]): Vec3 | null {
  const { origin, direction } = grid;
  if (!origin || !direction) return null;
  const positions = grid.slicePositions;
  let along = k * spacing[0];
  if (positions && positions.length > 0) {
    const lo = Math.max(0, Math.min(positions.length - 1, Math.floor(k)));
    const hi = Math.min(positions.length - 1, lo + 1);
    const at = positions[lo]! + (hi > lo ? (positions[hi]! - positions[lo]!) * (k - lo) : 0);
    along = at - dot(origin, direction.normal);
  }
  return [0, 1, 2].map((a) => origin[a]! + direction.row[a]! * i * spacing[2] + direction.column[a]! * j * spacing[1] + direction.normal[a]! * along) as Vec3;
}

/**
 * Measures one component. Without a spacing (a photograph without PixelSpacing) every mm and mL
 * value is null; a one-slice grid (an image) has an area but no volume.
 */
export function measureComponent(component: Component, grid: MeasureGrid, probabilities: ArrayLike<number>, intensities?: ArrayLike<number> | null): ComponentMeasures {
  const [, h, w] = grid.shape;
  const perSlice = new Map<number, number>();
  let sz = 0; let sy = 0; let sx = 0; let sumP = 0; let sumI = 0;
  for (const index of component.indices) {
    const z = Math.floor(index / (h * w));
    sz += z; sy += Math.floor(index / w) % h; sx += index % w;
    perSlice.set(z, (perSlice.get(z) ?? 0) + 1);
    sumP += probabilities[index]!;
    if (intensities) sumI += intensities[index]!;
  }
  const n = component.indices.length;
  if (n === 0) throw new RangeError('cannot measure an empty component');
  const centroidVoxel: [number, number, number] = [sz / n, sy / n, sx / n];
  // Key slice: the largest cross-section; of equal ones, the nearest the centre of mass.
  let keySlice = -1;
  let keyArea = 0;
  for (const [z, count] of perSlice) {
    if (count > keyArea || (count === keyArea && Math.abs(z - centroidVoxel[0]) < Math.abs(keySlice - centroidVoxel[0]))) { keySlice = z; keyArea = count; }
  }
  const measures: ComponentMeasures = {
    voxels: n, volumeMl: null, areaMm2: null, longAxisMm: null, shortAxisMm: null, meanDiameterMm: null,
    meanProbability: sumP / n, meanIntensity: intensities ? sumI / n : null, centroidVoxel, centroidMm: null, keySlice,
  };
  const spacing = grid.spacing;
  if (!spacing) return measures;
  const points: Point[] = [];
  const start = keySlice * h * w;
  for (const index of component.indices) if (index >= start && index < start + h * w) points.push([(index - start) % w, Math.floor((index - start) / w)]);
  const { long, short } = axesOnSlice(points, spacing[2], spacing[1]);
  measures.longAxisMm = long;
  measures.shortAxisMm = short;
  measures.meanDiameterMm = (long + short) / 2;
  measures.areaMm2 = keyArea * spacing[1] * spacing[2];
  measures.volumeMl = grid.shape[0] > 1 ? (n * spacing[0] * spacing[1] * spacing[2]) / 1000 : null;
  measures.centroidMm = voxelToMm(grid, spacing, centroidVoxel);
  return measures;
}
