import jpeg from 'jpeg-js';
import { extractFrames, frameGeometry } from './frames.js';
import { DicomInputError, numberValue, textValue, type ParsedDicom } from './part10.js';
import { JPEG_BASELINE, JPEG_EXTENDED, RLE_LOSSLESS, transferSyntaxInfo } from './transfer-syntax.js';

/**
 * One frame decoded to numbers: grey frames as modality values (stored value × RescaleSlope +
 * RescaleIntercept, PS3.3 C.11.1), colour frames as 8-bit RGB. Shared by render.ts and qc.ts.
 */
export type DecodedFrame =
  | { kind: 'grey'; width: number; height: number; photometric: 'MONOCHROME1' | 'MONOCHROME2'; stored: Float32Array; values: Float32Array; bitsStored: number }
  | { kind: 'rgb'; width: number; height: number; rgb: Uint8Array; bitsStored: number };

interface Layout {
  rows: number; columns: number; samples: number; bitsAllocated: number; bitsStored: number; highBit: number;
  signed: boolean; planar: boolean; photometric: string;
}

function layoutOf(parsed: ParsedDicom): Layout {
  const ds = parsed.dataset;
  const g = frameGeometry(parsed);
  const bitsStored = numberValue(ds.BitsStored) ?? g.bitsAllocated;
  return {
    rows: g.rows,
    columns: g.columns,
    samples: g.samplesPerPixel,
    bitsAllocated: g.bitsAllocated,
    bitsStored,
    highBit: numberValue(ds.HighBit) ?? bitsStored - 1,
    signed: numberValue(ds.PixelRepresentation) === 1,
    planar: numberValue(ds.PlanarConfiguration) === 1,
    photometric: (textValue(ds.PhotometricInterpretation) || (g.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).toUpperCase(),
  };
}

/** Stored samples (masked to BitsStored, sign-extended) of little-endian native bytes. */
function readSamples(bytes: Uint8Array, l: Layout, count: number): Float32Array {
  const out = new Float32Array(count);
  if (l.bitsAllocated === 1) {
    for (let i = 0; i < count; i++) out[i] = (bytes[i >> 3]! >> (i & 7)) & 1;
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = l.bitsAllocated / 8;
  if (![1, 2, 4].includes(size)) throw new DicomInputError(`지원하지 않는 BitsAllocated ${l.bitsAllocated} (unsupported BitsAllocated)`, 'UNSUPPORTED');
  if (bytes.byteLength < count * size) throw new DicomInputError('프레임 데이터가 짧습니다 (frame data too short)', 'TRUNCATED');
  const shift = Math.max(0, l.highBit + 1 - l.bitsStored);
  const range = 2 ** l.bitsStored;
  for (let i = 0; i < count; i++) {
    const raw = size === 1 ? bytes[i]! : size === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
    let v = Math.floor(raw / 2 ** shift) % range;
    if (l.signed && v >= range / 2) v -= range;
    out[i] = v;
  }
  return out;
}

/** PackBits segments of an RLE Lossless frame (PS3.5 Annex G) → native little-endian interleaved bytes. */
export function decodeRle(frame: Uint8Array, l: Layout): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.byteLength < 64) throw new DicomInputError('RLE 헤더가 잘렸습니다 (RLE header truncated)', 'TRUNCATED');
  const segments = view.getUint32(0, true);
  const bytesPerSample = Math.ceil(l.bitsAllocated / 8);
  const pixels = l.rows * l.columns;
  if (segments !== bytesPerSample * l.samples || segments > 15) {
    throw new DicomInputError(`RLE 세그먼트 수가 맞지 않습니다: ${segments} (RLE segment count mismatch)`, 'UNSUPPORTED');
  }
  const out = new Uint8Array(pixels * bytesPerSample * l.samples);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + s * 4, true);
    const end = s + 1 < segments ? view.getUint32(8 + s * 4, true) : frame.byteLength;
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample); // segments are most significant byte first
    let o = 0;
    let i = start;
    const put = (b: number) => {
      if (o < pixels) out[(o * l.samples + sample) * bytesPerSample + byteInSample] = b;
      o++;
    };
    while (i < end && o < pixels) {
      const n = (frame[i++]! << 24) >> 24;
      if (n >= 0) for (let k = 0; k <= n && i < end; k++) put(frame[i++]!);
      else if (n !== -128) { const b = frame[i++]!; for (let k = 0; k < 1 - n; k++) put(b); }
    }
    if (o < pixels) throw new DicomInputError('RLE 세그먼트가 잘렸습니다 (RLE segment too short)', 'TRUNCATED');
  }
  return out;
}

