/**
 * Connected components of a binary mask on a z-y-x grid: the step between a model's probability
 * map and countable findings (one nodule = one component).
 */

export type Connectivity = 4 | 8 | 6 | 18 | 26;

export interface Component {
  /** 1-based label in `labels`; components are numbered largest first. */
  label: number;
  voxels: number;
  /** Flat z-y-x indices of the component's voxels, ascending. */
  indices: Uint32Array;
  /** Bounding box, inclusive, [z, y, x]. */
  min: [number, number, number];
  max: [number, number, number];
  /** The grid the indices refer to (set by connectedComponents; findings use it to size the label map). */
  shape?: [number, number, number];
}

/**
 * Neighbour offsets [dz, dy, dx]. 4 and 8 stay within a slice (a 2-D model's answer, or a photo
 * as [1, h, w]); 6 = faces, 18 = faces + edges, 26 = faces + edges + corners.
 */
function neighbourOffsets(connectivity: Connectivity): [number, number, number][] {
  const offsets: [number, number, number][] = [];
  const planar = connectivity === 4 || connectivity === 8;
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const steps = Math.abs(dz) + Math.abs(dy) + Math.abs(dx);
        if (steps === 0 || (planar && dz !== 0)) continue;
        const limit = connectivity === 4 || connectivity === 6 ? 1 : connectivity === 18 ? 2 : 3;
        if (steps <= limit) offsets.push([dz, dy, dx]);
      }
    }
  }
  return offsets;
}

/**
 * Labels the connected components of `mask` (non-zero = foreground). Components smaller than
 * `minVoxels` are dropped (label 0); the rest are numbered 1..n, largest first (ties: the one
 * whose first voxel comes first), so label 1 is always the largest. At most 65 535 components are
 * kept (the labels are 16-bit): the smallest beyond that are dropped too.
 */
export function connectedComponents(
  mask: ArrayLike<number>, shape: [number, number, number], connectivity: Connectivity, minVoxels = 1,
): { labels: Uint16Array; components: Component[] } {
  const [d, h, w] = shape;
  const total = d * h * w;
  if (mask.length < total) throw new RangeError(`mask has ${mask.length} values, shape needs ${total}`);
  if (![4, 8, 6, 18, 26].includes(connectivity)) throw new RangeError(`connectivity ${connectivity} is not 4, 8, 6, 18 or 26`);
  const offsets = neighbourOffsets(connectivity);
  const seen = new Uint8Array(total);
  // The breadth-first queue doubles as the list of the component's voxels.
  const queue = new Uint32Array(total);
  const found: Component[] = [];
  for (let seed = 0; seed < total; seed++) {
    if (!mask[seed] || seen[seed]) continue;
    seen[seed] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    const min: [number, number, number] = [d, h, w];
    const max: [number, number, number] = [-1, -1, -1];
    while (head < tail) {
      const index = queue[head++]!;
      const z = Math.floor(index / (h * w));
      const y = Math.floor(index / w) % h;
      const x = index % w;
      if (z < min[0]) min[0] = z; if (z > max[0]) max[0] = z;
      if (y < min[1]) min[1] = y; if (y > max[1]) max[1] = y;
      if (x < min[2]) min[2] = x; if (x > max[2]) max[2] = x;
      for (const [dz, dy, dx] of offsets) {
        const nz = z + dz; const ny = y + dy; const nx = x + dx;
        if (nz < 0 || nz >= d || ny < 0 || ny >= h || nx < 0 || nx >= w) continue;
        const n = (nz * h + ny) * w + nx;
        if (mask[n] && !seen[n]) { seen[n] = 1; queue[tail++] = n; }
      }
    }
    if (tail < minVoxels) continue;
    found.push({ label: 0, voxels: tail, indices: queue.slice(0, tail).sort(), min, max, shape: [d, h, w] });
  }
  // Seeds are visited in index order, so a stable sort by size keeps ties in first-voxel order.
  const components = found.sort((a, b) => b.voxels - a.voxels).slice(0, 65_535);
  const labels = new Uint16Array(total);
  components.forEach((component, i) => {
    component.label = i + 1;
    for (const index of component.indices) labels[index] = i + 1;
  });
  return { labels, components };
}

/** Foreground where the probability is above `cutoff` (the card's postprocessing.threshold), as 0/1. */
export function threshold(probabilities: ArrayLike<number>, cutoff: number): Uint8Array {
  const out = new Uint8Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) out[i] = probabilities[i]! > cutoff ? 1 : 0;
  return out;
}
