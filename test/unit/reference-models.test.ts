import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { BUNDLED_ZOO } from '../../lib/ai/model-zoo.js';
import { REFERENCE_MODELS, sha256 } from '../../lib/ai/reference-models/index.js';
import { CLASSIFIER_LABELS } from '../../lib/ai/reference-models/classifier.js';
import { blobMask, countOn, maskIoU, phantom, thresholdMask, type Blob } from '../../lib/ai/phantoms.js';

/**
 * The reference models do what their cards say, checked on phantoms with known answers, straight
 * through ONNX Runtime (the pool is test/integration/inference-pool.test.ts's subject).
 */
const sessions = new Map<string, ort.InferenceSession>();
before(async () => {
  for (const model of REFERENCE_MODELS) {
    sessions.set(model.id, await ort.InferenceSession.create(path.join(BUNDLED_ZOO, 'models', model.file), { intraOpNumThreads: 1, interOpNumThreads: 1 }));
  }
});

async function run(id: string, image: Float32Array, dims: number[]): Promise<Float32Array> {
  const session = sessions.get(id)!;
  const out = await session.run({ image: new ort.Tensor('float32', image, dims) });
  return out[session.outputNames[0]].data as Float32Array;
}

const SEG2D = { id: 'reference-blob-seg2d', shape: [256, 256] };
const SEG3D = { id: 'reference-blob-seg3d', shape: [64, 64, 64] };
const NOISY = { noise: 0.05, background: 0.1, foreground: 0.9 };

describe('reference model build', () => {
  test('two builds give the same bytes, the committed files and the cards\' sha256', () => {
    for (const model of REFERENCE_MODELS) {
      const first = model.build();
      const second = model.build();
      assert.deepEqual(Buffer.from(first), Buffer.from(second), model.id);
      const committed = readFileSync(path.join(BUNDLED_ZOO, 'models', model.file));
      assert.ok(Buffer.from(first).equals(committed), `${model.file} differs from a fresh build: run npm run models:build`);
      const card = JSON.parse(readFileSync(path.join(BUNDLED_ZOO, 'cards', `${model.id}.json`), 'utf8'));
      assert.equal(card.sha256, sha256(first), model.id);
      assert.equal(card.file, model.file);
    }
  });

  test('each model says in its own metadata that it is not for clinical use', () => {
    for (const model of REFERENCE_MODELS) {
      const text = Buffer.from(model.build()).toString('latin1');
      assert.ok(text.includes('cdss.clinical_use') && text.includes('false'), model.id);
    }
  });
});

describe('2-D segmenter', () => {
  const cases: Blob[] = [
    { center: [128, 128], radius: 30 },
    { center: [60.5, 190], radius: 12 },
    { center: [200, 70], radius: 50 },
  ];
  for (const blob of cases) {
    test(`finds a bright disc of radius ${blob.radius} at (${blob.center}) with IoU ≥ 0.8`, async () => {
      const probabilities = await run(SEG2D.id, phantom(SEG2D.shape, [blob], { ...NOISY, seed: blob.radius }), [1, 1, ...SEG2D.shape]);
      const iou = maskIoU(thresholdMask(probabilities, 0.5), blobMask(SEG2D.shape, [blob]));
      assert.ok(iou >= 0.8, `IoU ${iou.toFixed(3)}`);
    });
  }

  test('two discs: both found, nothing between them', async () => {
    const blobs = [{ center: [70, 70], radius: 20 }, { center: [180, 180], radius: 25 }];
    const mask = thresholdMask(await run(SEG2D.id, phantom(SEG2D.shape, blobs, NOISY), [1, 1, ...SEG2D.shape]));
    assert.ok(maskIoU(mask, blobMask(SEG2D.shape, blobs)) >= 0.8);
    assert.equal(mask[125 * 256 + 125], 0);
  });

  test('an empty (noisy, dark) image gives nothing above 0.5', async () => {
    const mask = thresholdMask(await run(SEG2D.id, phantom(SEG2D.shape, [], NOISY), [1, 1, ...SEG2D.shape]));
    assert.equal(countOn(mask), 0);
  });

  test('isolated bright pixels are not lesions', async () => {
    const image = phantom(SEG2D.shape, [], NOISY);
    for (let i = 0; i < 50; i++) image[(i * 104_729) % image.length] = 1;
    assert.equal(countOn(thresholdMask(await run(SEG2D.id, image, [1, 1, ...SEG2D.shape]))), 0);
  });
});

describe('3-D segmenter', () => {
  test('finds a bright sphere with IoU ≥ 0.8', async () => {
    const blob = { center: [30, 34, 31], radius: 12 };
    const probabilities = await run(SEG3D.id, phantom(SEG3D.shape, [blob], NOISY), [1, 1, ...SEG3D.shape]);
    const iou = maskIoU(thresholdMask(probabilities), blobMask(SEG3D.shape, [blob]));
    assert.ok(iou >= 0.8, `IoU ${iou.toFixed(3)}`);
  });

  test('an empty volume gives nothing above 0.5', async () => {
    assert.equal(countOn(thresholdMask(await run(SEG3D.id, phantom(SEG3D.shape, [], NOISY), [1, 1, ...SEG3D.shape]))), 0);
  });
});

describe('classifier', () => {
  const classify = async (blobs: Blob[], foreground = 0.9) => {
    const p = await run('reference-lesion-cls', phantom([128, 128], blobs, { ...NOISY, foreground }), [1, 1, 128, 128]);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5, 'softmax sums to 1');
    const best = p.indexOf(Math.max(...p));
    return { label: CLASSIFIER_LABELS[best], p: p[best] };
  };

  test('the label follows the lesion size: none → normal, small → suspicious, large → high risk', async () => {
    assert.equal((await classify([])).label, 'normal');
    assert.equal((await classify([{ center: [64, 64], radius: 9 }])).label, 'suspicious');
    assert.equal((await classify([{ center: [64, 64], radius: 26 }])).label, 'high-risk');
  });

  test('and its brightness: the same large lesion, dimmer, is only suspicious', async () => {
    const lesion = [{ center: [60, 70], radius: 20 }];
    assert.equal((await classify(lesion, 0.9)).label, 'high-risk');
    assert.equal((await classify(lesion, 0.55)).label, 'suspicious');
  });

  test('confident away from its thresholds', async () => {
    assert.ok((await classify([])).p > 0.9);
    assert.ok((await classify([{ center: [64, 64], radius: 40 }])).p > 0.99);
  });
});