const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** YCbCr (full range, PS3.3 C.7.6.3.1.2) → RGB. */
function ybrToRgb(y: number, cb: number, cr: number): [number, number, number] {
  return [clamp8(y + 1.402 * (cr - 128)), clamp8(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)), clamp8(y + 1.772 * (cb - 128))];
}

/** Palette colour lookup (PS3.3 C.7.6.3.1.5): descriptor [entries, first mapped, bits] and LUT data. */
function paletteLookup(parsed: ParsedDicom, colour: 'Red' | 'Green' | 'Blue'): (v: number) => number {
  const ds = parsed.dataset;
  const descriptor = ds[`${colour}PaletteColorLookupTableDescriptor`] as number[] | undefined;
  const dataValue = ds[`${colour}PaletteColorLookupTableData`];
  const raw = Array.isArray(dataValue) ? dataValue[0] : dataValue;
  if (!Array.isArray(descriptor) || !(raw instanceof ArrayBuffer)) {
    throw new DicomInputError('팔레트 색상표가 없습니다 (PALETTE COLOR without lookup tables)', 'MISSING_TAG');
  }
  const entries = descriptor[0] || 65536;
  const first = descriptor[1] ?? 0;
  const bits = descriptor[2] ?? 16;
  // 16-bit entries come in words; 8-bit ones are usually bytes, but some writers put them in words too.
  const wide = raw.byteLength >= entries * 2;
  const table = wide ? new Uint16Array(raw.slice(0, entries * 2)) : new Uint8Array(raw.slice(0, entries));
  const shift = wide && bits === 16 ? 8 : 0;
  return (v) => table[Math.min(table.length - 1, Math.max(0, v - first))]! >> shift;
}

function colourFromSamples(parsed: ParsedDicom, samples: Float32Array, l: Layout, pixels: number): Uint8Array {
  const rgb = new Uint8Array(pixels * 3);
  const down = l.bitsStored > 8 ? 2 ** (l.bitsStored - 8) : 1;
  if (l.photometric === 'PALETTE COLOR') {
    const [r, g, b] = (['Red', 'Green', 'Blue'] as const).map((c) => paletteLookup(parsed, c));
    for (let i = 0; i < pixels; i++) {
      const v = samples[i]!;
      rgb[i * 3] = r!(v); rgb[i * 3 + 1] = g!(v); rgb[i * 3 + 2] = b!(v);
    }
    return rgb;
  }
  const at = (i: number, c: number) => samples[l.planar ? c * pixels + i : i * 3 + c]! / down;
  const ybr = l.photometric.startsWith('YBR_FULL');
  for (let i = 0; i < pixels; i++) {
    const [r, g, b] = ybr ? ybrToRgb(at(i, 0), at(i, 1), at(i, 2)) : [at(i, 0), at(i, 1), at(i, 2)];
    rgb[i * 3] = clamp8(r); rgb[i * 3 + 1] = clamp8(g); rgb[i * 3 + 2] = clamp8(b);
  }
  return rgb;
}

/** Native YBR_FULL_422 (PS3.3 C.7.6.3.1.2): Y1 Y2 Cb Cr per horizontal pixel pair. */
function ybr422ToRgb(bytes: Uint8Array, l: Layout): Uint8Array {
  const pixels = l.rows * l.columns;
  const rgb = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p += 2) {
    const o = p * 2;
    const cb = bytes[o + 2]!;
    const cr = bytes[o + 3]!;
    for (let k = 0; k < 2 && p + k < pixels; k++) rgb.set(ybrToRgb(bytes[o + k]!, cb, cr), (p + k) * 3);
  }
  return rgb;
}

