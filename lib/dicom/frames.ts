import { DicomInputError, numberValue, textValue, type ParsedDicom } from './part10.js';
import { EXPLICIT_VR_LITTLE_ENDIAN, transferSyntaxInfo } from './transfer-syntax.js';

/**
 * The frames of an instance as bytes (WADO-RS /frames, PS3.18 10.4.1.1.4; rendering).
 *
 * Native pixel data come back little endian whatever the file's syntax (implicit, explicit,
 * deflated, or big endian — big-endian words are swapped), so the reported transfer syntax is
 * Explicit VR Little Endian. Encapsulated frames come back as stored (one frame = its fragments
 * joined), with the file's transfer syntax.
 *
 * 1-bit frames (BitsAllocated 1: binary SEG, overlays in pixel data) are packed continuously
 * across frames (PS3.5 8.1.1), so when rows×columns is not a multiple of 8 a frame starts inside a
 * byte. Each frame is returned repacked to start at bit 0 of its first byte, ceil(rows×columns/8)
 * bytes long — what a client decoding the frame on its own expects.
 */

export interface FrameGeometry {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  numberOfFrames: number;
  photometric: string;
}

export function frameGeometry(parsed: ParsedDicom): FrameGeometry {
  const ds = parsed.dataset;
  const rows = numberValue(ds.Rows);
  const columns = numberValue(ds.Columns);
  const bitsAllocated = numberValue(ds.BitsAllocated);
  if (!rows || !columns || !bitsAllocated) {
    throw new DicomInputError('이미지 크기 정보(Rows/Columns/BitsAllocated)가 없습니다 (no Rows/Columns/BitsAllocated)', 'MISSING_TAG');
  }
  return {
    rows,
    columns,
    samplesPerPixel: numberValue(ds.SamplesPerPixel) ?? 1,
    bitsAllocated,
    numberOfFrames: Math.max(1, numberValue(ds.NumberOfFrames) ?? 1),
    photometric: textValue(ds.PhotometricInterpretation).toUpperCase(),
  };
}

/**
 * Bits of one native frame. Native YBR_FULL_422 holds two samples per pixel (Y1 Y2 Cb Cr per
 * pixel pair, PS3.3 C.7.6.3.1.2) although SamplesPerPixel is 3.
 */
export function nativeFrameBits(g: FrameGeometry): number {
  const samples = g.photometric === 'YBR_FULL_422' && g.samplesPerPixel === 3 ? 2 : g.samplesPerPixel;
  return g.rows * g.columns * samples * g.bitsAllocated;
}

const asBytes = (value: unknown): Uint8Array => {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return concat(value.map(asBytes)); // dcmjs with noCopy: a frame's fragments
  throw new DicomInputError('픽셀 데이터 형식을 읽을 수 없습니다 (unreadable pixel data value)', 'UNSUPPORTED');
};

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function pixelDataValues(parsed: ParsedDicom): Uint8Array[] {
  const element = parsed.dict['7FE00010'];
  const values = element?.Value ?? [];
  if (values.length === 0) {
    throw new DicomInputError('이 인스턴스에는 픽셀 데이터가 없습니다 (the instance has no pixel data)', 'FRAME_RANGE');
  }
  return values.map(asBytes);
}

function checkFrameNumbers(frameNumbers: number[], count: number): void {
  if (frameNumbers.length === 0) {
    throw new DicomInputError('요청한 프레임 번호가 없습니다 (no frame numbers requested)', 'FRAME_RANGE', { numberOfFrames: count });
  }
  const bad = frameNumbers.filter((n) => !Number.isInteger(n) || n < 1 || n > count);
  if (bad.length > 0) {
    throw new DicomInputError(
      `프레임 번호가 범위를 벗어났습니다: ${bad.join(', ')} (1–${count}) (frame number out of range)`, 'FRAME_RANGE', { invalid: bad, numberOfFrames: count },
    );
  }
}

/** Swaps big-endian words to little endian (a copy). */
function swapBytes(bytes: Uint8Array, wordSize: number): Uint8Array {
  const out = new Uint8Array(bytes.byteLength - (bytes.byteLength % wordSize));
  for (let i = 0; i < out.byteLength; i += wordSize) {
    for (let j = 0; j < wordSize; j++) out[i + j] = bytes[i + wordSize - 1 - j]!;
  }
  return out;
}

/** The bits [start, start + count) of an LSB-first packed bit stream, repacked from bit 0. */
function bitSlice(bytes: Uint8Array, start: number, count: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(count / 8));
  if (start % 8 === 0) {
    out.set(bytes.subarray(start / 8, start / 8 + out.byteLength));
    if (count % 8) out[out.byteLength - 1]! &= (1 << (count % 8)) - 1;
    return out;
  }
  for (let i = 0; i < count; i++) {
    const bit = start + i;
    if ((bytes[bit >> 3]! >> (bit & 7)) & 1) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}

