import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GuidelineInputError, isLungRadsGrowth, lungRadsAssessment,
  type AtypicalCystPattern, type LungRadsCategory, type LungRadsFinding, type LungRadsInput, type LungRadsNodule,
} from '../../lib/rules/guidelines/index.js';

/**
 * ACR Lung-RADS v2022 assessment categories: the size boundaries of each row of the table, typed
 * out here from the published table (solid, part solid, non-solid, juxtapleural, airway, atypical
 * cyst), stepped management, 4X, S, and category 0.
 */
const nodule = (type: LungRadsNodule['type'], meanMm: number, status: LungRadsNodule['status'], extra: Partial<LungRadsNodule> = {}): LungRadsNodule =>
  ({ type, longAxisMm: meanMm, shortAxisMm: meanMm, status, ...extra });
const categoryOf = (...findings: LungRadsFinding[]): LungRadsCategory => lungRadsAssessment({ findings }).category;

function boundaries(name: string, rows: Array<[number, LungRadsCategory]>, make: (mm: number) => LungRadsFinding): void {
  describe(name, () => {
    for (const [mm, expected] of rows) {
      test(`${mm.toFixed(1)} mm → ${expected}`, () => assert.equal(categoryOf(make(mm)), expected));
    }
  });
}

boundaries('solid nodule at baseline: < 6 → 2; ≥ 6 to < 8 → 3; ≥ 8 to < 15 → 4A; ≥ 15 → 4B',
  [[5.9, '2'], [6.0, '3'], [7.9, '3'], [8.0, '4A'], [14.9, '4A'], [15.0, '4B']], (mm) => nodule('solid', mm, 'baseline'));
boundaries('new solid nodule: < 4 → 2; 4 to < 6 → 3; 6 to < 8 → 4A; ≥ 8 → 4B',
  [[3.9, '2'], [4.0, '3'], [5.9, '3'], [6.0, '4A'], [7.9, '4A'], [8.0, '4B']], (mm) => nodule('solid', mm, 'new'));
boundaries('growing solid nodule: < 8 → 4A; ≥ 8 → 4B',
  [[4.0, '4A'], [7.9, '4A'], [8.0, '4B']], (mm) => nodule('solid', mm, 'growing'));
boundaries('part solid at baseline, total mean diameter (solid component 2 mm): < 6 → 2; ≥ 6 → 3',
  [[5.9, '2'], [6.0, '3']], (mm) => nodule('part-solid', mm, 'baseline', { solidComponentMm: 2 }));
boundaries('part solid at baseline, 20 mm total, by solid component: < 6 → 3; ≥ 6 to < 8 → 4A; ≥ 8 → 4B',
  [[5.9, '3'], [6.0, '4A'], [7.9, '4A'], [8.0, '4B']], (mm) => nodule('part-solid', 20, 'baseline', { solidComponentMm: mm }));
boundaries('new part solid, 10 mm total, by solid component: < 4 → 4A; ≥ 4 → 4B',
  [[3.9, '4A'], [4.0, '4B']], (mm) => nodule('part-solid', 10, 'new', { solidComponentMm: mm }));
boundaries('growing part solid (growing solid component), 10 mm total: < 4 → 4A; ≥ 4 → 4B',
  [[3.9, '4A'], [4.0, '4B']], (mm) => nodule('part-solid', 10, 'growing', { solidComponentMm: mm }));
boundaries('new part solid < 6 mm total (solid component 2 mm) → 3',
  [[5.9, '3'], [6.0, '4A']], (mm) => nodule('part-solid', mm, 'new', { solidComponentMm: 2 }));
boundaries('non-solid at baseline: < 30 → 2; ≥ 30 → 3',
  [[29.9, '2'], [30.0, '3']], (mm) => nodule('ground-glass', mm, 'baseline'));
boundaries('new non-solid: < 30 → 2; ≥ 30 → 3',
  [[29.9, '2'], [30.0, '3']], (mm) => nodule('ground-glass', mm, 'new'));
