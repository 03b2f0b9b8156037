/**
 * Fixed convolution kernels for the reference models, built as outer products of 1-D kernels so
 * that the same code serves 2-D and 3-D graphs. Exact binary fractions keep the weights (and so
 * the model bytes) identical on every build.
 */

/** The outer product of one 1-D kernel over `rank` axes, flattened in C order. */
export function separable(k1d: readonly number[], rank: number): number[] {
  let out = [1];
  for (let axis = 0; axis < rank; axis++) out = out.flatMap((v) => k1d.map((k) => v * k));
  return out;
}

/** Binomial smoothing [1 2 1]/4 per axis: a small Gaussian whose weights sum to 1. */
export const smoothing = (rank: number) => separable([0.25, 0.5, 0.25], rank);

/** A box mean over `size` voxels per axis (the regional support of a lesion). */
export const boxMean = (size: number, rank: number) => separable(new Array(size).fill(1 / size), rank);

/**
 * Bilinear (trilinear) ×2 upsampling as a ConvTranspose kernel (size 4, stride 2, pads 1): the
 * fixed-weight form of a UNet decoder's learned up-convolution.
 */
export const bilinearUp = (rank: number) => separable([0.25, 0.75, 0.75, 0.25], rank);

/** The identity kernel of a given odd size (a skip connection written as a convolution). */
export function identity(size: number, rank: number): number[] {
  const k1d = new Array(size).fill(0);
  k1d[(size - 1) / 2] = 1;
  return separable(k1d, rank);
}

/** `a·k1 + b·k2`, element by element (kernels of the same size). */
export function combine(a: number, k1: readonly number[], b: number, k2: readonly number[]): number[] {
  if (k1.length !== k2.length) throw new Error('combine: kernels differ in size');
  return k1.map((v, i) => a * v + b * k2[i]);
}

/** `n` copies of the same spatial rank as dims, e.g. `spatial(3, 2)` → [3, 3]. */
export const spatial = (size: number, rank: number): number[] => new Array(rank).fill(size);
