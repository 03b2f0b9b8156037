import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FLEISCHNER_TABLE, GuidelineInputError, fleischnerRecommendation,
  type FleischnerInput, type FleischnerNodule, type FleischnerRecommendation, type FleischnerResult,
} from '../../lib/rules/guidelines/index.js';

/**
 * Every cell of Fleischner 2017 Table 1 (MacMahon H, et al. Radiology 2017;284:228–243), typed out
 * here a second time from the published table, so that a slip in lib/rules/guidelines cannot agree
 * with itself. Each row: nodules (long × short axis), risk → the table's recommendation text and
 * first follow-up window.
 */
const nod = (type: FleischnerNodule['type'], mm: number, solidComponentMm?: number): FleischnerNodule =>
  ({ type, longAxisMm: mm, shortAxisMm: mm, ...(solidComponentMm !== undefined ? { solidComponentMm } : {}) });
const base = { ageYears: 60 } as const;

function ok(result: FleischnerResult): FleischnerRecommendation {
  assert.equal(result.applicable, true, JSON.stringify(result));
  return result as FleischnerRecommendation;
}

const SOLID_ROWS: Array<[string, FleischnerNodule[], 'low' | 'high', string, [number, number] | null]> = [
  ['single <6 mm low', [nod('solid', 5)], 'low', 'No routine follow-up', null],
  ['single <6 mm high', [nod('solid', 5)], 'high', 'Optional CT at 12 months', [12, 12]],
  ['single 6–8 mm low', [nod('solid', 7)], 'low', 'CT at 6–12 months, then consider CT at 18–24 months', [6, 12]],
  ['single 6–8 mm high', [nod('solid', 7)], 'high', 'CT at 6–12 months, then CT at 18–24 months', [6, 12]],
  ['single >8 mm low', [nod('solid', 9)], 'low', 'Consider CT at 3 months, PET/CT, or tissue sampling', [3, 3]],
  ['single >8 mm high', [nod('solid', 9)], 'high', 'Consider CT at 3 months, PET/CT, or tissue sampling', [3, 3]],
  ['multiple <6 mm low', [nod('solid', 5), nod('solid', 4)], 'low', 'No routine follow-up', null],
  ['multiple <6 mm high', [nod('solid', 5), nod('solid', 4)], 'high', 'Optional CT at 12 months', [12, 12]],
  ['multiple 6–8 mm low', [nod('solid', 7), nod('solid', 4)], 'low', 'CT at 3–6 months, then consider CT at 18–24 months', [3, 6]],
  ['multiple 6–8 mm high', [nod('solid', 7), nod('solid', 4)], 'high', 'CT at 3–6 months, then at 18–24 months', [3, 6]],
  ['multiple >8 mm low', [nod('solid', 12), nod('solid', 7)], 'low', 'CT at 3–6 months, then consider CT at 18–24 months', [3, 6]],
  ['multiple >8 mm high', [nod('solid', 12), nod('solid', 7)], 'high', 'CT at 3–6 months, then at 18–24 months', [3, 6]],
];

const SUBSOLID_ROWS: Array<[string, FleischnerNodule[], string, [number, number] | null]> = [
  ['single ground glass <6 mm', [nod('ground-glass', 5)], 'No routine follow-up', null],
  ['single ground glass ≥6 mm', [nod('ground-glass', 6)], 'CT at 6–12 months to confirm persistence, then CT every 2 years until 5 years', [6, 12]],
  ['single part solid <6 mm', [nod('part-solid', 5, 2)], 'No routine follow-up', null],
  ['single part solid ≥6 mm', [nod('part-solid', 10, 4)], 'CT at 3–6 months to confirm persistence. If unchanged and solid component remains <6 mm, annual CT should be performed for 5 years', [3, 6]],
  ['multiple subsolid <6 mm', [nod('ground-glass', 5), nod('ground-glass', 4)], 'CT at 3–6 months. If stable, consider CT at 2 and 4 years', [3, 6]],
  ['multiple subsolid ≥6 mm', [nod('ground-glass', 8), nod('part-solid', 6, 3)], 'CT at 3–6 months. Subsequent management based on the most suspicious nodule(s)', [3, 6]],
];

