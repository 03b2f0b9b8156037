/**
 * Initial consonants (초성) of Hangul syllables, for searches such as `ㄱㅁㅅ` → 김민수.
 * A precomposed syllable U+AC00…U+D7A3 is ((initial × 21) + medial) × 28 + final (Unicode §3.12).
 */
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const PER_INITIAL = 21 * 28;

/** 김민수 → ㄱㅁㅅ; characters that are not syllables are kept as they are (spaces dropped). */
export function toChosung(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST) out += INITIALS[Math.floor((code - SYLLABLE_FIRST) / PER_INITIAL)];
    else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** True when a query is made only of initial consonants (ㄱ…ㅎ), e.g. `ㄱㅁㅅ`. */
export function isChosungQuery(query: string): boolean {
  const compact = query.replace(/\s/g, '');
  return compact.length > 0 && [...compact].every((char) => INITIALS.includes(char));
}
