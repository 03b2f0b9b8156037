import { resampleToGrid, resizeImage, targetGrid } from '../../dicom/resample.js';
import type { Grid, ImageTensor, Volume } from '../../dicom/volume.js';
import type { ModelCard, ModelTask } from '../model-card.js';
import { prepareIntensities } from './preprocess.js';
import type { Infer } from './types.js';

/**
 * Segmentation inference on the source grid: preprocessing as the card says, resampling to the
 * model's grid, sliding-window tiles of the model's input size, and the probabilities mapped back
 * so that they line up voxel for voxel with the series (what the SEG and the measurements need).
 *
 * Overlapping tiles are blended with nnU-Net's Gaussian importance map (Isensee et al., Nat
 * Methods 2021; σ = ⅛ of the tile): a model sees least context at a tile's border and is least
 * reliable there, so the tile whose centre is nearer decides.
 */

type Shape3 = [number, number, number];

/** Share of a tile that overlaps its neighbour. */
const OVERLAP = 0.25;
/** Tiles in flight at once: the inference pool has several workers; in-process ONNX runs them one by one. */
const CONCURRENCY = 4;

/** Tile starts along one axis: one tile when it fits, else evenly spread tiles overlapping by at least OVERLAP. */
export function tileStarts(length: number, size: number, overlap = OVERLAP): number[] {
  if (length <= size) return [0];
  const stride = Math.max(1, Math.floor(size * (1 - overlap)));
  const count = Math.ceil((length - size) / stride) + 1;
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - size)) / (count - 1)));
}

function requireTask(card: ModelCard, task: ModelTask): void {
  if (card.task !== task) throw new TypeError(`card ${card.id} is a ${card.task} model; this step needs ${task}`);
}

/** Runs tasks with at most `limit` in flight; results in task order (so sums over them are reproducible). */
export async function inOrder<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

/** The foreground map of a model's output: the output itself, or its last channel when it has several (softmax background/foreground). */
function foreground(output: Float32Array, voxels: number, card: ModelCard): Float32Array {
  if (output.length === voxels) return output;
  if (output.length > voxels && output.length % voxels === 0) return output.subarray(output.length - voxels);
  throw new RangeError(`card ${card.id}: the model answered ${output.length} values for a tile of ${voxels} voxels`);
}

/** A model input from one tile: the card's dims, the grey tile repeated over its channels. */
function modelInput(card: ModelCard, tile: Float32Array): { dims: number[]; data: Float32Array } {
  const channels = card.input.shape[1] ?? 1;
  if (channels === 1) return { dims: card.input.shape, data: tile };
  const data = new Float32Array(tile.length * channels);
  for (let c = 0; c < channels; c++) data.set(tile, c * tile.length);
  return { dims: card.input.shape, data };
}

function gaussianWeights(size: number): Float32Array {
  const out = new Float32Array(size);
  if (size === 1) return out.fill(1);
  const sigma = size / 8;
  const centre = (size - 1) / 2;
  // Floored so that voxels covered by a single tile's border (the volume's own edges) still count.
  for (let i = 0; i < size; i++) out[i] = Math.max(1e-3, Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma)));
  return out;
}

/** The tile of `data` (z-y-x, `shape`) starting at `start`, zero beyond the data's edges. */
function readTile(data: Float32Array, shape: Shape3, start: Shape3, tile: Shape3): Float32Array {
  const [, h, w] = shape;
  const [D, H, W] = tile;
  const out = new Float32Array(D * H * W);
  const zn = Math.min(D, shape[0] - start[0]);
  const yn = Math.min(H, h - start[1]);
  const xn = Math.min(W, w - start[2]);
  for (let z = 0; z < zn; z++) {
    for (let y = 0; y < yn; y++) {
      const from = ((start[0] + z) * h + start[1] + y) * w + start[2];
      out.set(data.subarray(from, from + xn), (z * H + y) * W);
    }
  }
  return out;
}

/**
 * Probabilities for every voxel of `data` (on the model's grid) from overlapping tiles of the
 * model's input size, blended with Gaussian weights.
 */
async function slidingWindow(data: Float32Array, shape: Shape3, tile: Shape3, card: ModelCard, infer: Infer, concurrency: number): Promise<Float32Array> {
  const [d, h, w] = shape;
  const [D, H, W] = tile;
  const starts: Shape3[] = [];
  for (const z of tileStarts(d, D)) for (const y of tileStarts(h, H)) for (const x of tileStarts(w, W)) starts.push([z, y, x]);
  const tileVoxels = D * H * W;
  const outputs = await inOrder(starts.map((start) => async () =>
    foreground(await infer(card, modelInput(card, readTile(data, shape, start, tile))), tileVoxels, card)), concurrency);
  const [gz, gy, gx] = [gaussianWeights(D), gaussianWeights(H), gaussianWeights(W)];
  const sum = new Float32Array(d * h * w);
  const weight = new Float32Array(d * h * w);
  starts.forEach(([z0, y0, x0], t) => {
    const probabilities = outputs[t]!;
    for (let z = 0; z < Math.min(D, d - z0); z++) {
      for (let y = 0; y < Math.min(H, h - y0); y++) {
        const wzy = gz[z]! * gy[y]!;
        const to = ((z0 + z) * h + y0 + y) * w + x0;
        const from = (z * H + y) * W;
        for (let x = 0; x < Math.min(W, w - x0); x++) {
          const wt = wzy * gx[x]!;
          sum[to + x] += probabilities[from + x]! * wt;
          weight[to + x] += wt;
        }
      }
    }
  });
  for (let i = 0; i < sum.length; i++) sum[i] = weight[i]! > 0 ? sum[i]! / weight[i]! : 0;
  return sum;
}

