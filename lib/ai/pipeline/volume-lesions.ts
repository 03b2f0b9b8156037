import type { Volume } from '../../dicom/volume.js';
import type { ModelCard } from '../model-card.js';
import { connectedComponents, threshold, type Component } from './components.js';
import { measureComponent, type ComponentMeasures } from './measure.js';

/**
 * From a 3-D segmenter's probabilities to lesions, for the brain and pancreas pipelines.
 *
 * The reference segmenter is sure about a bright lesion's core but puts its edge too far out on a
 * grey background (its regional term adds the surroundings' brightness: a 30 mm clot on 35 HU brain
 * comes out about 36 mm across), and on abdominal CT the window leaves soft tissue right at its
 * 0.5 edge, so the card's threshold alone cannot tell body from lesion. So: seeds where the model is
 * confident, structures cut by the field of view or as dense as bone set aside, and each lesion's
 * edge placed at half the contrast between its core and its surroundings (the half-maximum edge,
 * as CT volumetry and PET contouring place an object's boundary).
 */
export interface LesionRule {
  /** Probability a voxel must reach to seed a lesion (at least the card's threshold). */
  seedProbability: number;
  /** CT only: seeds whose mean is above this are bone (skull, spine), not lesions. */
  maxMeanHu: number | null;
  /** How far beyond the seed the half-contrast edge is looked for (mm). */
  searchMm: number;
  /** Width of the shell beyond that whose median is the lesion's background (mm). */
  backgroundMm: number;
  /** Rim added around structures set aside, for the confidence of "nothing found" (mm). */
  rimMm: number;
}

export interface EdgeThresholds { core: number; background: number; low: number; high: number }

export interface LesionCandidates {
  lesions: { component: Component; measures: ComponentMeasures }[];
  /** Seeds set aside, and why (for the audit and the tests). */
  dropped: { component: Component; reason: 'border' | 'dense' }[];
  /** The edge thresholds found around each kept seed. */
  edges: EdgeThresholds[];
  /** Voxels the pipeline explained away (set-aside structures with their rim): for `confidenceWhenNone`. */
  explained(): Uint8Array;
}

type Shape3 = readonly [number, number, number];

/**
 * The card's smallest component (given in voxels of the model's grid) in voxels of the source grid,
 * so a fine source series does not let specks through that the model's grid would have dropped.
 */
export function minVoxelsOnSource(card: ModelCard, spacing: readonly number[]): number {
  const min = card.postprocessing.connectedComponents?.minVoxels ?? 1;
  const modelVoxel = card.input.spacing.reduce((a, b) => a * b, 1);
  const sourceVoxel = spacing.slice(-card.input.spacing.length).reduce((a, b) => a * b, 1);
  return Math.max(1, Math.ceil((min * modelVoxel) / sourceVoxel));
}

/** Whether a component reaches the first or last voxel on any axis (a structure cut by the field of view). */
export const touchesBorder = (c: Component, shape: Shape3): boolean =>
  c.min.some((v) => v === 0) || c.max.some((v, axis) => v === shape[axis]! - 1);

export function meanOver(c: Component, values: ArrayLike<number>): number {
  let sum = 0;
  for (const i of c.indices) sum += values[i]!;
  return c.indices.length ? sum / c.indices.length : 0;
}

/** Radius in voxels per axis for a distance in mm (at least one voxel). */
export const voxelRadius = (mm: number, spacing: Shape3): [number, number, number] =>
  spacing.map((s) => Math.max(1, Math.round(mm / s))) as [number, number, number];

/** Box dilation, separable (a 1-D max filter per axis): grows `mask` by `radius` voxels per axis [z, y, x]. */
export function dilate(mask: Uint8Array, shape: Shape3, radius: Shape3): Uint8Array {
  const [, h, w] = shape;
  const strides = [h * w, w, 1];
  let current = mask;
  for (let axis = 0; axis < 3; axis++) {
    const r = radius[axis]!;
    const n = shape[axis]!;
    const stride = strides[axis]!;
    if (r <= 0 || n === 1) continue;
    const next = new Uint8Array(current.length);
    for (let start = 0; start < current.length; start++) {
      if (Math.floor(start / stride) % n !== 0) continue; // each line once, from its first voxel
      let lastOn = -Infinity;
      for (let k = 0; k < n; k++) {
        const i = start + k * stride;
        if (current[i]) { lastOn = k; next[i] = 1; } else if (k - lastOn <= r) next[i] = 1;
      }
      let nextOn = Infinity;
      for (let k = n - 1; k >= 0; k--) {
        const i = start + k * stride;
        if (current[i]) nextOn = k; else if (nextOn - k <= r) next[i] = 1;
      }
    }
    current = next;
  }
  return current;
}

