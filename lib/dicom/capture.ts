import dcmjs from 'dcmjs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { readJpegInfo, stripJpegMetadata, type JpegInfo } from './jpeg-file.js';
import { DicomInputError } from './part10.js';
import { EXPLICIT_VR_LITTLE_ENDIAN, JPEG_BASELINE, JPEG_EXTENDED } from './transfer-syntax.js';
import { isDicomUid, uuidDerivedUid } from './uid.js';
import { CDSS_IMPLEMENTATION_CLASS_UID, dicomText, kstDicomDateTime } from './worklist.js';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/**
 * A photo from a camera or phone (dermatology, wound care, an ultrasound screen) wrapped into a
 * DICOM instance with the patient, study and department it belongs to.
 *
 * SOP class by what the picture is, not by the file format: a visible-light photograph of the
 * patient (Modality XC, or another photographic modality: GM, ES, ...) is VL Photographic Image
 * Storage (PS3.3 A.33.4) whether it came as JPEG or PNG, so every clinical photo is found and
 * shown the same way; a capture of another modality's screen (Modality US, OT, ...) is a
 * Secondary Capture (PS3.3 A.8.1), the IOD meant for images converted from non-DICOM sources.
 *
 * Pixel data:
 * - JPEG kept as it is (no recompression) in one fragment: baseline → JPEG Baseline
 *   (1.2.840.10008.1.2.4.50), extended → JPEG Extended (.51), lossless → JPEG Lossless (.57);
 *   size and colour from the SOF marker. EXIF/XMP/IPTC segments are removed first (GPS position,
 *   device serials), and anything after the end-of-image marker (a phone's motion-photo video).
 *   Progressive JPEGs (no DICOM syntax) and photos whose EXIF orientation says "rotate" are
 *   decoded, turned upright and re-encoded as JPEG Baseline (quality 95) — DICOM viewers do not
 *   read EXIF, so the photo would otherwise show sideways.
 * - PNG decoded (pngjs) to native 8-bit RGB (or MONOCHROME2 when every pixel is grey), Explicit
 *   VR Little Endian, transparency flattened onto black.
 */
export interface CaptureInput {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
  patient: { chartNumber: string; name: string; birthDate: string | null; sex: string | null };
  study: { studyInstanceUid?: string; accessionNumber?: string | null; description?: string | null; department?: string | null; bodyPart?: string | null };
  /** Default 'XC' (external-camera photography). */
  modality?: string;
  /** Optional (beyond the contract): put several photos of one upload in one series. */
  series?: { seriesInstanceUid?: string; seriesNumber?: number; instanceNumber?: number; description?: string | null };
  /** Optional: the time the photo was taken (default now). */
  takenAt?: Date;
}

export const VL_PHOTOGRAPHIC_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.4';
export const SECONDARY_CAPTURE_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';
/** Modalities of visible-light photography (PS3.3 C.7.3.1.1.1): these make a VL Photographic image. */
const PHOTOGRAPHIC_MODALITIES = new Set(['XC', 'GM', 'ES', 'SM', 'OP', 'DMS']);
const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
const MAX_PIXELS = 100_000_000; // 100 MP: more than any phone, less than what would exhaust memory
const IMPLEMENTATION_VERSION = 'CDSS_CAPTURE_1';
const REENCODE_QUALITY = 95;

interface PixelModule {
  transferSyntaxUid: string;
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  photometric: string;
  pixelData: Uint8Array;
  lossy: boolean;
  derivation?: string;
}

const badImage = (message: string) => new DicomInputError(message, 'BAD_IMAGE');

function checkSize(width: number, height: number): void {
  if (width < 1 || height < 1) throw badImage('이미지 크기가 0입니다 (image has no pixels)');
  if (width > 65535 || height > 65535 || width * height > MAX_PIXELS) {
    throw badImage(`이미지가 너무 큽니다: ${width}×${height} (image too large, max ${MAX_PIXELS / 1e6} MP)`);
  }
}

/** Where the stored pixel (x, y) lands in the upright image, per EXIF orientation 1–8 (TIFF 6.0, tag 274). */
function orientationMap(orientation: number, width: number, height: number): (x: number, y: number) => [number, number] {
  switch (orientation) {
    case 2: return (x, y) => [width - 1 - x, y];
    case 3: return (x, y) => [width - 1 - x, height - 1 - y];
    case 4: return (x, y) => [x, height - 1 - y];
    case 5: return (x, y) => [y, x];
    case 6: return (x, y) => [height - 1 - y, x];
    case 7: return (x, y) => [height - 1 - y, width - 1 - x];
    case 8: return (x, y) => [y, width - 1 - x];
    default: return (x, y) => [x, y];
  }
}

