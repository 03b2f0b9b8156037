import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SCHEDULE, daySlots, hhmmOf, hoursOn, kstWeekday, minutesOf, scheduleProblem, scheduleSlotProblem, type WeeklySchedule,
} from '../../lib/rules/doctor-schedule.js';
import { calendarRange } from '../../lib/rules/kst-dates.js';

/** Tuesday and Thursday mornings, 20-minute slots. */
const MORNINGS: WeeklySchedule = { slotMinutes: 20, days: [{ weekday: 2, open: 9 * 60, close: 12 * 60 }, { weekday: 4, open: 9 * 60, close: 12 * 60 }] };
// 2026-12-01 is a Tuesday; 00:00 KST is 2026-11-30T15:00Z.
const kst = (iso: string) => new Date(`${iso}+09:00`);

describe('doctor schedules', () => {
  test('HH:MM converts both ways', () => {
    assert.equal(minutesOf('09:30'), 570);
    assert.equal(hhmmOf(570), '09:30');
    assert.equal(hhmmOf(18 * 60), '18:00');
  });

  test('the weekday is the KST one, also just after midnight KST (still the previous day in UTC)', () => {
    assert.equal(kstWeekday(kst('2026-12-01T00:10:00')), 2);
    assert.equal(kstWeekday(kst('2026-11-30T23:50:00')), 1);
  });

  test('the default schedule is weekdays 09:00–18:00 in 30-minute slots', () => {
    assert.deepEqual(DEFAULT_SCHEDULE.days.map((d) => d.weekday), [1, 2, 3, 4, 5]);
    assert.equal(DEFAULT_SCHEDULE.slotMinutes, 30);
    assert.equal(hoursOn(DEFAULT_SCHEDULE, kst('2026-12-05T10:00:00')).days.length, 0, 'Saturday is closed');
  });

  test('bookings are checked against the doctor\'s own day and slot length', () => {
    assert.equal(scheduleSlotProblem(MORNINGS, kst('2026-12-01T09:20:00'), kst('2026-12-01T09:40:00')), null);
    assert.match(scheduleSlotProblem(MORNINGS, kst('2026-12-02T09:20:00'), kst('2026-12-02T09:40:00'))!, /진료일이 아닙니다/);
    assert.match(scheduleSlotProblem(MORNINGS, kst('2026-12-01T11:50:00'), kst('2026-12-01T12:10:00'))!, /slot boundary|진료 시간/);
    assert.equal(scheduleSlotProblem(MORNINGS, kst('2026-12-01T11:40:00'), kst('2026-12-01T12:00:00')), null, 'the last slot ends at closing');
    assert.match(scheduleSlotProblem(MORNINGS, kst('2026-12-01T09:00:00'), kst('2026-12-01T09:30:00'))!, /20분 단위/);
  });

  test('a day\'s slots cover the hours and mark overlapping bookings taken', () => {
    const slots = daySlots(MORNINGS, kst('2026-12-01T12:00:00'), [{ start: kst('2026-12-01T09:20:00'), end: kst('2026-12-01T10:00:00') }]);
    assert.equal(slots.length, 9); // 09:00–12:00 in 20-minute steps
    assert.deepEqual(slots.filter((s) => !s.available).map((s) => s.start.toISOString()), ['2026-12-01T00:20:00.000Z', '2026-12-01T00:40:00.000Z']);
    assert.equal(slots[0].start.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.deepEqual(daySlots(MORNINGS, kst('2026-12-02T12:00:00'), []), [], 'Wednesday: no clinic');
  });

  test('submitted schedules are validated', () => {
    assert.equal(scheduleProblem(MORNINGS), null);
    assert.match(scheduleProblem({ ...MORNINGS, slotMinutes: 25 })!, /진료 단위/);
    assert.match(scheduleProblem({ slotMinutes: 30, days: [{ weekday: 1, open: 540, close: 600 }, { weekday: 1, open: 600, close: 660 }] })!, /두 번/);
    assert.match(scheduleProblem({ slotMinutes: 30, days: [{ weekday: 1, open: 600, close: 540 }] })!, /close after open/);
    assert.match(scheduleProblem({ slotMinutes: 30, days: [{ weekday: 1, open: 545, close: 600 }] })!, /30분 단위/);
    assert.match(scheduleProblem({ slotMinutes: 30, days: [{ weekday: 1, open: 300, close: 600 }] })!, /06:00–22:00/);
  });
});

describe('calendar pages', () => {
  test('a week runs Monday to Sunday around the date, also across a month end', () => {
    assert.deepEqual(calendarRange('week', '2026-12-02'), { from: '2026-11-30', to: '2026-12-06' });
    assert.deepEqual(calendarRange('week', '2026-11-29'), { from: '2026-11-23', to: '2026-11-29' }, 'a Sunday ends its week');
  });

  test('a month is its first to its last day, leap years included', () => {
    assert.deepEqual(calendarRange('month', '2028-02-10'), { from: '2028-02-01', to: '2028-02-29' });
    assert.deepEqual(calendarRange('month', '2026-12-31'), { from: '2026-12-01', to: '2026-12-31' });
    assert.deepEqual(calendarRange('day', '2026-12-31'), { from: '2026-12-31', to: '2026-12-31' });
  });
});
