import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BIRADS_TABLE, GuidelineInputError, normaliseBirads, radPathConcordance, type RadPathInput,
} from '../../lib/rules/guidelines/index.js';

/**
 * The concordance table, typed out from the rule's sources: Liberman 2000 (discordance = histology
 * does not explain the imaging → repeat biopsy) and the BI-RADS 5th edition subcategories (4A: benign
 * expected; 4B: depends on the histology; 4C and 5: malignancy expected; 6: known cancer).
 * Columns: imaging category → concordance of a benign, an atypia and a malignant result.
 */
const TABLE: Array<[string | null, boolean | null, boolean | null, boolean | null]> = [
  [null, null, null, null],
  ['0', null, null, null],
  ['1', null, null, false],
  ['2', true, true, false],
  ['3', true, true, false],
  ['4', null, null, true],
  ['4A', true, true, true],
  ['4B', null, null, true],
  ['4C', false, false, true],
  ['5', false, false, true],
  ['6', null, null, true],
];

describe('radiology–pathology concordance, every category × result', () => {
  for (const [birads, benign, atypia, malignant] of TABLE) {
    test(`BI-RADS ${birads ?? 'unknown'}: benign ${benign}, atypia ${atypia}, malignant ${malignant}`, () => {
      const r = (pathology: RadPathInput['pathology']) => radPathConcordance({ birads, pathology });
      assert.equal(r('benign').concordant, benign);
      assert.equal(r('atypia').concordant, atypia);
      assert.equal(r('malignant').concordant, malignant);
      assert.equal(r('malignant').birads6, true);
      assert.equal(r('benign').birads6, false);
      assert.equal(r('atypia').birads6, false);
      assert.equal(r('benign').category, birads);
    });
  }
});

describe('radiology–pathology management', () => {
  test('BI-RADS 5 with benign histology is discordant: repeat biopsy or excision', () => {
    const r = radPathConcordance({ birads: '5', pathology: 'benign' });
    assert.equal(r.management.en, 'Imaging–pathology discordance: repeat biopsy (vacuum-assisted) or surgical excision');
    assert.equal(r.text.en, 'Benign histology, imaging BI-RADS 5: discordant. Imaging–pathology discordance: repeat biopsy (vacuum-assisted) or surgical excision');
    assert.match(r.text.ko, /^병리 양성, 영상 BI-RADS 5: 불일치/);
    assert.match(r.source, /Cancer 2000;89\(12\):2538–2546/);
  });
  test('BI-RADS 4A with benign histology is concordant: 6-month or routine follow-up', () => {
    assert.equal(radPathConcordance({ birads: '4A', pathology: 'benign' }).management.en, 'Concordant benign: 6-month follow-up imaging or routine screening');
  });
  test('BI-RADS 4B with benign histology needs the radiologist to correlate the specific histology', () => {
    const r = radPathConcordance({ birads: '4B', pathology: 'benign' });
    assert.match(r.management.en, /^Radiologic–pathologic correlation required: if the specific benign histology explains/);
  });
  test('atypia is excised whatever the category', () => {
    for (const birads of [null, '3', '4A', '5']) {
      assert.match(radPathConcordance({ birads, pathology: 'atypia' }).management.en, /^Surgical excision/);
    }
  });
  test('malignant: BI-RADS 6 with the atlas management; unexpected at BI-RADS 3 asks for a second look', () => {
    const expected = radPathConcordance({ birads: '4C', pathology: 'malignant' });
    assert.ok(expected.management.en.startsWith(`BI-RADS 6: ${BIRADS_TABLE['6'].management.en}`));
    assert.match(expected.management.en, /refer to breast surgery/);
    const unexpected = radPathConcordance({ birads: '3', pathology: 'malignant' });
    assert.match(unexpected.management.en, /Unexpected malignancy — review the imaging/);
    assert.match(unexpected.source, /category 6/);
  });
  test('no prior category: benign results are correlated before deciding', () => {
    assert.match(radPathConcordance({ birads: null, pathology: 'benign' }).management.en, /^No imaging BI-RADS category to compare/);
  });
});

describe('BI-RADS category spellings', () => {
  const spellings: Array<[string, string]> = [['4a', '4A'], [' 4b ', '4B'], ['BI-RADS 4C', '4C'], ['birads 5', '5'], ['BI-RADS category 3', '3'], ['BIRADS4A', '4A']];
  for (const [input, expected] of spellings) {
    test(`"${input}" → ${expected}`, () => assert.equal(normaliseBirads(input), expected));
  }
});

describe('radiology–pathology bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['unknown category', { birads: '7', pathology: 'benign' }, 'birads'],
    ['empty category', { birads: '', pathology: 'benign' }, 'birads'],
    ['a letter without a number', { birads: 'A', pathology: 'benign' }, 'birads'],
    ['unknown pathology', { birads: '4A', pathology: 'borderline' }, 'pathology'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => {
      assert.throws(() => radPathConcordance(input as RadPathInput), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/);
        return true;
      });
    });
  }
});
