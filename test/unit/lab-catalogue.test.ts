import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANALYTES, LAB_TESTS, SPECIMEN_TYPES, analytesOf, findAnalyte, findLabTest, searchLabTests } from '../../lib/rules/lab-catalogue.js';
import { interpretValue, parseLabValue, rangeText, referenceRangeFor, resultSummary } from '../../lib/rules/lab-flags.js';

/** LOINC codes end in a mod-10 check digit (LOINC Users' Guide, "Calculating Mod 10 check digits"). */
function loincCheckDigitOk(code: string): boolean {
  const match = /^(\d{1,7})-(\d)$/.exec(code);
  if (!match) return false;
  const digits = match[1].split('').map(Number).reverse();
  const doubled = digits.filter((_, i) => i % 2 === 0).map((d) => String(d * 2)).join('');
  const sum = [...doubled].map(Number).reduce((a, b) => a + b, 0) + digits.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
  return (10 - (sum % 10)) % 10 === Number(match[2]);
}

const MAN = { sex: 'M' as const, age: 45 };
const WOMAN = { sex: 'F' as const, age: 45 };
const analyte = (code: string) => findAnalyte(code)!;

test('every test and analyte has a well-formed LOINC code with a valid check digit', () => {
  for (const item of [...LAB_TESTS, ...ANALYTES]) assert.ok(loincCheckDigitOk(item.loinc), `${item.code}: ${item.loinc}`);
});

test('the check digit test itself tells right from wrong', () => {
  assert.ok(loincCheckDigitOk('2823-3'));
  assert.ok(!loincCheckDigitOk('2823-4'));
  assert.ok(!loincCheckDigitOk('K-1'));
});

test('well-known analytes carry their LOINC codes and Korean units', () => {
  const expected: Record<string, [string, string]> = {
    HB: ['718-7', 'g/dL'], GLU: ['2345-7', 'mg/dL'], CR: ['2160-0', 'mg/dL'], K: ['2823-3', 'mmol/L'], NA: ['2951-2', 'mmol/L'],
    HBA1C: ['4548-4', '%'], INR: ['6301-6', 'INR'], CEA: ['2039-6', 'ng/mL'], CA199: ['24108-3', 'U/mL'], CA153: ['6875-9', 'U/mL'],
    PLT: ['777-3', '10^3/µL'], WBC: ['6690-2', '10^3/µL'], AST: ['1920-8', 'U/L'],
  };
  for (const [code, [loinc, unit]] of Object.entries(expected)) {
    assert.equal(analyte(code).loinc, loinc, code);
    assert.equal(analyte(code).unit, unit, code);
  }
  assert.equal(findLabTest('CBC')?.loinc, '58410-2');
  assert.equal(findLabTest('LIPID')?.loinc, '57698-3');
});

test('codes are unique, every analyte has a Korean name, a tube and a range, and every test names known analytes', () => {
  assert.equal(new Set(LAB_TESTS.map((t) => t.code)).size, LAB_TESTS.length);
  assert.equal(new Set(ANALYTES.map((a) => a.code)).size, ANALYTES.length);
  for (const a of ANALYTES) {
    assert.match(a.name, /[가-힣]|^[A-Z]/, a.code);
    assert.ok(a.specimen in SPECIMEN_TYPES, a.code);
    assert.ok(a.ranges.length > 0, a.code);
    assert.ok(a.plausible[0] < a.plausible[1], a.code);
  }
  for (const t of LAB_TESTS) {
    assert.ok(t.analytes.length > 0, t.code);
    for (const a of analytesOf(t)) assert.equal(a.specimen, t.specimen, `${t.code}/${a.code} drawn into another tube`);
  }
});

test('the required tests are orderable: CBC, chemistry, lipids, HbA1c, coagulation and tumour markers', () => {
  for (const code of ['CBC', 'CMP', 'ELEC', 'LIPID', 'HBA1C', 'PTINR', 'APTT', 'CEA', 'CA199', 'CA153', 'GLU', 'K']) assert.ok(findLabTest(code), code);
  assert.deepEqual(findLabTest('cbc')?.analytes, ['WBC', 'RBC', 'HB', 'HCT', 'MCV', 'MCH', 'MCHC', 'PLT']);
  assert.equal(findLabTest('HBA1C')?.specimen, 'EDTA_WB');
  assert.equal(findLabTest('PTINR')?.specimen, 'CITRATE_PLASMA');
  assert.equal(findLabTest('CEA')?.specimen, 'SERUM_SST');
  assert.equal(findLabTest('NOPE'), undefined);
});

test('the catalogue is searched by Korean name, 초성, English name, code, LOINC and analyte', () => {
  assert.deepEqual(searchLabTests('당화').map((t) => t.code), ['HBA1C']);
  assert.deepEqual(searchLabTests('ㄷㅎㅎㅅㅅ').map((t) => t.code), ['HBA1C']);
  assert.ok(searchLabTests('lipid').some((t) => t.code === 'LIPID'));
  assert.deepEqual(searchLabTests('24108-3').map((t) => t.code), ['CA199']);
  assert.deepEqual(searchLabTests('칼륨').map((t) => t.code), ['CMP', 'ELEC', 'K']);
  assert.equal(searchLabTests('').length, LAB_TESTS.length);
});

