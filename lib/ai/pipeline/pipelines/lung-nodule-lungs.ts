import type { Component } from '../components.js';

/**
 * Where a lung nodule may be: the lungs, found the classical way (air-density threshold, then
 * whatever air touches the edge of the slice is outside the patient — Hu S, Hoffman EA, Reinhardt
 * JM. IEEE TMI 2001;20(6):490–498). The reference segmenter marks every bright region on a lung
 * window, chest wall and mediastinum included; a nodule is the bright region that lung surrounds.
 */

/** Lung parenchyma is well below this on CT; soft tissue, nodules and vessels are above it. */
export const LUNG_HU_BELOW = -500;

/** `airMap` values: not air, lung (air inside the body), air outside the patient. */
export const TISSUE = 0;
export const LUNG = 1;
export const OUTSIDE = 2;

/**
 * Per axial slice: voxels below −500 HU are OUTSIDE when connected (4-neighbours, in-plane) to the
 * slice border, LUNG otherwise (air inside the body); everything else TISSUE.
 */
export function airMap(hu: ArrayLike<number>, shape: readonly [number, number, number]): Uint8Array {
  const [d, h, w] = shape;
  const plane = h * w;
  const lung = new Uint8Array(d * plane);
  const outside = new Uint8Array(plane);
  const stack = new Int32Array(plane);
  for (let z = 0; z < d; z++) {
    const base = z * plane;
    outside.fill(0);
    let top = 0;
    const seed = (p: number) => { if (!outside[p] && hu[base + p]! < LUNG_HU_BELOW) { outside[p] = 1; stack[top++] = p; } };
    for (let x = 0; x < w; x++) { seed(x); seed((h - 1) * w + x); }
    for (let y = 0; y < h; y++) { seed(y * w); seed(y * w + w - 1); }
    while (top > 0) {
      const p = stack[--top]!;
      const y = Math.floor(p / w);
      const x = p - y * w;
      if (x > 0) seed(p - 1);
      if (x < w - 1) seed(p + 1);
      if (y > 0) seed(p - w);
      if (y < h - 1) seed(p + w);
    }
    for (let p = 0; p < plane; p++) if (hu[base + p]! < LUNG_HU_BELOW) lung[base + p] = outside[p] ? OUTSIDE : LUNG;
  }
  return lung;
}

export interface RingSorting {
  kept: Component[];
  dropped: Component[];
  /** Dropped components and their ring: what the model saw and the pipeline explained away. */
  explained: Uint8Array;
}

export interface RingRule {
  ringMm: number;
  /** Least share of the ring that must be lung. */
  minLungFraction: number;
  /** Most share of the ring that may be outside air (a nodule never touches the skin's surface). */
  maxOutsideFraction: number;
}

/** In-plane ellipse offsets of radii (ry, rx) pixels, excluding the centre. */
function discOffsets(ry: number, rx: number): [number, number][] {
  const out: [number, number][] = [];
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      if ((dy || dx) && (dy / ry) ** 2 + (dx / rx) ** 2 <= 1) out.push([dy, dx]);
    }
  }
  return out;
}

/**
 * Sorts 2-D components (one axial slice each, labelled in `labels`) by their ring, the pixels within
 * `ringMm` of the component in its slice. A nodule's ring is lung. The chest wall's ring is lung on
 * the inside but outside air on the other; the mediastinum is joined to the wall; a region cut by
 * the edge of the image has lost part of its ring and is dropped too.
 */
export function sortByRing(
  components: readonly Component[], labels: Uint16Array, air: Uint8Array,
  shape: readonly [number, number, number], pixelSpacing: readonly [number, number], rule: RingRule,
): RingSorting {
  const [, h, w] = shape;
  const plane = h * w;
  const offsets = discOffsets(Math.max(1, Math.round(rule.ringMm / pixelSpacing[0])), Math.max(1, Math.round(rule.ringMm / pixelSpacing[1])));
  // stamp[q] === label: q already counted in that component's ring (labels are unique per component).
  const stamp = new Uint16Array(labels.length);
  const explained = new Uint8Array(labels.length);
  const kept: Component[] = [];
  const dropped: Component[] = [];
  for (const c of components) {
    const ring: number[] = [];
    let lung = 0;
    let outside = 0;
    for (const p of c.indices) {
      const z = Math.floor(p / plane);
      const y = Math.floor((p - z * plane) / w);
      const x = p - z * plane - y * w;
      const inside = (yy: number, xx: number) => yy >= 0 && yy < h && xx >= 0 && xx < w && labels[z * plane + yy * w + xx] === c.label;
      // Only boundary pixels can have ring pixels within the radius that interior ones lack.
      if (inside(y - 1, x) && inside(y + 1, x) && inside(y, x - 1) && inside(y, x + 1)) continue;
      for (const [dy, dx] of offsets) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
        const q = z * plane + yy * w + xx;
        if (labels[q] === c.label || stamp[q] === c.label) continue;
        stamp[q] = c.label;
        ring.push(q);
        if (air[q] === LUNG) lung++;
        else if (air[q] === OUTSIDE) outside++;
      }
    }
    const cut = c.min[1] === 0 || c.min[2] === 0 || c.max[1] === h - 1 || c.max[2] === w - 1;
    const n = Math.max(1, ring.length);
    if (!cut && lung / n >= rule.minLungFraction && outside / n <= rule.maxOutsideFraction) kept.push(c);
    else {
      dropped.push(c);
      for (const i of c.indices) explained[i] = 1;
      for (const q of ring) explained[q] = 1;
    }
  }
  return { kept, dropped, explained };
}
