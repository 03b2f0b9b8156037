import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GuidelineInputError, pancreaticLesionRecommendation, type PancreaticLesionInput,
} from '../../lib/rules/guidelines/index.js';

/**
 * Rows typed out from the published flowcharts: ACR Incidental Findings Committee 2017 (Megibow,
 * JACR 2017;14:911–923) by long axis and age; Fukuoka 2017 (Tanaka, Pancreatology 2017;17:738–753)
 * worrisome features (cyst ≥ 30 mm, duct 5–9 mm) and high-risk stigma (duct ≥ 10 mm); NCCN for solid.
 * Columns: input → row, first follow-up window (months), category, urgent.
 */
const cyst = (sizeMm: number, ageYears: number | null, extra: Partial<PancreaticLesionInput> = {}): PancreaticLesionInput => ({ kind: 'cystic', sizeMm, ageYears, ...extra });

const ROWS: Array<[string, PancreaticLesionInput, string, [number, number] | null, string, boolean]> = [
  ['solid 20 mm', { kind: 'solid', sizeMm: 20, ageYears: 60 }, 'nccn-solid', null, 'solid', true],
  ['solid 4 mm (size does not matter)', { kind: 'solid', sizeMm: 4, ageYears: 60 }, 'nccn-solid', null, 'solid', true],
  ['cyst 4.9 mm, 50 y', cyst(4.9, 50), 'acr-white-dot', [24, 24], 'cyst-surveillance', false],
  ['cyst 5 mm, 50 y', cyst(5, 50), 'acr-lt15-under65', [12, 12], 'cyst-surveillance', false],
  ['cyst 14.9 mm, 64 y', cyst(14.9, 64), 'acr-lt15-under65', [12, 12], 'cyst-surveillance', false],
  ['cyst 10 mm, 65 y', cyst(10, 65), 'acr-lt15-65to79', [24, 24], 'cyst-surveillance', false],
  ['cyst 10 mm, 79 y', cyst(10, 79), 'acr-lt15-65to79', [24, 24], 'cyst-surveillance', false],
  ['cyst 15 mm, duct communication not established', cyst(15, 60), 'acr-15to25-indeterminate', [6, 6], 'cyst-surveillance', false],
  ['cyst 25 mm, duct communication not established', cyst(25, 60), 'acr-15to25-indeterminate', [6, 6], 'cyst-surveillance', false],
  ['cyst 15 mm communicating', cyst(15, 60, { ductCommunication: true }), 'acr-15to19-communicating', [12, 12], 'cyst-surveillance', false],
  ['cyst 19.9 mm communicating', cyst(19.9, 60, { ductCommunication: true }), 'acr-15to19-communicating', [12, 12], 'cyst-surveillance', false],
  ['cyst 20 mm communicating', cyst(20, 60, { ductCommunication: true }), 'acr-20to25-communicating', [6, 6], 'cyst-surveillance', false],
  ['cyst 25 mm communicating', cyst(25, 60, { ductCommunication: true }), 'acr-20to25-communicating', [6, 6], 'cyst-surveillance', false],
  ['cyst 25.1 mm', cyst(25.1, 60), 'acr-gt25', [6, 6], 'cyst-surveillance', false],
  ['cyst 29.9 mm', cyst(29.9, 60), 'acr-gt25', [6, 6], 'cyst-surveillance', false],
  ['cyst 30 mm: worrisome (Fukuoka)', cyst(30, 60), 'fukuoka-worrisome', [3, 6], 'cyst-worrisome', false],
  ['cyst 10 mm, 80 y', cyst(10, 80), 'acr-80plus-le25', [24, 24], 'cyst-surveillance', false],
  ['cyst 4 mm, 85 y', cyst(4, 85), 'acr-80plus-le25', [24, 24], 'cyst-surveillance', false],
  ['cyst 26 mm, 85 y', cyst(26, 85), 'acr-80plus-gt25', null, 'cyst-surveillance', false],
  ['cyst 35 mm, 85 y: worrisome whatever the age', cyst(35, 85), 'fukuoka-worrisome', [3, 6], 'cyst-worrisome', false],
  ['cyst 10 mm, duct 4.9 mm', cyst(10, 60, { mainDuctMm: 4.9 }), 'acr-lt15-under65', [12, 12], 'cyst-surveillance', false],
  ['cyst 10 mm, duct 5 mm', cyst(10, 60, { mainDuctMm: 5 }), 'fukuoka-worrisome', [3, 6], 'cyst-worrisome', false],
  ['cyst 10 mm, duct 9.9 mm', cyst(10, 60, { mainDuctMm: 9.9 }), 'fukuoka-worrisome', [3, 6], 'cyst-worrisome', false],
  ['cyst 10 mm, duct 10 mm: high-risk stigma', cyst(10, 60, { mainDuctMm: 10 }), 'fukuoka-high-risk', null, 'cyst-high-risk', true],
];

