import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskIoU, phantom } from '../../lib/ai/phantoms.js';
import type { ModelCard } from '../../lib/ai/model-card.js';
import { classifyImage } from '../../lib/ai/pipeline/classify.js';
import { connectedComponents, threshold } from '../../lib/ai/pipeline/components.js';
import { findingsFromComponents } from '../../lib/ai/pipeline/findings.js';
import { measureComponent } from '../../lib/ai/pipeline/measure.js';
import { prepareIntensities } from '../../lib/ai/pipeline/preprocess.js';
import { segmentImage, segmentSlices, segmentVolume, tileStarts } from '../../lib/ai/pipeline/segment.js';
import { affineOf, CT_IMAGE_STORAGE, type Grid, type ImageTensor, type Vec3, type Volume } from '../../lib/dicom/volume.js';
import { seededRandom } from '../../lib/random.js';
import { directInfer } from '../helpers/direct-infer.js';

/**
 * The pipeline core on synthetic volumes and images with known answers, through the bundled
 * reference models run in this process (test/helpers/direct-infer.ts).
 */
const zoo = directInfer();
after(() => zoo.close());

type Shape3 = [number, number, number];
interface Sphere { centerMm: Vec3; radiusMm: number; value: number }

/** A regular axial grid: voxel (k, j, i) sits at (i·sx, j·sy, k·sz) mm. */
function gridOf(shape: Shape3, spacing: Shape3): Grid {
  return {
    shape, spacing, origin: [0, 0, 0], direction: { row: [1, 0, 0], column: [0, 1, 0], normal: [0, 0, 1] },
    slicePositions: Array.from({ length: shape[0] }, (_, k) => k * spacing[0]),
  };
}

/** Spheres (centres in mm as [x, y, z]) on a noisy background, and their true mask. */
function spheres(grid: Grid, list: Sphere[], background: number, noise: number): { data: Float32Array; truth: Uint8Array } {
  const [d, h, w] = grid.shape;
  const [sz, sy, sx] = grid.spacing;
  const random = seededRandom(7);
  const data = new Float32Array(d * h * w);
  const truth = new Uint8Array(d * h * w);
  for (let k = 0, o = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++, o++) {
    data[o] = background + (random.next() * 2 - 1) * noise;
    for (const s of list) {
      if ((i * sx - s.centerMm[0]) ** 2 + (j * sy - s.centerMm[1]) ** 2 + (k * sz - s.centerMm[2]) ** 2 <= s.radiusMm ** 2) {
        data[o] = s.value + (random.next() * 2 - 1) * noise;
        truth[o] = 1;
      }
    }
  }
  return { data, truth };
}

function volumeOf(grid: Grid, data: Float32Array): Volume {
  const [, h, w] = grid.shape;
  return {
    ...grid, data, affine: affineOf(grid), units: 'HU', sortedBy: 'position', unevenSpacing: false, warnings: [],
    context: { studyInstanceUid: '1.2.826.0.1.1', seriesInstanceUid: '1.2.826.0.1.1.1', modality: 'CT', attributes: {} },
    frameOfReferenceUid: null, rows: h, columns: w, orientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [grid.spacing[1], grid.spacing[2]], sliceThickness: grid.spacing[0],
    slices: grid.slicePositions.map((z, k) => ({ sopInstanceUid: `1.2.826.0.1.1.1.${k + 1}`, sopClassUid: CT_IMAGE_STORAGE, frameNumber: null, instanceNumber: k + 1, position: [0, 0, z] })),
  };
}

function imageOf(data: Float32Array, rows: number, columns: number, pixelSpacing: [number, number] | null): ImageTensor {
  return {
    data, shape: [1, rows, columns], channels: 1, units: 'stored', position: null, warnings: [],
    context: { studyInstanceUid: '1.2.826.0.1.2', seriesInstanceUid: '1.2.826.0.1.2.1', modality: 'US', attributes: {} },
    frameOfReferenceUid: null, rows, columns, orientation: null, pixelSpacing, sliceThickness: null,
    slices: [{ sopInstanceUid: '1.2.826.0.1.2.1.1', sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1', frameNumber: null, instanceNumber: 1, position: null }],
  };
}

const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-4) =>
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) < tolerance, `[${i}] ${actual[i]} ≠ ${e}`));

