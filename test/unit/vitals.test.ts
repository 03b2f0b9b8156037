import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abnormalVitals, implausibleVitals } from '../../lib/rules/vitals.js';

test('normal adult vitals raise no flags and no entry errors', () => {
  const vitals = { systolic_bp: 120, diastolic_bp: 80, pulse: 72, temperature: 36.6, respiratory_rate: 16, spo2: 98, pain: 2 };
  assert.deepEqual(implausibleVitals(vitals), []);
  assert.deepEqual(abnormalVitals(vitals), []);
});

test('impossible values are entry errors naming the field', () => {
  assert.deepEqual(implausibleVitals({ temperature: 52 }).map((p) => p.field), ['temperature']);
  assert.deepEqual(implausibleVitals({ spo2: 101 }).map((p) => p.field), ['spo2']);
  assert.deepEqual(implausibleVitals({ pulse: 0 }).map((p) => p.field), ['pulse']);
  assert.deepEqual(implausibleVitals({ pain: 4.5 }).map((p) => p.field), ['pain']);
  assert.deepEqual(implausibleVitals({ systolic_bp: 80, diastolic_bp: 90 }).map((p) => p.field), ['diastolic_bp']);
});

test('fever, tachycardia and hypoxia are flagged; critical beyond the critical band', () => {
  const flags = abnormalVitals({ temperature: 38.2, pulse: 135, spo2: 88 });
  assert.deepEqual(flags.map((f) => [f.measure, f.flag, f.critical]), [['temperature', 'HIGH', false], ['pulse', 'HIGH', true], ['spo2', 'LOW', true]]);
});

test('boundaries: 37.4 °C and SpO2 95 are normal, 37.5 and 94 are not', () => {
  assert.deepEqual(abnormalVitals({ temperature: 37.4, spo2: 95 }), []);
  assert.equal(abnormalVitals({ temperature: 37.5, spo2: 94 }).length, 2);
});
