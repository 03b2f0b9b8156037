import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INSTITUTION_LEVELS, INSURANCE_TYPES, CARE_SETTINGS, MAX_BILL_TOTAL, PATIENT_SHARE, allocate, computeBill, coveredPatientShare, percentOf,
  shareRule, truncateTo10Won, type CareSetting, type ChargeLine, type InsuranceType,
} from '../../lib/rules/copay.js';
import { feeByCode } from '../../lib/rules/fee-schedule.js';

/** Lines priced from the bundled fee schedule, as the billing service prices them. */
function lines(...items: [code: string, quantity: number][]): ChargeLine[] {
  return items.map(([code, quantity]) => {
    const fee = feeByCode(code)!;
    return { code, name: fee.name, category: fee.category, covered: fee.covered, unitPrice: fee.price, quantity };
  });
}

function bill(insuranceType: InsuranceType, careSetting: CareSetting, ...items: [string, number][]) {
  return computeBill(lines(...items), { insuranceType, careSetting });
}

/** Every line splits its amount exactly, and the lines add up to the totals. */
function assertConsistent(result: ReturnType<typeof computeBill>) {
  for (const line of result.lines) {
    assert.equal(line.patientShare + line.insurerShare, line.amount, line.code);
    assert.ok(line.patientShare >= 0 && line.insurerShare >= 0, line.code);
    for (const n of [line.amount, line.patientShare, line.insurerShare]) assert.ok(Number.isSafeInteger(n), `${line.code}: ${n}`);
  }
  const sum = (pick: (l: (typeof result.lines)[number]) => number) => result.lines.reduce((a, l) => a + pick(l), 0);
  assert.equal(sum((l) => l.amount), result.totals.total);
  assert.equal(sum((l) => l.patientShare), result.totals.patient);
  assert.equal(sum((l) => l.insurerShare), result.totals.insurer);
  assert.equal(result.totals.patient + result.totals.insurer, result.totals.total);
}

test('the 종합병원 table is the configured one: NHI 50%/20%, 의료급여 1종 1,500원/0, 2종 15%/10%, none 100%', () => {
  assert.deepEqual(shareRule({ insuranceType: 'NHI', careSetting: 'OUTPATIENT' }), { percent: 50 });
  assert.deepEqual(shareRule({ insuranceType: 'NHI', careSetting: 'INPATIENT' }), { percent: 20 });
  assert.deepEqual(shareRule({ insuranceType: 'MEDICAL_AID_1', careSetting: 'OUTPATIENT' }), { perVisit: 1_500 });
  assert.deepEqual(shareRule({ insuranceType: 'MEDICAL_AID_1', careSetting: 'INPATIENT' }), { percent: 0 });
  assert.deepEqual(shareRule({ insuranceType: 'MEDICAL_AID_2', careSetting: 'OUTPATIENT' }), { percent: 15 });
  assert.deepEqual(shareRule({ insuranceType: 'MEDICAL_AID_2', careSetting: 'INPATIENT' }), { percent: 10 });
  assert.deepEqual(shareRule({ insuranceType: 'NONE', careSetting: 'OUTPATIENT' }), { percent: 100 });
});

test('every institution level has a rule for every insurance type and care setting', () => {
  for (const level of Object.keys(INSTITUTION_LEVELS) as (keyof typeof INSTITUTION_LEVELS)[]) {
    for (const insurance of Object.keys(INSURANCE_TYPES) as InsuranceType[]) {
      for (const setting of Object.keys(CARE_SETTINGS) as CareSetting[]) {
        const rule = PATIENT_SHARE[level][insurance][setting];
        assert.ok('perVisit' in rule ? Number.isInteger(rule.perVisit) : Number.isInteger(rule.percent), `${level}/${insurance}/${setting}`);
      }
    }
  }
  assert.deepEqual(shareRule({ insuranceType: 'NHI', careSetting: 'OUTPATIENT', level: 'TERTIARY' }), { percent: 60 });
});

test('integer helpers: percent rounds down to the won, truncation to 10 won', () => {
  assert.equal(percentOf(43_110, 50), 21_555);
  assert.equal(percentOf(111_670, 15), 16_750); // 16,750.5 → 16,750
  assert.equal(percentOf(99, 50), 49);
  assert.equal(truncateTo10Won(21_555), 21_550);
  assert.equal(truncateTo10Won(65_188), 65_180);
  assert.equal(truncateTo10Won(9), 0);
  assert.equal(coveredPatientShare(1_234, { perVisit: 1_500 }), 1_230);
  assert.equal(coveredPatientShare(25_380, { perVisit: 1_500 }), 1_500);
  assert.equal(coveredPatientShare(1_234, { percent: 100 }), 1_234); // nobody else pays: no truncation
});

