/**
 * The transfer syntaxes CDSS knows (PS3.5 §10, PS3.6 Annex A) and what it can do with each.
 *
 * - `parse`: every syntax here parses (meta, dataset, pixel data as bytes or fragments). Unknown
 *   UIDs parse too, as explicit VR little endian with encapsulated pixel data (PS3.5 A.4 says every
 *   non-native syntax is encoded so), but are reported as unknown.
 * - `render`: native (uncompressed) pixel data, plus what we can decode in pure JS: JPEG Baseline /
 *   Extended 8-bit (jpeg-js) and RLE Lossless (PS3.5 Annex G, decoded here). JPEG Lossless,
 *   JPEG-LS, JPEG 2000, HTJ2K and video are not decodable here: such instances are stored and
 *   served as they are, but not rendered.
 */
export interface TransferSyntaxInfo {
  uid: string;
  name: string;
  explicitVr: boolean;
  littleEndian: boolean;
  deflated: boolean;
  /** Pixel data as fragments (PS3.5 A.4) rather than native words. */
  encapsulated: boolean;
  /** renderFrame can decode its pixel data. */
  renderable: boolean;
  retired?: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
export const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

const native = (uid: string, name: string, explicitVr: boolean, littleEndian: boolean, deflated = false, retired = false): TransferSyntaxInfo =>
  ({ uid, name, explicitVr, littleEndian, deflated, encapsulated: false, renderable: true, ...(retired ? { retired } : {}) });
const compressed = (uid: string, name: string, renderable = false): TransferSyntaxInfo =>
  ({ uid, name, explicitVr: true, littleEndian: true, deflated: false, encapsulated: true, renderable });

export const TRANSFER_SYNTAXES: Readonly<Record<string, TransferSyntaxInfo>> = Object.fromEntries([
  native(IMPLICIT_VR_LITTLE_ENDIAN, 'Implicit VR Little Endian', false, true),
  native(EXPLICIT_VR_LITTLE_ENDIAN, 'Explicit VR Little Endian', true, true),
  native(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 'Deflated Explicit VR Little Endian', true, true, true),
  native(EXPLICIT_VR_BIG_ENDIAN, 'Explicit VR Big Endian (retired)', true, false, false, true),
  compressed(JPEG_BASELINE, 'JPEG Baseline (Process 1)', true),
  compressed(JPEG_EXTENDED, 'JPEG Extended (Process 2 & 4)', true),
  compressed('1.2.840.10008.1.2.4.57', 'JPEG Lossless (Process 14)'),
  compressed('1.2.840.10008.1.2.4.70', 'JPEG Lossless SV1 (Process 14, selection value 1)'),
  compressed('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless'),
  compressed('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless'),
  compressed('1.2.840.10008.1.2.4.90', 'JPEG 2000 Lossless'),
  compressed('1.2.840.10008.1.2.4.91', 'JPEG 2000'),
  compressed('1.2.840.10008.1.2.4.201', 'HTJ2K Lossless'),
  compressed('1.2.840.10008.1.2.4.202', 'HTJ2K Lossless RPCL'),
  compressed('1.2.840.10008.1.2.4.203', 'HTJ2K'),
  compressed(RLE_LOSSLESS, 'RLE Lossless', true),
  compressed('1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile @ Main Level'),
  compressed('1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile @ High Level'),
  compressed('1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile'),
  compressed('1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile'),
  compressed('1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile'),
].map((ts) => [ts.uid, ts]));

/** What a transfer syntax UID means; an unknown UID is treated as explicit LE, encapsulated (PS3.5 A.4). */
export function transferSyntaxInfo(uid: string): TransferSyntaxInfo & { known: boolean } {
  const known = TRANSFER_SYNTAXES[uid];
  return known ? { ...known, known: true } : { ...compressed(uid, `Unknown (${uid})`), known: false };
}
