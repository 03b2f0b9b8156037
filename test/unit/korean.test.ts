import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isChosungQuery, toChosung } from '../../lib/korean/chosung.js';
import { maskRrn, parseRrn } from '../../lib/korean/rrn.js';

describe('toChosung', () => {
  test('a Korean name gives its initial consonants', () => {
    assert.equal(toChosung('김민수'), 'ㄱㅁㅅ');
    assert.equal(toChosung('이민수'), 'ㅇㅁㅅ');
    assert.equal(toChosung('가'), 'ㄱ');
    assert.equal(toChosung('힣'), 'ㅎ');
  });

  test('double consonants keep their own initial', () => {
    assert.equal(toChosung('꽃씨'), 'ㄲㅆ');
    assert.equal(toChosung('뜨빠찌'), 'ㄸㅃㅉ');
  });

  test('non-Hangul characters are kept and spaces dropped', () => {
    assert.equal(toChosung('김 민수'), 'ㄱㅁㅅ');
    assert.equal(toChosung('Kim 민수 2'), 'Kimㅁㅅ2');
    assert.equal(toChosung('ㄱ민'), 'ㄱㅁ');
    assert.equal(toChosung(''), '');
  });
});

describe('isChosungQuery', () => {
  test('a query made only of initial consonants is a 초성 query', () => {
    assert.equal(isChosungQuery('ㄱㅁㅅ'), true);
    assert.equal(isChosungQuery('ㄱ ㅁ'), true);
    assert.equal(isChosungQuery('ㄲㅆ'), true);
  });

  test('syllables, empty, Latin and mixed queries are not', () => {
    assert.equal(isChosungQuery('김'), false);
    assert.equal(isChosungQuery(''), false);
    assert.equal(isChosungQuery('   '), false);
    assert.equal(isChosungQuery('abc'), false);
    assert.equal(isChosungQuery('ㄱ민'), false);
    assert.equal(isChosungQuery('ㄱㅁ1'), false);
  });
});

describe('parseRrn', () => {
  test('a number with or without the hyphen is normalized to YYMMDD-GNNNNNN', () => {
    assert.equal(parseRrn('9001011234567').normalized, '900101-1234567');
    assert.equal(parseRrn('900101-1234567').normalized, '900101-1234567');
    assert.equal(parseRrn(' 900101 - 1234567 ').normalized, '900101-1234567');
  });

  test('the 7th digit gives century and sex', () => {
    assert.deepEqual(parseRrn('900101-1234567'), { normalized: '900101-1234567', birthDate: '1990-01-01', gender: 'M' });
    assert.deepEqual(parseRrn('020315-4234567'), { normalized: '020315-4234567', birthDate: '2002-03-15', gender: 'F' });
    assert.deepEqual(parseRrn('851231-2000000'), { normalized: '851231-2000000', birthDate: '1985-12-31', gender: 'F' });
    assert.deepEqual(parseRrn('100505-3000000'), { normalized: '100505-3000000', birthDate: '2010-05-05', gender: 'M' });
  });

  test('9 and 0 are born in the 1800s', () => {
    assert.equal(parseRrn('990101-9000000').birthDate, '1899-01-01');
    assert.equal(parseRrn('990101-9000000').gender, 'M');
    assert.equal(parseRrn('990101-0000000').birthDate, '1899-01-01');
    assert.equal(parseRrn('990101-0000000').gender, 'F');
  });

  test('a number of the wrong length or with letters is refused', () => {
    assert.throws(() => parseRrn('900101-123456'), RangeError);
    assert.throws(() => parseRrn('900101123456'), RangeError);
    assert.throws(() => parseRrn('900101-12345678'), RangeError);
    assert.throws(() => parseRrn('900101-12345a7'), RangeError);
    assert.throws(() => parseRrn('abcdef-1234567'), RangeError);
    assert.throws(() => parseRrn(''), RangeError);
  });

  test('an impossible or future birth date is refused', () => {
    assert.throws(() => parseRrn('901301-1234567'), RangeError, 'month 13');
    assert.throws(() => parseRrn('900001-1234567'), RangeError, 'month 0');
    assert.throws(() => parseRrn('900230-1234567'), RangeError, 'Feb 30');
    assert.throws(() => parseRrn('010229-3234567'), RangeError, 'Feb 29 of a common year');
    assert.throws(() => parseRrn('900132-1234567'), RangeError, 'day 32');
    const nextYear = (new Date().getUTCFullYear() + 1) % 100;
    assert.throws(() => parseRrn(`${String(nextYear).padStart(2, '0')}0101-3234567`), RangeError, 'a future date');
  });

  test('Feb 29 of a leap year is accepted', () => {
    assert.equal(parseRrn('000229-3234567').birthDate, '2000-02-29');
  });
});

describe('maskRrn', () => {
  test('only the birth date and the sex digit are shown', () => {
    assert.equal(maskRrn('900101-1234567'), '900101-1******');
    assert.equal(maskRrn(parseRrn('0203154234567').normalized), '020315-4******');
  });
});
