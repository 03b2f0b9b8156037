import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APPOINTMENT_TRANSITIONS, kstDay, slotProblem } from '../../lib/rules/appointments.js';

/** 2030-01-07 is a Monday; 01:00 UTC is 10:00 KST. */
const kst = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2030, 0, day, hour - 9, minute));

describe('slotProblem (weekdays 09:00–18:00 KST, 30-minute slots)', () => {
  test('a 30-minute slot at 10:00 KST on a Monday is bookable', () => {
    assert.equal(slotProblem(kst(7, 10), kst(7, 10, 30)), null);
  });
  test('a 60-minute visit ending exactly at closing is bookable', () => {
    assert.equal(slotProblem(kst(7, 17), kst(7, 18)), null);
  });
  test('the end must come after the start', () => {
    assert.match(slotProblem(kst(7, 10), kst(7, 10))!, /after start/);
  });
  test('lengths are whole slots', () => {
    assert.match(slotProblem(kst(7, 10), kst(7, 10, 20))!, /30 minutes/);
  });
  test('starts fall on slot boundaries', () => {
    assert.match(slotProblem(kst(7, 10, 15), kst(7, 10, 45))!, /boundary/);
  });
  test('before opening, after closing and over closing are refused', () => {
    assert.match(slotProblem(kst(7, 8, 30), kst(7, 9))!, /working hours/);
    assert.match(slotProblem(kst(7, 18), kst(7, 18, 30))!, /working hours/);
    assert.match(slotProblem(kst(7, 17, 30), kst(7, 18, 30))!, /working hours/);
  });
  test('weekends are closed, judged in KST (Saturday 08:00 KST is still Friday in UTC)', () => {
    assert.match(slotProblem(kst(12, 10), kst(12, 10, 30))!, /closed/);
    assert.match(slotProblem(kst(13, 10), kst(13, 10, 30))!, /closed/);
  });
});

describe('APPOINTMENT_TRANSITIONS', () => {
  test('the happy path runs booked → checked in → in consultation → completed', () => {
    assert.ok(APPOINTMENT_TRANSITIONS.BOOKED.includes('CHECKED_IN'));
    assert.ok(APPOINTMENT_TRANSITIONS.CHECKED_IN.includes('IN_CONSULTATION'));
    assert.deepEqual(APPOINTMENT_TRANSITIONS.IN_CONSULTATION, ['COMPLETED']);
  });
  test('final states allow nothing', () => {
    for (const status of ['COMPLETED', 'CANCELLED', 'NO_SHOW'] as const) assert.deepEqual(APPOINTMENT_TRANSITIONS[status], []);
  });
  test('a consultation in progress cannot be cancelled or skipped back', () => {
    assert.ok(!APPOINTMENT_TRANSITIONS.IN_CONSULTATION.includes('CANCELLED'));
    assert.ok(!APPOINTMENT_TRANSITIONS.COMPLETED.includes('BOOKED'));
  });
});

describe('kstDay', () => {
  test('23:30 UTC is already the next day in Korea, which starts at 15:00 UTC', () => {
    const { start, end } = kstDay(new Date('2030-01-07T23:30:00Z'));
    assert.equal(start.toISOString(), '2030-01-07T15:00:00.000Z');
    assert.equal(end.toISOString(), '2030-01-08T15:00:00.000Z');
  });
  test('14:59 UTC still belongs to the Korean day that began the previous afternoon', () => {
    assert.equal(kstDay(new Date('2030-01-07T14:59:00Z')).start.toISOString(), '2030-01-06T15:00:00.000Z');
  });
});
