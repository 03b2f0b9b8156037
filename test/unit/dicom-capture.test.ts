import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import {
  SECONDARY_CAPTURE_IMAGE_STORAGE, VL_PHOTOGRAPHIC_IMAGE_STORAGE, wrapImage, type CaptureInput,
} from '../../lib/dicom/capture.js';
import { extractFrames } from '../../lib/dicom/frames.js';
import { DicomInputError, parsePart10, summarize } from '../../lib/dicom/part10.js';
import { renderFrame } from '../../lib/dicom/render.js';
import { isDicomUid, uuidDerivedUid } from '../../lib/dicom/uid.js';

const WIDTH = 64;
const HEIGHT = 48;

/** RGBA test picture: a red 16×16 block at the top left on blue, green rising to the right. */
function picture(): Uint8Array {
  const rgba = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const red = x < 16 && y < 16;
      rgba.set([red ? 230 : 20, x * 3, red ? 20 : 200, 255], (y * WIDTH + x) * 4);
    }
  }
  return rgba;
}
const jpegBytes = (rgba = picture()) => new Uint8Array(jpeg.encode({ data: rgba, width: WIDTH, height: HEIGHT }, 92).data);
function pngBytes(rgba = picture(), width = WIDTH, height = HEIGHT): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  return new Uint8Array(PNG.sync.write(png));
}

/** APP1 EXIF with an orientation and a fake GPS block (which must not reach the archive). */
function withExif(jpg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1'); tiff.writeUInt16LE(42, 2); tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // one IFD entry
  tiff.writeUInt16LE(0x0112, 10); tiff.writeUInt16LE(3, 12); tiff.writeUInt32LE(1, 14); tiff.writeUInt16LE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.from('GPS 37.5665N 126.9780E', 'latin1')]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.byteLength + 2, 2);
  return new Uint8Array(Buffer.concat([jpg.subarray(0, 2), header, body, jpg.subarray(2)]));
}