describe('prepareIntensities', () => {
  const base = zoo.card('reference-lesion-cls');
  const withPre = (preprocessing: Partial<ModelCard['preprocessing']>): ModelCard =>
    ({ ...base, preprocessing: { resampling: base.preprocessing.resampling, normalisation: { method: 'none' }, ...preprocessing } });

  test('window maps center ± width/2 to [0, 1]', () => {
    const card = withPre({ window: { center: -600, width: 1500 }, normalisation: { method: 'window' } });
    close(prepareIntensities(Float32Array.of(-1400, -1000, -600, 0, 500), card), [0, 0.23333, 0.5, 0.9, 1]);
  });

  test('minmax, zscore and none', () => {
    close(prepareIntensities(Float32Array.of(0, 10, 20), withPre({ normalisation: { method: 'minmax' } })), [0, 0.5, 1]);
    close(prepareIntensities(Float32Array.of(1, 2, 3), withPre({ normalisation: { method: 'zscore' } })), [-1.22474, 0, 1.22474]);
    const values = Float32Array.of(-5, 7);
    const same = prepareIntensities(values, withPre({ normalisation: { method: 'none' } }));
    close(same, [-5, 7]);
    assert.notEqual(same, values, 'a new array: the source intensities stay for measuring');
  });

  test('percentile clips to the low/high percentiles, then scales to [0, 1]', () => {
    const values = Float32Array.from({ length: 101 }, (_, i) => i);
    const out = prepareIntensities(values, withPre({ normalisation: { method: 'percentile', low: 10, high: 90 } }));
    close([out[0]!, out[10]!, out[20]!, out[50]!, out[90]!, out[100]!], [0, 0, 0.125, 0.5, 1, 1]);
  });

  test('invert comes last: 1 − v after the normalisation', () => {
    close(prepareIntensities(Float32Array.of(0, 10, 20), withPre({ normalisation: { method: 'minmax' }, invert: true })), [1, 0.5, 0]);
  });
});

describe('connected components', () => {
  test('4 keeps diagonal pixels apart, 8 joins them', () => {
    const mask = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    assert.equal(connectedComponents(mask, [1, 3, 3], 4).components.length, 3);
    assert.equal(connectedComponents(mask, [1, 3, 3], 8).components.length, 1);
  });

  test('4 and 8 stay within a slice; 6 joins through faces', () => {
    const mask = [1, 0, 0, 0, 1, 0, 0, 0]; // (0,0,0) and (1,0,0): one above the other
    assert.equal(connectedComponents(mask, [2, 2, 2], 8).components.length, 2);
    assert.equal(connectedComponents(mask, [2, 2, 2], 6).components.length, 1);
  });

  test('6 / 18 / 26: edge neighbours join at 18, corner neighbours only at 26', () => {
    const edge = [1, 0, 0, 0, 0, 0, 1, 0]; // (0,0,0) and (1,1,0)
    const corner = [1, 0, 0, 0, 0, 0, 0, 1]; // (0,0,0) and (1,1,1)
    assert.deepEqual([6, 18, 26].map((c) => connectedComponents(edge, [2, 2, 2], c as 6).components.length), [2, 1, 1]);
    assert.deepEqual([6, 18, 26].map((c) => connectedComponents(corner, [2, 2, 2], c as 6).components.length), [2, 2, 1]);
  });

  test('largest first, renumbered, small ones dropped, with indices and bounding boxes', () => {
    // Row-major 1×4×5: a 1-voxel speck (dropped), a 4-voxel hook on the right, a 4-voxel step at the bottom left.
    const mask = [
      1, 0, 0, 1, 1,
      0, 0, 0, 0, 1,
      1, 1, 0, 0, 1,
      0, 1, 1, 0, 0,
    ];
    const { labels, components } = connectedComponents(mask, [1, 4, 5], 4, 2);
    assert.deepEqual(components.map((c) => [c.label, c.voxels]), [[1, 4], [2, 4]], 'equal sizes: first voxel first');
    assert.equal(labels[0], 0, 'the speck is dropped');
    assert.deepEqual([...components[0]!.indices], [3, 4, 9, 14]);
    assert.deepEqual([components[0]!.min, components[0]!.max], [[0, 0, 3], [0, 2, 4]]);
    assert.deepEqual([...components[1]!.indices], [10, 11, 16, 17]);
    assert.equal(labels[17], 2);
    assert.deepEqual(components[0]!.shape, [1, 4, 5]);
  });

  test('threshold keeps values above the cutoff', () => {
    assert.deepEqual([...threshold([0.2, 0.5, 0.51, 0.9], 0.5)], [0, 0, 1, 1]);
  });
});

