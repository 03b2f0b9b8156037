import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BIRADS_CATEGORIES, BIRADS_TABLE, GuidelineInputError, biradsFromMalignancyProbability, suggestBiradsFromUltrasound,
  type BreastUltrasoundFeatures,
} from '../../lib/rules/guidelines/index.js';

/**
 * BI-RADS 5th edition (ACR, 2013): the assessment category table (management, likelihood of
 * malignancy), the probability → category boundaries, and the ultrasound feature suggestion, which
 * must always present itself as a suggestion.
 */
describe('BI-RADS 5th edition assessment categories', () => {
  const management: Record<string, RegExp> = {
    '0': /^Recall for additional imaging and\/or comparison with prior examination/,
    '1': /^Routine screening$/, '2': /^Routine screening$/,
    '3': /^Short-interval \(6-month\) follow-up or continued surveillance$/,
    '4': /^Tissue diagnosis$/, '4A': /^Tissue diagnosis$/, '4B': /^Tissue diagnosis$/, '4C': /^Tissue diagnosis$/, '5': /^Tissue diagnosis$/,
    '6': /^Surgical excision when clinically appropriate$/,
  };
  for (const category of BIRADS_CATEGORIES) {
    test(`category ${category}: management, Korean name, citation`, () => {
      const info = BIRADS_TABLE[category];
      assert.match(info.management.en, management[category]!);
      assert.match(info.name.ko, /[가-힣]/);
      assert.match(info.source, /BI-RADS® Atlas, 5th ed\..*2013/);
    });
  }
  test('likelihood of malignancy as published: 3 > 0–2 %, 4A > 2–10 %, 4B > 10–50 %, 4C > 50 to < 95 %, 5 ≥ 95 %', () => {
    const l = (c: keyof typeof BIRADS_TABLE) => { const x = BIRADS_TABLE[c].likelihood!; return [x.min, x.max, x.minInclusive, x.maxInclusive]; };
    assert.deepEqual(l('3'), [0, 0.02, false, true]);
    assert.deepEqual(l('4'), [0.02, 0.95, false, false]);
    assert.deepEqual(l('4A'), [0.02, 0.10, false, true]);
    assert.deepEqual(l('4B'), [0.10, 0.50, false, true]);
    assert.deepEqual(l('4C'), [0.50, 0.95, false, false]);
    assert.deepEqual(l('5'), [0.95, 1, true, true]);
    assert.deepEqual(l('1'), [0, 0, true, true]);
    assert.equal(BIRADS_TABLE['0'].likelihood, null);
    assert.equal(BIRADS_TABLE['6'].likelihood, null);
  });
});

describe('AI malignancy probability → BI-RADS 3 / 4A / 4B / 4C / 5', () => {
  const rows: Array<[number, string]> = [
    [0, '3'], [0.02, '3'], [0.0201, '4A'], [0.10, '4A'], [0.1001, '4B'], [0.50, '4B'], [0.5001, '4C'], [0.9499, '4C'], [0.95, '5'], [1, '5'],
  ];
  for (const [p, expected] of rows) {
    test(`${p} → ${expected}`, () => assert.equal(biradsFromMalignancyProbability(p).category, expected));
  }
  test('the result is a suggestion, cites the atlas and says so in both languages', () => {
    const r = biradsFromMalignancyProbability(0.3);
    assert.equal(r.kind, 'suggestion');
    assert.equal(r.finalAssessment, false);
    assert.match(r.text.ko, /AI 악성 확률 30\.0% → BI-RADS 4B 제안.*최종 BI-RADS 판정이 아닙니다/);
    assert.match(r.text.en, /not a final BI-RADS assessment/);
    assert.match(r.source, /5th ed/);
  });
  for (const p of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
    test(`probability ${p} is refused`, () => assert.throws(() => biradsFromMalignancyProbability(p), GuidelineInputError));
  }
});

