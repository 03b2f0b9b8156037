import { lang } from '../../../../shared/i18n';
import type { AnalysisResults, Localized } from '../types';
import { v, type ViewKey } from './messages';

/**
 * Reading what the server sent, field by field: the guideline rules' answers (`guidelines[].details`)
 * and the findings' `attributes` are pipeline-specific JSON, so every read checks the type and a
 * missing or odd field is simply absent (the views render nothing for it; nothing is made up).
 */

export type Json = Record<string, unknown>;
export type Guideline = AnalysisResults['guidelines'][number];
export type Finding = AnalysisResults['findings'][number];

export const record = (value: unknown): Json | null => (value != null && typeof value === 'object' && !Array.isArray(value) ? value as Json : null);
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
export const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const text = (value: unknown): Localized | null => {
  const r = record(value);
  return r && typeof r.ko === 'string' ? { ko: r.ko, en: typeof r.en === 'string' ? r.en : r.ko } : null;
};

/** A path into JSON (`at(x, 'info', 'name')`), or undefined where any step is missing. */
export function at(value: unknown, ...path: string[]): unknown {
  let here: unknown = value;
  for (const key of path) here = record(here)?.[key];
  return here;
}

/** The guideline whose name starts with `prefix`; the pipelines put the governing one first. */
export const guidelineNamed = (results: AnalysisResults, prefix: string): Guideline | null =>
  results.guidelines.find((g) => g.name.startsWith(prefix)) ?? null;

/** A month range ([3, 6]) as '3–6개월', with the modality when given ('CT 3–6개월'); null without months. */
export function followUpText(followUp: unknown): string | null {
  const months = list(at(followUp, 'months')).map(num);
  if (months.length !== 2 || months.some((m) => m === null)) return null;
  const [min, max] = months as [number, number];
  const range = v('months', { range: min === max ? String(min) : `${min}–${max}` });
  const modality = str(at(followUp, 'modality'));
  return modality ? `${modality} ${range}` : range;
}

/** A label for a code from a message table (`brain-hemorrhage`), or the code itself when the table has none. */
export function labelOf(prefix: string, code: string | null | undefined): string {
  if (!code) return '';
  const key = `${prefix}-${code}` as ViewKey;
  const word = v(key);
  return word === key ? code : word;
}

/** Fleischner 2017 Table 1 row ids (`solid-single-gt8-low`) in words: type · number · size · risk. */
const FLEISCHNER_PARTS: Record<string, { ko: string; en: string }> = {
  solid: { ko: '고형', en: 'solid' }, 'ground-glass': { ko: '간유리', en: 'ground-glass' }, 'part-solid': { ko: '부분고형', en: 'part-solid' },
  subsolid: { ko: '아고형', en: 'subsolid' }, single: { ko: '단발', en: 'single' }, multiple: { ko: '다발', en: 'multiple' },
  lt6: { ko: '6 mm 미만', en: '<6 mm' }, '6to8': { ko: '6–8 mm', en: '6–8 mm' }, gt8: { ko: '8 mm 초과', en: '>8 mm' }, ge6: { ko: '6 mm 이상', en: '≥6 mm' },
  low: { ko: '저위험', en: 'low risk' }, high: { ko: '고위험', en: 'high risk' },
};

export function fleischnerRowLabel(row: string): string {
  const type = ['ground-glass', 'part-solid', 'subsolid', 'solid'].find((t) => row.startsWith(`${t}-`));
  if (!type) return row;
  const parts = [type, ...row.slice(type.length + 1).split('-')];
  if (parts.some((p) => !FLEISCHNER_PARTS[p])) return row;
  return parts.map((p) => FLEISCHNER_PARTS[p][lang()]).join(' · ');
}

/** A guideline's category as a reader says it (Fleischner rows in words; other categories as they are). */
export function guidelineCategoryLabel(name: string, category: string | null | undefined): string {
  if (!category) return '';
  return name.startsWith('Fleischner') ? fleischnerRowLabel(category) : category;
}
