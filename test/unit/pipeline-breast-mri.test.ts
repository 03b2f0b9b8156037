import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { breastLandmarks } from '../../lib/ai/phantom-images.js';
import { mrPhantom } from '../../lib/ai/phantom-studies.js';
import { chooseCards, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { SUSPICION_LEVELS, type PipelineResult } from '../../lib/ai/pipeline/types.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import type { Vec3 } from '../../lib/dicom/volume.js';
import type { BreastMriExtent } from '../../lib/rules/guidelines/breast-extent.js';
import { directInfer } from '../helpers/direct-infer.js';

/**
 * The breast MRI pipeline end to end on synthetic post-contrast breast MRI
 * (lib/ai/phantom-studies.ts mrPhantom BREAST: 48 slices of 2 mm, 256² at 1.2 mm; tissue ~250,
 * lesions 900, noise 10) with the reference 3-D segmenter and the classifier on each lesion's
 * 80 mm key-slice patch, run by ONNX Runtime in-process.
 */
const zoo = directInfer();
after(() => zoo.close());
const pipeline = PIPELINES['breast-mri'];

const GRID = { shape: [48, 256, 256] as [number, number, number], spacing: [2, 1.2, 1.2] as [number, number, number] };
const breast = breastLandmarks(GRID);
/** Inside the right breast, away from the chest wall. */
const RIGHT: Vec3 = [breast.rightMm[0], breast.rightMm[1], 0];

async function analyse(lesions: { centerMm: Vec3; diameterMm: number }[]): Promise<PipelineResult> {
  const cards = chooseCards(pipeline, zoo.cards, 'MR', 'BREAST');
  assert.ok(cards?.segmentation && cards.classification, 'the bundled zoo has both MR BREAST cards');
  const instances = mrPhantom({ bodyPart: 'BREAST', lesions, seriesInstanceUid: '2.25.6161', studyInstanceUid: '2.25.6160', studyDate: '20250301' }).map((b) => parsePart10(b));
  return pipeline.run(
    { studyInstanceUid: '2.25.6160', seriesInstanceUid: '2.25.6161', modality: 'MR', instances },
    { cards, infer: zoo.infer, patient: { ageYears: 48, sex: 'F' }, priority: 'ROUTINE' },
  );
}

const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected} ± ${tolerance}`);
const extentOf = (r: PipelineResult) => r.guidelines.find((g) => g.name === 'Breast MRI extent')!.details as BreastMriExtent;
const sphereMl = (d: number) => ((4 / 3) * Math.PI * (d / 2) ** 3) / 1000;

describe('breast-mri pipeline on breast MRI phantoms', () => {
  let one: PipelineResult;
  before(async () => { one = await analyse([{ centerMm: RIGHT, diameterMm: 15 }]); });

  test('one 15 mm lesion: measured where it was put, unifocal', () => {
    assert.equal(one.findings.length, 1);
    const [f] = one.findings;
    assert.equal(f!.kind, 'lesion');
    assert.equal(f!.label, '유방 병변 1 (breast lesion 1)');
    close(f!.longAxisMm, 15, 1.5, 'long axis');
    close(f!.volumeMl, sphereMl(15), 0.35, 'volume mL');
    for (let a = 0; a < 3; a++) close(f!.centroidMm![a], RIGHT[a]!, 1.5, `centroid axis ${a}`);
    const extent = extentOf(one);
    assert.equal(extent.count, 1);
    assert.equal(extent.multifocal, false);
    assert.equal(extent.multicentric, false);
    close(extent.extentMm, 15, 1.5, 'extent');
  });

  test('a 15 mm lesion fills ~3 % of its 80 mm patch: indeterminate, BI-RADS 3', () => {
    const [f] = one.findings;
    assert.equal(f!.attributes!.patchMm, 80);
    assert.equal(f!.classification!.code, 'indeterminate');
    assert.ok((f!.attributes!.malignancyProbability as number) < 0.02);
    assert.equal(f!.category, '3');
    assert.equal(one.guidelines[0]!.category, '3');
    assert.equal(one.suspicion, SUSPICION_LEVELS.LOW);
    assert.match(one.summary.ko, /^유방 MRI 조영 병변 1개 \(최대 1\d\.\d mm\)/);
  });

  test('the result carries the SEG label map and the volume for the 3D view', () => {
    assert.ok(one.segmentation);
    assert.equal(one.segmentation.labels.length, 48 * 256 * 256);
    assert.equal(one.segmentation.source.slices.length, 48);
    assert.equal(one.segmentation.labels.reduce((n, v) => n + (v === 1 ? 1 : 0), 0), one.findings[0]!.attributes!.voxels);
    assert.deepEqual(one.volume!.grid.shape, GRID.shape);
    assert.equal(one.volume!.values.length, 48 * 256 * 256);
    assert.deepEqual(one.models.map((m) => m.id), ['reference-blob-seg3d', 'reference-breast-mri-cls']);
    assert.equal(one.classification, null);
  });

  test('two lesions 60 mm apart in one breast are multicentric', async () => {
    const a: Vec3 = [RIGHT[0] - 30, RIGHT[1] + 7, 0];
    const b: Vec3 = [RIGHT[0] + 30, RIGHT[1] + 7, 4];
    const r = await analyse([{ centerMm: a, diameterMm: 15 }, { centerMm: b, diameterMm: 15 }]);
    assert.equal(r.findings.length, 2);
    const extent = extentOf(r);
    assert.equal(extent.count, 2);
    assert.equal(extent.multicentric, true);
    close(extent.maxCentreDistanceMm, Math.hypot(60, 0, 4), 1.5, 'centre distance');
    close(extent.extentMm, Math.hypot(60, 0, 4) + 15, 3, 'extent (span plus the lesion radii)');
    assert.equal(r.guidelines.find((g) => g.name === 'Breast MRI extent')!.category, 'multicentric');
    assert.match(r.summary.en, /^2 enhancing breast lesion\(s\) on MRI/);
  });

  test('a 30 mm lesion fills ~11 % of its patch: malignant, BI-RADS 5, HIGH', async () => {
    const r = await analyse([{ centerMm: RIGHT, diameterMm: 30 }]);
    const [f] = r.findings;
    close(f!.longAxisMm, 30, 2, 'long axis');
    assert.equal(f!.classification!.code, 'malignant');
    assert.equal(f!.category, '5');
    assert.equal(r.suspicion, SUSPICION_LEVELS.HIGH);
  });

  test('no lesion: BI-RADS 1; the whole breast, bright after normalisation, is not a lesion', async () => {
    const r = await analyse([]);
    assert.deepEqual(r.findings, []);
    assert.equal(r.segmentation, null);
    assert.equal(r.guidelines[0]!.category, '1');
    assert.equal(r.suspicion, SUSPICION_LEVELS.NONE);
    assert.ok(r.warnings.some((w) => w.includes('tissue, not a lesion')), r.warnings.join('; '));
  });

  test('a 10 mm lesion is found and measured (the card normalises min-max, so a small lesion keeps its contrast)', async () => {
    const r = await analyse([{ centerMm: RIGHT, diameterMm: 10 }]);
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.ok(Math.abs(f.longAxisMm! - 10) <= 2, `long axis ${f.longAxisMm} mm`);
  });
});
