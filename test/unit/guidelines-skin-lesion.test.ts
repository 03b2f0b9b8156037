import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GuidelineInputError, skinLesionManagement, type SkinLesionInput } from '../../lib/rules/guidelines/index.js';

describe('skin lesion management by AI risk class', () => {
  test('high risk → urgent: suspected cancer pathway referral within 2 weeks (NICE NG12)', () => {
    const r = skinLesionManagement({ riskClass: 'high-risk', diameterMm: 9, probability: 0.87 });
    assert.equal(r.urgency, 'urgent');
    assert.equal(r.reviewMonths, null);
    assert.equal(r.text.en, 'AI high risk (87.0%), diameter 9.0 mm (ABCDE D met: > 6 mm): suspected melanoma — urgent dermatology referral (seen within 2 weeks) for dermoscopy and excision biopsy');
    assert.match(r.text.ko, /^AI 고위험 \(87\.0%\)/);
    assert.match(r.source, /NICE NG12.*within 2 weeks/);
  });
  test('suspicious → monitor: digital dermoscopy again at 3 months (Menzies 2001)', () => {
    const r = skinLesionManagement({ riskClass: 'suspicious', diameterMm: 5, probability: 0.6 });
    assert.equal(r.urgency, 'monitor');
    assert.equal(r.reviewMonths, 3);
    assert.match(r.text.en, /short-term digital dermoscopic monitoring at 3 months, excise if it changes/);
    assert.match(r.source, /Arch Dermatol 2001;137\(12\):1583–1589/);
  });
  test('normal → routine, with the evolving (E) advice', () => {
    const r = skinLesionManagement({ riskClass: 'normal', diameterMm: 3.2, probability: 0.95 });
    assert.equal(r.urgency, 'routine');
    assert.equal(r.text.en, 'AI normal (95.0%), diameter 3.2 mm (ABCDE D not met): routine care and skin self-examination — return if it changes in size, shape or colour (E).');
    assert.match(r.source, /JAMA 2004;292\(22\):2771–2776/);
  });
  test('normal but wider than 6 mm: D alone is not a diagnosis, the other features are checked', () => {
    const r = skinLesionManagement({ riskClass: 'normal', diameterMm: 8, probability: 0.7 });
    assert.equal(r.urgency, 'routine');
    assert.match(r.text.en, /The diameter criterion alone is not a diagnosis/);
  });
});

describe('ABCDE "D" (> 6 mm, Abbasi 2004) and the 7-point checklist diameter (≥ 7 mm, NICE)', () => {
  const rows: Array<[number | null, boolean | null, 0 | 1 | null]> = [
    [null, null, null], [6, false, 0], [6.1, true, 0], [6.9, true, 0], [7, true, 1], [12, true, 1],
  ];
  for (const [diameterMm, d, point] of rows) {
    test(`${diameterMm ?? 'no'} mm → D ${d}, checklist point ${point}`, () => {
      const r = skinLesionManagement({ riskClass: 'suspicious', diameterMm, probability: 0.5 });
      assert.equal(r.abcdeDiameter, d);
      assert.equal(r.sevenPointDiameterPoint, point);
    });
  }
  test('without a scale the text says D cannot be assessed', () => {
    assert.match(skinLesionManagement({ riskClass: 'normal', diameterMm: null, probability: 0.9 }).text.en, /diameter unknown \(ABCDE D not assessable\)/);
  });
});

describe('skin lesion bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['unknown class', { riskClass: 'low', diameterMm: 4, probability: 0.5 }, 'riskClass'],
    ['zero diameter', { riskClass: 'normal', diameterMm: 0, probability: 0.5 }, 'diameterMm'],
    ['negative diameter', { riskClass: 'normal', diameterMm: -2, probability: 0.5 }, 'diameterMm'],
    ['probability above 1', { riskClass: 'normal', diameterMm: 4, probability: 1.1 }, 'probability'],
    ['NaN probability', { riskClass: 'normal', diameterMm: 4, probability: Number.NaN }, 'probability'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => {
      assert.throws(() => skinLesionManagement(input as SkinLesionInput), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/);
        return true;
      });
    });
  }
  test('probabilities 0 and 1 are allowed', () => {
    assert.equal(skinLesionManagement({ riskClass: 'normal', diameterMm: null, probability: 0 }).urgency, 'routine');
    assert.equal(skinLesionManagement({ riskClass: 'high-risk', diameterMm: null, probability: 1 }).urgency, 'urgent');
  });
});