describe('BI-RADS suggestion from ultrasound lesion features', () => {
  test('a simple cyst stays 2 when the model probability agrees (≤ 2 %), and is raised when it does not', () => {
    const cyst = { shape: 'oval', orientation: 'parallel', margin: 'circumscribed', echoPattern: 'anechoic', posteriorFeatures: 'enhancement' } as const;
    assert.equal(suggestBiradsFromUltrasound(cyst, 0.01).category, '2');
    assert.equal(suggestBiradsFromUltrasound(cyst, 0.02).category, '2');
    assert.equal(suggestBiradsFromUltrasound(cyst, 0.05).category, '4A');
  });

  const benignSolid: BreastUltrasoundFeatures = { shape: 'oval', orientation: 'parallel', margin: 'circumscribed', echoPattern: 'hypoechoic', posteriorFeatures: 'none' };
  const cases: Array<[string, Partial<BreastUltrasoundFeatures>, string]> = [
    ['simple cyst: anechoic, circumscribed, oval, posterior enhancement → 2', { echoPattern: 'anechoic', posteriorFeatures: 'enhancement' }, '2'],
    ['oval, circumscribed, parallel, hypoechoic solid mass → 3', {}, '3'],
    ['round circumscribed parallel solid mass is not the probably-benign pattern → 4A', { shape: 'round' }, '4A'],
    ['one suspicious feature (indistinct margin) → 4A', { margin: 'indistinct' }, '4A'],
    ['complex cystic and solid → 4A at least', { echoPattern: 'complex-cystic-and-solid' }, '4A'],
    ['irregular + not circumscribed → 4B', { shape: 'irregular', margin: 'not-circumscribed' }, '4B'],
    ['spiculated margin alone weighs two → 4B', { margin: 'spiculated' }, '4B'],
    ['irregular + not circumscribed + not parallel → 4C', { shape: 'irregular', margin: 'angular', orientation: 'not-parallel' }, '4C'],
    ['irregular + spiculated + not parallel → 5', { shape: 'irregular', margin: 'spiculated', orientation: 'not-parallel' }, '5'],
    ['irregular + microlobulated + not parallel + shadowing → 5', { shape: 'irregular', margin: 'microlobulated', orientation: 'not-parallel', posteriorFeatures: 'shadowing' }, '5'],
  ];
  for (const [name, change, expected] of cases) {
    test(name, () => {
      const r = suggestBiradsFromUltrasound({ ...benignSolid, ...change });
      assert.equal(r.category, expected);
      assert.equal(r.byFeatures, expected);
      assert.equal(r.finalAssessment, false);
      assert.equal(r.kind, 'suggestion');
      assert.match(r.text.ko, new RegExp(`^BI-RADS ${expected} 제안 .*판독의를 위한 제안이며 최종 BI-RADS 판정이 아닙니다$`));
      assert.match(r.text.en, /not a final BI-RADS assessment$/);
      assert.match(r.source, /heuristic, not an atlas rule/);
    });
  }
  test('the reasons name each suspicious feature', () => {
    const r = suggestBiradsFromUltrasound({ shape: 'irregular', margin: 'spiculated', orientation: 'not-parallel', echoPattern: 'hypoechoic', posteriorFeatures: 'shadowing' });
    assert.deepEqual(r.findings.map((f) => f.en), ['irregular shape', 'spiculated margin (not circumscribed)', 'not parallel orientation', 'posterior shadowing']);
  });
  test('a model probability can raise the suggestion', () => {
    const r = suggestBiradsFromUltrasound(benignSolid, 0.6);
    assert.equal(r.byFeatures, '3');
    assert.equal(r.byProbability?.category, '4C');
    assert.equal(r.category, '4C');
    assert.match(r.text.en, /AI malignancy probability 60\.0%/);
  });
  test('but never lower it below what the features show', () => {
    const r = suggestBiradsFromUltrasound({ ...benignSolid, shape: 'irregular', margin: 'spiculated', orientation: 'not-parallel' }, 0.01);
    assert.equal(r.byProbability?.category, '3');
    assert.equal(r.category, '5');
  });
  test('unknown descriptors are refused with the field named', () => {
    assert.throws(() => suggestBiradsFromUltrasound({ ...benignSolid, shape: 'lobulated' as never }), (e: unknown) => e instanceof GuidelineInputError && e.field === 'shape');
    assert.throws(() => suggestBiradsFromUltrasound({ ...benignSolid, posteriorFeatures: undefined as never }), (e: unknown) => e instanceof GuidelineInputError && e.field === 'posteriorFeatures');
  });
});