describe('pancreatic lesion rows (ACR 2017, Fukuoka 2017, NCCN)', () => {
  for (const [name, input, row, months, category, urgent] of ROWS) {
    test(`${name} → ${row}`, () => {
      const r = pancreaticLesionRecommendation(input);
      assert.equal(r.row, row);
      assert.deepEqual(r.followUp.months, months);
      assert.equal(r.category, category);
      assert.equal(r.urgent, urgent);
      assert.match(r.text.ko, /[가-힣]/);
    });
  }
});

describe('pancreatic lesion texts and sources', () => {
  test('solid: pancreas-protocol CT or MRI and EUS-FNA, citing NCCN', () => {
    const r = pancreaticLesionRecommendation({ kind: 'solid', sizeMm: 22, ageYears: 67 });
    assert.equal(r.followUp.modality, 'Pancreas-protocol CT or MRI; EUS-FNA/biopsy');
    assert.match(r.text.en, /^solid lesion 22 mm — Solid pancreatic mass: prompt pancreas-protocol \(multiphase\) CT or MRI and EUS-guided FNA\/biopsy/);
    assert.match(r.source, /J Natl Compr Canc Netw 2021;19\(4\):439–457/);
  });
  test('a 10 mm cyst at 70: every 2 years × 5, citing the ACR white paper', () => {
    const r = pancreaticLesionRecommendation(cyst(10, 70));
    assert.equal(r.text.en, 'cystic lesion 10 mm — Cyst < 15 mm, age 65–79: every 2 years × 5 (10 years); stop if stable');
    assert.match(r.source, /J Am Coll Radiol 2017;14\(7\):911–923.*< 1\.5 cm, age 65–79/);
  });
  test('worrisome: EUS then MRI/EUS every 3–6 months, citing Fukuoka 2017', () => {
    const r = pancreaticLesionRecommendation(cyst(32, 55));
    assert.match(r.text.en, /EUS \(± FNA\), then close surveillance alternating MRI and EUS every 3–6 months/);
    assert.match(r.source, /Pancreatology 2017;17\(5\):738–753/);
  });
  test('80 or older with a worrisome feature: only for a surgical candidate', () => {
    assert.match(pancreaticLesionRecommendation(cyst(35, 85)).text.en, /only if the patient would be a surgical candidate\)$/);
  });
  test('age unknown: the under-65 schedule, said so', () => {
    const r = pancreaticLesionRecommendation(cyst(10, null));
    assert.equal(r.row, 'acr-lt15-under65');
    assert.match(r.text.en, /\(age unknown: the under-65 schedule is used\)$/);
  });
  test('sizes are compared at one decimal: 14.96 mm is 15.0 mm', () => {
    assert.equal(pancreaticLesionRecommendation(cyst(14.96, 60)).row, 'acr-15to25-indeterminate');
    assert.equal(pancreaticLesionRecommendation(cyst(14.94, 60)).row, 'acr-lt15-under65');
  });
});

describe('pancreatic lesion bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['zero size', cyst(0, 60), 'sizeMm'],
    ['NaN size', cyst(Number.NaN, 60), 'sizeMm'],
    ['unknown kind', { kind: 'mixed', sizeMm: 10, ageYears: 60 }, 'kind'],
    ['negative age', cyst(10, -1), 'ageYears'],
    ['age as text', { kind: 'cystic', sizeMm: 10, ageYears: '60' }, 'ageYears'],
    ['zero duct', cyst(10, 60, { mainDuctMm: 0 }), 'mainDuctMm'],
    ['duct communication as text', { ...cyst(20, 60), ductCommunication: 'yes' }, 'ductCommunication'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => {
      assert.throws(() => pancreaticLesionRecommendation(input as PancreaticLesionInput), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/);
        return true;
      });
    });
  }
});
