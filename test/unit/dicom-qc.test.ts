import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { wrapImage, type CaptureInput } from '../../lib/dicom/capture.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { blankThreshold, qualityCheck, type QcResult } from '../../lib/dicom/qc.js';
import { buildPart10, ctSeriesFixtures, dicomFixture, imagePixelModule } from '../fixtures/dicom/fixtures.js';

const fixture = (name: string) => parsePart10(dicomFixture(name));
const codes = (result: QcResult) => result.reasons.map((r) => `${r.severity}:${r.code}`).sort();
const koreanFirst = (result: QcResult) => { for (const r of result.reasons) assert.match(r.message, /^[^(]*[가-힣]/, r.message); };

function capture(rgba: Uint8Array, width: number, height: number, contentType: CaptureInput['contentType']) {
  const bytes = contentType === 'image/png'
    ? (() => { const png = new PNG({ width, height }); png.data = Buffer.from(rgba); return new Uint8Array(PNG.sync.write(png)); })()
    : new Uint8Array(jpeg.encode({ data: rgba, width, height }, 90).data);
  return parsePart10(wrapImage({
    bytes, contentType,
    patient: { chartNumber: 'P2025000001', name: '김민수', birthDate: null, sex: null },
    study: { accessionNumber: 'A20261126000042' },
  }));
}
const black = (width: number, height: number) => new Uint8Array(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : 0));
const photo = (width: number, height: number) => new Uint8Array(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 251));

describe('qualityCheck on the fixtures', () => {
  test('the CT series passes against its order (patient 77654033, accession 2)', () => {
    for (const { name, bytes } of ctSeriesFixtures()) {
      assert.deepEqual(qualityCheck(parsePart10(bytes), { patientId: '77654033', accessionNumber: '2' }), { status: 'PASSED', reasons: [] }, name);
    }
  });

  test('images that decode and are not blank pass without an order', () => {
    for (const name of ['CT_small.dcm', 'MR_small.dcm', 'MR_small_big_endian.dcm', 'MR_small_rle.dcm', 'US_rgb_single.dcm', 'US_rgb_jpeg_baseline.dcm', 'SEG_ct_binary.dcm']) {
      assert.deepEqual(qualityCheck(fixture(name)), { status: 'PASSED', reasons: [] }, name);
    }
  });

  test('the wrong patient or accession for the order fails', () => {
    const ct = parsePart10(ctSeriesFixtures()[0]!.bytes);
    const wrongPatient = qualityCheck(ct, { patientId: 'P2025000001', accessionNumber: '2' });
    assert.equal(wrongPatient.status, 'FAILED');
    assert.deepEqual(codes(wrongPatient), ['error:PATIENT_MISMATCH']);
    assert.match(wrongPatient.reasons[0]!.message, /^환자번호가 오더와 다릅니다: 영상 '77654033', 오더 'P2025000001'/);
    const wrongAccession = qualityCheck(ct, { patientId: '77654033', accessionNumber: 'A20261126000042' });
    assert.deepEqual(codes(wrongAccession), ['error:ACCESSION_MISMATCH']);
    koreanFirst(wrongPatient);
    koreanFirst(wrongAccession);
  });

  test('an image without an accession, when one is expected, is a warning', () => {
    const result = qualityCheck(fixture('CT_small.dcm'), { patientId: '1CT1', accessionNumber: 'A1' });
    assert.equal(result.status, 'WARNING');
    assert.deepEqual(codes(result), ['warning:ACCESSION_MISSING']);
    // No expected accession: nothing to compare.
    assert.equal(qualityCheck(fixture('CT_small.dcm'), { patientId: '1CT1', accessionNumber: null }).status, 'PASSED');
  });

  test('compressed pixel data we cannot decode: a warning, not checked', () => {
    const result = qualityCheck(fixture('CT_small_jpeg_lossless.dcm'));
    assert.equal(result.status, 'WARNING');
    assert.deepEqual(codes(result), ['warning:PIXEL_NOT_CHECKED']);
    assert.match(result.reasons[0]!.message, /확인하지 않았습니다.*not checked/);
  });
});

describe('qualityCheck on synthetic images', () => {
  test('a blank capture (an all-black PNG, or JPEG) fails as BLANK; a real photo passes', () => {
    for (const type of ['image/png', 'image/jpeg'] as const) {
      const blank = qualityCheck(capture(black(64, 48), 64, 48, type), { patientId: 'P2025000001', accessionNumber: 'A20261126000042' });
      assert.equal(blank.status, 'FAILED', type);
      assert.deepEqual(codes(blank), ['error:BLANK'], type);
      assert.match(blank.reasons[0]!.message, /^빈 영상입니다/);
      assert.deepEqual(qualityCheck(capture(photo(64, 48), 64, 48, type)), { status: 'PASSED', reasons: [] }, type);
    }
  });

  test('a flat 16-bit image is blank; one with a single bright pixel is not', () => {
    const flat = new Uint16Array(16 * 16).fill(1000);
    const module = imagePixelModule(16, 16, { BitsAllocated: 16, BitsStored: 12, HighBit: 11 });
    assert.deepEqual(codes(qualityCheck(parsePart10(buildPart10(module, { pixelData: new Uint8Array(flat.buffer) })))), ['error:BLANK']);
    const spot = flat.slice(); spot[100] = 4000;
    assert.equal(qualityCheck(parsePart10(buildPart10(module, { pixelData: new Uint8Array(spot.buffer) }))).status, 'PASSED');
    assert.equal(blankThreshold(1), 0.004);
    assert.equal(blankThreshold(16), 2);
  });

  test('missing identifying tags and implausible dimensions fail', () => {
    const missing = qualityCheck(parsePart10(buildPart10({ PatientID: undefined, Modality: undefined, ...imagePixelModule(16, 16) }, { pixelData: new Uint8Array(256).map((_, i) => i) })));
    assert.deepEqual(codes(missing), ['error:MISSING_TAG']);
    assert.match(missing.reasons[0]!.message, /PatientID.*Modality/);
    const tiny = qualityCheck(parsePart10(buildPart10(imagePixelModule(4, 4), { pixelData: new Uint8Array(16).map((_, i) => i * 10) })));
    assert.deepEqual(codes(tiny), ['error:DIMENSIONS']);
    const noRows = qualityCheck(parsePart10(buildPart10({ ...imagePixelModule(16, 16), Rows: undefined }, { pixelData: new Uint8Array(256) })));
    assert.deepEqual(codes(noRows), ['error:MISSING_TAG']);
    koreanFirst(missing);
    koreanFirst(tiny);
  });

  test('pixel data that do not decode fail; an instance without pixels is only a warning', () => {
    const short = qualityCheck(parsePart10(buildPart10(imagePixelModule(16, 16), { pixelData: new Uint8Array(100) })));
    assert.deepEqual(codes(short), ['error:PIXEL_DECODE']);
    const report = qualityCheck(parsePart10(buildPart10({ Modality: 'SR', SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11' })));
    assert.deepEqual(codes(report), ['warning:NO_PIXEL_DATA']);
    assert.equal(report.status, 'WARNING');
  });
});
