import { GraphBuilder } from '../onnx-graph.js';
import { bilinearUp, boxMean, smoothing, spatial } from './kernels.js';

/**
 * The reference UNet-style segmenters (2-D and 3-D from one builder): an encoder of two
 * conv + max-pool levels, a bottleneck that measures how much bright tissue surrounds each point,
 * and a decoder that upsamples (transposed convolutions) and fuses each level with its skip
 * connection, ending in a sigmoid probability map.
 *
 * What the fixed weights compute, per voxel: logit = k·[(s − ½) + γ·(r − ½)] where s is the
 * locally smoothed intensity (fine level) and r the regional support (coarse levels: the mean
 * brightness over roughly 20 voxels around). A bright round lesion of sensible size has both s
 * and r high and is segmented with its edge at s ≈ ½; dark background has both low; an isolated
 * bright speck has s high but r low and is suppressed. Large k makes the output threshold-friendly
 * (near 0 or 1 away from edges). No learning was involved: reference / demo only, not for
 * clinical use.
 */
export interface SegmenterSpec {
  rank: 2 | 3;
  /** Edge length of the cubic (square) input, divisible by 4. */
  size: number;
  /** Output sharpness. */
  k: number;
  /** Weight of the regional support against the fine intensity. */
  gamma: number;
  /** Box size of the bottleneck's support window, in quarter-resolution voxels (odd). */
  supportWindow: number;
}

export const SEGMENTER_2D: SegmenterSpec = { rank: 2, size: 256, k: 16, gamma: 1.5, supportWindow: 5 };
// A sphere fills less of its 3-D support window than a disc of its 2-D one: less weight on the support.
export const SEGMENTER_3D: SegmenterSpec = { rank: 3, size: 64, k: 16, gamma: 1, supportWindow: 5 };

export const SEGMENTER_INPUT = 'image';
export const SEGMENTER_OUTPUT = 'probability';

export function buildSegmenter(spec: SegmenterSpec, name: string, doc: string): Uint8Array {
  const { rank, size, k, gamma, supportWindow } = spec;
  if (size % 4 !== 0) throw new Error(`segmenter size ${size} must be divisible by 4`);
  const dims = [1, 1, ...spatial(size, rank)];
  const pad = (p: number) => new Array(rank * 2).fill(p);
  const g = new GraphBuilder(name, doc);
  const x = g.input(SEGMENTER_INPUT, dims);

  const conv = (input: string, inCh: number, outCh: number, size1: number, kernel: number[], bias: number[]) =>
    g.op('Conv', [input, g.weight('w', [outCh, inCh, ...spatial(size1, rank)], kernel), g.weight('b', [outCh], bias)],
      { kernel_shape: spatial(size1, rank), pads: pad((size1 - 1) / 2) });
  const pool = (input: string) => g.op('MaxPool', [input], { kernel_shape: spatial(2, rank), strides: spatial(2, rank) });
  const up = (input: string) => g.op('ConvTranspose', [input, g.weight('up', [1, 1, ...spatial(4, rank)], bilinearUp(rank))],
    { kernel_shape: spatial(4, rank), strides: spatial(2, rank), pads: pad(1) });

  // Encoder. Level 1: smoothed intensity s (the skip connection to the last decoder stage).
  const s = g.op('Relu', [conv(x, 1, 1, 3, smoothing(rank), [0])]);
  // Level 2 (½ resolution): max-pool keeps a lesion's brightness, smoothing cleans the blockiness.
  const m = g.op('Relu', [conv(pool(s), 1, 1, 3, smoothing(rank), [0])]);
  // Bottleneck (¼ resolution): the regional support, a box mean of brightness.
  const r = g.op('Relu', [conv(pool(m), 1, 1, supportWindow, boxMean(supportWindow, rank), [0])]);

  // Decoder. Level 2: upsampled support fused 1:1 with the level-2 skip (a 1×1 conv over the concat).
  const fused = g.op('Relu', [conv(g.op('Concat', [m, up(r)], { axis: 1 }), 2, 1, 1, [0.5, 0.5], [0])]);
  // Level 1: k·[(s − ½) + γ·(r − ½)] over the concat of the skip and the upsampled fusion.
  const logit = conv(g.op('Concat', [s, up(fused)], { axis: 1 }), 2, 1, 1, [k, k * gamma], [-k * (0.5 + 0.5 * gamma)]);
  g.output(g.op('Sigmoid', [logit]), SEGMENTER_OUTPUT, dims);
  return g.toBytes({ 'cdss.reference': 'true', 'cdss.clinical_use': 'false', 'cdss.spec': JSON.stringify(spec) });
}
