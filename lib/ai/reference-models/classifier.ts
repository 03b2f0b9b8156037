import { GraphBuilder } from '../onnx-graph.js';
import { combine, identity, separable, smoothing } from './kernels.js';

/**
 * The reference ResNet-style classifier: a stem convolution, two residual blocks (conv → ReLU →
 * conv plus the identity shortcut, then ReLU) separated by 2× average pooling, global average
 * pooling, a fully connected layer and softmax over three labels.
 *
 * What the fixed weights compute: the stem gives four "lesion evidence" channels
 * relu(smoothed intensity − τ) for τ = 0.3, 0.45, 0.6, 0.75; each residual block adds a
 * zero-sum diffusion step (a mean-preserving smoothing), so after global pooling each channel is
 * the image mean of its evidence. Their average f grows with both the size and the brightness
 * of bright regions. The three logits are lines in f — normal 0, suspicious s·(f − t₁), high risk
 * 2s·f − s·(t₁ + t₂) — so the label is normal below t₁, suspicious between, high risk above t₂.
 * For a lesion at intensity 0.9 on a dark background that is about 0.4 % and 5 % of the image
 * area. Reference / demo only, not for clinical use.
 */
export interface ClassifierSpec {
  size: number;
  thresholds: number[];
  /** f at which "suspicious" overtakes "normal", and "high risk" overtakes "suspicious". */
  t1: number;
  t2: number;
  /** Logit slope per unit of f. */
  slope: number;
  /** Strength of each residual block's diffusion step. */
  diffusion: number;
}

// Inside a lesion at 0.9 the mean evidence is ((0.9−0.3)+(0.9−0.45)+(0.9−0.6)+(0.9−0.75))/4 = 0.375.
const EVIDENCE_AT_09 = 0.375;
export const CLASSIFIER: ClassifierSpec = {
  size: 128, thresholds: [0.3, 0.45, 0.6, 0.75], t1: 0.004 * EVIDENCE_AT_09, t2: 0.05 * EVIDENCE_AT_09, slope: 2000, diffusion: 0.5,
};

export const CLASSIFIER_INPUT = 'image';
export const CLASSIFIER_OUTPUT = 'probabilities';
export const CLASSIFIER_LABELS = ['normal', 'suspicious', 'high-risk'] as const;

export function buildClassifier(spec: ClassifierSpec, name: string, doc: string): Uint8Array {
  const { size, thresholds, t1, t2, slope, diffusion } = spec;
  const channels = thresholds.length;
  const g = new GraphBuilder(name, doc);
  const x = g.input(CLASSIFIER_INPUT, [1, 1, size, size]);
  const same = { kernel_shape: [3, 3], pads: [1, 1, 1, 1] };

  // Stem: one smoothing filter per channel, each with its own threshold as a negative bias.
  const stemW = g.weight('stem_w', [channels, 1, 3, 3], thresholds.flatMap(() => smoothing(2)));
  const stem = g.op('Relu', [g.op('Conv', [x, stemW, g.weight('stem_b', [channels], thresholds.map((t) => -t))], same)]);

  // Residual block: relu(x + conv2(relu(conv1(x)))), depthwise; conv1 smooths, conv2 = a·(G − δ)
  // makes the residual a zero-sum diffusion step, so the block keeps each channel's mean.
  const block = (input: string) => {
    const depthwise = (kernel: number[]) => g.weight('w', [channels, 1, 3, 3], thresholds.flatMap(() => kernel));
    const bias = () => g.weight('b', [channels], new Array(channels).fill(0));
    const conv1 = g.op('Relu', [g.op('Conv', [input, depthwise(smoothing(2)), bias()], { ...same, group: channels })]);
    const conv2 = g.op('Conv', [conv1, depthwise(combine(diffusion, smoothing(2), -diffusion, identity(3, 2))), bias()], { ...same, group: channels });
    return g.op('Relu', [g.op('Add', [input, conv2])]);
  };
  const b1 = block(stem);
  const b2 = block(g.op('AveragePool', [b1], { kernel_shape: [2, 2], strides: [2, 2] }));
  const pooled = g.op('Flatten', [g.op('GlobalAveragePool', [b2])], { axis: 1 });

  // Fully connected: logits as lines in f = mean over channels (weights / channels each).
  const slopes = [0, slope, 2 * slope];
  const biases = [0, -slope * t1, -slope * (t1 + t2)];
  const fcW = g.weight('fc_w', [3, channels], slopes.flatMap((s) => separable(new Array(channels).fill(s / channels), 1)));
  const logits = g.op('Gemm', [pooled, fcW, g.weight('fc_b', [3], biases)], { transB: 1 });
  g.output(g.op('Softmax', [logits], { axis: 1 }), CLASSIFIER_OUTPUT, [1, 3]);
  return g.toBytes({ 'cdss.reference': 'true', 'cdss.clinical_use': 'false', 'cdss.spec': JSON.stringify(spec) });
}