function greyFrame(parsed: ParsedDicom, stored: Float32Array, l: Layout): DecodedFrame {
  const slope = numberValue(parsed.dataset.RescaleSlope) ?? 1;
  const intercept = numberValue(parsed.dataset.RescaleIntercept) ?? 0;
  const values = slope === 1 && intercept === 0 ? stored : stored.map((v) => v * slope + intercept);
  return {
    kind: 'grey', width: l.columns, height: l.rows, photometric: l.photometric === 'MONOCHROME1' ? 'MONOCHROME1' : 'MONOCHROME2',
    stored, values, bitsStored: l.bitsStored,
  };
}

function decodeJpeg(parsed: ParsedDicom, bytes: Uint8Array, l: Layout): DecodedFrame {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: true });
  } catch (err) {
    throw new DicomInputError(`JPEG 프레임을 풀 수 없습니다 (cannot decode JPEG frame: ${(err as Error).message})`, 'UNSUPPORTED');
  }
  const pixels = image.width * image.height;
  if (l.samples === 1) {
    const stored = new Float32Array(pixels);
    for (let i = 0; i < pixels; i++) stored[i] = image.data[i * 4]!;
    return greyFrame(parsed, stored, { ...l, rows: image.height, columns: image.width, bitsStored: 8 });
  }
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0; i < pixels; i++) rgb.set(image.data.subarray(i * 4, i * 4 + 3), i * 3);
  return { kind: 'rgb', width: image.width, height: image.height, rgb, bitsStored: 8 };
}

/** Whether renderFrame / decodeFrame can decode this instance's pixel data. */
export function canDecode(parsed: ParsedDicom): boolean {
  return transferSyntaxInfo(parsed.transferSyntaxUid).renderable && !!parsed.dict['7FE00010'];
}

/** Decodes one frame (1-based). Throws DicomInputError UNSUPPORTED for syntaxes we cannot decode. */
export function decodeFrame(parsed: ParsedDicom, frame = 1): DecodedFrame {
  const syntax = transferSyntaxInfo(parsed.transferSyntaxUid);
  if (!syntax.renderable) {
    throw new DicomInputError(
      `이 전송 구문의 영상은 변환할 수 없습니다: ${syntax.name} (cannot decode pixel data in ${syntax.name}; download the DICOM instead)`,
      'UNSUPPORTED', { transferSyntaxUid: parsed.transferSyntaxUid },
    );
  }
  const l = layoutOf(parsed);
  let bytes = extractFrames(parsed, [frame]).frames[0]!;
  if (parsed.transferSyntaxUid === JPEG_BASELINE || parsed.transferSyntaxUid === JPEG_EXTENDED) {
    if (l.bitsAllocated > 8 || l.bitsStored > 8) {
      throw new DicomInputError('12비트 JPEG은 변환할 수 없습니다 (12-bit JPEG is not decodable here)', 'UNSUPPORTED');
    }
    return decodeJpeg(parsed, bytes, l);
  }
  if (parsed.transferSyntaxUid === RLE_LOSSLESS) {
    bytes = decodeRle(bytes, l);
    l.planar = false; // decodeRle interleaves the samples whatever PlanarConfiguration says
  }
  const pixels = l.rows * l.columns;
  if (l.photometric === 'YBR_FULL_422' && !syntax.encapsulated) {
    return { kind: 'rgb', width: l.columns, height: l.rows, rgb: ybr422ToRgb(bytes, l), bitsStored: 8 };
  }
  const samples = readSamples(bytes, l, pixels * l.samples);
  if (l.samples === 1 && l.photometric !== 'PALETTE COLOR') return greyFrame(parsed, samples, l);
  if (l.samples !== 1 && l.samples !== 3) throw new DicomInputError(`SamplesPerPixel ${l.samples}은 지원하지 않습니다 (unsupported SamplesPerPixel)`, 'UNSUPPORTED');
  const rgb = colourFromSamples(parsed, samples, l, pixels);
  return { kind: 'rgb', width: l.columns, height: l.rows, rgb, bitsStored: Math.min(8, l.bitsStored) };
}
