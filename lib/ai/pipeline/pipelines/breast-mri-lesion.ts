import type { Volume } from '../../../dicom/volume.js';
import type { ModelCard } from '../../model-card.js';
import { classifyImage } from '../classify.js';
import type { ClassResult, Infer, PipelineFinding } from '../types.js';

/**
 * The square patch a breast MRI lesion is classified on: its key slice (largest cross-section),
 * centred on the lesion, PATCH_FOV_MM wide, or PATCH_SCALE × its long axis when that is wider
 * (edges replicate the nearest pixel, so no artificial air enters the card's min-max).
 *
 * Why a fixed field of view rather than a patch scaled to the lesion: the reference classifier
 * grades the share of the patch that enhances. In a patch scaled to the lesion that share is the
 * same (~π/16) for every lesion, so every lesion would read "malignant"; in a fixed field of view
 * it grows with the lesion, which is what the card describes (size and brightness of the
 * enhancing region).
 */
export const PATCH_FOV_MM = 80;
export const PATCH_SCALE = 2;

export function lesionPatch(volume: Volume, finding: Pick<PipelineFinding, 'keySlice' | 'longAxisMm'>, centre: [number, number]): { data: Float32Array; side: number; patchMm: number } {
  const [, rows, columns] = volume.shape;
  const [, sy, sx] = volume.spacing;
  const longAxisMm = finding.longAxisMm ?? 10 * Math.min(sy, sx);
  const patchMm = Math.max(PATCH_FOV_MM, PATCH_SCALE * longAxisMm);
  const side = Math.max(8, Math.round(patchMm / Math.min(sy, sx)));
  const data = new Float32Array(side * side);
  const offset = finding.keySlice * rows * columns;
  const [cy, cx] = centre;
  for (let y = 0; y < side; y++) {
    const row = Math.min(rows - 1, Math.max(0, Math.round(cy - side / 2 + y)));
    for (let x = 0; x < side; x++) {
      const column = Math.min(columns - 1, Math.max(0, Math.round(cx - side / 2 + x)));
      data[y * side + x] = volume.data[offset + row * columns + column]!;
    }
  }
  return { data, side, patchMm };
}

/** Centroid (row, column) of the finding's voxels on its key slice, from the label map. */
function centreOnKeySlice(labels: Uint8Array, volume: Volume, finding: PipelineFinding): [number, number] {
  const [, rows, columns] = volume.shape;
  const offset = finding.keySlice * rows * columns;
  let sy = 0; let sx = 0; let n = 0;
  for (let i = 0; i < rows * columns; i++) {
    if (labels[offset + i] !== finding.number) continue;
    const x = i % columns;
    sx += x; sy += (i - x) / columns; n++;
  }
  return n ? [sy / n, sx / n] : [rows / 2, columns / 2];
}

export async function classifyLesion(volume: Volume, labels: Uint8Array, finding: PipelineFinding, card: ModelCard, infer: Infer): Promise<{ classification: ClassResult; patchMm: number }> {
  const { data, side, patchMm } = lesionPatch(volume, finding, centreOnKeySlice(labels, volume, finding));
  const classification = await classifyImage(data, [side, side], card, infer);
  return { classification, patchMm };
}