describe('Fleischner 2017 Table 1A: solid nodules, every cell', () => {
  for (const [name, nodules, patientRisk, text, months] of SOLID_ROWS) {
    test(name, () => {
      const r = ok(fleischnerRecommendation({ ...base, nodules, patientRisk }));
      assert.equal(r.text.en.replace(/^.*?: /, ''), text);
      assert.deepEqual(r.followUp.months, months);
      assert.match(r.source, /Radiology 2017;284\(1\):228–243.*Table 1A/);
      assert.equal(r.multiplicity, nodules.length > 1 ? 'multiple' : 'single');
      assert.ok(r.text.ko.length > 0 && /[가-힣]/.test(r.text.ko), 'Korean text present');
    });
  }

  test('a single solid 9 mm nodule in a high-risk patient: CT at 3 months, PET/CT, or tissue sampling', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [{ type: 'solid', longAxisMm: 10, shortAxisMm: 8 }], patientRisk: 'high' }));
    assert.equal(r.row, 'solid-single-gt8-high');
    assert.equal(r.governingNodule.sizeMm, 9);
    assert.deepEqual(r.followUp.alternatives, ['PET/CT', 'tissue-sampling']);
    assert.equal(r.followUp.optional, true, '"consider"');
    assert.equal(r.text.ko, '고형 결절 9 mm: 3개월 후 CT, PET/CT 또는 조직검사 고려');
  });

  test('6–8 mm: "then consider" (low risk) is optional, "then CT" (high risk) is not', () => {
    const low = ok(fleischnerRecommendation({ ...base, nodules: [nod('solid', 6)], patientRisk: 'low' }));
    const high = ok(fleischnerRecommendation({ ...base, nodules: [nod('solid', 8)], patientRisk: 'high' }));
    assert.deepEqual(low.followUp.then, [{ kind: 'once', months: [18, 24], optional: true }]);
    assert.deepEqual(high.followUp.then, [{ kind: 'once', months: [18, 24], optional: false }]);
  });

  test('<6 mm carries the table comment about high-risk patients with suspicious morphology', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [nod('solid', 4)], patientRisk: 'high' }));
    assert.match(r.comments[0]!.en, /upper lobe location/);
  });
});

describe('Fleischner 2017 Table 1B: subsolid nodules, every cell', () => {
  for (const [name, nodules, text, months] of SUBSOLID_ROWS) {
    for (const patientRisk of ['low', 'high'] as const) {
      test(`${name} (${patientRisk} risk: the subsolid table does not depend on risk)`, () => {
        const r = ok(fleischnerRecommendation({ ...base, nodules, patientRisk }));
        assert.equal(r.text.en.replace(/^.*?: /, ''), text);
        assert.deepEqual(r.followUp.months, months);
        assert.match(r.source, /Table 1B/);
      });
    }
  }

  test('ground glass ≥6 mm: every 2 years until 5 years; part solid ≥6 mm: annual for 5 years while the solid part stays <6 mm', () => {
    const ggn = ok(fleischnerRecommendation({ ...base, nodules: [nod('ground-glass', 15)], patientRisk: 'low' }));
    assert.deepEqual(ggn.followUp.then, [{ kind: 'repeat', everyMonths: 24, untilMonths: 60 }]);
    const ps = ok(fleischnerRecommendation({ ...base, nodules: [nod('part-solid', 8, 3)], patientRisk: 'low' }));
    const then = ps.followUp.then[0]!;
    assert.equal(then.kind, 'repeat');
    assert.equal(then.kind === 'repeat' && then.everyMonths, 12);
    assert.equal(then.kind === 'repeat' && then.untilMonths, 60);
  });

  test('part solid with a solid component ≥6 mm is flagged highly suspicious; 5.9 mm is not', () => {
    const hi = ok(fleischnerRecommendation({ ...base, nodules: [nod('part-solid', 12, 6)], patientRisk: 'low' }));
    assert.deepEqual(hi.comments.map((c) => c.en), [
      'Persistent part-solid nodules with solid components ≥6 mm should be considered highly suspicious',
      'nodule 1: solid component 6 mm (≥6 mm) — highly suspicious if persistent',
    ]);
    const lo = ok(fleischnerRecommendation({ ...base, nodules: [{ type: 'part-solid', longAxisMm: 12, shortAxisMm: 10, solidComponentMm: 5.9 }], patientRisk: 'low' }));
    assert.equal(lo.row, 'part-solid-single-ge6');
    assert.equal(lo.comments.length, 1, 'only the table comment');
  });

  test('multiple subsolid <6 mm: consider CT at 2 and 4 years', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [nod('ground-glass', 4), nod('ground-glass', 5)], patientRisk: 'low' }));
    assert.deepEqual(r.followUp.then, [{ kind: 'once', months: [24, 24], optional: true }, { kind: 'once', months: [48, 48], optional: true }]);
  });
});