const quantile = (values: Float32Array, q: number): number => {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/**
 * Marks in `out` the voxels near `seed` that belong to its lesion: within `searchMm` of the seed,
 * at least half-way from the background to the core (core = 90th percentile inside the seed,
 * background = median of the shell beyond), and not so much brighter than the core that they are
 * another structure (bone next to a clot). Works in the seed's bounding box only.
 */
function refineSeed(seed: Component, volume: Volume, rule: LesionRule, out: Uint8Array): EdgeThresholds | null {
  const shape = volume.shape;
  const near = voxelRadius(rule.searchMm, volume.spacing);
  const far = voxelRadius(rule.searchMm + rule.backgroundMm, volume.spacing);
  const lo = seed.min.map((v, a) => Math.max(0, v - far[a]!)) as [number, number, number];
  const hi = seed.max.map((v, a) => Math.min(shape[a]! - 1, v + far[a]!)) as [number, number, number];
  const box: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const [, h, w] = shape;
  const toGlobal = (l: number) => {
    const z = Math.floor(l / (box[1] * box[2]));
    const y = Math.floor(l / box[2]) % box[1];
    const x = l % box[2];
    return ((z + lo[0]) * h + y + lo[1]) * w + x + lo[2];
  };
  const local = new Uint8Array(box[0] * box[1] * box[2]);
  for (const g of seed.indices) {
    const z = Math.floor(g / (h * w)) - lo[0];
    const y = (Math.floor(g / w) % h) - lo[1];
    const x = (g % w) - lo[2];
    local[(z * box[1] + y) * box[2] + x] = 1;
  }
  const inner = dilate(local, box, near);
  const outer = dilate(local, box, far);
  const shell: number[] = [];
  for (let l = 0; l < local.length; l++) if (outer[l] && !inner[l]) shell.push(volume.data[toGlobal(l)]!);
  const core = quantile(Float32Array.from(seed.indices, (g) => volume.data[g]!), 0.9);
  const background = shell.length ? quantile(Float32Array.from(shell), 0.5) : -Infinity;
  if (!(core > background)) {
    // Not brighter than its surroundings in the source (a model answer we cannot refine): keep the seed as it is.
    for (const g of seed.indices) out[g] = 1;
    return null;
  }
  const edge = { core, background, low: (core + background) / 2, high: core + (core - background) };
  for (let l = 0; l < local.length; l++) {
    if (!inner[l]) continue;
    const g = toGlobal(l);
    const v = volume.data[g]!;
    if (v >= edge.low && v <= edge.high) out[g] = 1;
  }
  return edge;
}

/**
 * Lesions from a 3-D segmenter's probabilities: confident seeds (26-connected, at least the card's
 * minimum size), minus those cut by the field of view (skull vault, body wall, organs running out
 * of the scan) and, on CT, those as dense as bone; each kept seed refined to its half-contrast
 * edge; the refined voxels joined again into components and measured, largest first.
 */
export function lesionCandidates(volume: Volume, card: ModelCard, probabilities: Float32Array, rule: LesionRule): LesionCandidates {
  const cardThreshold = card.postprocessing.threshold ?? 0.5;
  const minVoxels = minVoxelsOnSource(card, volume.spacing);
  const seeds = connectedComponents(threshold(probabilities, Math.max(cardThreshold, rule.seedProbability)), volume.shape, 26, minVoxels).components;
  const dense = (c: Component) => rule.maxMeanHu !== null && meanOver(c, volume.data) > rule.maxMeanHu;
  const dropped: LesionCandidates['dropped'] = [];
  const edges: EdgeThresholds[] = [];
  const refined = new Uint8Array(volume.data.length);
  for (const seed of seeds) {
    if (touchesBorder(seed, volume.shape)) dropped.push({ component: seed, reason: 'border' });
    else if (dense(seed)) dropped.push({ component: seed, reason: 'dense' });
    else {
      const edge = refineSeed(seed, volume, rule, refined);
      if (edge) edges.push(edge);
    }
  }
  const lesions = connectedComponents(refined, volume.shape, 26, minVoxels).components
    .map((component) => ({ component, measures: measureComponent(component, volume, probabilities, volume.data) }));

  const explained = (): Uint8Array => {
    // What the model marked at its own threshold and the pipeline set aside: regions holding a dropped
    // seed, cut by the field of view or as dense as bone — and no lesion. A faint region the model
    // half-saw stays unexplained and lowers the confidence of "nothing found".
    const droppedVoxel = new Uint8Array(volume.data.length);
    for (const d of dropped) for (const i of d.component.indices) droppedVoxel[i] = 1;
    const level = connectedComponents(threshold(probabilities, cardThreshold), volume.shape, 26).components;
    const mask = new Uint8Array(volume.data.length);
    for (const c of level) {
      if (c.indices.some((i) => refined[i] === 1)) continue;
      if (touchesBorder(c, volume.shape) || dense(c) || c.indices.some((i) => droppedVoxel[i] === 1)) for (const i of c.indices) mask[i] = 1;
    }
    return dilate(mask, volume.shape, voxelRadius(rule.rimMm, volume.spacing));
  };
  return { lesions, dropped, edges, explained };
}
