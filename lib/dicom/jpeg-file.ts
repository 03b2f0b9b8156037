import { DicomInputError } from './part10.js';

/**
 * Reads the marker structure of a JPEG file (ITU T.81 Annex B) without decoding it: the frame
 * header (process, size, components, sampling), the Adobe colour transform, the EXIF orientation,
 * and where the image really ends. Also strips metadata segments before the file goes into DICOM.
 */
export interface JpegInfo {
  /** SOF marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless; others are arithmetic/hierarchical. */
  sof: number;
  precision: number;
  width: number;
  height: number;
  components: number;
  /** Any component sampled at other than 1×1 relative to another (chroma subsampling). */
  subsampled: boolean;
  /** APP14 Adobe transform flag (0: RGB/CMYK, 1: YCbCr, 2: YCCK), null without the segment. */
  adobeTransform: number | null;
  /** EXIF orientation 1–8 (1 = as stored), 1 without EXIF. */
  orientation: number;
  /** Offset just past the EOI marker: anything after it (a phone's appended video, trailers) is not the image. */
  end: number;
}

const bad = (why: string) => new DicomInputError(`손상되었거나 잘린 JPEG 이미지입니다: ${why} (corrupt or truncated JPEG: ${why})`, 'BAD_IMAGE');
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** EXIF orientation from an APP1 'Exif\0\0' segment body (TIFF header + IFD0). */
function exifOrientation(segment: Uint8Array): number {
  if (segment.byteLength < 14 || String.fromCharCode(...segment.subarray(0, 4)) !== 'Exif') return 1;
  const tiff = segment.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  if (!little && tiff[0] !== 0x4d) return 1;
  try {
    const ifd = view.getUint32(4, little);
    const count = view.getUint16(ifd, little);
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      if (view.getUint16(entry, little) === 0x0112) {
        const value = view.getUint16(entry + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
  } catch {
    return 1; // a broken EXIF block is no reason to refuse the photo
  }
  return 1;
}

/** Scans entropy-coded data from `offset` to the next real marker (not a stuffed 0xFF00 or RSTn). */
function skipEntropyData(bytes: Uint8Array, offset: number): number {
  for (let i = offset; i + 1 < bytes.byteLength; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return i;
  }
  throw bad('이미지 끝(EOI)이 없습니다 (no end-of-image marker)');
}

export function readJpegInfo(bytes: Uint8Array): JpegInfo {
  if (bytes.byteLength < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw bad('JPEG 시작 표지(SOI)가 없습니다 (no start-of-image marker)');
  let frame: Omit<JpegInfo, 'adobeTransform' | 'orientation' | 'end'> | null = null;
  let adobeTransform: number | null = null;
  let orientation = 1;
  let scans = 0;
  let i = 2;
  for (;;) {
    if (i + 1 >= bytes.byteLength) throw bad('이미지 끝(EOI)이 없습니다 (no end-of-image marker)');
    if (bytes[i] !== 0xff) throw bad(`${i}바이트에 표지가 없습니다 (no marker at byte ${i})`);
    const marker = bytes[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill bytes
    if (marker === 0xd9) {
      if (!frame || scans === 0) throw bad('영상 데이터가 없습니다 (no frame or scan)');
      return { ...frame, adobeTransform, orientation, end: i + 2 };
    }
    if (isStandalone(marker) || marker === 0xd8) { i += 2; continue; }
    if (i + 4 > bytes.byteLength) throw bad('표지 길이가 잘렸습니다 (marker length cut off)');
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const body = bytes.subarray(i + 4, i + 2 + length);
    if (length < 2 || i + 2 + length > bytes.byteLength) throw bad('표지 구간이 잘렸습니다 (segment cut off)');
    if (SOF_MARKERS.has(marker)) {
      if (body.byteLength < 6) throw bad('프레임 헤더가 짧습니다 (short frame header)');
      const components = body[5]!;
      const factors = Array.from({ length: components }, (_, c) => body[6 + c * 3 + 1] ?? 0x11);
      frame = {
        sof: marker, precision: body[0]!, height: (body[1]! << 8) | body[2]!, width: (body[3]! << 8) | body[4]!,
        components, subsampled: new Set(factors).size > 1,
      };
    } else if (marker === 0xee && length >= 14 && String.fromCharCode(...body.subarray(0, 5)) === 'Adobe') {
      adobeTransform = body[11]!;
    } else if (marker === 0xe1) {
      orientation = exifOrientation(body) !== 1 ? exifOrientation(body) : orientation;
    }
    i += 2 + length;
    if (marker === 0xda) {
      scans++;
      i = skipEntropyData(bytes, i);
    }
  }
}

/**
 * The JPEG without metadata a photo should not carry into the archive: EXIF/XMP (APP1: GPS
 * position, camera serial, time), IPTC (APP13), vendor APPn and comments; kept are JFIF (APP0),
 * ICC profile (APP2) and Adobe (APP14), which decoders need. Cut at EOI.
 */
export function stripJpegMetadata(bytes: Uint8Array, info: JpegInfo): Uint8Array {
  const keep = (m: number) => m === 0xe0 || m === 0xe2 || m === 0xee;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  for (;;) {
    while (bytes[i + 1] === 0xff) i++;
    const marker = bytes[i + 1]!;
    if (marker === 0xda) { parts.push(bytes.subarray(i, info.end)); break; }
    if (isStandalone(marker)) { parts.push(bytes.subarray(i, i + 2)); i += 2; continue; }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const isMetadata = (marker >= 0xe0 && marker <= 0xef && !keep(marker)) || marker === 0xfe;
    if (!isMetadata) parts.push(bytes.subarray(i, i + 2 + length));
    i += 2 + length;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.byteLength; }
  return out;
}
