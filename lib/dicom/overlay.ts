import dcmjs from 'dcmjs';
import { PNG } from 'pngjs';
import { numberValue, type ParsedDicom } from './part10.js';
import { decodeFrame } from './pixels.js';
import { frameToRgba } from './render.js';
import { readSegmentation, segmentationMasks } from './seg.js';
import type { ImageSource } from './volume.js';

/**
 * A 2-D overlay preview of a DICOM SEG on its source image: one slice rendered in grey (the
 * dataset's window, or the caller's) with each segment blended over it in its own colour and
 * outlined at full strength, so the finding reads at a glance in a browser without a DICOM
 * viewer. The colours are the SEG's RecommendedDisplayCIELabValue (what OHIF shows), else a fixed
 * palette. Pure: the caller reads the instances; nothing here does I/O.
 */

export type Rgb = [number, number, number];

/** Fill strength of a segment over the image; the outline is drawn at full strength. */
export const OVERLAY_ALPHA = 0.4;

/** Colours for segments without a recommended display colour, by segment number (repeating). */
const PALETTE: Rgb[] = [[228, 87, 46], [41, 115, 178], [255, 201, 20], [118, 176, 65], [155, 89, 182], [23, 190, 207]];

export interface OverlaySegment {
  number: number;
  label: string;
  color: Rgb;
  /** Pixels of the segment over all slices. */
  pixels: number;
}

/** One segment's mask on one slice (rows × columns, 0/1). */
export interface SliceLayer {
  segment: number;
  mask: Uint8Array;
  color: Rgb;
}

export interface OverlaySlice {
  /** z index in the source (ImageSource.slices order), 0-based. */
  index: number;
  segments: number[];
  pixels: number;
}

/** What a screen needs to step through a segmentation: the grid, the segments, the slices that hold any. */
export interface OverlayModel {
  rows: number;
  columns: number;
  sliceCount: number;
  segments: OverlaySegment[];
  /** Slices with at least one segmented pixel, ascending. */
  findingSlices: OverlaySlice[];
  /** Where the largest segment (by pixels over all slices) is largest; 0 when nothing is segmented. */
  defaultSlice: number;
  /** The non-empty layers of each finding slice. */
  layers: Map<number, SliceLayer[]>;
}

/** The segments' display colours: RecommendedDisplayCIELabValue (PS3.3 C.8.20.2) as sRGB, else the palette. */
export function segmentColors(seg: ParsedDicom): Map<number, Rgb> {
  const colors = new Map<number, Rgb>();
  for (const item of (seg.dataset.SegmentSequence ?? []) as Record<string, unknown>[]) {
    const number = numberValue(item.SegmentNumber) ?? 0;
    const lab = item.RecommendedDisplayCIELabValue;
    colors.set(number, Array.isArray(lab) && lab.length === 3
      ? dcmjs.data.Colors.dicomlab2RGB8(lab.map(Number)) as Rgb
      : PALETTE[(Math.max(1, number) - 1) % PALETTE.length]!);
  }
  return colors;
}

/** The SEG read onto its source grid and cut into per-slice layers (only slices that hold something are kept). */
export function overlayModel(seg: ParsedDicom, source: ImageSource): OverlayModel {
  const info = readSegmentation(seg);
  const masks = segmentationMasks(seg, source);
  const colors = segmentColors(seg);
  const plane = source.rows * source.columns;
  const layers = new Map<number, SliceLayer[]>();
  const segments: OverlaySegment[] = [];
  // Per segment, its area on each slice: the default slice is the largest segment's widest cut.
  let best = { total: 0, slice: 0 };
  for (const [number, mask] of [...masks].sort(([a], [b]) => a - b)) {
    let total = 0;
    let widest = { area: 0, slice: 0 };
    for (let k = 0; k < source.slices.length; k++) {
      let area = 0;
      for (let p = k * plane; p < (k + 1) * plane; p++) if (mask[p]) area++;
      if (area === 0) continue;
      total += area;
      if (area > widest.area) widest = { area, slice: k };
      const color = colors.get(number) ?? PALETTE[(number - 1) % PALETTE.length]!;
      layers.set(k, [...(layers.get(k) ?? []), { segment: number, mask: mask.slice(k * plane, (k + 1) * plane), color }]);
    }
    const label = info.segments.find((s) => s.number === number)?.label ?? `segment ${number}`;
    segments.push({ number, label, color: colors.get(number) ?? PALETTE[(number - 1) % PALETTE.length]!, pixels: total });
    if (total > best.total) best = { total, slice: widest.slice };
  }
  const findingSlices = [...layers.keys()].sort((a, b) => a - b).map((index) => {
    const here = layers.get(index)!;
    return { index, segments: here.map((l) => l.segment), pixels: here.reduce((n, l) => n + l.mask.reduce((m, v) => m + v, 0), 0) };
  });
  return { rows: source.rows, columns: source.columns, sliceCount: source.slices.length, segments, findingSlices, defaultSlice: best.slice, layers };
}

/** RGBA to grey RGBA (Rec. 601 luma), so the colours of the overlay are the only colours shown. */
export function toGrey(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const y = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
    out[i] = out[i + 1] = out[i + 2] = y;
    out[i + 3] = 255;
  }
  return out;
}

const inside = (mask: Uint8Array, width: number, height: number, x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] !== 0;

/**
 * Blends the layers over an RGBA image (a copy is answered): inside a mask the pixel becomes
 * (1 − alpha)·image + alpha·colour; a mask pixel with a 4-neighbour outside the mask (or at the
 * image edge) is the outline and takes the colour itself. Later layers are drawn over earlier ones.
 */
export function blendLayers(rgba: Uint8Array, width: number, height: number, layers: SliceLayer[], alpha = OVERLAY_ALPHA): Uint8Array {
  const out = new Uint8Array(rgba);
  for (const { mask, color } of layers) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        if (!mask[p]) continue;
        const edge = !inside(mask, width, height, x - 1, y) || !inside(mask, width, height, x + 1, y)
          || !inside(mask, width, height, x, y - 1) || !inside(mask, width, height, x, y + 1);
        for (let c = 0; c < 3; c++) out[p * 4 + c] = edge ? color[c]! : Math.round((1 - alpha) * out[p * 4 + c]! + alpha * color[c]!);
        out[p * 4 + 3] = 255;
      }
    }
  }
  return out;
}

/**
 * One slice of the source with its layers, as an RGB PNG. `parsed` is the slice's instance and
 * `frame` its frame (1 for single-frame images); the window is the caller's, else the dataset's,
 * else the frame's range (render.ts). Throws DicomInputError where the frame cannot be decoded.
 */
export function renderOverlayPng(
  parsed: ParsedDicom, frame: number, layers: SliceLayer[], options: { windowCenter?: number; windowWidth?: number } = {},
): Buffer {
  const decoded = decodeFrame(parsed, frame);
  const { rgba } = frameToRgba(parsed, decoded, options);
  const blended = blendLayers(toGrey(rgba), decoded.width, decoded.height, layers);
  const png = new PNG({ width: decoded.width, height: decoded.height });
  png.data = Buffer.from(blended.buffer, blended.byteOffset, blended.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true });
}

/** `#rrggbb` for a colour, as screens and JSON show it. */
export const hexColor = (color: Rgb): string => `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
