import type { ModelCard } from '../../model-card.js';
import { connectedComponents, threshold, type Component } from '../components.js';

/**
 * From the segmenter's probability map to the one mass the descriptors are measured on, and the
 * speckle-reduced image the classifier gets.
 */

/** Separable box mean of radius `r` pixels (edges use the pixels that exist). */
export function boxBlur(values: Float32Array, [height, width]: [number, number], r: number): Float32Array {
  if (r < 1) return Float32Array.from(values);
  const tmp = new Float32Array(values.length);
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0; let n = 0;
      for (let d = Math.max(0, x - r); d <= Math.min(width - 1, x + r); d++) { sum += values[y * width + d]!; n++; }
      tmp[y * width + x] = sum / n;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0; let n = 0;
      for (let d = Math.max(0, y - r); d <= Math.min(height - 1, y + r); d++) { sum += tmp[d * width + x]!; n++; }
      out[y * width + x] = sum / n;
    }
  }
  return out;
}

function median(values: ArrayLike<number>): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Pixels of about 0.3 mm: speckle grains are finer, masses (and their spicules) larger. */
const speckleRadius = (pixelSpacing: [number, number] | null) =>
  pixelSpacing ? Math.max(1, Math.round(0.3 / Math.min(...pixelSpacing))) : 2;

/**
 * What the classifier sees: the image with speckle smoothed and everything brighter than the
 * parenchyma (the image median) clipped to it. The reference classifier grades the size and
 * darkness of hypoechoic regions after the card's window and inversion; unclipped, the darker
 * half of the speckle reads as "dark tissue" all over the image (an image without a mass came
 * out benign 0.55 / indeterminate 0.45 raw, 0.84 / 0.16 clipped).
 */
export function classifierInput(echo: Float32Array, shape: [number, number], pixelSpacing: [number, number] | null): Float32Array {
  const smooth = boxBlur(echo, shape, speckleRadius(pixelSpacing));
  const level = median(smooth);
  return smooth.map((v) => Math.min(v, level));
}

export interface MassDetection {
  component: Component | null;
  /** 1 inside the mass (rows × columns); all 0 without one. */
  mask: Uint8Array;
  /** The echo levels the mask was cut at: the mass core, the parenchyma and the cut between them. */
  levels: { core: number; parenchyma: number; cut: number } | null;
  warnings: string[];
}

/** The cut sits a quarter of the way from the mass core up to the parenchyma: below an acoustic shadow (×0.55). */
const CUT_FRACTION = 0.25;
/** A region whose darkest part is not below half the parenchyma echo is no hypoechoic mass. */
const MAX_CORE_FRACTION = 0.5;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * Re-cuts one segmenter component on the echo itself, at full resolution. The reference segmenter
 * works on a 256² copy with its edge at half the normalised contrast, so it blurs spicules away
 * and joins a mass to the acoustic shadow under it (both are dark after inversion). The mass is
 * the connected region, around the component, whose speckle-smoothed echo is below the cut.
 */
function recut(smooth: Float32Array, [height, width]: [number, number], component: Component, parenchyma: number): { pixels: number[]; core: number; cut: number } | null {
  const inside = Array.from(component.indices, (i) => smooth[i]!);
  const core = percentile(inside, 0.05);
  if (core > MAX_CORE_FRACTION * parenchyma) return null;
  const cut = core + CUT_FRACTION * (parenchyma - core);
  // Look a half component size around it: spicules reach beyond the segmenter's blurred edge.
  const padY = Math.ceil((component.max[1] - component.min[1] + 1) / 2);
  const padX = Math.ceil((component.max[2] - component.min[2] + 1) / 2);
  const y0 = Math.max(0, component.min[1] - padY); const y1 = Math.min(height - 1, component.max[1] + padY);
  const x0 = Math.max(0, component.min[2] - padX); const x1 = Math.min(width - 1, component.max[2] + padX);
  const bw = x1 - x0 + 1; const bh = y1 - y0 + 1;
  const dark = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) dark[y * bw + x] = smooth[(y + y0) * width + x + x0]! < cut ? 1 : 0;
  const { components } = connectedComponents(dark, [1, bh, bw], 8);
  const member = new Set(component.indices);
  const toImage = (i: number) => (Math.floor(i / bw) + y0) * width + (i % bw) + x0;
  const piece = components.find((c) => c.indices.some((i) => member.has(toImage(i))));
  return piece ? { pixels: Array.from(piece.indices, toImage), core, cut } : null;
}

/**
 * The mass: of the segmenter's components, re-cut on the echo (recut above), the largest that
 * does not touch the image border. Dark regions at the border are the transducer's edge, rib
 * shadow or the dark band under the breast (the card says the segmenter finds every hypoechoic
 * region), not a mass in the field.
 */
export function findMass(echo: Float32Array, shape: [number, number], probabilities: Float32Array, card: ModelCard, pixelSpacing: [number, number] | null): MassDetection {
  const [height, width] = shape;
  const cutoff = card.postprocessing.threshold ?? 0.5;
  const { connectivity, minVoxels } = card.postprocessing.connectedComponents ?? { connectivity: 8 as const, minVoxels: 20 };
  const { components } = connectedComponents(threshold(probabilities, cutoff), [1, height, width], connectivity, minVoxels);
  const smooth = boxBlur(echo, shape, speckleRadius(pixelSpacing));
  const parenchyma = median(smooth);
  const warnings: string[] = [];
  const mask = new Uint8Array(height * width);
  const candidates: { component: Component; core: number; cut: number }[] = [];
  for (const component of components) {
    const piece = recut(smooth, shape, component, parenchyma);
    if (!piece) continue;
    const own = new Uint8Array(height * width);
    for (const i of piece.pixels) own[i] = 1;
    const [mass] = connectedComponents(own, [1, height, width], 8, minVoxels).components;
    if (!mass) continue;
    if (mass.min[1] === 0 || mass.min[2] === 0 || mass.max[1] === height - 1 || mass.max[2] === width - 1) {
      warnings.push(`영상 가장자리에 닿은 저에코 영역(${mass.voxels} px)은 종괴로 보지 않았습니다 (a dark region of ${mass.voxels} px touching the image border was ignored)`);
      continue;
    }
    candidates.push({ component: mass, core: piece.core, cut: piece.cut });
  }
  candidates.sort((a, b) => b.component.voxels - a.component.voxels);
  if (candidates.length > 1) {
    warnings.push(`저에코 영역 ${candidates.length}개 중 가장 큰 것을 종괴로 분석했습니다 (the largest of ${candidates.length} dark regions was analysed as the mass)`);
  }
  const chosen = candidates[0];
  if (!chosen) return { component: null, mask, levels: null, warnings };
  for (const i of chosen.component.indices) mask[i] = 1;
  return { component: chosen.component, mask, levels: { core: chosen.core, parenchyma, cut: chosen.cut }, warnings };
}
