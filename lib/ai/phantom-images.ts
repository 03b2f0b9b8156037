import { seededRandom, type SeededRandom } from '../random.js';

/**
 * The pixel side of the phantom studies (phantom-studies.ts writes them as DICOM): voxel grids
 * centred on the patient origin, cross-sections of simple anatomy, lesions painted with partial
 * volume, seeded noise and ultrasound speckle. Values are physical (HU, MR signal, 8-bit echo,
 * RGB), so a test knows exactly what a voxel should read after decoding.
 */

export type Vec3 = [number, number, number];

/** A phantom volume: [depth, rows, columns] voxels, spacing [slice, row, column] mm. */
export interface PhantomGrid {
  shape: [number, number, number];
  spacing: [number, number, number];
}

/**
 * The patient coordinate (mm) of a voxel centre along one axis. Index (n − 1)/2 lies at 0, so the
 * volume (and image) centre is the patient origin and a lesion's `centerMm` offset is simply its
 * LPS position (x → columns, y → rows, z → slices).
 */
export const axisMm = (index: number, count: number, spacing: number): number => (index - (count - 1) / 2) * spacing;

/** The (fractional) index of a patient coordinate: the inverse of axisMm. */
export const indexOf = (mm: number, count: number, spacing: number): number => mm / spacing + (count - 1) / 2;

/** True inside the axis-aligned ellipse with semi-axes a (x) and b (y) centred at (cx, cy). */
export const inEllipse = (x: number, y: number, cx: number, cy: number, a: number, b: number): boolean =>
  ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1;

/**
 * One cross-section (rows × columns) from a value function of the in-plane position (mm), each
 * pixel the mean of 2×2 samples so organ edges carry partial volume as a scanner's would.
 */
export function crossSection(rows: number, columns: number, [sy, sx]: [number, number], valueAt: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(rows * columns);
  for (let j = 0; j < rows; j++) {
    const y = axisMm(j, rows, sy);
    for (let i = 0; i < columns; i++) {
      const x = axisMm(i, columns, sx);
      out[j * columns + i] = (valueAt(x - sx / 4, y - sy / 4) + valueAt(x + sx / 4, y - sy / 4)
        + valueAt(x - sx / 4, y + sy / 4) + valueAt(x + sx / 4, y + sy / 4)) / 4;
    }
  }
  return out;
}

/** The same cross-section on every slice (the phantoms are prisms along z; lesions break the symmetry). */
export function stack(section: Float32Array, depth: number): Float32Array {
  const out = new Float32Array(section.length * depth);
  for (let k = 0; k < depth; k++) out.set(section, k * section.length);
  return out;
}

/** A sphere to paint: centre (LPS mm, from the volume centre), diameter, and the value inside. */
export interface Sphere {
  centerMm: Vec3;
  diameterMm: number;
  value: number;
}

const SUBSAMPLES = 4; // per axis, for voxels the sphere's surface cuts

/**
 * Paints a sphere over what is there: v ← v·(1 − f) + value·f, f = the share of the voxel inside
 * (exact 0/1 away from the surface, 4×4×4 sub-samples where the surface cuts the voxel). Partial
 * volume keeps the 0.5-isosurface on the true radius, so measured diameters and volumes have a
 * known answer instead of the staircase of a binary sphere.
 */
export function paintSphere(data: Float32Array, grid: PhantomGrid, sphere: Sphere): void {
  const [d, h, w] = grid.shape;
  const [sz, sy, sx] = grid.spacing;
  const r = sphere.diameterMm / 2;
  const [cx, cy, cz] = sphere.centerMm;
  const halfDiagonal = 0.5 * Math.hypot(sx, sy, sz);
  const range = (c: number, n: number, s: number) =>
    [Math.max(0, Math.floor(indexOf(c - r, n, s)) - 1), Math.min(n - 1, Math.ceil(indexOf(c + r, n, s)) + 1)];
  const [k0, k1] = range(cz, d, sz);
  const [j0, j1] = range(cy, h, sy);
  const [i0, i1] = range(cx, w, sx);
  for (let k = k0; k <= k1; k++) {
    const z = axisMm(k, d, sz) - cz;
    for (let j = j0; j <= j1; j++) {
      const y = axisMm(j, h, sy) - cy;
      for (let i = i0; i <= i1; i++) {
        const x = axisMm(i, w, sx) - cx;
        const distance = Math.hypot(x, y, z);
        let f: number;
        if (distance <= r - halfDiagonal) f = 1;
        else if (distance >= r + halfDiagonal) continue;
        else f = coverage(x, y, z, r, sx, sy, sz);
        const at = (k * h + j) * w + i;
        data[at] = data[at]! * (1 - f) + sphere.value * f;
      }
    }
  }
}