boundaries('juxtapleural solid with benign morphology, baseline: < 10 → 2, else by solid size',
  [[9.9, '2'], [10.0, '4A']], (mm) => nodule('solid', mm, 'baseline', { juxtapleuralBenignMorphology: true }));

describe('measurement: mean of long and short axis to one decimal (note 4)', () => {
  test('6.0 × 5.9 mm has mean 5.95, reported 6.0: category 3', () => {
    const r = lungRadsAssessment({ findings: [{ type: 'solid', longAxisMm: 6.0, shortAxisMm: 5.9, status: 'baseline' }] });
    assert.equal(r.findings[0]!.meanDiameterMm, 6.0);
    assert.equal(r.category, '3');
  });
  test('6.0 × 5.8 mm has mean 5.9: category 2', () => {
    const r = lungRadsAssessment({ findings: [{ type: 'solid', longAxisMm: 6.0, shortAxisMm: 5.8, status: 'baseline' }] });
    assert.equal(r.findings[0]!.meanDiameterMm, 5.9);
    assert.equal(r.category, '2');
  });
  test('7.4 × 5.9 mm: mean 6.7, category 3', () => {
    assert.equal(lungRadsAssessment({ findings: [{ type: 'solid', longAxisMm: 7.4, shortAxisMm: 5.9, status: 'baseline' }] }).findings[0]!.meanDiameterMm, 6.7);
  });
});

describe('growth (note 6): mean diameter up by more than 1.5 mm within 12 months', () => {
  test('+1.5 mm is not growth, +1.6 mm is', () => {
    assert.equal(isLungRadsGrowth(6.0, 7.5, 12), false);
    assert.equal(isLungRadsGrowth(6.0, 7.6, 12), true);
  });
  test('over more than 12 months it is not growth by this definition', () => {
    assert.equal(isLungRadsGrowth(6.0, 9.0, 13), false);
  });
  test('bad interval is refused', () => {
    assert.throws(() => isLungRadsGrowth(6, 8, 0), GuidelineInputError);
  });
});

describe('non-solid nodules that grow or stay', () => {
  test('growing < 30 mm stays 2', () => assert.equal(categoryOf(nodule('ground-glass', 25, 'growing')), '2'));
  test('≥ 30 mm stable → 2; slowly growing → 2', () => {
    assert.equal(categoryOf(nodule('ground-glass', 32, 'stable')), '2');
    assert.equal(categoryOf(nodule('ground-glass', 32, 'slow-growing')), '2');
  });
  test('enlarging past 30 mm is reclassified by size (note 5) → 3', () => assert.equal(categoryOf(nodule('ground-glass', 31, 'growing')), '3'));
});

describe('juxtapleural nodules', () => {
  test('new 9.9 mm with benign morphology → 2', () => assert.equal(categoryOf(nodule('solid', 9.9, 'new', { juxtapleuralBenignMorphology: true })), '2'));
  test('without the benign morphology a new 9.9 mm solid nodule is 4B', () => assert.equal(categoryOf(nodule('solid', 9.9, 'new')), '4B'));
  test('the exemption is for baseline or new only: growing → 4A', () => assert.equal(categoryOf(nodule('solid', 7, 'growing', { juxtapleuralBenignMorphology: true })), '4A'));
});

describe('airway nodules', () => {
  for (const status of ['baseline', 'new', 'stable'] as const) {
    test(`subsegmental, ${status} → 2`, () => assert.equal(categoryOf({ type: 'airway', level: 'subsegmental', status }), '2'));
  }
  test('segmental or more proximal at baseline → 4A; new → 4A', () => {
    assert.equal(categoryOf({ type: 'airway', level: 'segmental-or-proximal', status: 'baseline' }), '4A');
    assert.equal(categoryOf({ type: 'airway', level: 'segmental-or-proximal', status: 'new' }), '4A');
  });
  test('segmental or more proximal stable or growing (at 3 months) → 4B, not stepped down', () => {
    assert.equal(categoryOf({ type: 'airway', level: 'segmental-or-proximal', status: 'stable' }), '4B');
    assert.equal(categoryOf({ type: 'airway', level: 'segmental-or-proximal', status: 'growing' }), '4B');
  });
});