test('allocation splits exactly, largest remainders first, earlier lines on ties', () => {
  assert.deepEqual(allocate(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(allocate(0, [5, 7]), [0, 0]);
  assert.deepEqual(allocate(100, [0, 0]), [0, 0]);
  assert.deepEqual(allocate(21_550, [21_850, 9_760, 4_210, 7_290]), [10_922, 4_879, 2_105, 3_644]);
  assert.equal(allocate(MAX_BILL_TOTAL, [MAX_BILL_TOTAL - 7, 7]).reduce((a, b) => a + b, 0), MAX_BILL_TOTAL);
});

test('NHI outpatient: 초진 + 흉부 X-ray + CBC + CRP = 43,110원, patient 50% = 21,555 → 21,550원', () => {
  const result = bill('NHI', 'OUTPATIENT', ['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1]);
  assert.deepEqual(result.totals, { total: 43_110, coveredTotal: 43_110, uncoveredTotal: 0, coveredPatient: 21_550, insurer: 21_560, patient: 21_550 });
  assert.deepEqual(result.lines.map((l) => l.patientShare), [10_922, 4_879, 2_105, 3_644]);
  assertConsistent(result);
});

test('NHI outpatient with 비급여: 수면 내시경 관리료 60,000원 is the patient\'s in full', () => {
  const result = bill('NHI', 'OUTPATIENT', ['AA254', 1], ['EZ760', 1], ['E7611', 1]);
  // covered 15,620 + 48,630 = 64,250 → 32,125 → 32,120; plus 60,000 uninsured
  assert.deepEqual(result.totals, { total: 124_250, coveredTotal: 64_250, uncoveredTotal: 60_000, coveredPatient: 32_120, insurer: 32_130, patient: 92_120 });
  const sleep = result.lines.find((l) => l.code === 'EZ760')!;
  assert.deepEqual([sleep.patientShare, sleep.insurerShare], [60_000, 0]);
  assertConsistent(result);
});

test('NHI inpatient: 3 days 입원료 + chest CT at 20%, 1인실 차액 uninsured', () => {
  const result = bill('NHI', 'INPATIENT', ['AB220', 3], ['HA401', 1], ['AB900', 3]);
  // covered 217,020 + 108,920 = 325,940 → 65,188 → 65,180
  assert.deepEqual(result.totals, { total: 775_940, coveredTotal: 325_940, uncoveredTotal: 450_000, coveredPatient: 65_180, insurer: 260_760, patient: 515_180 });
  assertConsistent(result);
});

test('의료급여 1종 outpatient pays 1,500원 per visit, plus any 비급여', () => {
  const result = bill('MEDICAL_AID_1', 'OUTPATIENT', ['AA254', 1], ['G2101', 1], ['VZ001', 1]);
  assert.deepEqual(result.totals, { total: 65_380, coveredTotal: 25_380, uncoveredTotal: 40_000, coveredPatient: 1_500, insurer: 23_880, patient: 41_500 });
  assertConsistent(result);
  // Only 비급여 on the visit: the fixed amount applies to covered care only.
  assert.equal(bill('MEDICAL_AID_1', 'OUTPATIENT', ['VZ001', 1]).totals.patient, 40_000);
});

test('의료급여 1종 inpatient pays nothing for covered care', () => {
  const result = bill('MEDICAL_AID_1', 'INPATIENT', ['AB220', 5], ['HA401', 1]);
  assert.deepEqual(result.totals, { total: 470_620, coveredTotal: 470_620, uncoveredTotal: 0, coveredPatient: 0, insurer: 470_620, patient: 0 });
  assertConsistent(result);
});

test('의료급여 2종: outpatient 15% (111,670 → 16,750원), inpatient 10% (144,680 → 14,468 → 14,460원)', () => {
  const outpatient = bill('MEDICAL_AID_2', 'OUTPATIENT', ['AA154', 1], ['EB441', 1], ['HA311', 1]);
  assert.deepEqual(outpatient.totals, { total: 111_670, coveredTotal: 111_670, uncoveredTotal: 0, coveredPatient: 16_750, insurer: 94_920, patient: 16_750 });
  assertConsistent(outpatient);
  const inpatient = bill('MEDICAL_AID_2', 'INPATIENT', ['AB220', 2]);
  assert.deepEqual(inpatient.totals, { total: 144_680, coveredTotal: 144_680, uncoveredTotal: 0, coveredPatient: 14_460, insurer: 130_220, patient: 14_460 });
});

test('no insurance: every line, covered or not, is paid in full, to the won', () => {
  const result = bill('NONE', 'OUTPATIENT', ['AA154', 1], ['B1010', 1], ['SZ511', 1]);
  assert.deepEqual(result.totals, { total: 76_060, coveredTotal: 0, uncoveredTotal: 76_060, coveredPatient: 0, insurer: 0, patient: 76_060 });
  assert.ok(result.lines.every((l) => l.insurerShare === 0));
  const odd = computeBill([{ code: 'X', name: 'x', category: 'TEST', covered: true, unitPrice: 1_234, quantity: 1 }], { insuranceType: 'NONE', careSetting: 'INPATIENT' });
  assert.equal(odd.totals.patient, 1_234);
});

test('quantities multiply the unit price; bad quantities, prices and oversized bills are refused', () => {
  assert.equal(bill('NHI', 'OUTPATIENT', ['M0111', 3]).totals.total, 9_420);
  const line = (unitPrice: number, quantity: number): ChargeLine => ({ code: 'X', name: 'x', category: 'TEST', covered: true, unitPrice, quantity });
  const nhi = { insuranceType: 'NHI', careSetting: 'OUTPATIENT' } as const;
  assert.throws(() => computeBill([line(1_000, 0)], nhi), RangeError);
  assert.throws(() => computeBill([line(1_000, 1.5)], nhi), RangeError);
  assert.throws(() => computeBill([line(10.5, 1)], nhi), RangeError);
  assert.throws(() => computeBill([line(-10, 1)], nhi), RangeError);
  assert.throws(() => computeBill([line(MAX_BILL_TOTAL, 2)], nhi), RangeError);
  assert.equal(computeBill([line(MAX_BILL_TOTAL, 1)], nhi).totals.patient, MAX_BILL_TOTAL / 2);
});
