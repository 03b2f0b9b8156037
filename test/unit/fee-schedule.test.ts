import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEE_CATEGORIES, FEE_SCHEDULE, feeByCode, searchFeeSchedule, type FeeCategory } from '../../lib/rules/fee-schedule.js';

test('codes are unique and prices are positive whole won', () => {
  assert.equal(new Set(FEE_SCHEDULE.map((f) => f.code.toUpperCase())).size, FEE_SCHEDULE.length);
  for (const fee of FEE_SCHEDULE) {
    assert.ok(Number.isSafeInteger(fee.price) && fee.price > 0, `${fee.code}: ${fee.price}`);
    assert.match(fee.name, /[가-힣]/, `${fee.code} has a Korean name`);
  }
});

test('every category has items, and covered (급여) and uninsured (비급여) items both exist', () => {
  for (const category of Object.keys(FEE_CATEGORIES) as FeeCategory[]) assert.ok(FEE_SCHEDULE.some((f) => f.category === category), category);
  assert.ok(FEE_SCHEDULE.some((f) => f.covered) && FEE_SCHEDULE.some((f) => !f.covered));
});

test('the schedule has the consultations, tests, imaging and procedures the front desk bills', () => {
  for (const code of ['AA154', 'AA254', 'B1010', 'B2570', 'B4031', 'B0010', 'G2101', 'HA401', 'HE101', 'HZ401', 'HA311', 'EB441', 'M0111', 'S5181', 'E7611']) {
    assert.ok(feeByCode(code), code);
  }
  assert.equal(feeByCode('HZ401')?.covered, false, 'LDCT for screening is 비급여');
});

test('lookup ignores case and surrounding spaces, and misses unknown codes', () => {
  assert.equal(feeByCode(' aa154 ')?.name, '초진 진찰료 (종합병원)');
  assert.equal(feeByCode('ZZ999'), undefined);
});

test('search matches part of the name in any case, initial consonants, or a code prefix', () => {
  const ct = searchFeeSchedule({ q: 'ct' }).map((f) => f.code);
  assert.ok(ct.includes('HA401') && ct.includes('HZ401'), ct.join());
  assert.deepEqual(searchFeeSchedule({ q: '내시경' }).map((f) => f.code), ['E7611', 'E7660', 'EZ760']);
  assert.deepEqual(searchFeeSchedule({ q: 'ㄴㅅㄱ' }).map((f) => f.code), ['E7611', 'E7660', 'EZ760']);
  assert.ok(searchFeeSchedule({ q: 'b2' }).every((f) => f.code.startsWith('B2')));
  assert.deepEqual(searchFeeSchedule({ q: '없는검사' }), []);
});

test('search filters by category and coverage; no criteria lists the whole schedule', () => {
  assert.ok(searchFeeSchedule({ category: 'IMAGING' }).every((f) => f.category === 'IMAGING'));
  const uninsuredImaging = searchFeeSchedule({ category: 'IMAGING', covered: false });
  assert.ok(uninsuredImaging.length > 0 && uninsuredImaging.every((f) => !f.covered && f.category === 'IMAGING'));
  assert.equal(searchFeeSchedule().length, FEE_SCHEDULE.length);
});
