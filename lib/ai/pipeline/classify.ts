import { resizeImage } from '../../dicom/resample.js';
import type { ModelCard } from '../model-card.js';
import { prepareIntensities } from './preprocess.js';
import type { ClassResult, Infer } from './types.js';

/**
 * Whole-image classification: the card's intensity preprocessing on the grey image, a resize to
 * the input shape, one inference, and the argmax over the card's labels (model card
 * postprocessing.decision 'argmax').
 */

/** Softmax, for a hospital model exported without its final softmax (its outputs are logits). */
function softmax(values: Float32Array): Float32Array {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

/** Outputs that already are probabilities stay as they are; anything else is treated as logits. */
function asProbabilities(output: Float32Array): Float32Array {
  const sum = output.reduce((a, b) => a + b, 0);
  const isDistribution = output.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3;
  return isDistribution ? output : softmax(output);
}

/**
 * Classifies one grey image (`data` row-major, `shape` [rows, columns]) with a classification
 * card: probabilities per label code and the most probable label.
 */
export async function classifyImage(data: Float32Array, shape: [number, number], card: ModelCard, infer: Infer): Promise<ClassResult> {
  if (card.task !== 'classification') throw new TypeError(`card ${card.id} is a ${card.task} model; classifyImage needs a classifier`);
  const [rows, columns] = shape;
  if (data.length < rows * columns) throw new RangeError(`image has ${data.length} values, shape ${rows}×${columns} needs ${rows * columns}`);
  const [, channels, H, W] = card.input.shape as [number, number, number, number];
  const mode = card.preprocessing.resampling.interpolation === 'nearest' ? 'nearest' : 'bilinear';
  const grey = resizeImage(prepareIntensities(data.subarray(0, rows * columns), card), [1, rows, columns], [H, W], mode);
  let input = grey;
  if (channels > 1) {
    // A colour model given a grey image: the same plane on every channel.
    input = new Float32Array(grey.length * channels);
    for (let c = 0; c < channels; c++) input.set(grey, c * grey.length);
  }
  const output = await infer(card, { dims: card.input.shape, data: input });
  const classes = card.output.shape[1] ?? output.length;
  if (output.length !== classes) throw new RangeError(`card ${card.id}: the model answered ${output.length} values for ${classes} classes`);
  const p = asProbabilities(output);
  const probabilities: Record<string, number> = {};
  let best = card.labels[0]!;
  for (const label of card.labels) {
    probabilities[label.code] = p[label.value]!;
    if (p[label.value]! > p[best.value]!) best = label;
  }
  return { code: best.code, name: best.name, probability: p[best.value]!, probabilities, modelId: card.id };
}
