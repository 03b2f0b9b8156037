import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { courseWindow, dueDoses, isAsNeeded, isDueDose, isOverdue } from '../../lib/rules/medication-schedule.js';
import { kstDateTime, kstDayOf } from '../../lib/rules/kst-dates.js';

/** An instant given in KST wall-clock time (UTC+9) on a day of January 2030. */
const kst = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2030, 0, day, hour - 9, minute));
const labels = (doses: Date[]) => doses.map(kstDateTime);

describe('dueDoses (KST schedule of a prescription line)', () => {
  test('TID for 3 days gives 9 doses at 08:00, 13:00 and 18:00 KST', () => {
    const doses = dueDoses({ prescribedAt: kst(7, 7, 30) }, { frequency: 'TID', days: 3 });
    assert.deepEqual(labels(doses), [
      '2030-01-07 08:00', '2030-01-07 13:00', '2030-01-07 18:00',
      '2030-01-08 08:00', '2030-01-08 13:00', '2030-01-08 18:00',
      '2030-01-09 08:00', '2030-01-09 13:00', '2030-01-09 18:00',
    ]);
    assert.equal(doses[0].toISOString(), '2030-01-06T23:00:00.000Z', 'stored in UTC');
  });

  test('a day window keeps only that KST day\'s doses', () => {
    const doses = dueDoses({ prescribedAt: kst(7, 7, 30) }, { frequency: 'TID', days: 3 }, kstDayOf('2030-01-08'));
    assert.deepEqual(labels(doses), ['2030-01-08 08:00', '2030-01-08 13:00', '2030-01-08 18:00']);
    assert.deepEqual(dueDoses({ prescribedAt: kst(7, 7, 30) }, { frequency: 'TID', days: 3 }, kstDayOf('2030-01-10')), []);
  });

  test('no dose falls due before the order was written', () => {
    const doses = dueDoses({ prescribedAt: kst(7, 15) }, { frequency: 'TID', days: 2 });
    assert.deepEqual(labels(doses), ['2030-01-07 18:00', '2030-01-08 08:00', '2030-01-08 13:00', '2030-01-08 18:00']);
  });

  test('a prescription discontinued mid-course has no doses from then on', () => {
    const doses = dueDoses({ prescribedAt: kst(7, 7), discontinuedAt: kst(8, 12) }, { frequency: 'TID', days: 3 });
    assert.deepEqual(labels(doses), ['2030-01-07 08:00', '2030-01-07 13:00', '2030-01-07 18:00', '2030-01-08 08:00']);
    const atDoseTime = dueDoses({ prescribedAt: kst(7, 7), discontinuedAt: kst(7, 13) }, { frequency: 'TID', days: 3 });
    assert.deepEqual(labels(atDoseTime), ['2030-01-07 08:00'], 'a dose due at the moment of discontinuation is not given');
  });

  test('STAT is one dose at the moment of the order', () => {
    const at = new Date(Date.UTC(2030, 0, 7, 2, 17, 41, 250));
    assert.deepEqual(dueDoses({ prescribedAt: at }, { frequency: 'STAT', days: 1 }), [at]);
    assert.deepEqual(dueDoses({ prescribedAt: at }, { frequency: 'STAT', days: 1 }, kstDayOf('2030-01-08')), []);
    assert.deepEqual(dueDoses({ prescribedAt: at, discontinuedAt: at }, { frequency: 'STAT', days: 1 }), []);
  });

  test('PRN has no scheduled doses', () => {
    assert.deepEqual(dueDoses({ prescribedAt: kst(7, 7) }, { frequency: 'PRN', days: 5 }), []);
    assert.equal(isAsNeeded({ frequency: 'PRN' }), true);
    assert.equal(isAsNeeded({ frequency: 'STAT' }), false);
  });

  test('the course follows KST calendar days across UTC midnight', () => {
    // 2030-01-07 23:30 UTC is already 08:30 on the 8th in KST: the two days are the 8th and 9th
    // (counted by UTC days the course would end on the 8th).
    const lateUtc = new Date(Date.UTC(2030, 0, 7, 23, 30));
    assert.deepEqual(labels(dueDoses({ prescribedAt: lateUtc }, { frequency: 'QD', days: 2 })), ['2030-01-08 09:00', '2030-01-09 09:00']);
    // 2030-01-07 14:59 UTC is 23:59 KST on the 7th; 15:00 UTC is 00:00 KST on the 8th.
    assert.deepEqual(labels(dueDoses({ prescribedAt: new Date(Date.UTC(2030, 0, 7, 14, 59)) }, { frequency: 'Q8H', days: 1 })), []);
    assert.deepEqual(labels(dueDoses({ prescribedAt: new Date(Date.UTC(2030, 0, 7, 15, 0)) }, { frequency: 'Q8H', days: 1 })),
      ['2030-01-08 06:00', '2030-01-08 14:00', '2030-01-08 22:00']);
    // The 22:00 KST dose is 13:00 UTC the same day; the KST day window starts at 15:00 UTC the day before.
    const window = kstDayOf('2030-01-08');
    assert.equal(window.start.toISOString(), '2030-01-07T15:00:00.000Z');
    assert.equal(window.end.toISOString(), '2030-01-08T15:00:00.000Z');
  });

  test('isDueDose accepts exactly the scheduled instants', () => {
    const course = { prescribedAt: kst(7, 7) };
    const line = { frequency: 'BID' as const, days: 2 };
    assert.equal(isDueDose(course, line, kst(8, 21)), true);
    assert.equal(isDueDose(course, line, kst(8, 21, 1)), false);
    assert.equal(isDueDose(course, line, kst(9, 9)), false, 'after the course');
  });

  test('a PRN line may be given from the order to the end of its last KST day, or to its discontinuation', () => {
    const window = courseWindow({ prescribedAt: kst(7, 15) }, { frequency: 'PRN', days: 2 });
    assert.equal(window.start.getTime(), kst(7, 15).getTime());
    assert.equal(window.end.getTime(), kst(9, 0).getTime());
    assert.equal(courseWindow({ prescribedAt: kst(7, 15), discontinuedAt: kst(8, 10) }, { frequency: 'PRN', days: 2 }).end.getTime(), kst(8, 10).getTime());
  });

  test('an uncharted dose is overdue more than 60 minutes after its time', () => {
    assert.equal(isOverdue(kst(7, 8), kst(7, 9)), false);
    assert.equal(isOverdue(kst(7, 8), kst(7, 9, 1)), true);
  });
});