test('reference ranges depend on sex and age', () => {
  assert.equal(rangeText(referenceRangeFor(analyte('HB'), MAN)!), '13.5–17.5');
  assert.equal(rangeText(referenceRangeFor(analyte('HB'), WOMAN)!), '12–16');
  assert.equal(rangeText(referenceRangeFor(analyte('HB'), WOMAN)!, 1), '12.0–16.0');
  assert.equal(interpretValue(analyte('CR'), 0.9, MAN).rangeText, '0.70–1.30');
  assert.equal(rangeText(referenceRangeFor(analyte('HB'), { sex: 'M', age: 8 })!), '11–14.5');
  assert.equal(referenceRangeFor(analyte('CR'), WOMAN)!.high, 1.1);
  assert.equal(referenceRangeFor(analyte('CR'), { sex: 'F', age: 15 })!.high, 1.0);
  assert.equal(referenceRangeFor(analyte('ALP'), { sex: 'M', age: 10 })!.high, 390);
  assert.equal(referenceRangeFor(analyte('ALP'), MAN)!.high, 130);
  // A sex-specific interval needs a known sex; PSA has none for women.
  assert.equal(referenceRangeFor(analyte('HB'), { sex: null, age: 45 }), null);
  assert.equal(referenceRangeFor(analyte('PSA'), WOMAN), null);
  assert.equal(rangeText(referenceRangeFor(analyte('TCHOL'), MAN)!), '<200');
});

test('the same haemoglobin is low for a man and normal for a woman', () => {
  assert.equal(interpretValue(analyte('HB'), 12.8, MAN).flag, 'L');
  assert.equal(interpretValue(analyte('HB'), 12.8, WOMAN).flag, 'N');
  assert.equal(interpretValue(analyte('CR'), 1.2, MAN).flag, 'N');
  assert.equal(interpretValue(analyte('CR'), 1.2, WOMAN).flag, 'H');
});

test('flags: N inside, L/H outside, LL/HH beyond the critical limits, boundaries inclusive', () => {
  const k = analyte('K');
  assert.deepEqual([3.5, 5.1, 3.4, 5.2, 2.8, 2.7, 6.2, 6.5].map((v) => interpretValue(k, v, MAN).flag), ['N', 'N', 'L', 'H', 'L', 'LL', 'H', 'HH']);
  assert.equal(interpretValue(k, 6.5, MAN).critical, true);
  assert.equal(interpretValue(k, 5.9, MAN).critical, false);
  assert.equal(interpretValue(analyte('NA'), 118, MAN).flag, 'LL');
  assert.equal(interpretValue(analyte('NA'), 161, MAN).flag, 'HH');
  assert.equal(interpretValue(analyte('GLU'), 38, MAN).flag, 'LL');
  assert.equal(interpretValue(analyte('GLU'), 520, MAN).flag, 'HH');
  assert.equal(interpretValue(analyte('HB'), 5.8, WOMAN).flag, 'LL');
  assert.equal(interpretValue(analyte('PLT'), 15, MAN).flag, 'LL');
  assert.equal(interpretValue(analyte('INR'), 5.5, MAN).flag, 'HH');
  assert.equal(interpretValue(analyte('INR'), 3.0, MAN).flag, 'H');
  // Open-ended intervals: HDL is only ever low, cholesterol only ever high.
  assert.equal(interpretValue(analyte('HDL'), 35, MAN).flag, 'L');
  assert.equal(interpretValue(analyte('TCHOL'), 240, MAN).flag, 'H');
  assert.equal(interpretValue(analyte('CEA'), 12.4, MAN).flag, 'H');
  // A critical limit applies even where no interval does.
  assert.deepEqual(interpretValue(analyte('HB'), 5.0, { sex: null, age: null }), { flag: 'LL', critical: true, range: null, rangeText: null });
  assert.equal(interpretValue(analyte('PSA'), 9, WOMAN).flag, null);
});

test('values are numbers or analyser text with a measuring-range comparator', () => {
  assert.deepEqual(parseLabValue(6.5), { numeric: 6.5, text: '6.5', comparator: null });
  assert.deepEqual(parseLabValue(' 4.20 '), { numeric: 4.2, text: '4.20', comparator: null });
  assert.deepEqual(parseLabValue('<0.5'), { numeric: 0.5, text: '<0.5', comparator: '<' });
  assert.deepEqual(parseLabValue('> 500'), { numeric: 500, text: '>500', comparator: '>' });
  for (const bad of ['', 'high', '6,5', '1e3', Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(parseLabValue(bad), null, String(bad));
});

test('the order summary lists abnormal values, criticals first, or says 정상', () => {
  assert.equal(resultSummary([
    { analyte_code: 'NA', value_text: '140', unit: 'mmol/L', flag: 'N' },
    { analyte_code: 'GLU', value_text: '130', unit: 'mg/dL', flag: 'H' },
    { analyte_code: 'K', value_text: '6.5', unit: 'mmol/L', flag: 'HH' },
  ]), 'HH K 6.5 mmol/L, H GLU 130 mg/dL');
  assert.equal(resultSummary([{ analyte_code: 'NA', value_text: '140', unit: 'mmol/L', flag: 'N' }, { analyte_code: 'PSA', value_text: '1', unit: 'ng/mL', flag: null }]), '정상 (2항목)');
});