/** The share of a voxel (centre offset x, y, z from the sphere centre) inside a sphere of radius r. */
function coverage(x: number, y: number, z: number, r: number, sx: number, sy: number, sz: number): number {
  let inside = 0;
  const offset = (n: number, s: number) => ((n + 0.5) / SUBSAMPLES - 0.5) * s;
  for (let a = 0; a < SUBSAMPLES; a++) {
    for (let b = 0; b < SUBSAMPLES; b++) {
      for (let c = 0; c < SUBSAMPLES; c++) {
        if ((x + offset(a, sx)) ** 2 + (y + offset(b, sy)) ** 2 + (z + offset(c, sz)) ** 2 <= r * r) inside++;
      }
    }
  }
  return inside / SUBSAMPLES ** 3;
}

/** Pairs of standard normal deviates (Box–Muller) from a seeded generator. */
export function gaussian(random: SeededRandom): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) { const v = spare; spare = null; return v; }
    const u = Math.max(random.next(), 1e-12);
    const t = 2 * Math.PI * random.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(t);
    return radius * Math.cos(t);
  };
}

/** Adds seeded Gaussian noise of standard deviation `sd` to every value (the same seed, the same image). */
export function addNoise(data: Float32Array, sd: number, seed: number): void {
  if (sd <= 0) return;
  const normal = gaussian(seededRandom(seed));
  for (let i = 0; i < data.length; i++) data[i] = data[i]! + sd * normal();
}

/**
 * Multiplicative ultrasound speckle, mean 1 and standard deviation `sd`: white noise smoothed over
 * 3×3 pixels (speckle has a grain, not pixel-sized dots), rescaled to unit variance and clipped at
 * ±2.5 sd so a few extreme pixels cannot stretch a min–max normalisation of the image.
 */
export function speckle(rows: number, columns: number, sd: number, seed: number): Float32Array {
  const normal = gaussian(seededRandom(seed));
  const white = Float32Array.from({ length: rows * columns }, () => normal());
  const out = new Float32Array(rows * columns);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      let sum = 0;
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) sum += white[Math.min(rows - 1, Math.max(0, j + dj)) * columns + Math.min(columns - 1, Math.max(0, i + di))]!;
      }
      // A mean of 9 independent unit deviates has sd 1/3: ×3 restores unit variance.
      const unit = Math.max(-2.5, Math.min(2.5, sum / 3));
      out[j * columns + i] = 1 + sd * unit;
    }
  }
  return out;
}

/** Breast ultrasound lesion geometry in mm from the image centre (x → columns, y → rows = depth). */
export interface UsLesionShape {
  centerMm: [number, number];
  widthMm: number;
  heightMm: number;
  margin: 'smooth' | 'spiculated';
}

const SPICULES = 10;

/**
 * Whether the point (x, y) mm lies inside the lesion: an ellipse (smooth, circumscribed margin),
 * or the ellipse with spicules (narrow radial spikes reaching 45 % beyond it, at an angle set by
 * `phase`) for a spiculated margin (ACR BI-RADS US lexicon: margin not circumscribed).
 */
export function inUsLesion(x: number, y: number, lesion: UsLesionShape, phase: number): boolean {
  const u = (x - lesion.centerMm[0]) / (lesion.widthMm / 2);
  const v = (y - lesion.centerMm[1]) / (lesion.heightMm / 2);
  const rho = Math.hypot(u, v);
  if (lesion.margin === 'smooth') return rho <= 1;
  const reach = 1 + 0.45 * Math.max(0, Math.cos(SPICULES * Math.atan2(v, u) + phase)) ** 6;
  return rho <= reach;
}

/** Share of a pixel (2×2 samples) for which `inside` holds: the lesion's partial-volume edge. */
export function pixelShare(x: number, y: number, sx: number, sy: number, inside: (x: number, y: number) => boolean): number {
  let n = 0;
  for (const dx of [-sx / 4, sx / 4]) for (const dy of [-sy / 4, sy / 4]) if (inside(x + dx, y + dy)) n++;
  return n / 4;
}

/**
 * Cross-sections of the phantom bodies (values per in-plane position in mm, volume centre = 0):
 * elliptic prisms along z, sized from the field of view so a smaller test grid still holds a
 * whole body. Landmarks are exported so a test can put a lesion where it belongs (inside a lung,
 * inside a breast) without repeating the layout.
 */

export const AIR_HU = -1000;
export const SOFT_TISSUE_HU = 40;
export const LUNG_HU = -850;
export const FAT_HU = -100;
export const BONE_HU = 1000;
export const BRAIN_HU = 35;
export const CSF_HU = 5;
export const MR_TISSUE_SIGNAL = 250;
export const MR_BONE_SIGNAL = 40;

const fieldOfView = (grid: PhantomGrid): { width: number; height: number } =>
  ({ width: grid.shape[2] * grid.spacing[2], height: grid.shape[1] * grid.spacing[1] });

/** Chest: elliptic body with a 15 mm soft-tissue wall, a mediastinal band, two D-shaped lungs. */
export interface ChestLandmarks {
  bodySemiAxesMm: [number, number];
  wallMm: number;
  mediastinumHalfWidthMm: number;
  /** Middle of each lung (LPS: the patient's right lung lies at −x, shown on the image's left). */
  rightLungMm: Vec3;
  leftLungMm: Vec3;
}

