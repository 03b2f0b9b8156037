import { isChosungQuery, toChosung } from './chosung.js';

/**
 * Search keys of a patient (table `patient_search_key`, migration 0009), so that "contains"
 * searches become index range scans: every substring of a text is a prefix of one of its
 * suffixes, so `name LIKE '%민수%'` holds exactly when some name suffix is `LIKE '민수%'`.
 *
 * - `n`: the suffixes of the name (민수 matches 김민수 through its suffix 민수)
 * - `c`: the suffixes of the name's 초성 that start with an initial consonant (ㅁㅅ matches 김민수
 *   through ㄱㅁㅅ → ㅁㅅ); 초성 queries are made of initial consonants only
 * - `p`: the chart number itself, for prefix search (P2026 matches P202600031)
 */
export type SearchKeyKind = 'n' | 'c' | 'p';

export interface SearchKey {
  kind: SearchKeyKind;
  search_key: string;
}

/** The longest key; names and their 초성 are at most 100 characters. */
export const SEARCH_KEY_LENGTH = 100;

/** Every suffix of `text` that does not start with whitespace (queries are trimmed). */
export function suffixes(text: string): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (!/\s/.test(chars[i])) out.push(chars.slice(i).join(''));
  }
  return out;
}

/** The keys of one patient, from the name and the chart number. */
export function patientSearchKeys(name: string, patientNumber: string): SearchKey[] {
  return [
    ...suffixes(name).map((search_key) => ({ kind: 'n' as const, search_key })),
    ...suffixes(toChosung(name)).filter((key) => isChosungQuery(key[0])).map((search_key) => ({ kind: 'c' as const, search_key })),
    { kind: 'p', search_key: patientNumber },
  ];
}
