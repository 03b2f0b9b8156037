import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { breastLandmarks, chestLandmarks, headLandmarks } from '../../lib/ai/phantom-images.js';
import {
  ctAbdomenPhantom, ctChestPhantom, ctHeadPhantom, mrPhantom, MR_IMAGE_STORAGE, photoPhantom, US_IMAGE_STORAGE, usBreastPhantom,
  VL_PHOTOGRAPHIC_IMAGE_STORAGE,
} from '../../lib/ai/phantom-studies.js';
import { parsePart10, summarize } from '../../lib/dicom/part10.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import { buildVolume, CT_IMAGE_STORAGE, imageTensor, voxelToPatient, type Vec3, type Volume } from '../../lib/dicom/volume.js';

const close = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≠ ${expected} (±${tolerance})`);
const volumeOf = (files: Buffer[]): Volume => buildVolume(files.map((b) => parsePart10(b)));
const sphereMl = (diameterMm: number) => (4 / 3) * Math.PI * (diameterMm / 2) ** 3 / 1000;

/**
 * Visits the voxels whose centres lie within `halfMm` of `centre` along each axis. The index box
 * comes from the axis-aligned geometry the phantoms write; each voxel's position is then taken
 * from voxelToPatient, so the geometry buildVolume read is what the assertions check.
 */
function eachVoxelNear(v: Volume, centre: Vec3, halfMm: number, visit: (value: number, p: Vec3) => void): void {
  assert.deepEqual(v.direction, { row: [1, 0, 0], column: [0, 1, 0], normal: [0, 0, 1] });
  const [d, h, w] = v.shape;
  const range = (axis: number, n: number, s: number) => [
    Math.max(0, Math.floor((centre[axis]! - halfMm - v.origin[axis]!) / s)), Math.min(n - 1, Math.ceil((centre[axis]! + halfMm - v.origin[axis]!) / s)),
  ];
  const [k0, k1] = range(2, d, v.spacing[0]);
  const [j0, j1] = range(1, h, v.spacing[1]);
  const [i0, i1] = range(0, w, v.spacing[2]);
  for (let k = k0!; k <= k1!; k++) for (let j = j0!; j <= j1!; j++) for (let i = i0!; i <= i1!; i++) {
    const p = voxelToPatient(v, [k, j, i]);
    if (Math.max(Math.abs(p[0] - centre[0]), Math.abs(p[1] - centre[1]), Math.abs(p[2] - centre[2])) <= halfMm) visit(v.data[(k * h + j) * w + i]!, p);
  }
}

/** Mean value of the voxels whose centres lie within `radiusMm` of `centre` (and beyond `innerMm`). */
function meanAround(v: Volume, centre: Vec3, radiusMm: number, innerMm = -1): number {
  let sum = 0;
  let n = 0;
  eachVoxelNear(v, centre, radiusMm, (value, p) => {
    const r = Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
    if (r <= radiusMm && r > innerMm) { sum += value; n++; }
  });
  assert.ok(n > 0, 'no voxels in the region');
  return sum / n;
}

/**
 * The lesion as partial volume: Σ (v − background)/(lesion − background) over a box around it
 * gives its volume in voxels (noise averages out) and, weighted by position, its centroid (LPS).
 */
function lesionMoments(v: Volume, centre: Vec3, boxMm: number, background: number, lesion: number): { ml: number; centroid: Vec3 } {
  let mass = 0;
  const c: Vec3 = [0, 0, 0];
  eachVoxelNear(v, centre, boxMm, (value, p) => {
    const f = (value - background) / (lesion - background);
    mass += f;
    for (let a = 0; a < 3; a++) c[a] += f * p[a]!;
  });
  const voxelMl = v.spacing[0] * v.spacing[1] * v.spacing[2] / 1000;
  return { ml: mass * voxelMl, centroid: c.map((x) => x / mass) as Vec3 };
}

describe('phantom studies', () => {
  test('CT chest: default geometry, every requested tag, lungs and a 9 mm solid nodule where asked', () => {
    const study = uuidDerivedUid();
    const series = uuidDerivedUid();
    const files = ctChestPhantom({
      patient: { chartNumber: 'P2025000123', name: '김폐결', birthDate: '19580317', sex: 'M' },
      studyInstanceUid: study, seriesInstanceUid: series, accessionNumber: 'A2025-77', studyDate: '20250102',
      nodules: [{ centerMm: [-72, 10, 6], diameterMm: 9 }],
    });
    assert.equal(files.length, 48);
    const parsed = files.map((b) => parsePart10(b));
    parsed.forEach((p, k) => {
      const s = summarize(p);
      assert.deepEqual([s.patientId, s.patientName, s.patientBirthDate, s.patientSex], ['P2025000123', '김폐결', '19580317', 'M']);
      assert.deepEqual([s.studyInstanceUid, s.seriesInstanceUid, s.accessionNumber, s.studyDate], [study, series, 'A2025-77', '20250102']);
      assert.deepEqual([s.modality, s.sopClassUid, s.bodyPartExamined, s.instanceNumber], ['CT', CT_IMAGE_STORAGE, 'CHEST', k + 1]);
      assert.deepEqual(p.dataset.ImagePositionPatient.map(Number), [-153, -153, -47 + 2 * k]);
      assert.deepEqual(p.dataset.ImageOrientationPatient.map(Number), [1, 0, 0, 0, 1, 0]);
      assert.deepEqual(p.dataset.PixelSpacing.map(Number), [1.2, 1.2]);
      assert.equal(Number(p.dataset.SliceThickness), 2);
      assert.equal(Number(p.dataset.RescaleIntercept), -1024);
    });
    assert.equal(new Set(parsed.map((p) => p.dataset.FrameOfReferenceUID)).size, 1);
    assert.equal(new Set(parsed.map((p) => p.dataset.SOPInstanceUID)).size, 48);

    const v = buildVolume(parsed);
    assert.deepEqual(v.shape, [48, 256, 256]);
    assert.deepEqual(v.spacing, [2, 1.2, 1.2]);
    assert.deepEqual([v.units, v.warnings, v.unevenSpacing], ['HU', [], false]);
    const lungs = chestLandmarks({ shape: v.shape, spacing: v.spacing });
    close(meanAround(v, lungs.leftLungMm, 10), -850, 2, 'lung');
    close(meanAround(v, [0, 0, 0], 8), 40, 2, 'mediastinum');
    close(meanAround(v, [-153, -153, 0], 5), -1000, 2, 'air');
    close(meanAround(v, [lungs.bodySemiAxesMm[0] - 7.5, 0, 0], 3), 40, 3, 'chest wall');
    close(meanAround(v, [-72, 10, 6], 2.5), 40, 4, 'nodule HU');
    const nodule = lesionMoments(v, [-72, 10, 6], 9, -850, 40);
    close(nodule.ml, sphereMl(9), 0.03 * sphereMl(9), 'nodule volume');
    nodule.centroid.forEach((x, a) => close(x, [-72, 10, 6][a]!, 0.15, `centroid[${a}]`));
  });

  test('CT chest: part-solid nodule has a −500 HU rim around its solid core; noise is seeded', () => {
    const options = { size: 96, slices: 16, studyInstanceUid: uuidDerivedUid(), seriesInstanceUid: uuidDerivedUid(), studyDate: '20250102', nodules: [{ centerMm: [30, 0, 0] as Vec3, diameterMm: 16, solidCoreMm: 6 }] };
    const a = ctChestPhantom(options);
    const v = volumeOf(a);
    close(meanAround(v, [30, 0, 0], 1.5), 40, 6, 'solid core');
    close(meanAround(v, [30, 0, 0], 6.5, 4.5), -500, 8, 'ground-glass rim');
    const again = ctChestPhantom(options);
    assert.ok(a.every((bytes, k) => bytes.equals(again[k]!)), 'same options and UIDs, same bytes');
    const other = volumeOf(ctChestPhantom({ ...options, seed: 2 }));
    assert.notDeepEqual(other.data, v.data);
    const quiet = volumeOf(ctChestPhantom({ ...options, noise: 0 }));
    const lung = chestLandmarks({ shape: quiet.shape, spacing: quiet.spacing }).rightLungMm;
    assert.equal(meanAround(quiet, lung, 4), -850);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < v.data.length; i++) { const e = v.data[i]! - quiet.data[i]!; sum += e; sq += e * e; }
    close(Math.sqrt(sq / v.data.length - (sum / v.data.length) ** 2), 5, 0.2, 'noise sd');
  });

  test('CT head: skull shell, brain, ventricles and a 30 mm haemorrhage of 14 mL', () => {
    const files = ctHeadPhantom({ size: 128, pixelSpacingMm: 1.8, slices: 32, lesions: [{ centerMm: [30, 20, 4], diameterMm: 30 }] });
    const v = volumeOf(files);
    assert.equal(summarize(parsePart10(files[0]!)).bodyPartExamined, 'HEAD');
    const head = headLandmarks({ shape: v.shape, spacing: v.spacing }, true);
    close(meanAround(v, [0, head.semiAxesMm[1] - 3, 0], 1.5), 1000, 12, 'skull');
    close(meanAround(v, [-30, -40, 0], 6), 35, 2, 'brain');
    close(meanAround(v, [7, -5, 0], 1.5), 5, 3, 'ventricle');
    close(meanAround(v, [30, 20, 4], 8), 70, 2, 'lesion');
    const lesion = lesionMoments(v, [30, 20, 4], 20, 35, 70);
    close(lesion.ml, sphereMl(30), 0.03 * sphereMl(30), 'volume (ABC/2 of a sphere ≈ 14.1 mL)');
    lesion.centroid.forEach((x, a) => close(x, [30, 20, 4][a]!, 0.3, `centroid[${a}]`));
    const plain = volumeOf(ctHeadPhantom({ size: 64, pixelSpacingMm: 3, slices: 4, lesions: [], ventricles: false, noise: 0 }));
    assert.equal(meanAround(plain, [7, -5, 0], 1.5), 35);
  });

  test('CT abdomen: fat layer, soft tissue and an enhancing lesion', () => {
    const v = volumeOf(ctAbdomenPhantom({ size: 128, pixelSpacingMm: 2.4, slices: 24, bodyPart: 'pancreas', lesions: [{ centerMm: [20, -10, 0], diameterMm: 24 }] }));
    assert.equal(textOf(v.context.attributes.StudyDescription), 'CT 복부 팬텀 (CT abdomen phantom)');
    close(meanAround(v, [0, 109, 0], 2.5), -100, 4, 'subcutaneous fat');
    close(meanAround(v, [-60, 40, 0], 8), 40, 2, 'soft tissue');
    close(meanAround(v, [20, -10, 0], 6), 180, 3, 'lesion');
    close(lesionMoments(v, [20, -10, 0], 18, 40, 180).ml, sphereMl(24), 0.03 * sphereMl(24), 'volume');
  });

  test('MR breast: tissue, air, a bright lesion in the right breast; MR Image Storage for a woman', () => {
    const grid = { shape: [24, 128, 128] as [number, number, number], spacing: [2, 2.4, 2.4] as [number, number, number] };
    const right = breastLandmarks(grid).rightMm;
    const files = mrPhantom({ bodyPart: 'BREAST', size: 128, pixelSpacingMm: 2.4, slices: 24, lesions: [{ centerMm: right, diameterMm: 15 }] });
    const s = summarize(parsePart10(files[0]!));
    assert.deepEqual([s.modality, s.sopClassUid, s.bodyPartExamined, s.patientSex, s.bitsAllocated], ['MR', MR_IMAGE_STORAGE, 'BREAST', 'F', 16]);
    const v = volumeOf(files);
    assert.equal(v.units, 'modality');
    close(meanAround(v, [0, 60, 0], 10), 250, 3, 'chest');
    close(meanAround(v, [0, -140, 0], 8), 0, 5, 'air (noise clamped at 0)');
    close(meanAround(v, right, 3), 900, 8, 'lesion');
    const lesion = lesionMoments(v, right, 13, 250, 900);
    close(lesion.ml, sphereMl(15), 0.04 * sphereMl(15), 'volume');
    lesion.centroid.forEach((x, a) => close(x, right[a]!, 0.3, `centroid[${a}]`));
    for (const bodyPart of ['HEAD', 'ABDOMEN'] as const) {
      const other = volumeOf(mrPhantom({ bodyPart, size: 64, pixelSpacingMm: 4, slices: 8, lesions: [{ centerMm: [10, 10, 0], diameterMm: 16 }] }));
      assert.equal(textOf(other.context.attributes.PatientSex), 'M');
      close(meanAround(other, [10, 10, 0], 3), 900, 10, `${bodyPart} lesion`);
      close(meanAround(other, [-25, -25, 0], 6), 250, 6, `${bodyPart} tissue`);
    }
  });

  test('US breast: 8-bit speckled parenchyma, a hypoechoic lesion where asked, posterior shadowing and enhancement', () => {
    const lesion = { centerMm: [3, -2] as [number, number], widthMm: 12, heightMm: 6 };
    const parsed = parsePart10(usBreastPhantom({ studyDescription: '유방 초음파', lesion: { ...lesion, posterior: 'shadowing' } }));
    const s = summarize(parsed);
    assert.deepEqual([s.modality, s.sopClassUid, s.bodyPartExamined, s.patientSex, s.bitsAllocated, s.studyDescription],
      ['US', US_IMAGE_STORAGE, 'BREAST', 'F', 8, '유방 초음파']);
    assert.equal(parsed.dataset.PhotometricInterpretation, 'MONOCHROME2');
    assert.equal(Number(parsed.dataset.SequenceOfUltrasoundRegions[0].PhysicalDeltaX), 0.01);
    const image = imageTensor(parsed);
    assert.deepEqual([image.shape, image.pixelSpacing], [[1, 400, 500], [0.1, 0.1]]);
    const px = (x: number, y: number) => [Math.round(249.5 + x / 0.1), Math.round(199.5 + y / 0.1)] as const;
    const mean = (x0: number, x1: number, y0: number, y1: number) => {
      let sum = 0; let n = 0;
      const [i0, j0] = px(x0, y0); const [i1, j1] = px(x1, y1);
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) { sum += image.data[j * 500 + i]!; n++; }
      return { mean: sum / n, n };
    };
    const parenchyma = mean(-20, -10, -15, 15);
    close(parenchyma.mean, 110, 3, 'parenchyma');
    close(mean(1, 5, -3, -1).mean, 20, 2, 'lesion echo');
    close(mean(-1, 7, 8, 15).mean / mean(12, 20, 8, 15).mean, 0.55, 0.05, 'shadowing');
    const bright = imageTensor(parsePart10(usBreastPhantom({ lesion: { ...lesion, posterior: 'enhancement' } })));
    const ratio = (img: typeof image) => {
      let below = 0; let beside = 0;
      for (let j = 300; j < 350; j++) for (let i = 0; i < 40; i++) { below += img.data[j * 500 + 260 + i]!; beside += img.data[j * 500 + 400 + i]!; }
      return below / beside;
    };
    close(ratio(bright), 1.35, 0.06, 'enhancement');
    const spiculated = imageTensor(parsePart10(usBreastPhantom({ lesion: { ...lesion, margin: 'spiculated' } })));
    const darkArea = (img: typeof image) => img.data.reduce((n, v) => n + (v < 50 ? 1 : 0), 0) * 0.01;
    assert.ok(darkArea(spiculated) > 1.1 * Math.PI * 18, `spicules add area: ${darkArea(spiculated)} mm²`);
    const plain = imageTensor(parsePart10(usBreastPhantom({ lesion })));
    close(darkArea(plain), Math.PI * 6 * 3, 0.05 * Math.PI * 18, 'lesion area (mm²)');
    let dark = 0; let cx = 0; let cy = 0;
    for (let j = 0; j < 400; j++) for (let i = 0; i < 500; i++) if (plain.data[j * 500 + i]! < 50) { dark++; cx += i; cy += j; }
    close((cx / dark - 249.5) * 0.1, 3, 0.1, 'lesion x (mm from the centre)');
    close((cy / dark - 199.5) * 0.1, -2, 0.1, 'lesion y');
    assert.equal(darkArea(imageTensor(parsePart10(usBreastPhantom({ lesion: null })))), 0);
  });

  test('photos: RGB skin photo (XC) and pathology image (SM) with coloured lesions', () => {
    const parsed = parsePart10(photoPhantom({ modality: 'XC', bodyPart: 'skin', background: [220, 180, 160], lesions: [{ centerPx: [150.5, 100.5], radiusPx: 20, color: [80, 50, 40] }] }));
    const s = summarize(parsed);
    assert.deepEqual([s.modality, s.sopClassUid, s.bodyPartExamined, s.rows, s.columns], ['XC', VL_PHOTOGRAPHIC_IMAGE_STORAGE, 'SKIN', 300, 400]);
    const rgb = imageTensor(parsed);
    assert.deepEqual([rgb.channels, rgb.pixelSpacing], [3, [0.1, 0.1]]);
    const at = (c: number, i: number, j: number) => rgb.data[c * 120000 + j * 400 + i]!;
    [80, 50, 40].forEach((v, c) => close(at(c, 150, 100), v, 8, `lesion ${c}`));
    [220, 180, 160].forEach((v, c) => close(at(c, 10, 10), v, 8, `background ${c}`));
    const grey = imageTensor(parsed, { grey: true });
    const lesionPixels = grey.data.reduce((n, v) => n + (v < 125 ? 1 : 0), 0);
    close(lesionPixels, Math.PI * 400, 12, 'lesion area (px)');
    const sm = imageTensor(parsePart10(photoPhantom({ modality: 'SM', bodyPart: 'BREAST', background: [240, 220, 235], lesions: [], size: [64, 64] })));
    assert.deepEqual([sm.context.modality, sm.pixelSpacing, sm.shape], ['SM', [0.0005, 0.0005], [3, 64, 64]]);
    const bare = imageTensor(parsePart10(photoPhantom({ modality: 'XC', bodyPart: 'SKIN', background: [1, 2, 3], lesions: [], size: [16, 16], pixelSpacingMm: null })));
    assert.equal(bare.pixelSpacing, null);
  });

  test('bad options are refused', () => {
    const patient = { chartNumber: 'P1', name: '가', birthDate: '1960-01-01', sex: 'F' as const };
    assert.throws(() => ctChestPhantom({ size: 16, slices: 2, patient, nodules: [] }), /birthDate/);
    assert.throws(() => ctChestPhantom({ size: 16, slices: 2, studyInstanceUid: '1.2.03', nodules: [] }), /DICOM UID/);
    assert.throws(() => ctChestPhantom({ size: 16, slices: 2, nodules: [{ centerMm: [0, 0, 0], diameterMm: 0 }] }), /diameterMm/);
    assert.throws(() => ctChestPhantom({ size: 16, slices: 2, nodules: [{ centerMm: [0, 0, 0], diameterMm: 5, solidCoreMm: 6 }] }), /solidCoreMm/);
    assert.throws(() => ctAbdomenPhantom({ size: 16, slices: 2, bodyPart: 'pan-creas', lesions: [] }), /code string/);
    assert.throws(() => mrPhantom({ bodyPart: 'HEAD', size: 4, lesions: [] }), /size/);
    assert.throws(() => mrPhantom({ bodyPart: 'LIVER' as 'HEAD', size: 16, lesions: [] }), /BREAST, HEAD or ABDOMEN/);
    assert.throws(() => usBreastPhantom({ lesion: { centerMm: [0, 0], widthMm: 0, heightMm: 5 } }), /widthMm/);
  });
});

function textOf(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : String(first ?? '');
}
