import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { numberValue, textValue, type ParsedDicom } from './part10.js';
import { decodeFrame, type DecodedFrame } from './pixels.js';

/**
 * A frame as an 8-bit PNG or JPEG for downloads and previews (seed §4.1.3 "download with
 * window/level"), the display pipeline of PS3.4 N.2 in short:
 * stored values → Modality LUT (RescaleSlope/Intercept) → VOI (window; LINEAR, LINEAR_EXACT or
 * SIGMOID per VOILUTFunction) → MONOCHROME1 inverted → 8 bits.
 *
 * The window is the caller's centre/width, else the dataset's first WindowCenter/WindowWidth,
 * else the frame's min–max. Colour frames (RGB, YBR, PALETTE COLOR) are shown as they are unless
 * the caller gives a window, which then applies to each channel.
 *
 * Decodable: every native syntax, JPEG Baseline/Extended 8-bit and RLE Lossless; others throw
 * DicomInputError UNSUPPORTED (see transfer-syntax.ts).
 */
export interface RenderOptions {
  frame?: number;
  windowCenter?: number;
  windowWidth?: number;
  format: 'png' | 'jpeg';
  /** JPEG quality 1–100 (default 90). */
  quality?: number;
}

export interface VoiWindow { center: number; width: number; fn: 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID' }

function minMax(values: Float32Array): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/**
 * The window to use: the caller's, the dataset's first, or the frame's range — and for a flat
 * frame (min = max) the whole range the stored bits can hold (`storedRange`, in modality units),
 * so an all-zero frame shows black and an all-one binary segment white.
 */
export function voiWindow(
  parsed: ParsedDicom, values: Float32Array | null, options: { windowCenter?: number; windowWidth?: number }, storedRange?: [number, number],
): VoiWindow | null {
  const fnText = textValue(parsed.dataset.VOILUTFunction).toUpperCase();
  const fn = fnText === 'SIGMOID' || fnText === 'LINEAR_EXACT' ? fnText : 'LINEAR';
  let center = Number.isFinite(options.windowCenter) ? options.windowCenter! : numberValue(parsed.dataset.WindowCenter);
  let width = Number.isFinite(options.windowWidth) ? options.windowWidth! : numberValue(parsed.dataset.WindowWidth);
  if (center === null || width === null || width <= 0) {
    if (!values) return null;
    let [min, max] = minMax(values);
    if (min === max && storedRange) [min, max] = storedRange;
    // A given centre or width is kept; only the missing half comes from the frame's range.
    center ??= (min + max) / 2;
    width = width !== null && width > 0 ? width : Math.max(max - min, 0);
    if (width === 0) return { center, width: 0, fn: 'LINEAR' };
  }
  return { center, width: Math.max(width, fn === 'LINEAR' ? 1 : Number.MIN_VALUE), fn };
}

/** One value through the VOI function (PS3.3 C.11.2.1.2) to 0–255. */
export function applyWindow(x: number, w: VoiWindow): number {
  if (w.width === 0) return 0; // nothing to tell apart
  let y: number;
  if (w.fn === 'SIGMOID') y = 255 / (1 + Math.exp((-4 * (x - w.center)) / w.width));
  else if (w.fn === 'LINEAR_EXACT') y = x <= w.center - w.width / 2 ? 0 : x > w.center + w.width / 2 ? 255 : ((x - w.center) / w.width + 0.5) * 255;
  else {
    const c = w.center - 0.5;
    const half = (w.width - 1) / 2;
    y = x <= c - half ? 0 : x > c + half ? 255 : ((x - c) / (w.width - 1) + 0.5) * 255;
  }
  return y < 0 ? 0 : y > 255 ? 255 : Math.round(y);
}

/** The values the stored bits can hold, through the Modality LUT. */
function storedRange(parsed: ParsedDicom, bitsStored: number): [number, number] {
  const signed = numberValue(parsed.dataset.PixelRepresentation) === 1;
  const [lo, hi] = signed ? [-(2 ** (bitsStored - 1)), 2 ** (bitsStored - 1) - 1] : [0, 2 ** bitsStored - 1];
  const slope = numberValue(parsed.dataset.RescaleSlope) ?? 1;
  const intercept = numberValue(parsed.dataset.RescaleIntercept) ?? 0;
  const a = lo * slope + intercept;
  const b = hi * slope + intercept;
  return [Math.min(a, b), Math.max(a, b)];
}

/** The frame as 8-bit RGBA (what both encoders take) and whether it is grey. */
export function frameToRgba(parsed: ParsedDicom, decoded: DecodedFrame, options: { windowCenter?: number; windowWidth?: number }): { rgba: Uint8Array; grey: boolean } {
  const pixels = decoded.width * decoded.height;
  const rgba = new Uint8Array(pixels * 4);
  if (decoded.kind === 'grey') {
    const window = voiWindow(parsed, decoded.values, options, storedRange(parsed, decoded.bitsStored))!;
    const invert = decoded.photometric === 'MONOCHROME1';
    for (let i = 0; i < pixels; i++) {
      let v = applyWindow(decoded.values[i]!, window);
      if (invert) v = 255 - v;
      rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
      rgba[i * 4 + 3] = 255;
    }
    return { rgba, grey: true };
  }
  const explicit = Number.isFinite(options.windowCenter) && Number.isFinite(options.windowWidth) && options.windowWidth! > 0
    ? { center: options.windowCenter!, width: Math.max(1, options.windowWidth!), fn: 'LINEAR' as const }
    : null;
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < 3; c++) {
      const v = decoded.rgb[i * 3 + c]!;
      rgba[i * 4 + c] = explicit ? applyWindow(v, explicit) : v;
    }
    rgba[i * 4 + 3] = 255;
  }
  return { rgba, grey: false };
}

/** Renders one frame (default 1) to PNG or JPEG bytes. Throws DicomInputError (UNSUPPORTED, FRAME_RANGE, ...). */
export function renderFrame(parsed: ParsedDicom, options: RenderOptions): Buffer {
  const decoded = decodeFrame(parsed, options.frame ?? 1);
  const { rgba, grey } = frameToRgba(parsed, decoded, options);
  const { width, height } = decoded;
  if (options.format === 'jpeg') {
    const quality = Math.min(100, Math.max(1, Math.round(options.quality ?? 90)));
    return jpeg.encode({ data: rgba, width, height }, quality).data;
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  // Grey frames as 8-bit greyscale PNG: a third of the size of RGB.
  return PNG.sync.write(png, { colorType: grey ? 0 : 2, inputColorType: 6, inputHasAlpha: true });
}