/** Applies an EXIF orientation to RGBA pixels, returning the upright image. */
function orient(data: Uint8Array, width: number, height: number, orientation: number): { data: Uint8Array; width: number; height: number } {
  const swap = orientation >= 5;
  const w2 = swap ? height : width;
  const h2 = swap ? width : height;
  const aligned = data.byteOffset % 4 === 0 ? data : new Uint8Array(data); // one RGBA pixel = one 32-bit word
  const source = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const out = new Uint32Array(w2 * h2);
  const map = orientationMap(orientation, width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [dx, dy] = map(x, y);
      out[dy * w2 + dx] = source[y * width + x]!;
    }
  }
  return { data: new Uint8Array(out.buffer), width: w2, height: h2 };
}

/** Decodes, turns upright and re-encodes a JPEG as baseline: progressive files and rotated photos. */
function reencodeJpeg(bytes: Uint8Array, info: JpegInfo): PixelModule {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: MAX_PIXELS / 1e6 });
  } catch (err) {
    throw badImage(`JPEG 이미지를 해독할 수 없습니다 (cannot decode JPEG: ${(err as Error).message})`);
  }
  const upright = orient(image.data, image.width, image.height, info.orientation);
  const encoded = jpeg.encode({ data: upright.data, width: upright.width, height: upright.height }, REENCODE_QUALITY).data;
  const reasons = [info.sof === 0xc2 && 'progressive JPEG', info.orientation !== 1 && `EXIF orientation ${info.orientation}`].filter(Boolean);
  const written = readJpegInfo(encoded); // jpeg-js always writes 3-component YCbCr
  return {
    transferSyntaxUid: JPEG_BASELINE, rows: upright.height, columns: upright.width,
    samplesPerPixel: 3,
    photometric: written.subsampled ? 'YBR_FULL_422' : 'YBR_FULL',
    pixelData: encoded, lossy: true,
    derivation: `Re-encoded as JPEG baseline q${REENCODE_QUALITY} (${reasons.join(', ')})`,
  };
}

function jpegPixels(bytes: Uint8Array): PixelModule {
  const info = readJpegInfo(bytes);
  checkSize(info.width, info.height);
  if (info.components !== 1 && info.components !== 3) {
    throw badImage(`지원하지 않는 JPEG 색상 형식입니다: 성분 ${info.components}개 (CMYK?) (unsupported JPEG colour: ${info.components} components)`);
  }
  if (info.sof === 0xc2 || info.orientation !== 1) {
    if (info.precision !== 8) throw badImage('8비트가 아닌 JPEG은 회전/변환할 수 없습니다 (cannot convert a non-8-bit JPEG)');
    return reencodeJpeg(bytes, info);
  }
  const transferSyntaxUid = info.sof === 0xc0 ? JPEG_BASELINE : info.sof === 0xc1 ? JPEG_EXTENDED : info.sof === 0xc3 ? JPEG_LOSSLESS : null;
  if (!transferSyntaxUid) {
    throw badImage(`지원하지 않는 JPEG 방식입니다 (산술 부호화/계층형) (unsupported JPEG process: SOF 0x${info.sof.toString(16)})`);
  }
  const photometric = info.components === 1 ? 'MONOCHROME2'
    : info.adobeTransform === 0 ? 'RGB'
      : info.sof === 0xc3 ? 'RGB' // lossless JPEG is not colour-transformed
        : info.subsampled ? 'YBR_FULL_422' : 'YBR_FULL';
  return {
    transferSyntaxUid, rows: info.height, columns: info.width, samplesPerPixel: info.components === 1 ? 1 : 3, photometric,
    pixelData: stripJpegMetadata(bytes, info), lossy: info.sof !== 0xc3,
  };
}

function pngPixels(bytes: Uint8Array): PixelModule {
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw badImage(`손상되었거나 잘린 PNG 이미지입니다 (corrupt or truncated PNG: ${(err as Error).message})`);
  }
  checkSize(png.width, png.height);
  const pixels = png.width * png.height;
  const rgba = png.data;
  let grey = true;
  for (let i = 0; i < pixels && grey; i++) grey = rgba[i * 4] === rgba[i * 4 + 1] && rgba[i * 4] === rgba[i * 4 + 2];
  const samples = grey ? 1 : 3;
  const out = new Uint8Array(pixels * samples);
  for (let i = 0; i < pixels; i++) {
    const alpha = rgba[i * 4 + 3]! / 255;
    for (let c = 0; c < samples; c++) out[i * samples + c] = Math.round(rgba[i * 4 + c]! * alpha);
  }
  return {
    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN, rows: png.height, columns: png.width, samplesPerPixel: samples,
    photometric: grey ? 'MONOCHROME2' : 'RGB', pixelData: out, lossy: false,
  };
}