describe('atypical pulmonary cysts', () => {
  const rows: Array<[AtypicalCystPattern, LungRadsCategory]> = [
    ['thick-walled-growing-cystic-component', '3'],
    ['thick-walled', '4A'], ['multilocular', '4A'], ['became-multilocular', '4A'],
    ['thick-walled-growing-wall-or-nodularity', '4B'], ['multilocular-growing', '4B'], ['multilocular-increased-loculation-or-opacity', '4B'],
  ];
  for (const [pattern, expected] of rows) test(`${pattern} → ${expected}`, () => assert.equal(categoryOf({ type: 'atypical-cyst', pattern }), expected));
  test('a 4A thick-walled cyst stable at 3 months → 3', () => assert.equal(categoryOf({ type: 'atypical-cyst', pattern: 'thick-walled', priorCategory: '4A' }), '3'));
});

describe('stepped management and later screens', () => {
  test('category 3 stable or decreased at 6 months → 2', () => assert.equal(categoryOf(nodule('solid', 7, 'stable', { priorCategory: '3' })), '2'));
  test('category 4A stable at 3 months → 3', () => assert.equal(categoryOf(nodule('solid', 10, 'stable', { priorCategory: '4A' })), '3'));
  test('category 4B stable stays 4B; proven benign → 2', () => {
    assert.equal(categoryOf(nodule('solid', 16, 'stable', { priorCategory: '4B' })), '4B');
    assert.equal(categoryOf(nodule('solid', 16, 'stable', { priorCategory: '4B', provenBenign: true })), '2');
  });
  test('a "stable" nodule that crossed a size threshold is reclassified by size (note 5)', () => {
    assert.equal(categoryOf(nodule('solid', 8.1, 'stable', { priorCategory: '3' })), '4A');
  });
  test('slow growth of a solid or part solid nodule over several screens → 4B', () => {
    assert.equal(categoryOf(nodule('solid', 5, 'slow-growing')), '4B');
    assert.equal(categoryOf(nodule('part-solid', 9, 'slow-growing', { solidComponentMm: 2 })), '4B');
  });
  test('a stable solid nodule without the prior category is refused', () => {
    assert.throws(() => categoryOf(nodule('solid', 7, 'stable')), (e: unknown) => e instanceof GuidelineInputError && e.field === 'findings[0].priorCategory');
  });
});

describe('4X, category 1, category 0 and the S modifier', () => {
  test('category 3 or 4 with additional suspicious features → 4X; a category 2 nodule is not raised', () => {
    assert.equal(categoryOf(nodule('solid', 7, 'baseline', { additionalSuspiciousFeatures: true })), '4X');
    assert.equal(categoryOf(nodule('solid', 10, 'baseline', { additionalSuspiciousFeatures: true })), '4X');
    assert.equal(categoryOf(nodule('solid', 4, 'baseline', { additionalSuspiciousFeatures: true })), '2');
  });
  test('no nodules → 1; benign calcification or fat → 1', () => {
    const none = lungRadsAssessment({ findings: [] });
    assert.equal(none.category, '1');
    assert.deepEqual(none.followUp.months, [12, 12]);
    assert.equal(categoryOf({ type: 'benign-calcified-or-fat' }), '1');
  });
  test('the exam takes the most suspicious finding', () => {
    const r = lungRadsAssessment({ findings: [nodule('solid', 4, 'baseline'), nodule('solid', 9, 'baseline'), { type: 'benign-calcified-or-fat' }] });
    assert.equal(r.category, '4A');
    assert.deepEqual(r.findings.map((f) => f.category), ['2', '4A', '1']);
    assert.match(r.source, /category 4A/);
  });
  test('category 0 overrides while a reason lasts; infectious findings → 1–3 month LDCT', () => {
    const r = lungRadsAssessment({ findings: [nodule('solid', 9, 'baseline')], incomplete: ['infectious-or-inflammatory'] });
    assert.equal(r.category, '0');
    assert.deepEqual(r.followUp.months, [1, 3]);
    assert.equal(r.findings[0]!.category, '4A', 'findings are still assessed');
    const prior = lungRadsAssessment({ findings: [], incomplete: ['prior-ct-being-located'] });
    assert.equal(prior.followUp.months, null);
    assert.match(prior.management.en, /Comparison to prior chest CT/);
  });
  test('S modifier is appended to the label', () => {
    const r = lungRadsAssessment({ findings: [nodule('solid', 4, 'baseline')], significantOtherFinding: true });
    assert.equal(r.label, '2S');
    assert.equal(r.category, '2');
    assert.match(r.text.ko, /S: 폐암 외/);
  });
});

