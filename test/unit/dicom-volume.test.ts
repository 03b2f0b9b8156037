import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CT_WINDOWS, normalize, windowLevel } from '../../lib/dicom/intensity.js';
import { DicomInputError, parsePart10, type ParsedDicom } from '../../lib/dicom/part10.js';
import { extractSlice, resampleToGrid, resampleVolume, resizeImage, targetGrid } from '../../lib/dicom/resample.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import { buildVolume, CT_IMAGE_STORAGE, imageTensor, voxelToPatient, type Vec3 } from '../../lib/dicom/volume.js';
import { buildPart10, ctSeriesFixtures, dicomFixture, imagePixelModule } from '../fixtures/dicom/fixtures.js';

const ctSeries = () => ctSeriesFixtures().map((f) => parsePart10(f.bytes));
const close = (actual: number, expected: number, tolerance = 1e-4, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≠ ${expected} (±${tolerance})`);
const closeVec = (actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-4) =>
  Array.from(expected).forEach((e, i) => close(actual[i]!, e, tolerance, `[${i}]`));
const rejects = (fn: () => unknown, reason: string) =>
  assert.throws(fn, (err: unknown) => err instanceof DicomInputError && err.reason === reason && /[가-힣]/.test(err.message));

/** Raw little-endian 16-bit samples of a native fixture, read here without pixels.ts. */
function rawSamples(parsed: ParsedDicom): number[] {
  const buffer = parsed.dict['7FE00010']!.Value![0] as ArrayBuffer;
  const view = new DataView(buffer);
  const signed = parsed.dataset.PixelRepresentation === 1;
  return Array.from({ length: buffer.byteLength / 2 }, (_, i) => (signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true)));
}

interface SyntheticSlice { position?: Vec3 | null; instanceNumber: number; rows?: number; columns?: number; orientation?: number[] }

/**
 * A CT series whose stored value at (column i, row j) of slice s is `value(i, j, s)` (slope 1,
 * intercept −1024), one file per slice, all in one series.
 */
function syntheticSeries(slices: SyntheticSlice[], value: (i: number, j: number, s: number) => number, extra: Record<string, unknown> = {}): ParsedDicom[] {
  const study = uuidDerivedUid();
  const series = uuidDerivedUid();
  const frameOfReference = uuidDerivedUid();
  return slices.map((s, n) => {
    const rows = s.rows ?? 6;
    const columns = s.columns ?? 5;
    const pixels = new Int16Array(rows * columns);
    for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) pixels[j * columns + i] = value(i, j, n);
    return parsePart10(buildPart10({
      SOPClassUID: CT_IMAGE_STORAGE, Modality: 'CT', StudyInstanceUID: study, SeriesInstanceUID: series, FrameOfReferenceUID: frameOfReference,
      InstanceNumber: s.instanceNumber,
      ...(s.position === null ? {} : { ImagePositionPatient: s.position ?? [-10, -20, 5 * n], ImageOrientationPatient: s.orientation ?? [1, 0, 0, 0, 1, 0] }),
      PixelSpacing: [0.8, 0.5], SliceThickness: 2.5, RescaleSlope: 1, RescaleIntercept: -1024,
      ...imagePixelModule(rows, columns, { BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1 }),
      ...extra,
    }, { pixelData: new Uint8Array(pixels.buffer) }));
  });
}

describe('buildVolume on the CT series fixture (4 slices, 16×16)', () => {
  test('slices are sorted by position along the normal, whatever the input order', () => {
    const files = ctSeries();
    const shuffled = [files[2]!, files[0]!, files[3]!, files[1]!];
    const volume = buildVolume(shuffled);
    assert.deepEqual(volume.shape, [4, 16, 16]);
    assert.equal(volume.sortedBy, 'position');
    assert.deepEqual(volume.slices.map((s) => s.sopInstanceUid.split('.').at(-1)), ['93', '94', '95', '96']);
    closeVec(volume.slicePositions, [-99.480003, 103.019997, 104.269997, 105.519997]);
    assert.deepEqual(volume.direction.normal, [0, 0, 1]);
    assert.deepEqual(buildVolume(files).data, volume.data, 'same volume from any order');
    assert.equal(volume.slices[0]!.sopClassUid, CT_IMAGE_STORAGE);
    assert.equal(volume.context.studyInstanceUid, '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1');
    assert.equal(volume.context.attributes.PatientID, '77654033');
  });

  test('spacing: PixelSpacing in-plane, the median gap between slices, and a warning for the 202.5 mm gap', () => {
    const volume = buildVolume(ctSeries());
    closeVec(volume.spacing, [1.25, 0.488281, 0.488281]);
    assert.equal(volume.unevenSpacing, true);
    assert.equal(volume.warnings.length, 1);
    assert.match(volume.warnings[0]!, /uneven slice spacing: gaps 1\.250–202\.500 mm/);
    assert.match(volume.warnings[0]!, /고르지 않습니다/);
  });

  test('values are HU: stored × RescaleSlope + RescaleIntercept, in z-y-x order', () => {
    const files = ctSeries();
    const volume = buildVolume(files);
    assert.equal(volume.units, 'HU');
    for (const file of files) {
      const k = volume.slices.findIndex((s) => s.sopInstanceUid === file.dataset.SOPInstanceUID);
      const slope = Number(file.dataset.RescaleSlope);
      const intercept = Number(file.dataset.RescaleIntercept);
      assert.equal(intercept, -1024);
      const expected = rawSamples(file).map((v) => v * slope + intercept);
      assert.deepEqual(Array.from(volume.data.subarray(k * 256, (k + 1) * 256)), expected);
    }
    const raw = buildVolume(files, { rescale: false });
    assert.equal(raw.units, 'stored');
    assert.equal(raw.data[0]! - 1024, volume.data[0]);
  });

  test('the affine and voxelToPatient put voxels where ImagePositionPatient says', () => {
    const volume = buildVolume(ctSeries());
    const [sz, sy, sx] = volume.spacing;
    assert.deepEqual(volume.affine, [sx, 0, 0, -125, 0, sy, 0, -128.100006, 0, 0, sz, -99.480003, 0, 0, 0, 1]);
    closeVec(voxelToPatient(volume, [0, 0, 0]), [-125, -128.100006, -99.480003]);
    // Slice 1 is 202.5 mm away, not 1.25: the exact position is used.
    closeVec(voxelToPatient(volume, [1, 2, 3]), [-125 + 3 * sx, -128.100006 + 2 * sy, 103.019997]);
  });
});

describe('buildVolume on synthetic series', () => {
  const ramp = (i: number, j: number, s: number) => 1024 + 10 * i + 100 * j + 1000 * s;

  test('sorting uses positions, not InstanceNumber; even spacing gives no warning', () => {
    // InstanceNumber runs opposite to position, and the files come in a third order.
    const files = syntheticSeries([0, 1, 2, 3].map((n) => ({ instanceNumber: 10 - n })), ramp);
    const volume = buildVolume([files[1]!, files[3]!, files[0]!, files[2]!]);
    assert.deepEqual(volume.slices.map((s) => s.instanceNumber), [10, 9, 8, 7]);
    assert.deepEqual(volume.spacing, [5, 0.8, 0.5]);
    assert.equal(volume.unevenSpacing, false);
    assert.deepEqual(volume.warnings, []);
    // voxel (k, j, i) = 10 i + 100 j + 1000 k HU (stored − 1024)
    assert.equal(volume.data[2 * 30 + 3 * 5 + 4], 10 * 4 + 100 * 3 + 1000 * 2);
  });

  test('an axial series acquired head-first along −z is still sorted along the normal', () => {
    const files = syntheticSeries([0, 1, 2].map((n) => ({ instanceNumber: n + 1, position: [0, 0, -3 * n] as Vec3 })), ramp);
    const volume = buildVolume(files);
    closeVec(volume.slicePositions, [-6, -3, 0]);
    assert.deepEqual(volume.slices.map((s) => s.instanceNumber), [3, 2, 1]);
  });

  test('without ImagePositionPatient: InstanceNumber order, flagged, with a warning', () => {
    const files = syntheticSeries([3, 1, 2].map((n) => ({ instanceNumber: n, position: null })), ramp);
    const volume = buildVolume(files);
    assert.equal(volume.sortedBy, 'instanceNumber');
    assert.deepEqual(volume.slices.map((s) => s.instanceNumber), [1, 2, 3]);
    assert.ok(volume.warnings.some((w) => /ordered by InstanceNumber/.test(w)));
    assert.equal(volume.spacing[0], 2.5, 'SliceThickness as the fallback spacing');
  });

  test('an enhanced multi-frame instance: per-frame positions and rescale from the functional groups', () => {
    const rows = 2;
    const columns = 3;
    const frames = 3;
    const stored = Int16Array.from({ length: frames * rows * columns }, (_, p) => p);
    // Frame 1 is the top slice: the volume must reverse the frames.
    const perFrame = [0, 1, 2].map((f) => ({
      PlanePositionSequence: [{ ImagePositionPatient: [0, 0, 10 - 4 * f] }],
      PixelValueTransformationSequence: [{ RescaleSlope: 2, RescaleIntercept: -100 * (f + 1), RescaleType: 'HU' }],
    }));
    const parsed = parsePart10(buildPart10({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2.1', Modality: 'CT', NumberOfFrames: frames,
      SharedFunctionalGroupsSequence: [{
        PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
        PixelMeasuresSequence: [{ PixelSpacing: [0.7, 0.7], SliceThickness: 4 }],
      }],
      PerFrameFunctionalGroupsSequence: perFrame,
      ...imagePixelModule(rows, columns, { BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 1 }),
    }, { pixelData: new Uint8Array(stored.buffer) }));
    const volume = buildVolume([parsed]);
    assert.deepEqual(volume.slices.map((s) => s.frameNumber), [3, 2, 1]);
    closeVec(volume.slicePositions, [2, 6, 10]);
    assert.deepEqual(volume.spacing, [4, 0.7, 0.7]);
    // First voxel = frame 3's first stored value (12) × 2 − 300.
    assert.equal(volume.data[0], 12 * 2 - 300);
    assert.equal(volume.data[6 * 2], 0 * 2 - 100, 'last slice = frame 1');
  });

  test('refusals say why: sizes, orientation, series, duplicates, non-images', () => {
    const ramp0 = () => 0;
    const mixedSize = syntheticSeries([{ instanceNumber: 1 }, { instanceNumber: 2, rows: 7 }], ramp0);
    rejects(() => buildVolume(mixedSize), 'INCONSISTENT_SERIES');
    const tilted = syntheticSeries([{ instanceNumber: 1 }, { instanceNumber: 2, orientation: [1, 0, 0, 0, 0, -1] }], ramp0);
    rejects(() => buildVolume(tilted), 'INCONSISTENT_SERIES');
    rejects(() => buildVolume([...ctSeries(), parsePart10(dicomFixture('CT_small.dcm'))]), 'INCONSISTENT_SERIES');
    const twoEchoes = syntheticSeries([{ instanceNumber: 1, position: [0, 0, 0] }, { instanceNumber: 2, position: [0, 0, 0] }], ramp0);
    rejects(() => buildVolume(twoEchoes), 'DUPLICATE_POSITION');
    const sr = parsePart10(buildPart10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33', Modality: 'SR' }));
    rejects(() => buildVolume([sr]), 'NOT_IMAGE');
    rejects(() => imageTensor(sr), 'NOT_IMAGE');
    const ecg = parsePart10(buildPart10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.9.1.1', Modality: 'ECG' }));
    assert.throws(() => buildVolume([ecg]), /심전도.*not an image/);
    rejects(() => buildVolume([parsePart10(dicomFixture('US_rgb_single.dcm'))]), 'UNSUPPORTED');
  });
});

describe('imageTensor (2D input: US, photos, one slice)', () => {
  test('an RGB ultrasound → [3, 240, 320] channels-first, or one luma channel', () => {
    const us = parsePart10(dicomFixture('US_rgb_single.dcm'));
    const rgb = imageTensor(us);
    assert.deepEqual(rgb.shape, [3, 240, 320]);
    assert.equal(rgb.units, 'rgb');
    const grey = imageTensor(us, { grey: true });
    assert.deepEqual(grey.shape, [1, 240, 320]);
    const plane = 240 * 320;
    const p = 120 * 320 + 160;
    close(grey.data[p]!, 0.299 * rgb.data[p]! + 0.587 * rgb.data[plane + p]! + 0.114 * rgb.data[2 * plane + p]!, 1e-3);
    assert.equal(rgb.slices.length, 1);
    assert.equal(rgb.slices[0]!.sopInstanceUid, us.dataset.SOPInstanceUID);
    assert.equal(rgb.orientation, null, 'no plane geometry');
  });

  test('a CT image → one HU channel with its geometry', () => {
    const ct = parsePart10(dicomFixture('CT_small.dcm'));
    const image = imageTensor(ct);
    assert.deepEqual(image.shape, [1, 128, 128]);
    assert.equal(image.units, 'HU');
    const slope = Number(ct.dataset.RescaleSlope);
    const intercept = Number(ct.dataset.RescaleIntercept);
    assert.deepEqual(Array.from(image.data.subarray(0, 50)), rawSamples(ct).slice(0, 50).map((v) => v * slope + intercept));
    assert.ok(image.position && image.pixelSpacing);
  });

  test('MONOCHROME1 is inverted so that bright means dense', () => {
    const stored = Uint8Array.from([0, 50, 200, 250]);
    const parsed = parsePart10(buildPart10({ Modality: 'DX', ...imagePixelModule(2, 2, { PhotometricInterpretation: 'MONOCHROME1' }) }, { pixelData: stored }));
    assert.deepEqual(Array.from(imageTensor(parsed).data), [250, 200, 50, 0]);
    assert.deepEqual(Array.from(imageTensor(parsed, { invertMonochrome1: false }).data), [0, 50, 200, 250]);
  });
});

describe('window/level and normalisation', () => {
  test('window to [0, 1]: lung window −600/1500', () => {
    const out = windowLevel(Float32Array.from([-2000, -1350, -975, -600, 150, 3000]), CT_WINDOWS.lung);
    closeVec(out, [0, 0, 0.25, 0.5, 1, 1], 1e-6);
    assert.throws(() => windowLevel(new Float32Array(1), { center: 0, width: 0 }), RangeError);
  });

  test('the fixture CT in a brain window stays within [0, 1] and uses both ends', () => {
    const windowed = windowLevel(buildVolume(ctSeries()).data, CT_WINDOWS.brain);
    assert.ok(windowed.every((v) => v >= 0 && v <= 1));
    assert.ok(windowed.some((v) => v === 0) && windowed.some((v) => v === 1) && windowed.some((v) => v > 0 && v < 1));
  });

  test('z-score: mean 0, sd 1; min-max: [0, 1]; nonzero keeps the background', () => {
    const values = Float32Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    const z = normalize(values, { method: 'zscore' });
    close(z.reduce((a, b) => a + b, 0) / z.length, 0, 1e-6);
    closeVec(z, [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2], 1e-6); // mean 5, sd 2
    closeVec(normalize(values, { method: 'minmax' }), [0, 2 / 7, 2 / 7, 2 / 7, 3 / 7, 3 / 7, 5 / 7, 1], 1e-6);
    const withAir = Float32Array.from([0, 0, 10, 20, 30]);
    closeVec(normalize(withAir, { method: 'minmax', nonzero: true }), [0, 0, 0, 0.5, 1], 1e-6);
    assert.deepEqual(Array.from(normalize(Float32Array.from([3, 3, 3]), { method: 'zscore' })), [0, 0, 0], 'constant → zeros');
    const outlier = Float32Array.from([...Array.from({ length: 99 }, (_, i) => i), 10000]);
    assert.ok(normalize(outlier, { method: 'minmax', clipPercentiles: [0, 98] })[50]! > 0.5, 'the outlier no longer sets the scale');
  });
});

describe('resampling, slices and resizing', () => {
  // Integer at every source voxel centre (x = −10 + 0.5 i, y = −20 + 0.8 j, z = 5 s), so storing it loses nothing.
  const linear = (p: Vec3) => 2 * p[0] - 5 * p[1] + p[2];

  test('trilinear resampling reproduces a linear field at the new voxel centres', () => {
    // HU = linear function of the patient position, so interpolation must be exact inside.
    const files = syntheticSeries([0, 1, 2, 3].map((n) => ({ instanceNumber: n + 1 })), (i, j, s) => 1024 + linear([-10 + 0.5 * i, -20 + 0.8 * j, 5 * s]));
    const volume = buildVolume(files);
    const fine = resampleVolume(volume, { spacing: [2.5, 0.4, 0.25] });
    assert.deepEqual(fine.shape, [8, 12, 10], 'round(extent / spacing): 20/2.5, 4.8/0.4, 2.5/0.25');
    assert.deepEqual(fine.slices, [], 'a resampled volume is not the series');
    const [d, h, w] = fine.shape;
    let checked = 0;
    for (let k = 1; k < d - 1; k++) for (let j = 1; j < h - 1; j++) for (let i = 1; i < w - 1; i++) {
      const expected = linear(voxelToPatient(fine, [k, j, i]));
      close(fine.data[(k * h + j) * w + i]!, expected, 1e-3, `(${k},${j},${i})`);
      checked++;
    }
    assert.equal(checked, 6 * 10 * 8);
    const coarse = resampleVolume(volume, { shape: [2, 3, 5] });
    closeVec(coarse.spacing, [10, 1.6, 0.5]);
  });

  test('the uneven fixture is resampled by slice position: real slices come back at their positions', () => {
    const volume = buildVolume(ctSeries());
    const regular = resampleVolume(volume, { spacing: [1.25, volume.spacing[1], volume.spacing[2]] });
    assert.equal(regular.shape[0], 165);
    assert.equal(regular.unevenSpacing, false);
    const slice = (v: typeof volume, k: number) => Array.from(v.data.subarray(k * 256, (k + 1) * 256));
    const k103 = regular.slicePositions.findIndex((p) => Math.abs(p - 103.019997) < 1e-3);
    assert.equal(k103, 162);
    closeVec(slice(regular, 162), slice(volume, 1), 1e-3);
    closeVec(slice(regular, 163), slice(volume, 2), 1e-3);
    // Halfway through the 202.5 mm gap: the mean of the two bracketing slices.
    const half = slice(volume, 0).map((v, p) => (v + slice(volume, 1)[p]!) / 2);
    closeVec(slice(regular, 81), half, 1e-2);
  });

  test('a label map goes to a finer grid and back unchanged (nearest)', () => {
    const volume = buildVolume(syntheticSeries([0, 1, 2, 3].map((n) => ({ instanceNumber: n + 1 })), () => 0)); // 4 × 6 × 5
    const labels = new Uint8Array(volume.data.length);
    for (let p = 0; p < labels.length; p += 7) labels[p] = (p % 3) + 1;
    const fine = targetGrid(volume, { shape: [8, 12, 10] });
    closeVec(fine.spacing, [2.5, 0.4, 0.25]);
    const up = resampleToGrid(labels, volume, fine, 'nearest', new Uint8Array(8 * 12 * 10));
    assert.equal(up.reduce((n, v) => n + (v ? 1 : 0), 0), 8 * labels.reduce((n, v) => n + (v ? 1 : 0), 0), 'each voxel becomes 2×2×2');
    const back = resampleToGrid(up, fine, volume, 'nearest', new Uint8Array(labels.length));
    assert.deepEqual(back, labels);
  });

  test('2D slices along each axis', () => {
    const files = syntheticSeries([0, 1, 2].map((n) => ({ instanceNumber: n + 1 })), (i, j, s) => 1024 + i + 10 * j + 100 * s);
    const volume = buildVolume(files); // 3 × 6 × 5
    const axial = extractSlice(volume, 'axial', 1);
    assert.deepEqual(axial.shape, [6, 5]);
    assert.equal(axial.data[2 * 5 + 3], 100 + 20 + 3);
    const coronal = extractSlice(volume, 'coronal', 4);
    assert.deepEqual([coronal.shape, coronal.spacing], [[3, 5], [5, 0.5]]);
    assert.equal(coronal.data[2 * 5 + 1], 200 + 40 + 1);
    const sagittal = extractSlice(volume, 'sagittal', 2);
    assert.deepEqual([sagittal.shape, sagittal.spacing], [[3, 6], [5, 0.8]]);
    assert.equal(sagittal.data[1 * 6 + 5], 100 + 50 + 2);
    assert.throws(() => extractSlice(volume, 'axial', 3), RangeError);
  });

  test('bilinear resize matches torch interpolate(align_corners=False); a CT to the model input 256×256', () => {
    const out = resizeImage(Float32Array.from([0, 1, 2, 3]), [1, 2, 2], [4, 4]);
    assert.deepEqual(Array.from(out), [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3]);
    assert.deepEqual(Array.from(resizeImage(Float32Array.from([0, 1, 2, 3]), [1, 2, 2], [4, 4], 'nearest')), [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3]);
    const ct = imageTensor(parsePart10(dicomFixture('CT_small.dcm')));
    const input = resizeImage(windowLevel(ct.data, CT_WINDOWS.abdomen), ct.shape, [256, 256]);
    assert.equal(input.length, 256 * 256);
    assert.ok(input.every((v) => v >= 0 && v <= 1));
    // Downsizing back by 2 averages each 2×2 block of the upsized image: close to the original.
    const back = resizeImage(input, [1, 256, 256], [128, 128]);
    const original = windowLevel(ct.data, CT_WINDOWS.abdomen);
    let error = 0;
    for (let p = 0; p < back.length; p++) error += Math.abs(back[p]! - original[p]!);
    assert.ok(error / back.length < 0.02, `mean error ${error / back.length}`);
    const rgb = imageTensor(parsePart10(dicomFixture('US_rgb_single.dcm')));
    assert.equal(resizeImage(rgb.data, rgb.shape, [224, 224]).length, 3 * 224 * 224);
  });
});