describe('Fleischner 2017 sizes: average of long and short axes, rounded to the nearest mm', () => {
  const sizeOf = (longAxisMm: number, shortAxisMm: number) =>
    ok(fleischnerRecommendation({ ...base, nodules: [{ type: 'solid', longAxisMm, shortAxisMm }], patientRisk: 'low' })).governingNodule;

  test('6.6 × 4.4 mm averages 5.5 → 6 mm: the 6–8 mm column', () => {
    assert.equal(sizeOf(6.6, 4.4).sizeMm, 6);
    assert.equal(sizeOf(6.6, 4.4).row, 'solid-single-6to8-low');
  });
  test('6.4 × 4.5 mm averages 5.45 → 5 mm: the <6 mm column', () => {
    assert.equal(sizeOf(6.4, 4.5).sizeMm, 5);
    assert.equal(sizeOf(6.4, 4.5).row, 'solid-single-lt6-low');
  });
  test('8.4 mm rounds to 8 (6–8 mm); 8.5 mm rounds to 9 (>8 mm)', () => {
    assert.equal(sizeOf(8.4, 8.4).row, 'solid-single-6to8-low');
    assert.equal(sizeOf(9, 8).row, 'solid-single-gt8-low');
  });
  test('axis order does not matter', () => {
    assert.deepEqual(sizeOf(4, 9), sizeOf(9, 4));
  });
  test('ground glass 5.5 mm rounds to 6: the ≥6 mm column', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [{ type: 'ground-glass', longAxisMm: 6, shortAxisMm: 5 }], patientRisk: 'low' }));
    assert.equal(r.row, 'ground-glass-single-ge6');
  });
});

describe('Fleischner 2017 with several nodules: the most suspicious governs', () => {
  test('multiplicity counts nodules of the same table: one solid and one ground glass are each "single"', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [nod('solid', 4), nod('ground-glass', 7)], patientRisk: 'low' }));
    assert.deepEqual(r.nodules.map((n) => n.row), ['solid-single-lt6-low', 'ground-glass-single-ge6']);
    assert.equal(r.row, 'ground-glass-single-ge6');
    assert.equal(r.governingNodule.index, 1);
    assert.ok(r.comments.some((c) => /both present/.test(c.en)));
  });
  test('a solid 10 mm nodule outranks a part solid 7 mm one (PET/CT or tissue sampling on offer)', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [nod('part-solid', 7, 3), nod('solid', 10)], patientRisk: 'low' }));
    assert.equal(r.row, 'solid-single-gt8-low');
  });
  test('part solid ≥6 mm (3–6 months, then 5 years) outranks multiple solid 6–8 mm (3–6 months, then 18–24 months)', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [nod('solid', 7), nod('solid', 6), nod('part-solid', 8, 2)], patientRisk: 'high' }));
    assert.equal(r.row, 'part-solid-single-ge6');
    assert.equal(r.nodules[0]!.row, 'solid-multiple-6to8-high');
  });
  test('multiple solid: the largest nodule sets the column', () => {
    const r = ok(fleischnerRecommendation({ ...base, nodules: [nod('solid', 3), nod('solid', 5), nod('solid', 9)], patientRisk: 'low' }));
    assert.equal(r.row, 'solid-multiple-gt8-low');
    assert.equal(r.governingNodule.sizeMm, 9);
  });
});

