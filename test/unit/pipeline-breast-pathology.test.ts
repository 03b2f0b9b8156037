import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { photoPhantom } from '../../lib/ai/phantom-studies.js';
import { chooseCards, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { SUSPICION_LEVELS, type PipelineResult } from '../../lib/ai/pipeline/types.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import type { RadPathConcordance } from '../../lib/rules/guidelines/rad-path-concordance.js';
import { directInfer } from '../helpers/direct-infer.js';

/**
 * The breast pathology pipeline end to end on synthetic slide photos (lib/ai/phantom-studies.ts
 * photoPhantom SM BREAST: 300 × 400 pixels, pink background [235, 200, 215], dense purple
 * staining [90, 40, 120]) with the reference classifier run by ONNX Runtime in-process. The
 * reference classifier grades the share of darkly stained area (bright after inversion):
 * < ~0.4 % benign, 0.4–5 % atypia, > 5 % malignant.
 */
const zoo = directInfer();
after(() => zoo.close());
const pipeline = PIPELINES['breast-pathology'];
const PINK: [number, number, number] = [235, 200, 215];
const PURPLE: [number, number, number] = [90, 40, 120];
/** Stained areas: one nest of 8 px (0.17 %), one of 25 px (1.6 %), two of 45 px (10.6 %). */
const BENIGN = [{ centerPx: [200, 150] as [number, number], radiusPx: 8, color: PURPLE }];
const ATYPIA = [{ centerPx: [200, 150] as [number, number], radiusPx: 25, color: PURPLE }];
const MALIGNANT = [{ centerPx: [130, 150] as [number, number], radiusPx: 45, color: PURPLE }, { centerPx: [270, 150] as [number, number], radiusPx: 45, color: PURPLE }];

async function analyse(lesions: typeof BENIGN, priorBirads: string | null, modality: 'SM' | 'XC' = 'SM'): Promise<PipelineResult> {
  const cards = chooseCards(pipeline, zoo.cards, modality, 'BREAST');
  assert.ok(cards?.classification, `the bundled zoo has a breast pathology card for ${modality}`);
  const photo = photoPhantom({ modality, bodyPart: 'BREAST', background: PINK, lesions, seriesInstanceUid: '2.25.8181', studyInstanceUid: '2.25.8180' });
  return pipeline.run(
    { studyInstanceUid: '2.25.8180', seriesInstanceUid: '2.25.8181', modality, instances: [parsePart10(photo)] },
    { cards, infer: zoo.infer, patient: { ageYears: 55, sex: 'F', priorBirads }, priority: 'ROUTINE' },
  );
}

const concordanceOf = (r: PipelineResult) => r.guidelines[0]!.details as RadPathConcordance;

describe('breast-pathology pipeline on slide photo phantoms', () => {
  test('little dense staining is benign; with BI-RADS 4A imaging it is concordant: follow-up', async () => {
    const r = await analyse(BENIGN, '4A');
    assert.equal(r.classification!.code, 'benign');
    assert.equal(concordanceOf(r).concordant, true);
    assert.match(r.recommendations[0]!.en, /^Concordant benign: 6-month follow-up/);
    assert.equal(r.suspicion, SUSPICION_LEVELS.NONE);
    assert.deepEqual(r.findings, []);
    assert.equal(r.segmentation, null);
    assert.equal(r.volume, null);
    assert.equal(r.confidence, r.classification!.probability);
    assert.deepEqual(r.models.map((m) => [m.role, m.id, m.clinicalUse]), [['classification', 'reference-breast-path-cls', false]]);
    assert.match(r.summary.ko, /^AI 병리 분류: 양성 \(\d+\.\d%\)\. 병리 양성, 영상 BI-RADS 4A: 일치/);
  });

  test('benign histology after BI-RADS 4C imaging is discordant: repeat biopsy, SUSPICIOUS', async () => {
    const r = await analyse(BENIGN, '4C');
    assert.equal(concordanceOf(r).concordant, false);
    assert.match(r.recommendations[0]!.en, /repeat biopsy/);
    assert.equal(r.suspicion, SUSPICION_LEVELS.SUSPICIOUS);
  });

  test('benign histology after BI-RADS 4B needs radiologic correlation (LOW); without a prior category, nothing to compare', async () => {
    const b = await analyse(BENIGN, '4B');
    assert.equal(concordanceOf(b).concordant, null);
    assert.match(b.recommendations[0]!.en, /^Radiologic–pathologic correlation required/);
    assert.equal(b.suspicion, SUSPICION_LEVELS.LOW);
    const none = await analyse(BENIGN, null);
    assert.equal(concordanceOf(none).concordant, null);
    assert.equal(none.suspicion, SUSPICION_LEVELS.NONE);
  });

  test('a medium stained area is atypia: surgical excision, SUSPICIOUS', async () => {
    const r = await analyse(ATYPIA, '4A');
    assert.equal(r.classification!.code, 'atypia');
    assert.match(r.recommendations[0]!.en, /^Surgical excision/);
    assert.equal(r.suspicion, SUSPICION_LEVELS.SUSPICIOUS);
  });

  test('a large stained area is malignant: BI-RADS 6, concordant with BI-RADS 5 imaging, HIGH', async () => {
    const r = await analyse(MALIGNANT, '5');
    assert.equal(r.classification!.code, 'malignant');
    const c = concordanceOf(r);
    assert.equal(c.concordant, true);
    assert.equal(c.birads6, true);
    assert.equal(r.guidelines[0]!.category, '6');
    assert.equal(r.suspicion, SUSPICION_LEVELS.HIGH);
  });

  test('a photo sent as XC (not SM) is analysed by the same card', async () => {
    const r = await analyse(MALIGNANT, null, 'XC');
    assert.equal(r.classification!.code, 'malignant');
    assert.equal(r.classification!.modelId, 'reference-breast-path-cls');
    assert.equal(r.suspicion, SUSPICION_LEVELS.HIGH);
  });
});
