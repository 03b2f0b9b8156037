import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GuidelineInputError, abcOver2Ml, brainLesionAssessment, type BrainLesionInput,
} from '../../lib/rules/guidelines/index.js';

const sphereMl = (diameterMm: number) => (Math.PI / 6) * diameterMm ** 3 / 1000;

describe('ABC/2 (Kothari 1996): A × B × C / 2 with the diameters in cm gives mL', () => {
  test('5 × 4 × 3 cm → 30 mL', () => assert.equal(abcOver2Ml(50, 40, 30), 30));
  test('a 30 mm sphere: 13.5 mL by ABC/2 against 14.14 mL true (ABC/2 is 3/π of a sphere)', () => {
    assert.equal(abcOver2Ml(30, 30, 30), 13.5);
    assert.ok(Math.abs(sphereMl(30) - 14.137) < 0.001);
    assert.ok(Math.abs(abcOver2Ml(30, 30, 30) / sphereMl(30) - 3 / Math.PI) < 1e-12);
  });
  test('a 40 mm sphere is 32 mL by ABC/2: over the ICH score volume cut-off', () => assert.equal(abcOver2Ml(40, 40, 40), 32));
  for (const [name, args, field] of [
    ['zero A', [0, 10, 10], 'aMm'],
    ['negative B', [10, -1, 10], 'bMm'],
    ['NaN C', [10, 10, Number.NaN], 'cMm'],
  ] as Array<[string, [number, number, number], string]>) {
    test(`bad input: ${name}`, () => {
      assert.throws(() => abcOver2Ml(...args), (e: unknown) => e instanceof GuidelineInputError && e.field === field);
    });
  }
});

describe('brain lesion on CT: acute blood is 50–100 HU; ICH score volume point at ≥ 30 mL (Hemphill 2001)', () => {
  const ct = (meanHu: number | null, volumeMl: number, count = 1) => brainLesionAssessment({ modality: 'CT', meanHu, volumeMl, count });

  test('a 30 mm, 70 HU lesion (14.1 mL): haemorrhage, urgent, volume point 0', () => {
    const r = ct(70, sphereMl(30));
    assert.equal(r.category, 'hemorrhage');
    assert.equal(r.urgent, true);
    assert.equal(r.ichScoreVolumePoint, 0);
    assert.equal(r.text.en, 'Suspected acute haemorrhage: mean 70 HU, volume 14.1 mL (< 30 mL, ICH score volume point 0) — acute haemorrhage is an emergency: immediate clinical review');
    assert.match(r.text.ko, /^급성 뇌출혈 의심/);
    assert.match(r.source, /Stroke 2001;32\(4\):891–897/);
  });
  test('a 40 mm, 70 HU lesion (33.5 mL): large haemorrhage, volume point 1, urgent neurosurgical review', () => {
    const r = ct(70, sphereMl(40));
    assert.equal(r.category, 'hemorrhage-large');
    assert.equal(r.ichScoreVolumePoint, 1);
    assert.equal(r.urgent, true);
    assert.match(r.text.en, /33\.5 mL \(≥ 30 mL, ICH score volume point 1\) — urgent neurosurgical review/);
    assert.match(r.text.ko, /신경외과 응급 평가/);
  });
  test('30.0 mL scores the point; 29.9 mL does not', () => {
    assert.equal(ct(60, 30).ichScoreVolumePoint, 1);
    assert.equal(ct(60, 29.9).ichScoreVolumePoint, 0);
  });
  test('50 HU and 100 HU are blood; 49.9 and 100.1 HU are not', () => {
    assert.equal(ct(50, 5).category, 'hemorrhage');
    assert.equal(ct(100, 5).category, 'hemorrhage');
    const low = ct(49.9, 5);
    assert.equal(low.category, 'lesion');
    assert.equal(low.urgent, false);
    assert.equal(low.ichScoreVolumePoint, undefined);
    assert.match(low.text.en, /outside the 50–100 HU of acute blood/);
    assert.match(ct(100.1, 5).text.en, /denser than acute blood/);
  });
  test('a CT lesion without a measured mean is a lesion for MRI', () => {
    const r = ct(null, 12);
    assert.equal(r.category, 'lesion');
    assert.match(r.text.en, /attenuation not measured.*contrast-enhanced MRI/);
  });
  test('several lesions: the count is named in the text', () => {
    assert.match(ct(70, 10, 3).text.en, /\(assessed lesion of 3\)/);
    assert.match(ct(70, 10, 3).text.ko, /병변 3개 중/);
  });
  test('no lesion: none, not urgent', () => {
    const r = brainLesionAssessment({ modality: 'CT', meanHu: null, volumeMl: 0, count: 0 });
    assert.deepEqual([r.category, r.urgent, r.ichScoreVolumePoint], ['none', false, undefined]);
  });
});

describe('brain lesion on MR: signal is not read as blood', () => {
  test('a 40 mL MR lesion is a lesion, not urgent, with MRI and neurosurgical review advised', () => {
    const r = brainLesionAssessment({ modality: 'MR', volumeMl: 40, meanHu: 70, count: 1 });
    assert.equal(r.category, 'lesion');
    assert.equal(r.urgent, false);
    assert.equal(r.ichScoreVolumePoint, undefined);
    assert.match(r.text.en, /contrast-enhanced MRI.*neurosurgical/);
  });
});

describe('brain lesion bad input', () => {
  const ok: BrainLesionInput = { modality: 'CT', volumeMl: 10, meanHu: 60, count: 1 };
  const bad: Array<[string, Partial<Record<keyof BrainLesionInput, unknown>>, string]> = [
    ['unknown modality', { modality: 'PET' }, 'modality'],
    ['negative count', { count: -1 }, 'count'],
    ['fractional count', { count: 1.5 }, 'count'],
    ['NaN volume', { volumeMl: Number.NaN }, 'volumeMl'],
    ['negative volume', { volumeMl: -2 }, 'volumeMl'],
    ['text HU', { meanHu: '70' }, 'meanHu'],
  ];
  for (const [name, change, field] of bad) {
    test(name, () => {
      assert.throws(() => brainLesionAssessment({ ...ok, ...change } as BrainLesionInput), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/);
        return true;
      });
    });
  }
});