function nativeFrames(parsed: ParsedDicom, frameNumbers: number[]): Uint8Array[] {
  const g = frameGeometry(parsed);
  checkFrameNumbers(frameNumbers, g.numberOfFrames);
  let data = concat(pixelDataValues(parsed));
  const bitsPerFrame = nativeFrameBits(g);
  if (data.byteLength * 8 < bitsPerFrame * g.numberOfFrames) {
    throw new DicomInputError(
      `픽셀 데이터가 이미지 크기보다 짧습니다: ${data.byteLength}바이트, 필요 ${Math.ceil(bitsPerFrame * g.numberOfFrames / 8)}바이트 (pixel data shorter than rows×columns×frames)`,
      'TRUNCATED',
    );
  }
  if (!transferSyntaxInfo(parsed.transferSyntaxUid).littleEndian) {
    // OW is a stream of 16-bit words in big endian; OB bytes are never swapped (PS3.5 A.3).
    const vr = parsed.dict['7FE00010']?.vr;
    const word = g.bitsAllocated === 32 ? 4 : vr === 'OW' || g.bitsAllocated === 16 ? 2 : 1;
    if (word > 1) data = swapBytes(data, word);
  }
  return frameNumbers.map((n) => {
    if (bitsPerFrame % 8 !== 0) return bitSlice(data, (n - 1) * bitsPerFrame, bitsPerFrame);
    const size = bitsPerFrame / 8;
    return data.subarray((n - 1) * size, n * size);
  });
}

/** Starts of a new frame in fragment streams without offset tables: the codec's own start marker. */
function startsFrame(fragment: Uint8Array): boolean {
  const [a, b, c, d] = fragment;
  return (a === 0xff && b === 0xd8) // JPEG / JPEG-LS SOI
    || (a === 0xff && b === 0x4f && c === 0xff && d === 0x51) // JPEG 2000 codestream SOC+SIZ
    || (a === 0x00 && b === 0x00 && c === 0x00 && d === 0x0c); // JP2 signature box
}

/** Groups fragments into frames (PS3.5 A.4): one frame each, or split by the Extended Offset Table or codec markers. */
function groupFragments(parsed: ParsedDicom, fragments: Uint8Array[], count: number): Uint8Array[][] {
  if (count === 1) return [fragments];
  if (fragments.length === count) return fragments.map((f) => [f]);
  const extended = parsed.dict['7FE00001']?.Value?.[0];
  if (extended) {
    const table = asBytes(extended);
    const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
    const offsets = Array.from({ length: table.byteLength / 8 }, (_, i) => Number(view.getBigUint64(i * 8, true)));
    let position = 0;
    const starts = fragments.map((f) => { const at = position; position += 8 + f.byteLength; return at; });
    return offsets.map((start, i) => {
      const end = offsets[i + 1] ?? Number.POSITIVE_INFINITY;
      return fragments.filter((_, k) => starts[k]! >= start && starts[k]! < end);
    });
  }
  const frames: Uint8Array[][] = [];
  for (const fragment of fragments) {
    if (frames.length === 0 || startsFrame(fragment)) frames.push([fragment]);
    else frames[frames.length - 1]!.push(fragment);
  }
  if (frames.length !== count) {
    throw new DicomInputError(
      `압축 픽셀 데이터의 조각(${fragments.length})을 프레임(${count})으로 나눌 수 없습니다 (cannot split ${fragments.length} fragments into ${count} frames)`,
      'UNSUPPORTED',
    );
  }
  return frames;
}

function encapsulatedFrames(parsed: ParsedDicom, frameNumbers: number[]): Uint8Array[] {
  const count = Math.max(1, numberValue(parsed.dataset.NumberOfFrames) ?? 1);
  checkFrameNumbers(frameNumbers, count);
  // dcmjs already joins each frame's fragments when the Basic Offset Table is present.
  const frames = groupFragments(parsed, pixelDataValues(parsed), count);
  return frameNumbers.map((n) => concat(frames[n - 1]!));
}

/**
 * The requested frames (1-based) as their bytes. Throws DicomInputError FRAME_RANGE for numbers
 * outside 1..NumberOfFrames (or an instance without pixel data).
 */
export function extractFrames(parsed: ParsedDicom, frameNumbers: number[]): { transferSyntaxUid: string; frames: Uint8Array[] } {
  pixelDataValues(parsed); // an instance without pixel data has no frame to ask for
  const syntax = transferSyntaxInfo(parsed.transferSyntaxUid);
  if (syntax.encapsulated) return { transferSyntaxUid: parsed.transferSyntaxUid, frames: encapsulatedFrames(parsed, frameNumbers) };
  return { transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN, frames: nativeFrames(parsed, frameNumbers) };
}