describe('measures', () => {
  test('a 9 mm sphere at 0.7 × 0.7 × 1.25 mm: long axis 9 ± 1.5 mm, volume within 15 %', () => {
    const grid = gridOf([16, 32, 32], [1.25, 0.7, 0.7]);
    const centre: Vec3 = [11.3, 10.9, 9.6];
    const { truth } = spheres(grid, [{ centerMm: centre, radiusMm: 4.5, value: 1 }], 0, 0);
    const probabilities = Float32Array.from(truth, (v) => (v ? 0.8 : 0.1));
    const { components } = connectedComponents(truth, grid.shape, 26);
    assert.equal(components.length, 1);
    const m = measureComponent(components[0]!, grid, probabilities, probabilities);
    const sphereMl = (4 / 3) * Math.PI * 4.5 ** 3 / 1000;
    assert.ok(Math.abs(m.longAxisMm! - 9) <= 1.5, `long axis ${m.longAxisMm}`);
    assert.ok(m.shortAxisMm! <= m.longAxisMm! && m.shortAxisMm! > 7, `short axis ${m.shortAxisMm}`);
    assert.ok(Math.abs(m.volumeMl! / sphereMl - 1) < 0.15, `volume ${m.volumeMl} mL vs ${sphereMl}`);
    assert.ok(Math.abs(m.areaMm2! / (Math.PI * 4.5 ** 2) - 1) < 0.15, `area ${m.areaMm2}`);
    assert.equal(Math.abs(m.keySlice * 1.25 - centre[2]) <= 1.25, true);
    assert.ok(Math.abs(m.meanProbability - 0.8) < 1e-6);
    m.centroidMm!.forEach((v, a) => assert.ok(Math.abs(v - centre[a]!) < 0.3, `centroid ${m.centroidMm}`));
  });

  test('an ellipse at 30°: long and short axis along its own axes (RECIST)', () => {
    const [h, w] = [48, 48];
    const mask = new Uint8Array(h * w);
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const [u, v] = [(x - 24) * c + (y - 24) * s, -(x - 24) * s + (y - 24) * c];
      mask[y * w + x] = (u / 15) ** 2 + (v / 6) ** 2 <= 1 ? 1 : 0;
    }
    const { components } = connectedComponents(mask, [1, h, w], 8);
    const m = measureComponent(components[0]!, { shape: [1, h, w], spacing: [1, 0.5, 0.5] }, mask);
    assert.ok(Math.abs(m.longAxisMm! - 15) < 0.75, `long ${m.longAxisMm}`);
    assert.ok(Math.abs(m.shortAxisMm! - 6) < 0.75, `short ${m.shortAxisMm}`);
    assert.equal(m.volumeMl, null, 'an image has no volume');
    assert.equal(m.centroidMm, null, 'no patient geometry given');
  });

  test('no spacing (a photo without PixelSpacing): pixel counts only', () => {
    const { components } = connectedComponents([0, 1, 1, 1], [1, 2, 2], 4);
    const m = measureComponent(components[0]!, { shape: [1, 2, 2], spacing: null }, [0, 1, 1, 1]);
    assert.deepEqual([m.voxels, m.volumeMl, m.areaMm2, m.longAxisMm, m.shortAxisMm, m.meanDiameterMm, m.centroidMm], [3, null, null, null, null, null, null]);
  });
});

describe('findings', () => {
  test('numbered largest first, labels on the source grid, values rounded for display', () => {
    const mask = [
      1, 1, 0, 1,
      0, 0, 0, 0,
      1, 1, 1, 0,
    ];
    const { components } = connectedComponents(mask, [1, 3, 4], 4);
    const measures = components.map((c) => measureComponent(c, { shape: [1, 3, 4], spacing: [1, 0.7, 0.7] }, mask));
    const { findings, labels } = findingsFromComponents(components, measures, { kind: 'nodule', label: (n) => `결절 ${n} (nodule ${n})` });
    assert.deepEqual(findings.map((f) => [f.number, f.label, f.kind, f.attributes?.voxels]), [
      [1, '결절 1 (nodule 1)', 'nodule', 3], [2, '결절 2 (nodule 2)', 'nodule', 2], [3, '결절 3 (nodule 3)', 'nodule', 1],
    ]);
    assert.deepEqual([...labels], [2, 2, 0, 3, 0, 0, 0, 0, 1, 1, 1, 0]);
    assert.equal(findings[0]!.areaMm2, 1.5, '3 pixels × 0.49 mm² = 1.47 → 1.5');
    assert.equal(findings[0]!.longAxisMm, 1.4, 'centres 2 pixels apart at 0.7 mm');
  });

  test('no components: an empty label map of the given shape', () => {
    const { findings, labels } = findingsFromComponents([], [], { kind: 'lesion', label: String, shape: [2, 3, 4] });
    assert.deepEqual([findings.length, labels.length], [0, 24]);
  });
});