describe('management per category', () => {
  const cases: Array<[string, LungRadsInput, LungRadsCategory, [number, number] | null, boolean, boolean]> = [
    ['2: 12-month LDCT', { findings: [nodule('solid', 5, 'baseline')] }, '2', [12, 12], false, false],
    ['3: 6-month LDCT', { findings: [nodule('solid', 7, 'baseline')] }, '3', [6, 6], false, false],
    ['4A with an 8 mm solid nodule: 3-month LDCT, PET/CT may be considered', { findings: [nodule('solid', 8, 'baseline')] }, '4A', [3, 3], true, false],
    ['4A from a new 6 mm solid nodule: 3-month LDCT, no PET/CT', { findings: [nodule('solid', 6, 'new')] }, '4A', [3, 3], false, false],
    ['4A from a 6 mm solid component: no PET/CT', { findings: [nodule('part-solid', 12, 'baseline', { solidComponentMm: 6 })] }, '4A', [3, 3], false, false],
    ['4B ≥ 15 mm: diagnostic work-up, PET/CT may be considered', { findings: [nodule('solid', 15, 'baseline')] }, '4B', null, true, true],
    ['4B from a new 4 mm solid component: work-up, no PET/CT', { findings: [nodule('part-solid', 10, 'new', { solidComponentMm: 4 })] }, '4B', null, false, true],
  ];
  for (const [name, input, category, months, pet, workUp] of cases) {
    test(name, () => {
      const r = lungRadsAssessment(input);
      assert.equal(r.category, category);
      assert.deepEqual(r.followUp.months, months);
      assert.equal(r.followUp.petCtMayBeConsidered, pet);
      assert.equal(r.followUp.diagnosticWorkUp, workUp);
      assert.match(r.source, /Lung-RADS® v2022/);
      assert.match(r.text.ko, new RegExp(`^Lung-RADS ${category} \\(`));
      assert.match(r.text.en, new RegExp(`^Lung-RADS ${category} \\(`));
    });
  }
  test('the 4B management text is the table\'s', () => {
    assert.match(lungRadsAssessment({ findings: [nodule('solid', 20, 'baseline')] }).management.en,
      /^Diagnostic chest CT with or without contrast; PET\/CT may be considered if there is a ≥ 8 mm solid nodule or solid component; tissue sampling; and\/or referral for further clinical evaluation/);
  });
});

describe('bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['part solid without solid component', { findings: [{ type: 'part-solid', longAxisMm: 8, shortAxisMm: 8, status: 'baseline' }] }, 'findings[0].solidComponentMm'],
    ['unknown status', { findings: [{ type: 'solid', longAxisMm: 8, shortAxisMm: 8, status: 'resolved' }] }, 'findings[0].status'],
    ['zero axis', { findings: [{ type: 'solid', longAxisMm: 0, shortAxisMm: 8, status: 'baseline' }] }, 'findings[0].longAxisMm'],
    ['unknown airway level', { findings: [{ type: 'airway', level: 'lobar', status: 'new' }] }, 'findings[0].level'],
    ['unknown cyst pattern', { findings: [{ type: 'atypical-cyst', pattern: 'bulla' }] }, 'findings[0].pattern'],
    ['unknown category 0 reason', { findings: [], incomplete: ['motion'] }, 'incomplete[0]'],
    ['findings not a list', { findings: null }, 'findings'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => assert.throws(() => lungRadsAssessment(input as LungRadsInput), (e: unknown) => e instanceof GuidelineInputError && e.field === field));
  }
});
