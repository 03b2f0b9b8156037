import type { Allergy, Patient } from '../types';
import { t } from './messages';

/** `남 47세`: sex and age the way a Korean chart shows them. */
export function sexAge(p: Pick<Patient, 'gender' | 'age'>): string {
  const sex = p.gender === 'M' || p.gender === 'F' ? t(p.gender) : (p.gender ?? '');
  return [sex, p.age != null ? t('years', { age: p.age }) : ''].filter(Boolean).join(' ');
}

/** Allergies as stored: a list of `{substance, reaction, severity}`, or older free text. */
export function allergyList(value: Patient['allergies']): Allergy[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim()) return value.split(/[,;\n]/).map((s) => ({ substance: s.trim() })).filter((a) => a.substance);
  return [];
}
