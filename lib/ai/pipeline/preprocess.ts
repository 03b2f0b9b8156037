import { normalize, windowLevel } from '../../dicom/intensity.js';
import type { ModelCard } from '../model-card.js';

/**
 * A card's intensity preprocessing, in the order the card schema defines it: window/level (when
 * the card has a window) → normalisation → inversion. Resampling is the caller's (segment.ts,
 * classify.ts), because it depends on whether the card sees a volume, a slice or an image.
 */
export function prepareIntensities(values: Float32Array, card: ModelCard): Float32Array {
  const { window, normalisation, invert } = card.preprocessing;
  let out = window ? windowLevel(values, window) : values;
  switch (normalisation.method) {
    case 'window':
      // windowLevel already answers [0, 1]; a card that says 'window' without one is refused by validateCard.
      if (!window) throw new RangeError(`card ${card.id}: normalisation 'window' needs preprocessing.window`);
      break;
    case 'minmax':
      out = normalize(out, { method: 'minmax' });
      break;
    case 'percentile': {
      const { low, high } = normalisation;
      if (low === undefined || high === undefined || !(low < high)) throw new RangeError(`card ${card.id}: percentile needs low < high`);
      // Clip to the percentiles, then min-max: the clipped extremes become exactly 0 and 1 (nnU-Net / MONAI
      // ScaleIntensityRangePercentiles(clip=True)), so a few hot voxels do not set the scale.
      out = normalize(out, { method: 'minmax', clipPercentiles: [low, high] });
      break;
    }
    case 'zscore':
      out = normalize(out, { method: 'zscore' });
      break;
    case 'none':
      break;
  }
  // Never hand back the caller's array: the callers keep the source intensities for measuring.
  if (out === values) out = new Float32Array(values);
  if (invert) for (let i = 0; i < out.length; i++) out[i] = 1 - out[i]!;
  return out;
}
