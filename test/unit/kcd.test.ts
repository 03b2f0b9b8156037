import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KCD_CODES, kcdByCode } from '../../lib/rules/kcd.js';
import { DEPARTMENT_CODES } from '../../lib/constants.js';
import { DEMO_DIAGNOSES } from '../../models/demo/korean-names.js';

test('codes are unique, shaped like ICD-10, and every department has some', () => {
  assert.equal(new Set(KCD_CODES.map((c) => c.code)).size, KCD_CODES.length);
  for (const entry of KCD_CODES) assert.match(entry.code, /^[A-Z]\d{2}(\.\d{1,2})?$/, entry.code);
  for (const department of DEPARTMENT_CODES) assert.ok(KCD_CODES.some((c) => c.department === department), department);
});

test('lookup ignores case and surrounding spaces, and misses unknown codes', () => {
  assert.equal(kcdByCode(' j18.9 ')?.name, '상세불명의 폐렴');
  assert.equal(kcdByCode('Z99.999'), undefined);
});

test('every demo diagnosis is a bundled code of its own department', () => {
  for (const [department, diagnoses] of Object.entries(DEMO_DIAGNOSES)) {
    for (const d of diagnoses) assert.equal(kcdByCode(d.code)?.department, department, d.code);
  }
});