describe('segmentation and classification through the reference models', () => {
  test('tiles overlap by at least a quarter and cover the axis', () => {
    assert.deepEqual(tileStarts(64, 64), [0]);
    assert.deepEqual(tileStarts(100, 64), [0, 36]);
    assert.deepEqual(tileStarts(500, 256), [0, 122, 244]);
  });

  test('segmentVolume finds two spheres in a CT volume larger than one 64³ tile (IoU > 0.6)', async () => {
    const card = zoo.card('reference-pancreas-ct-seg3d');
    const grid = gridOf([40, 200, 200], [2.5, 1, 1]);
    const { data, truth } = spheres(grid, [
      // 300 HU on −100: the card's window (110/350) puts its 0.5 edge at 110 HU, about halfway, where the true surface is.
      { centerMm: [100, 100, 50], radiusMm: 12, value: 300 },
      { centerMm: [150, 45, 40], radiusMm: 10, value: 300 },
    ], -100, 15);
    const probabilities = await segmentVolume(volumeOf(grid, data), card, zoo.infer);
    assert.equal(probabilities.length, data.length);
    const mask = threshold(probabilities, card.postprocessing.threshold!);
    const iou = maskIoU(mask, truth);
    assert.ok(iou > 0.6, `IoU ${iou.toFixed(3)}`);
    assert.equal(connectedComponents(mask, grid.shape, 26, card.postprocessing.connectedComponents!.minVoxels).components.length, 2);
  });

  test('segmentSlices finds nodules slice by slice on a 320² CT (four 256² tiles per slice)', async () => {
    const card = zoo.card('reference-blob-seg2d');
    const grid = gridOf([6, 320, 320], [2, 0.9, 0.9]);
    const { data, truth } = spheres(grid, [
      { centerMm: [144, 144, 5], radiusMm: 9, value: 40 },
      { centerMm: [60, 230, 5], radiusMm: 8, value: 40 },
    ], -850, 30);
    const probabilities = await segmentSlices(volumeOf(grid, data), card, zoo.infer);
    const iou = maskIoU(threshold(probabilities, card.postprocessing.threshold!), truth);
    assert.ok(iou > 0.6, `IoU ${iou.toFixed(3)}`);
  });

  test('segmentImage finds a hypoechoic mass on an ultrasound image (resized to 256²)', async () => {
    const card = zoo.card('reference-breast-us-seg2d');
    const [rows, columns] = [300, 400];
    const blob = { center: [240, 140], radius: 45 };
    const image = imageOf(phantom([rows, columns], [blob], { foreground: 20, background: 110, noise: 8, seed: 3 }), rows, columns, [0.1, 0.1]);
    const probabilities = await segmentImage(image, card, zoo.infer);
    assert.equal(probabilities.length, rows * columns);
    const truth = phantom([rows, columns], [blob], { foreground: 1, background: 0 });
    const iou = maskIoU(threshold(probabilities, 0.5), truth);
    assert.ok(iou > 0.6, `IoU ${iou.toFixed(3)}`);
  });

  test('classifyImage: small / medium / large dark lesions → normal / suspicious / high-risk', async () => {
    const card = zoo.card('reference-lesion-cls');
    const classOf = async (radius: number) => {
      const image = phantom([256, 256], [{ center: [120, 130], radius }], { foreground: 40, background: 200, noise: 4, seed: radius });
      return classifyImage(image, [256, 256], card, zoo.infer);
    };
    const results = await Promise.all([3, 16, 60].map(classOf));
    assert.deepEqual(results.map((r) => r.code), ['normal', 'suspicious', 'high-risk']);
    for (const r of results) {
      assert.equal(r.modelId, 'reference-lesion-cls');
      assert.ok(Math.abs(Object.values(r.probabilities).reduce((a, b) => a + b, 0) - 1) < 1e-4);
      assert.equal(r.probability, r.probabilities[r.code]);
    }
  });
});