/**
 * A 3-D card on a volume: intensities prepared over the whole volume, resampled to the card's
 * spacing (fit 'spacing', then tiled) or to its input shape (fit 'shape', one tile), probabilities
 * resampled back (trilinear) onto the source grid: one value per source voxel, z-y-x.
 */
export async function segmentVolume(volume: Volume, card: ModelCard, infer: Infer): Promise<Float32Array> {
  requireTask(card, 'segmentation-3d');
  const tile = card.input.shape.slice(2) as Shape3;
  const { fit, interpolation } = card.preprocessing.resampling;
  const prepared = prepareIntensities(volume.data, card);
  const grid = targetGrid(volume, fit === 'spacing' ? { spacing: card.input.spacing as Shape3 } : { shape: tile });
  const onModelGrid = resampleToGrid<Float32Array>(prepared, volume, grid, interpolation);
  const probabilities = await slidingWindow(onModelGrid, grid.shape, tile, card, infer, CONCURRENCY);
  return resampleToGrid<Float32Array>(probabilities, grid, volume, 'linear');
}

/** A plane (one slice or image) as a one-slice grid in its own pixel frame: in-plane resampling without patient geometry. */
function planeGrid(shape: [number, number], spacing: [number, number]): Grid {
  return {
    shape: [1, shape[0], shape[1]], spacing: [1, spacing[0], spacing[1]], origin: [0, 0, 0],
    direction: { row: [1, 0, 0], column: [0, 1, 0], normal: [0, 0, 1] }, slicePositions: [0],
  };
}

/**
 * A function that segments one grey plane of `shape` (rows, columns) with a 2-D card. Without a
 * pixel spacing, a fit-'spacing' card takes the pixels as they are (they are assumed to be at the
 * card's spacing) and tiles them.
 */
function planeSegmenter(shape: [number, number], pixelSpacing: [number, number] | null, card: ModelCard, infer: Infer): (plane: Float32Array) => Promise<Float32Array> {
  requireTask(card, 'segmentation-2d');
  const [H, W] = card.input.shape.slice(2) as [number, number];
  const [h, w] = shape;
  const { fit, interpolation } = card.preprocessing.resampling;
  if (fit === 'shape') {
    return async (plane) => {
      const input = resizeImage(prepareIntensities(plane, card), [1, h, w], [H, W], interpolation === 'nearest' ? 'nearest' : 'bilinear');
      const probabilities = foreground(await infer(card, modelInput(card, input)), H * W, card);
      return resizeImage(probabilities, [1, H, W], [h, w], 'bilinear');
    };
  }
  const source = planeGrid(shape, pixelSpacing ?? (card.input.spacing as [number, number]));
  const model = pixelSpacing ? targetGrid(source, { spacing: [1, card.input.spacing[0]!, card.input.spacing[1]!] }) : source;
  return async (plane) => {
    const prepared = prepareIntensities(plane, card);
    const onModelGrid = model === source ? prepared : resampleToGrid<Float32Array>(prepared, source, model, interpolation);
    const probabilities = await slidingWindow(onModelGrid, model.shape, [1, H, W], card, infer, 1);
    return model === source ? probabilities : resampleToGrid<Float32Array>(probabilities, model, source, 'linear');
  };
}

/**
 * A 2-D card on every axial slice of a volume (lung CT with a slice model): each slice prepared
 * on its own, resampled in-plane to the card's spacing and tiled (fit 'spacing') or resized to the
 * input shape (fit 'shape'), and mapped back. Answers one probability per source voxel, z-y-x.
 */
export async function segmentSlices(volume: Volume, card: ModelCard, infer: Infer): Promise<Float32Array> {
  const [d, h, w] = volume.shape;
  const segment = planeSegmenter([h, w], [volume.spacing[1], volume.spacing[2]], card, infer);
  const out = new Float32Array(d * h * w);
  await inOrder(Array.from({ length: d }, (_, k) => async () => {
    out.set(await segment(volume.data.subarray(k * h * w, (k + 1) * h * w)), k * h * w);
  }), CONCURRENCY);
  return out;
}

/** BT.601 luma of a CHW RGB tensor: a grey model on a colour image when the caller did not ask for grey. */
function greyOf(image: ImageTensor): Float32Array {
  const [channels, rows, columns] = image.shape;
  if (channels === 1) return image.data;
  const n = rows * columns;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.299 * image.data[i]! + 0.587 * image.data[n + i]! + 0.114 * image.data[2 * n + i]!;
  return out;
}

/** A 2-D card on one image (US, photograph): probabilities per pixel, [rows × columns]. */
export async function segmentImage(image: ImageTensor, card: ModelCard, infer: Infer): Promise<Float32Array> {
  const [, rows, columns] = image.shape;
  return planeSegmenter([rows, columns], image.pixelSpacing, card, infer)(greyOf(image));
}