const input = (bytes: Uint8Array, contentType: CaptureInput['contentType'], extra: Partial<CaptureInput> = {}): CaptureInput => ({
  bytes, contentType,
  patient: { chartNumber: 'P2025000001', name: '김민수', birthDate: '1961-03-07', sex: 'M' },
  study: { accessionNumber: 'A20261126000042', description: '피부 병변 촬영', department: '피부과', bodyPart: 'SKIN' },
  ...extra,
});
const rgbAt = (png: Buffer, x: number, y: number) => { const image = PNG.sync.read(png); const o = (y * image.width + x) * 4; return [...image.data.subarray(o, o + 3)]; };
const badImage = (fn: () => unknown, reason = 'BAD_IMAGE') => assert.throws(fn, (err: unknown) => {
  assert.ok(err instanceof DicomInputError, String(err));
  assert.equal(err.reason, reason);
  assert.match(err.message, /^[^(]*[가-힣]/);
  return true;
});

describe('wrapImage: JPEG photographs', () => {
  test('kept as-is, encapsulated JPEG Baseline, VL Photographic XC, with patient and study', () => {
    const jpg = jpegBytes();
    const parsed = parsePart10(wrapImage(input(jpg, 'image/jpeg')));
    const s = summarize(parsed);
    assert.equal(s.transferSyntaxUid, '1.2.840.10008.1.2.4.50');
    assert.equal(s.sopClassUid, VL_PHOTOGRAPHIC_IMAGE_STORAGE);
    assert.equal(s.modality, 'XC');
    assert.deepEqual([s.columns, s.rows, s.bitsAllocated, s.numberOfFrames], [WIDTH, HEIGHT, 8, 1]);
    assert.deepEqual([s.patientId, s.patientName, s.patientBirthDate, s.patientSex], ['P2025000001', '김민수', '19610307', 'M']);
    assert.equal(s.accessionNumber, 'A20261126000042');
    assert.equal(s.studyDescription, '피부 병변 촬영');
    assert.equal(s.bodyPartExamined, 'SKIN');
    assert.equal(parsed.dataset.SpecificCharacterSet, 'ISO_IR 192');
    assert.equal(parsed.dataset.InstitutionalDepartmentName, '피부과');
    assert.equal(parsed.dataset.PhotometricInterpretation, 'YBR_FULL'); // jpeg-js writes 4:4:4
    assert.equal(parsed.dataset.LossyImageCompression, '01');
    for (const uid of [s.studyInstanceUid, s.seriesInstanceUid, s.sopInstanceUid]) assert.ok(uid.startsWith('2.25.') && isDicomUid(uid));
    // The fragment is the photo byte for byte (plus DICOM's even-length pad).
    const frame = extractFrames(parsed, [1]).frames[0]!;
    assert.deepEqual(frame.subarray(0, jpg.byteLength), jpg);
    assert.ok(frame.byteLength - jpg.byteLength <= 1);
  });

  test('renders back in colour, the right way up', () => {
    const png = renderFrame(parsePart10(wrapImage(input(jpegBytes(), 'image/jpeg'))), { format: 'png' });
    const [r, , b] = rgbAt(png, 4, 4);
    assert.ok(r! > 180 && b! < 80, `top left red, got ${rgbAt(png, 4, 4)}`);
    const [r2, , b2] = rgbAt(png, 40, 30);
    assert.ok(r2! < 80 && b2! > 150, 'the rest blue');
  });

  test('a given Study UID is kept; every call makes new Series and SOP UIDs', () => {
    const studyInstanceUid = uuidDerivedUid();
    const a = summarize(parsePart10(wrapImage(input(jpegBytes(), 'image/jpeg', { study: { studyInstanceUid } }))));
    const b = summarize(parsePart10(wrapImage(input(jpegBytes(), 'image/jpeg', { study: { studyInstanceUid } }))));
    assert.equal(a.studyInstanceUid, studyInstanceUid);
    assert.equal(b.studyInstanceUid, studyInstanceUid);
    assert.notEqual(a.seriesInstanceUid, b.seriesInstanceUid);
    assert.notEqual(a.sopInstanceUid, b.sopInstanceUid);
    assert.equal(a.accessionNumber, null);
  });

  test('EXIF (GPS, device data) and bytes after the image end are removed', () => {
    const trailer = Buffer.from('MotionPhoto_Data mp4 video would be here', 'latin1');
    const jpg = new Uint8Array(Buffer.concat([withExif(jpegBytes(), 1), trailer]));
    const frame = Buffer.from(extractFrames(parsePart10(wrapImage(input(jpg, 'image/jpeg'))), [1]).frames[0]!);
    assert.equal(frame.indexOf('Exif'), -1);
    assert.equal(frame.indexOf('GPS'), -1);
    assert.equal(frame.indexOf('MotionPhoto'), -1);
    assert.deepEqual(frame.subarray(0, jpegBytes().byteLength), Buffer.from(jpegBytes()));
  });

  test('a photo the phone marked "rotate 90°" (EXIF orientation 6) is stored upright', () => {
    const parsed = parsePart10(wrapImage(input(withExif(jpegBytes(), 6), 'image/jpeg')));
    const s = summarize(parsed);
    assert.deepEqual([s.columns, s.rows], [HEIGHT, WIDTH]);
    assert.match(String(parsed.dataset.DerivationDescription), /EXIF orientation 6/);
    const png = renderFrame(parsed, { format: 'png' });
    const [r, , b] = rgbAt(png, HEIGHT - 5, 4); // the red corner is now at the top right
    assert.ok(r! > 180 && b! < 80, `top right red, got ${rgbAt(png, HEIGHT - 5, 4)}`);
    const [r2, , b2] = rgbAt(png, 4, 4);
    assert.ok(r2! < 80 && b2! > 150, 'top left blue');
  });

  test('a capture of another modality\'s screen is a Secondary Capture', () => {
    const parsed = parsePart10(wrapImage(input(jpegBytes(), 'image/jpeg', { modality: 'US' })));
    assert.equal(summarize(parsed).sopClassUid, SECONDARY_CAPTURE_IMAGE_STORAGE);
    assert.equal(parsed.dataset.Modality, 'US');
    assert.equal(parsed.dataset.ConversionType, 'DI');
  });

  test('a body part that is not a DICOM code string goes to the image comments', () => {
    const parsed = parsePart10(wrapImage(input(jpegBytes(), 'image/jpeg', { study: { bodyPart: '왼쪽 손목' } })));
    assert.equal(summarize(parsed).bodyPartExamined, null);
    assert.match(String(parsed.dataset.ImageComments), /왼쪽 손목/);
  });
});

describe('wrapImage: PNG', () => {
  test('decoded to native RGB, explicit VR little endian; renders back to the same pixels', () => {
    const rgba = picture();
    const parsed = parsePart10(wrapImage(input(pngBytes(rgba), 'image/png')));
    const s = summarize(parsed);
    assert.equal(s.transferSyntaxUid, '1.2.840.10008.1.2.1');
    assert.equal(s.sopClassUid, VL_PHOTOGRAPHIC_IMAGE_STORAGE);
    assert.equal(parsed.dataset.PhotometricInterpretation, 'RGB');
    assert.equal(parsed.dataset.LossyImageCompression, '00');
    const rendered = PNG.sync.read(renderFrame(parsed, { format: 'png' }));
    assert.deepEqual([rendered.width, rendered.height], [WIDTH, HEIGHT]);
    assert.deepEqual(new Uint8Array(rendered.data), rgba);
  });

  test('a grey PNG becomes MONOCHROME2 with one sample', () => {
    const grey = new Uint8Array(16 * 16 * 4).map((_, i) => (i % 4 === 3 ? 255 : Math.floor(i / 4)));
    const parsed = parsePart10(wrapImage(input(pngBytes(grey, 16, 16), 'image/png')));
    assert.equal(parsed.dataset.PhotometricInterpretation, 'MONOCHROME2');
    assert.equal(parsed.dataset.SamplesPerPixel, 1);
    assert.equal(extractFrames(parsed, [1]).frames[0]!.byteLength, 256);
  });
});

describe('wrapImage: bad images', () => {
  test('corrupt, truncated or empty images are BAD_IMAGE; other types UNSUPPORTED', () => {
    const jpg = jpegBytes();
    badImage(() => wrapImage(input(jpg.subarray(0, jpg.byteLength / 2), 'image/jpeg')));
    badImage(() => wrapImage(input(Uint8Array.from({ length: 500 }, (_, i) => i & 0xff), 'image/jpeg')));
    badImage(() => wrapImage(input(pngBytes(), 'image/jpeg'))); // a PNG said to be a JPEG
    const png = pngBytes();
    badImage(() => wrapImage(input(png.subarray(0, png.byteLength - 30), 'image/png')));
    badImage(() => wrapImage(input(jpg, 'image/png')));
    badImage(() => wrapImage(input(new Uint8Array(0), 'image/png')));
    badImage(() => wrapImage(input(jpg, 'image/gif' as CaptureInput['contentType'])), 'UNSUPPORTED');
  });
});