export function chestLandmarks(grid: PhantomGrid): ChestLandmarks {
  const { width, height } = fieldOfView(grid);
  const a = Math.min(170, 0.44 * width);
  const b = Math.min(125, 0.34 * height);
  const wallMm = 15;
  const mediastinumHalfWidthMm = 0.2 * (a - wallMm);
  const lungX = (mediastinumHalfWidthMm + a - wallMm) / 2;
  return { bodySemiAxesMm: [a, b], wallMm, mediastinumHalfWidthMm, rightLungMm: [-lungX, 0, 0], leftLungMm: [lungX, 0, 0] };
}

export function chestValue(x: number, y: number, l: ChestLandmarks): number {
  const [a, b] = l.bodySemiAxesMm;
  if (!inEllipse(x, y, 0, 0, a, b)) return AIR_HU;
  if (!inEllipse(x, y, 0, 0, a - l.wallMm, b - l.wallMm) || Math.abs(x) < l.mediastinumHalfWidthMm) return SOFT_TISSUE_HU;
  return LUNG_HU;
}

/** Head: elliptic skull shell (6 mm) around brain, optional CSF ventricles beside the midline. */
export interface HeadLandmarks {
  /** Outer surface of the skull. */
  semiAxesMm: [number, number];
  skullMm: number;
  ventricles: boolean;
}

export function headLandmarks(grid: PhantomGrid, ventricles: boolean): HeadLandmarks {
  const { width, height } = fieldOfView(grid);
  return { semiAxesMm: [Math.min(72, 0.45 * width), Math.min(90, 0.45 * height)], skullMm: 6, ventricles };
}

/** The two lateral ventricles: 4 × 18 mm ellipses, 7 mm either side of the midline, 5 mm anterior. */
const inVentricle = (x: number, y: number): boolean => inEllipse(Math.abs(x), y, 7, -5, 4, 18);

export function headValue(x: number, y: number, l: HeadLandmarks, values: { brain: number; bone: number; csf: number; air: number }): number {
  const [a, b] = l.semiAxesMm;
  if (!inEllipse(x, y, 0, 0, a, b)) return values.air;
  if (!inEllipse(x, y, 0, 0, a - l.skullMm, b - l.skullMm)) return values.bone;
  return l.ventricles && inVentricle(x, y) ? values.csf : values.brain;
}

/** Abdomen: elliptic body, 12 mm of subcutaneous fat around soft tissue. */
export interface AbdomenLandmarks {
  bodySemiAxesMm: [number, number];
  fatMm: number;
}

export function abdomenLandmarks(grid: PhantomGrid): AbdomenLandmarks {
  const { width, height } = fieldOfView(grid);
  return { bodySemiAxesMm: [Math.min(160, 0.45 * width), Math.min(115, 0.45 * height)], fatMm: 12 };
}

export function abdomenValue(x: number, y: number, l: AbdomenLandmarks, values: { tissue: number; fat: number; air: number }): number {
  const [a, b] = l.bodySemiAxesMm;
  if (!inEllipse(x, y, 0, 0, a, b)) return values.air;
  return inEllipse(x, y, 0, 0, a - l.fatMm, b - l.fatMm) ? values.tissue : values.fat;
}

/**
 * Breast MR (axial, anterior = image top = −y): the chest as an ellipse in the posterior half and
 * two round breasts in front of it. `rightMm` / `leftMm` lie in each breast's anterior half, the
 * natural place for a test lesion.
 */
export interface BreastLandmarks {
  chestCenterYMm: number;
  chestSemiAxesMm: [number, number];
  breastRadiusMm: number;
  /** Centres of the breast discs (on the chest's anterior surface). */
  breastCentersMm: { right: Vec3; left: Vec3 };
  rightMm: Vec3;
  leftMm: Vec3;
}

export function breastLandmarks(grid: PhantomGrid): BreastLandmarks {
  const { width, height } = fieldOfView(grid);
  const chestCenterYMm = 0.25 * height;
  const chestSemiAxesMm: [number, number] = [0.45 * width, 0.22 * height];
  const front = chestCenterYMm - chestSemiAxesMm[1];
  const breastRadiusMm = Math.min(0.19 * width, 0.45 * height);
  const x = 0.22 * width;
  const inner = front - 0.45 * breastRadiusMm;
  return {
    chestCenterYMm, chestSemiAxesMm, breastRadiusMm,
    breastCentersMm: { right: [-x, front, 0], left: [x, front, 0] },
    rightMm: [-x, inner, 0], leftMm: [x, inner, 0],
  };
}

export function breastValue(x: number, y: number, l: BreastLandmarks, tissue: number): number {
  const { right, left } = l.breastCentersMm;
  const [a, b] = l.chestSemiAxesMm;
  const inside = inEllipse(x, y, 0, l.chestCenterYMm, a, b)
    || inEllipse(x, y, right[0], right[1], l.breastRadiusMm, l.breastRadiusMm)
    || inEllipse(x, y, left[0], left[1], l.breastRadiusMm, l.breastRadiusMm);
  return inside ? tissue : 0;
}
