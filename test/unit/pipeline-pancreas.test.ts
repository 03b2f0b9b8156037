import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ctAbdomenPhantom, mrPhantom } from '../../lib/ai/phantom-studies.js';
import { chooseCards, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { SUSPICION_LEVELS, type PatientContext, type PipelineResult } from '../../lib/ai/pipeline/types.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import type { Vec3 } from '../../lib/dicom/volume.js';
import { directInfer } from '../helpers/direct-infer.js';

/**
 * The pancreas lesion pipeline end to end on synthetic abdominal CT (soft tissue 40 HU inside 12 mm
 * of fat; enhancing lesions 180 HU) and T2 MR (tissue ~250, fluid-bright lesions 900), 256² at
 * 1.2 mm, 48 slices of 2 mm, with the reference 3-D segmenter in-process.
 */
const zoo = directInfer();
after(() => zoo.close());
const pipeline = PIPELINES['pancreas-lesion'];

const sphereMl = (d: number) => (Math.PI / 6) * d ** 3 / 1000;
const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected} ± ${tolerance}`);
const AT: Vec3 = [20, 10, 0];
const ELSEWHERE: Vec3 = [-40, -20, 4];

async function analyse(buffers: Buffer[], modality: 'CT' | 'MR', patient: Partial<PatientContext> = {}): Promise<PipelineResult> {
  const cards = chooseCards(pipeline, zoo.cards, modality, 'ABDOMEN');
  assert.ok(cards?.segmentation, `the bundled zoo has a ${modality} ABDOMEN card for pancreas-lesion`);
  return pipeline.run(
    { studyInstanceUid: '2.25.6161', seriesInstanceUid: '2.25.6162', modality, instances: buffers.map((b) => parsePart10(b)) },
    { cards, infer: zoo.infer, patient: { ageYears: 60, sex: 'M', ...patient }, priority: 'ROUTINE' },
  );
}

describe('pancreas-lesion pipeline on abdominal CT', () => {
  test('a 25 mm enhancing lesion is solid: NCCN work-up, urgent, suspicion HIGH; a hypodense cyst is not seen on CT', async () => {
    const r = await analyse(ctAbdomenPhantom({ lesions: [{ centerMm: AT, diameterMm: 25 }, { centerMm: ELSEWHERE, diameterMm: 30, hu: 5 }] }), 'CT');
    // The CT reference card segments what enhances; a 5 HU cyst is darker than the tissue round it
    // and is not found (its card says so, and so does the result's warning).
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.equal(f.label, '췌장 병변 1 (pancreatic lesion 1)');
    close(f.longAxisMm, 25, 2, 'long axis');
    close(f.volumeMl, sphereMl(25), 0.1 * sphereMl(25), 'volume mL (8.2)');
    close(f.meanIntensity, 180, 10, 'mean HU');
    for (let a = 0; a < 3; a++) close(f.centroidMm![a], AT[a]!, 1, `centroid axis ${a}`);
    assert.equal(f.attributes!.composition, 'solid');
    assert.equal(f.attributes!.row, 'nccn-solid');
    assert.equal(f.category, 'solid');
    assert.equal(r.guidelines[0]!.category, 'solid');
    assert.match(r.guidelines[0]!.name, /^NCCN/);
    assert.match(r.recommendations[0]!.en, /^solid lesion 2\d(\.\d)? mm — Solid pancreatic mass: prompt pancreas-protocol \(multiphase\) CT or MRI and EUS-guided FNA\/biopsy/);
    assert.equal(r.suspicion, SUSPICION_LEVELS.HIGH);
    assert.ok(r.confidence > 0.7, `confidence ${r.confidence}`);
    assert.ok(r.warnings.some((w) => w.includes('hypodense cysts need MR')));
    assert.deepEqual(r.models.map((m) => m.id), ['reference-pancreas-ct-seg3d']);
    assert.match(r.summary.ko, /^췌장 병변 1개 검출. 병변 1: 고형/);
  });

  test('no lesion: the body (soft tissue at the window\'s 0.5 edge) is not a lesion; suspicion NONE, confident', async () => {
    const r = await analyse(ctAbdomenPhantom({ lesions: [] }), 'CT');
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.guidelines, []);
    assert.deepEqual(r.recommendations, []);
    assert.equal(r.segmentation, null);
    assert.equal(r.suspicion, SUSPICION_LEVELS.NONE);
    assert.ok(r.confidence > 0.9, `confidence ${r.confidence}`);
    assert.equal(r.summary.ko, '췌장 병변이 검출되지 않았습니다.');
  });
});

describe('pancreas-lesion pipeline on T2 MR', () => {
  test('a 20 mm fluid-bright lesion is a cyst: ACR 2017 15–25 mm row (6-monthly MRI or EUS-FNA), suspicion LOW', async () => {
    const r = await analyse(mrPhantom({ bodyPart: 'ABDOMEN', lesions: [{ centerMm: AT, diameterMm: 20 }] }), 'MR');
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    close(f.longAxisMm, 20, 2, 'long axis');
    close(f.volumeMl, sphereMl(20), 0.15 * sphereMl(20), 'volume mL (4.2)');
    assert.equal(f.attributes!.composition, 'cystic');
    assert.equal(f.attributes!.row, 'acr-15to25-indeterminate');
    assert.deepEqual(f.attributes!.followUp, { months: [6, 6], modality: 'MRI (or pancreas-protocol CT); or EUS-FNA' });
    assert.equal(f.category, 'cyst-surveillance');
    assert.equal(r.suspicion, SUSPICION_LEVELS.LOW);
    assert.deepEqual(r.models.map((m) => m.id), ['reference-pancreas-mr-seg3d']);
    assert.ok(!r.warnings.some((w) => w.includes('hypodense')));
    assert.ok(r.warnings.some((w) => w.includes('no pancreas localisation')));
    assert.match(r.guidelines[0]!.name, /^ACR/);
  });

  test('a 35 mm cyst (Fukuoka worrisome) governs over a 16 mm one: EUS and 3–6-monthly surveillance, suspicion SUSPICIOUS', async () => {
    const r = await analyse(mrPhantom({ bodyPart: 'ABDOMEN', lesions: [{ centerMm: AT, diameterMm: 35 }, { centerMm: ELSEWHERE, diameterMm: 16 }] }), 'MR', { ageYears: 50 });
    assert.equal(r.findings.length, 2);
    close(r.findings[0]!.longAxisMm, 35, 2, 'long axis 1');
    close(r.findings[1]!.longAxisMm, 16, 2, 'long axis 2');
    assert.deepEqual(r.findings.map((f) => f.attributes!.row), ['fukuoka-worrisome', 'acr-15to25-indeterminate']);
    assert.equal(r.guidelines[0]!.category, 'cyst-worrisome');
    assert.match(r.guidelines[0]!.name, /^Fukuoka 2017/);
    assert.match(r.recommendations[0]!.en, /^cystic lesion 3\d(\.\d)? mm — Worrisome feature: EUS/);
    assert.equal(r.suspicion, SUSPICION_LEVELS.SUSPICIOUS);
    assert.deepEqual(new Set(r.segmentation!.labels), new Set([0, 1, 2]));
  });

  test('without an age from the request, the age comes from DICOM (birth date and study date)', async () => {
    const buffers = mrPhantom({
      bodyPart: 'ABDOMEN', lesions: [{ centerMm: AT, diameterMm: 12 }, { centerMm: ELSEWHERE, diameterMm: 13 }], studyDate: '20250301',
      patient: { chartNumber: 'PH00000085', name: '팬텀 고령', birthDate: '19400101', sex: 'F' },
    });
    const r = await analyse(buffers, 'MR', { ageYears: null });
    // 85 years old at the study: the ACR ≥ 80 row (surgical candidates only); under 65 it would be yearly MRI.
    assert.equal(r.findings.length, 2, 'both 12–13 mm cysts are found');
    for (const f of r.findings) assert.equal(f.attributes!.row, 'acr-80plus-le25');
  });
});
