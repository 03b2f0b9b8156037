import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { usBreastPhantom } from '../../lib/ai/phantom-studies.js';
import { describeUltrasoundMass, measureUltrasoundMass, type UltrasoundMassMeasures } from '../../lib/ai/pipeline/pipelines/breast-ultrasound-features.js';
import { chooseCards, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { SUSPICION_LEVELS, type PipelineFinding, type PipelineResult } from '../../lib/ai/pipeline/types.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import type { BiradsUltrasoundSuggestion, BreastUltrasoundFeatures } from '../../lib/rules/guidelines/birads-ultrasound.js';
import { directInfer } from '../helpers/direct-infer.js';

/**
 * The breast ultrasound pipeline end to end on synthetic ultrasound images
 * (lib/ai/phantom-studies.ts usBreastPhantom: 400 × 500 pixels at 0.1 mm, speckled parenchyma
 * ~110, lesion echo 20, shadowing ×0.55, enhancement ×1.35), with the reference segmenter and
 * classifier run by ONNX Runtime in-process; then the descriptors on hand-made masks.
 */
const zoo = directInfer();
after(() => zoo.close());
const pipeline = PIPELINES['breast-ultrasound'];
type Lesion = Parameters<typeof usBreastPhantom>[0]['lesion'];

async function analyse(lesion: Lesion, seed = 1): Promise<PipelineResult> {
  const cards = chooseCards(pipeline, zoo.cards, 'US', 'BREAST');
  assert.ok(cards?.segmentation && cards.classification, 'the bundled zoo has both US BREAST cards');
  const instance = parsePart10(usBreastPhantom({ lesion, seed, seriesInstanceUid: '2.25.5151', studyInstanceUid: '2.25.5150', studyDate: '20250301' }));
  return pipeline.run(
    { studyInstanceUid: '2.25.5150', seriesInstanceUid: '2.25.5151', modality: 'US', instances: [instance] },
    { cards, infer: zoo.infer, patient: { ageYears: 52, sex: 'F' }, priority: 'ROUTINE' },
  );
}

const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected} ± ${tolerance}`);
const featuresOf = (f: PipelineFinding) => f.attributes!.features as BreastUltrasoundFeatures;
const measuresOf = (f: PipelineFinding) => f.attributes!.measures as UltrasoundMassMeasures;
const suggestionOf = (r: PipelineResult) => r.guidelines[0]!.details as BiradsUltrasoundSuggestion;

describe('breast-ultrasound pipeline on ultrasound phantoms', () => {
  const OVAL = { centerMm: [0, 0] as [number, number], widthMm: 12, heightMm: 7, margin: 'smooth' as const, posterior: 'none' as const };
  const SUSPICIOUS = { centerMm: [0, -3] as [number, number], widthMm: 9, heightMm: 12, margin: 'spiculated' as const, posterior: 'shadowing' as const };
  let oval: PipelineResult;
  let suspicious: PipelineResult;
  before(async () => { oval = await analyse(OVAL); suspicious = await analyse(SUSPICIOUS); });

  test('an oval, parallel, circumscribed hypoechoic mass is BI-RADS 3 with its size measured', () => {
    assert.equal(oval.findings.length, 1);
    const [f] = oval.findings;
    assert.equal(f!.kind, 'mass');
    assert.equal(f!.label, '유방 종괴 1 (breast mass 1)');
    assert.deepEqual(featuresOf(f!), { shape: 'oval', orientation: 'parallel', margin: 'circumscribed', echoPattern: 'hypoechoic', posteriorFeatures: 'none' });
    close(f!.longAxisMm, 12, 1, 'long axis');
    close(f!.shortAxisMm, 7, 1, 'short axis');
    const m = measuresOf(f!);
    close(m.echoRatio, 20 / 110, 0.04, 'echo ratio (lesion 20 / parenchyma 110)');
    close(m.posteriorRatio, 1, 0.1, 'posterior ratio');
    assert.ok(m.solidity > 0.95 && m.boundaryIrregularity < 0.05 && m.spikes === 0, JSON.stringify(m));
    // The reference classifier sees a hypoechoic area of ~2 % of the image: "indeterminate", malignant ≈ 0.
    assert.equal(oval.classification!.code, 'indeterminate');
    assert.ok((f!.attributes!.malignancyProbability as number) < 0.02);
    assert.equal(f!.category, '3');
    assert.equal(oval.guidelines[0]!.category, '3');
    assert.equal(suggestionOf(oval).byFeatures, '3');
    assert.equal(oval.suspicion, SUSPICION_LEVELS.LOW);
    assert.match(oval.summary.ko, /^유방 종괴 1개 \(1[12]\.\d × [67]\.\d mm\): BI-RADS 3 제안/);
    assert.match(oval.summary.en, /Suggested BI-RADS 3/);
  });

  test('an irregular, spiculated, taller-than-wide mass with posterior shadowing is BI-RADS 5', () => {
    assert.equal(suspicious.findings.length, 1, 'the shadow under the mass is not a second finding');
    const [f] = suspicious.findings;
    assert.deepEqual(featuresOf(f!), { shape: 'irregular', orientation: 'not-parallel', margin: 'spiculated', echoPattern: 'hypoechoic', posteriorFeatures: 'shadowing' });
    const m = measuresOf(f!);
    close(m.posteriorRatio, 0.55, 0.08, 'posterior ratio (shadowing ×0.55)');
    // The phantom paints 10 spicules; the re-cut mask keeps most of them.
    assert.ok(m.spikes >= 6 && m.spikes <= 10, `spikes ${m.spikes}`);
    assert.ok(m.heightMm > m.widthMm, `${m.widthMm} × ${m.heightMm}`);
    // The mask stops at the mass: the shadow column below it (to the image's bottom) is cut off.
    assert.ok(m.heightMm < 12 * 1.45 + 1, `height ${m.heightMm} mm includes the shadow`);
    assert.equal(suggestionOf(suspicious).byFeatures, '5');
    assert.equal(suspicious.classification!.code, 'malignant');
    assert.ok((f!.attributes!.malignancyProbability as number) > 0.95);
    assert.equal(f!.category, '5');
    assert.equal(suspicious.suspicion, SUSPICION_LEVELS.HIGH);
  });

  test('the result carries the SEG label map on the image, the models and no volume', () => {
    const { segmentation } = oval;
    assert.ok(segmentation);
    assert.equal(segmentation.source.rows, 400);
    assert.equal(segmentation.source.columns, 500);
    assert.equal(segmentation.labels.length, 400 * 500);
    assert.equal(segmentation.labels.reduce((n, v) => n + (v === 1 ? 1 : 0), 0), oval.findings[0]!.attributes!.voxels);
    assert.equal(oval.volume, null);
    assert.deepEqual(oval.models.map((m) => [m.role, m.id, m.clinicalUse]), [
      ['segmentation', 'reference-breast-us-seg2d', false], ['classification', 'reference-breast-us-cls', false],
    ]);
    assert.ok(oval.confidence > 0.9 && oval.confidence <= 1);
    // Only the reference models' own warning: 임상 사용 불가 (not for clinical use), once per card.
    assert.deepEqual(oval.warnings.filter((w) => !w.includes('임상 사용 불가')), []);
    assert.equal(oval.warnings.length, 2);
  });

  test('posterior enhancement is measured (×1.35) and stays benign-looking', async () => {
    const r = await analyse({ ...OVAL, posterior: 'enhancement' });
    const f = r.findings[0]!;
    close(measuresOf(f).posteriorRatio, 1.35, 0.1, 'posterior ratio');
    assert.equal(featuresOf(f).posteriorFeatures, 'enhancement');
    assert.equal(f.category, '3');
  });

  test('an anechoic cyst reads as BI-RADS 2 by its features and stays 2 when the model agrees it is benign (≤ 2 %)', async () => {
    const r = await analyse({ centerMm: [2, 1], widthMm: 8, heightMm: 6, echo: 4, posterior: 'enhancement' }, 3);
    const f = r.findings[0]!;
    assert.equal(featuresOf(f).echoPattern, 'anechoic');
    assert.equal(suggestionOf(r).byFeatures, '2');
    assert.ok(suggestionOf(r).byProbability!.malignancyProbability <= 0.02, `model probability ${suggestionOf(r).byProbability!.malignancyProbability}`);
    assert.equal(f.category, '2');
  });

  test('no mass: no finding, BI-RADS 1, nothing to flag', async () => {
    const r = await analyse(null);
    assert.deepEqual(r.findings, []);
    assert.equal(r.segmentation, null);
    assert.equal(r.guidelines[0]!.category, '1');
    assert.equal(r.suspicion, SUSPICION_LEVELS.NONE);
    assert.equal(r.classification!.code, 'benign');
    assert.match(r.summary.ko, /종괴가 검출되지 않았습니다/);
  });

  test('a large mass cut by the image edge: not described, but the malignant model call makes it BI-RADS 0, not 1', async () => {
    const r = await analyse({ centerMm: [23, 0], widthMm: 16, heightMm: 12, posterior: 'shadowing' });
    assert.deepEqual(r.findings, []);
    assert.ok(r.warnings.some((w) => w.includes('touching the image border was ignored')), r.warnings.join('; '));
    assert.equal(r.classification!.code, 'malignant');
    assert.equal(r.guidelines[0]!.category, '0');
    assert.equal(r.suspicion, SUSPICION_LEVELS.SUSPICIOUS);
  });

  test('the same image gives the same result', async () => {
    const again = await analyse(OVAL);
    assert.equal(JSON.stringify({ ...again, segmentation: null }), JSON.stringify({ ...oval, segmentation: null }));
  });
});

describe('ultrasound mass descriptors on hand-made masks', () => {
  const [H, W] = [200, 300];
  const SPACING: [number, number] = [0.1, 0.1];
  /**
   * A mask from a predicate on (x, y) pixel centres, and an echo image: parenchyma 100, mass 20,
   * and under the mass (its columns, as an acoustic shadow or enhancement falls) the echo `below`.
   */
  function scene(inside: (x: number, y: number) => boolean, below = 100) {
    const mask = new Uint8Array(H * W);
    const echo = new Float32Array(H * W).fill(100);
    let [bottom, left, right] = [0, W, 0];
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        if (!inside(x, y)) continue;
        mask[y * W + x] = 1; echo[y * W + x] = 20;
        bottom = y; left = Math.min(left, x); right = Math.max(right, x);
      }
    }
    for (let y = bottom + 1; y < H; y++) for (let x = left; x <= right; x++) echo[y * W + x] = below;
    return { mask, echo };
  }
  const measure = (inside: (x: number, y: number) => boolean, below = 100) => {
    const { mask, echo } = scene(inside, below);
    return measureUltrasoundMass(mask, echo, [H, W], SPACING);
  };
  const ellipse = (a: number, b: number) => (x: number, y: number) => ((x - 150) / a) ** 2 + ((y - 80) / b) ** 2 <= 1;

  test('an ellipse 60 × 30 px: oval, parallel, circumscribed, hypoechoic, sizes in mm', () => {
    const m = measure(ellipse(30, 15));
    close(m.widthMm, 6.1, 0.11, 'width');
    close(m.heightMm, 3.1, 0.11, 'height');
    close(m.axisRatio, 0.5, 0.02, 'axis ratio');
    assert.ok(m.solidity > 0.95, `solidity ${m.solidity}`);
    assert.equal(m.spikes, 0);
    close(m.echoRatio, 0.2, 1e-6, 'echo ratio');
    close(m.posteriorRatio, 1, 1e-6, 'posterior ratio');
    assert.deepEqual(describeUltrasoundMass(m), { shape: 'oval', orientation: 'parallel', margin: 'circumscribed', echoPattern: 'hypoechoic', posteriorFeatures: 'none' });
  });

  test('a disc is round; taller than wide is not parallel; a dark band below is shadowing', () => {
    assert.equal(describeUltrasoundMass(measure(ellipse(20, 20))).shape, 'round');
    const tall = measure(ellipse(12, 20), 50);
    close(tall.posteriorRatio, 0.5, 1e-6, 'posterior ratio');
    assert.deepEqual(describeUltrasoundMass(tall), { shape: 'oval', orientation: 'not-parallel', margin: 'circumscribed', echoPattern: 'hypoechoic', posteriorFeatures: 'shadowing' });
  });

  test('six narrow spikes on a disc are counted as spicules: irregular, spiculated', () => {
    const star = (x: number, y: number) => {
      const r = Math.hypot(x - 150, y - 80);
      const theta = Math.atan2(y - 80, x - 150);
      // sin(3θ) = 0 on six rays, 60° apart: thin spokes reaching 70 % beyond the disc.
      return r <= 20 || (r <= 34 && Math.abs(Math.sin(3 * theta)) < 0.08);
    };
    const m = measure(star);
    assert.equal(m.spikes, 6);
    const f = describeUltrasoundMass(m);
    assert.equal(f.shape, 'irregular');
    assert.equal(f.margin, 'spiculated');
  });

  test('without PixelSpacing the sizes are in pixels', () => {
    const { mask, echo } = scene(ellipse(30, 15));
    const m = measureUltrasoundMass(mask, echo, [H, W], null);
    assert.equal(m.widthMm, 61);
    assert.equal(m.heightMm, 31);
  });
});
