import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { photoPhantom } from '../../lib/ai/phantom-studies.js';
import { chooseCards, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { SUSPICION_LEVELS, type PipelineContext, type PipelineResult } from '../../lib/ai/pipeline/types.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import type { SkinLesionManagement } from '../../lib/rules/guidelines/skin-lesion.js';
import { directInfer } from '../helpers/direct-infer.js';

/**
 * The skin lesion pipeline end to end on synthetic clinical photos (lib/ai/phantom-studies.ts
 * photoPhantom XC SKIN: 300 × 400 pixels at 0.1 mm, skin [224, 180, 150], a dark brown lesion),
 * with the reference classifier and segmenter run by ONNX Runtime in-process. The reference
 * classifier grades the dark (after inversion: bright) share of the image: < ~0.4 % normal,
 * 0.4–5 % suspicious, > 5 % high risk.
 */
const zoo = directInfer();
after(() => zoo.close());
const pipeline = PIPELINES['skin-lesion'];
const SKIN: [number, number, number] = [224, 180, 150];
const BROWN: [number, number, number] = [70, 45, 35];

async function analyse(radiusPx: number | null, options: { pixelSpacingMm?: number | null; cards?: PipelineContext['cards'] } = {}): Promise<PipelineResult> {
  const cards = options.cards ?? chooseCards(pipeline, zoo.cards, 'XC', 'SKIN');
  assert.ok(cards?.classification && (options.cards || cards.segmentation), 'the bundled zoo has both XC SKIN cards');
  const lesions = radiusPx === null ? [] : [{ centerPx: [200, 150] as [number, number], radiusPx, color: BROWN }];
  const photo = photoPhantom({ modality: 'XC', bodyPart: 'SKIN', background: SKIN, lesions, pixelSpacingMm: options.pixelSpacingMm, seriesInstanceUid: '2.25.7171', studyInstanceUid: '2.25.7170' });
  return pipeline.run(
    { studyInstanceUid: '2.25.7170', seriesInstanceUid: '2.25.7171', modality: 'XC', instances: [parsePart10(photo)] },
    { cards, infer: zoo.infer, patient: { ageYears: 45, sex: 'M' }, priority: 'ROUTINE' },
  );
}

const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected} ± ${tolerance}`);
const managementOf = (r: PipelineResult) => r.guidelines[0]!.details as SkinLesionManagement;

describe('skin-lesion pipeline on clinical photo phantoms', () => {
  test('a small dark lesion (1.6 mm, 0.17 % of the photo) is normal: routine care', async () => {
    const r = await analyse(8);
    assert.equal(r.classification!.code, 'normal');
    assert.equal(r.findings.length, 1);
    close(r.findings[0]!.longAxisMm, 1.6, 0.3, 'diameter');
    assert.equal(managementOf(r).urgency, 'routine');
    assert.equal(managementOf(r).abcdeDiameter, false);
    assert.equal(r.suspicion, SUSPICION_LEVELS.NONE);
  });

  test('a medium lesion (4 mm, 1.3 %) is suspicious: monitor at 3 months', async () => {
    const r = await analyse(20);
    assert.equal(r.classification!.code, 'suspicious');
    const [f] = r.findings;
    assert.equal(f!.kind, 'lesion');
    assert.equal(f!.label, '피부 병변 1 (skin lesion 1)');
    close(f!.longAxisMm, 4, 0.3, 'diameter');
    close(f!.areaMm2, Math.PI * 2 ** 2, 1, 'area mm²');
    assert.equal(f!.category, 'suspicious');
    assert.equal(managementOf(r).urgency, 'monitor');
    assert.equal(managementOf(r).reviewMonths, 3);
    assert.equal(r.suspicion, SUSPICION_LEVELS.SUSPICIOUS);
    assert.match(r.summary.ko, /^AI 피부 병변 위험도: 의심 \(\d+\.\d%\); 병변 1개, 가장 큰 병변 직경 4\.\d mm/);
  });

  test('a large lesion (12 mm, 9.4 %) is high risk: urgent referral, ABCDE diameter met', async () => {
    const r = await analyse(60);
    assert.equal(r.classification!.code, 'high-risk');
    close(r.findings[0]!.longAxisMm, 12, 0.5, 'diameter');
    assert.equal(managementOf(r).urgency, 'urgent');
    assert.equal(managementOf(r).abcdeDiameter, true);
    assert.equal(r.suspicion, SUSPICION_LEVELS.HIGH);
    assert.equal(r.confidence, r.classification!.probability);
    assert.ok(r.segmentation);
    assert.equal(r.segmentation.labels.length, 300 * 400);
    assert.equal(r.segmentation.labels.reduce((n, v) => n + (v === 1 ? 1 : 0), 0), r.findings[0]!.attributes!.voxels);
    assert.equal(r.volume, null);
    assert.deepEqual(r.models.map((m) => [m.role, m.id]), [['segmentation', 'reference-skin-seg2d'], ['classification', 'reference-lesion-cls']]);
  });

  test('without PixelSpacing the lesion has no size in mm and the "D" of ABCDE is not assessable', async () => {
    const r = await analyse(20, { pixelSpacingMm: null });
    assert.equal(r.classification!.code, 'suspicious');
    assert.equal(r.findings[0]!.longAxisMm, null);
    assert.ok((r.findings[0]!.attributes!.voxels as number) > 1200);
    assert.equal(managementOf(r).abcdeDiameter, null);
    assert.ok(r.warnings.some((w) => w.includes('no PixelSpacing')));
  });

  test('clear skin: normal, no finding, nothing to flag', async () => {
    const r = await analyse(null);
    assert.equal(r.classification!.code, 'normal');
    assert.deepEqual(r.findings, []);
    assert.equal(r.segmentation, null);
    assert.equal(r.suspicion, SUSPICION_LEVELS.NONE);
  });

  test('the segmentation role is optional: classification alone still gives the management', async () => {
    const r = await analyse(60, { cards: { classification: zoo.card('reference-lesion-cls') } });
    assert.equal(r.classification!.code, 'high-risk');
    assert.deepEqual(r.findings, []);
    assert.equal(r.segmentation, null);
    assert.equal(managementOf(r).urgency, 'urgent');
    assert.deepEqual(r.models.map((m) => m.role), ['classification']);
  });
});
