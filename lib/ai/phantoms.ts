import { seededRandom } from '../random.js';

/**
 * Synthetic phantoms with known answers (bright discs and spheres on a dark, noisy background)
 * for the reference models' tests, the benchmark and pipeline checks. Values are normalised
 * intensities in [0, 1] as a model's preprocessing would give them.
 */
export interface PhantomOptions {
  /** Lesion intensity. */
  foreground?: number;
  background?: number;
  /** Standard deviation of additive Gaussian noise (seeded, so a phantom is always the same). */
  noise?: number;
  seed?: number;
}

export interface Blob {
  /** Centre in voxels, one coordinate per axis (x, y[, z]). */
  center: number[];
  radius: number;
  foreground?: number;
}

/** A phantom of `shape` (row-major, last axis fastest: [h, w] or [d, h, w]) with round blobs. */
export function phantom(shape: readonly number[], blobs: readonly Blob[], options: PhantomOptions = {}): Float32Array {
  const { foreground = 0.9, background = 0.1, noise = 0, seed = 1 } = options;
  const total = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(total).fill(background);
  const coords = new Array<number>(shape.length);
  for (let i = 0; i < total; i++) {
    let rest = i;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      coords[shape.length - 1 - axis] = rest % shape[axis]; // x first, then y, then z
      rest = Math.floor(rest / shape[axis]);
    }
    for (const blob of blobs) {
      let d2 = 0;
      for (let a = 0; a < shape.length; a++) d2 += (coords[a] + 0.5 - blob.center[a]) ** 2;
      if (d2 <= blob.radius * blob.radius) out[i] = blob.foreground ?? foreground;
    }
  }
  if (noise > 0) {
    const random = seededRandom(seed);
    for (let i = 0; i < total; i += 2) {
      // Box–Muller: two normal deviates per pair of uniforms.
      const u = Math.max(random.next(), 1e-12);
      const v = random.next();
      const radius = noise * Math.sqrt(-2 * Math.log(u));
      out[i] += radius * Math.cos(2 * Math.PI * v);
      if (i + 1 < total) out[i + 1] += radius * Math.sin(2 * Math.PI * v);
    }
  }
  return out;
}

/** The ground-truth mask of the blobs alone (1 inside any blob). */
export function blobMask(shape: readonly number[], blobs: readonly Blob[]): Uint8Array {
  const image = phantom(shape, blobs.map((b) => ({ ...b, foreground: 1 })), { background: 0 });
  return Uint8Array.from(image, (v) => (v > 0.5 ? 1 : 0));
}

/** Voxels above `threshold` as a 0/1 mask. */
export function thresholdMask(probabilities: ArrayLike<number>, threshold = 0.5): Uint8Array {
  return Uint8Array.from({ length: probabilities.length }, (_, i) => (probabilities[i] > threshold ? 1 : 0));
}

/** Intersection over union of two masks (1 when both are empty). */
export function maskIoU(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union === 0 ? 1 : inter / union;
}

export const countOn = (mask: ArrayLike<number>): number => {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  return n;
};