/** A Code String value (PS3.5 6.2: A–Z, 0–9, space, underscore, ≤ 16), or null when the text is not one. */
function codeString(text: string | null | undefined): string | null {
  const upper = (text ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
  return /^[A-Z0-9 _]{1,16}$/.test(upper) ? upper : null;
}

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Wraps a JPEG or PNG into DICOM Part-10 bytes. Throws DicomInputError BAD_IMAGE for images that do not read. */
export function wrapImage(input: CaptureInput): Uint8Array {
  const bytes = input.bytes;
  if (!bytes || bytes.byteLength === 0) throw badImage('빈 파일입니다 (empty file)');
  const pixels = input.contentType === 'image/jpeg' ? jpegPixels(bytes)
    : input.contentType === 'image/png' ? pngPixels(bytes)
      : (() => { throw new DicomInputError(`지원하지 않는 이미지 형식입니다: ${String(input.contentType)} (only image/jpeg and image/png)`, 'UNSUPPORTED'); })();

  const studyInstanceUid = input.study.studyInstanceUid ?? uuidDerivedUid();
  const seriesInstanceUid = input.series?.seriesInstanceUid ?? uuidDerivedUid();
  for (const uid of [studyInstanceUid, seriesInstanceUid]) {
    if (!isDicomUid(uid)) throw new Error(`not a DICOM UID: ${uid}`);
  }
  const sopInstanceUid = uuidDerivedUid();
  const modality = codeString(input.modality ?? 'XC') ?? 'XC';
  const photographic = PHOTOGRAPHIC_MODALITIES.has(modality);
  const sopClassUid = photographic ? VL_PHOTOGRAPHIC_IMAGE_STORAGE : SECONDARY_CAPTURE_IMAGE_STORAGE;
  const now = kstDicomDateTime(new Date());
  const taken = kstDicomDateTime(input.takenAt ?? new Date());
  const bodyPart = codeString(input.study.bodyPart);
  const comments = [
    input.study.bodyPart && !bodyPart ? `부위 (body part): ${input.study.bodyPart}` : null,
  ].filter(Boolean).join('\n');

  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: photographic ? ['ORIGINAL', 'PRIMARY'] : ['DERIVED', 'SECONDARY'],
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: taken.date,
    StudyTime: taken.time,
    SeriesDate: taken.date,
    SeriesTime: taken.time,
    ContentDate: taken.date,
    ContentTime: taken.time,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    TimezoneOffsetFromUTC: '+0900',
    AccessionNumber: dicomText(input.study.accessionNumber ?? '', 16),
    Modality: modality,
    ...(photographic ? {} : { ConversionType: 'DI' }),
    Manufacturer: '',
    ReferringPhysicianName: '',
    ...(input.study.department ? { InstitutionalDepartmentName: dicomText(input.study.department, 64) } : {}),
    ...(input.study.description ? { StudyDescription: dicomText(input.study.description, 64) } : {}),
    ...(input.series?.description ? { SeriesDescription: dicomText(input.series.description, 64) } : {}),
    // The chart's name is one string; kept whole as the family-name component (see worklist.ts).
    PatientName: [{ Alphabetic: dicomText(input.patient.name.replace(/[=^]/g, ' '), 64) }],
    PatientID: dicomText(input.patient.chartNumber, 64),
    IssuerOfPatientID: 'CDSS',
    PatientBirthDate: input.patient.birthDate ? input.patient.birthDate.replaceAll('-', '') : '',
    PatientSex: input.patient.sex && ['M', 'F', 'O'].includes(input.patient.sex) ? input.patient.sex : '',
    ...(bodyPart ? { BodyPartExamined: bodyPart } : {}),
    StudyInstanceUID: studyInstanceUid,
    SeriesInstanceUID: seriesInstanceUid,
    StudyID: '',
    SeriesNumber: input.series?.seriesNumber ?? 1,
    InstanceNumber: input.series?.instanceNumber ?? 1,
    PatientOrientation: '',
    ...(comments ? { ImageComments: comments } : {}),
    ...(pixels.derivation ? { DerivationDescription: pixels.derivation } : {}),
    SamplesPerPixel: pixels.samplesPerPixel,
    PhotometricInterpretation: pixels.photometric,
    ...(pixels.samplesPerPixel === 3 ? { PlanarConfiguration: 0 } : {}),
    Rows: pixels.rows,
    Columns: pixels.columns,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    BurnedInAnnotation: 'NO',
    LossyImageCompression: pixels.lossy ? '01' : '00',
    ...(pixels.lossy ? { LossyImageCompressionMethod: 'ISO_10918_1' } : {}),
    ...(photographic ? { AcquisitionContextSequence: [] } : {}),
  };

  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: pixels.transferSyntaxUid,
    ImplementationClassUID: CDSS_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION,
  };
  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  // Set by hand: the dictionary's VR for Pixel Data is "OB or OW", and encapsulated data must be OB.
  file.dict['7FE00010'] = { vr: 'OB', Value: [toArrayBuffer(pixels.pixelData)] };
  return new Uint8Array(file.write({ fragmentMultiframe: false }));
}
