/**
 * Resident registration numbers (주민등록번호): YYMMDD-GNNNNNN. The 7th digit gives century and sex
 * (1/2: 1900s, 3/4: 2000s, 9/0: 1800s; 5–8: foreign residents). Numbers issued since October 2020
 * no longer carry a checksum, so only the format and the date are checked.
 */
export interface ParsedRrn {
  normalized: string;
  birthDate: string;
  gender: 'M' | 'F';
}

const CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '3': 2000, '4': 2000, '5': 1900, '6': 1900, '7': 2000, '8': 2000, '9': 1800, '0': 1800 };

export function parseRrn(input: string): ParsedRrn {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{13}$/.test(digits)) throw new RangeError('주민등록번호는 13자리 숫자입니다 (YYMMDD-GNNNNNN)');
  const [yy, mm, dd, g] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits[6]];
  const year = CENTURY[g] + Number(yy);
  const birthDate = `${year}-${mm}-${dd}`;
  const date = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthDate || date > new Date()) {
    throw new RangeError('주민등록번호의 생년월일이 올바르지 않습니다 (invalid birth date in RRN)');
  }
  return { normalized: `${digits.slice(0, 6)}-${digits.slice(6)}`, birthDate, gender: Number(g) % 2 === 1 ? 'M' : 'F' };
}

/** 900101-1234567 → 900101-1****** (the form shown on screens and in the API). */
export function maskRrn(normalized: string): string {
  return `${normalized.slice(0, 8)}******`;
}