describe('Fleischner 2017 does not apply', () => {
  const applicable: FleischnerInput = { ageYears: 50, patientRisk: 'low', nodules: [nod('solid', 9)] };
  const cases: Array<[string, Partial<FleischnerInput>, string, RegExp]> = [
    ['age under 35', { ageYears: 34 }, 'age-under-35', /35/],
    ['known cancer', { knownCancer: true }, 'known-cancer', /known primary cancer/],
    ['immunocompromised', { immunocompromised: true }, 'immunocompromised', /immunosuppressed/],
    ['screening context', { context: 'screening' }, 'screening', /Lung-RADS/],
  ];
  for (const [name, change, reason, en] of cases) {
    test(name, () => {
      const r = fleischnerRecommendation({ ...applicable, ...change });
      assert.equal(r.applicable, false);
      if (r.applicable) return;
      assert.deepEqual(r.reasons, [reason]);
      assert.match(r.text.en, en);
      assert.match(r.text.ko, /적용 대상이 아닙니다/);
      assert.match(r.source, /Radiology 2017/);
      assert.equal(r.alternative, reason === 'screening' ? 'Lung-RADS' : null);
    });
  }
  test('age 35 exactly is in scope', () => {
    assert.equal(fleischnerRecommendation({ ...applicable, ageYears: 35 }).applicable, true);
  });
  test('every reason is reported, not only the first', () => {
    const r = fleischnerRecommendation({ ...applicable, ageYears: 20, knownCancer: true, context: 'screening' });
    assert.equal(r.applicable, false);
    assert.deepEqual(!r.applicable && r.reasons, ['screening', 'known-cancer', 'age-under-35']);
  });
  test('no nodules', () => {
    const r = fleischnerRecommendation({ ...applicable, nodules: [] });
    assert.deepEqual(!r.applicable && r.reasons, ['no-nodules']);
  });
  test('a lesion over 30 mm is a mass, not a nodule; 30 mm is still a nodule', () => {
    const mass = fleischnerRecommendation({ ...applicable, nodules: [{ type: 'solid', longAxisMm: 32, shortAxisMm: 30 }] });
    assert.deepEqual(!mass.applicable && mass.reasons, ['mass']);
    assert.match(mass.source, /Radiology 2008/);
    assert.equal(fleischnerRecommendation({ ...applicable, nodules: [nod('solid', 30)] }).applicable, true);
  });
});

describe('Fleischner 2017 bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['negative axis', { ageYears: 50, patientRisk: 'low', nodules: [{ type: 'solid', longAxisMm: -1, shortAxisMm: 3 }] }, 'nodules[0].longAxisMm'],
    ['NaN axis', { ageYears: 50, patientRisk: 'low', nodules: [{ type: 'solid', longAxisMm: 4, shortAxisMm: Number.NaN }] }, 'nodules[0].shortAxisMm'],
    ['unknown type', { ageYears: 50, patientRisk: 'low', nodules: [{ type: 'cavitary', longAxisMm: 4, shortAxisMm: 4 }] }, 'nodules[0].type'],
    ['unknown risk', { ageYears: 50, patientRisk: 'medium', nodules: [] }, 'patientRisk'],
    ['no age', { patientRisk: 'low', nodules: [] }, 'ageYears'],
    ['solid component larger than the nodule', { ageYears: 50, patientRisk: 'low', nodules: [{ type: 'part-solid', longAxisMm: 8, shortAxisMm: 6, solidComponentMm: 9 }] }, 'nodules[0].solidComponentMm'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => {
      assert.throws(() => fleischnerRecommendation(input as FleischnerInput), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/, 'Korean first, English in parentheses');
        return true;
      });
    });
  }
});

test('the table has 18 cells, each with Korean and English text and a Table 1 citation', () => {
  const rows = Object.values(FLEISCHNER_TABLE);
  assert.equal(rows.length, 18);
  for (const row of rows) {
    assert.match(row.text.ko, /[가-힣]/);
    assert.match(row.source, /Table 1[AB]/);
  }
});
