import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toChosung } from '../../lib/korean/chosung.js';
import { patientSearchKeys, suffixes } from '../../lib/korean/search-keys.js';

const NAMES = ['김민수', '이민수', '김민지', '남궁민수', 'John Smith', '김 민수', '홍A길동', '가'];

/** Every non-empty substring of `text` that neither starts nor ends with whitespace (queries are trimmed). */
function substrings(text: string): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j <= chars.length; j++) {
      const s = chars.slice(i, j).join('');
      if (s.trim() === s) out.add(s);
    }
  }
  return [...out];
}

describe('patient search keys', () => {
  test('suffixes start at every non-space character', () => {
    assert.deepEqual(suffixes('김민수'), ['김민수', '민수', '수']);
    assert.deepEqual(suffixes('김 민수'), ['김 민수', '민수', '수']);
    assert.deepEqual(suffixes(''), []);
  });

  test('a name contains a query exactly when one of its name keys starts with it', () => {
    for (const name of NAMES) {
      const keys = patientSearchKeys(name, 'P202600001').filter((k) => k.kind === 'n').map((k) => k.search_key);
      for (const other of NAMES) {
        for (const q of substrings(other)) {
          assert.equal(keys.some((k) => k.startsWith(q)), name.includes(q), `${name} / ${q}`);
        }
      }
    }
  });

  test('a 초성 query matches exactly the names whose 초성 contain it', () => {
    for (const name of NAMES) {
      const keys = patientSearchKeys(name, 'P202600001').filter((k) => k.kind === 'c').map((k) => k.search_key);
      for (const q of ['ㄱㅁㅅ', 'ㅁㅅ', 'ㄱ', 'ㅁㅈ', 'ㄴㄱㅁㅅ', 'ㅎㄱㄷ', 'ㅅㅁ']) {
        assert.equal(keys.some((k) => k.startsWith(q)), toChosung(name).includes(q), `${name} / ${q}`);
      }
      for (const key of keys) assert.match(key[0], /[ㄱ-ㅎ]/, `${name}: 초성 keys start with an initial consonant`);
    }
  });

  test('the chart number is one key, for prefix search', () => {
    assert.deepEqual(patientSearchKeys('김민수', 'P202600031').filter((k) => k.kind === 'p'), [{ kind: 'p', search_key: 'P202600031' }]);
  });
});
