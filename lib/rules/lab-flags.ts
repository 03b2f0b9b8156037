import type { Analyte, ReferenceRange } from './lab-analytes.js';

/**
 * Result flags as Korean laboratory reports print them: `N` within the reference interval, `L`/`H`
 * outside it, `LL`/`HH` beyond a critical limit (a critical value is also outside the interval).
 */
export const LAB_FLAGS = { N: '정상', L: '낮음', H: '높음', LL: '위급 (낮음)', HH: '위급 (높음)' } as const;
export type LabFlag = keyof typeof LAB_FLAGS;

/** What the flag depends on: the patient's sex and age in whole years, when known. */
export interface PatientFacts {
  sex: 'M' | 'F' | null;
  age: number | null;
}

/** A reported value: the number the flag is computed from and the text as the analyser sent it. */
export interface LabValue {
  numeric: number;
  text: string;
  /** `<0.5` or `>500`: the analyser's measuring range ended there; the bound is flagged. */
  comparator: '<' | '>' | null;
}

export interface Interpretation {
  /** Null when no reference interval applies to this patient and no critical limit was crossed. */
  flag: LabFlag | null;
  critical: boolean;
  range: ReferenceRange | null;
  rangeText: string | null;
}

const VALUE = /^\s*([<>])?\s*(-?\d+(?:\.\d+)?)\s*$/;

/** A submitted value (a number, `"6.5"`, `"<0.5"`, `">500"`), or null when it is not one. */
export function parseLabValue(raw: number | string): LabValue | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { numeric: raw, text: String(raw), comparator: null } : null;
  const match = VALUE.exec(raw);
  if (!match) return null;
  const comparator = (match[1] as '<' | '>' | undefined) ?? null;
  return { numeric: Number(match[2]), text: `${comparator ?? ''}${match[2]}`, comparator };
}

/** The first interval of the analyte that fits the patient; a sex-specific one needs a known sex. */
export function referenceRangeFor(analyte: Analyte, patient: PatientFacts): ReferenceRange | null {
  return analyte.ranges.find((range) => {
    if (range.sex && range.sex !== patient.sex) return false;
    if (range.minAge === undefined && range.maxAge === undefined) return true;
    if (patient.age === null) return false;
    return (range.minAge === undefined || patient.age >= range.minAge) && (range.maxAge === undefined || patient.age < range.maxAge);
  }) ?? null;
}

/** The interval as printed on a report, bounds with the analyte's decimals: `3.5–5.1`, `≤40`, `≥40`, or its own text. */
export function rangeText(range: ReferenceRange, decimals?: number): string {
  if (range.text) return range.text;
  const show = (bound: number) => (decimals === undefined ? String(bound) : bound.toFixed(decimals));
  if (range.low !== undefined && range.high !== undefined) return `${show(range.low)}–${show(range.high)}`;
  if (range.high !== undefined) return `≤${show(range.high)}`;
  return `≥${show(range.low!)}`;
}

/** Flags one value for one patient: critical limits first, then the reference interval. */
export function interpretValue(analyte: Analyte, value: number, patient: PatientFacts): Interpretation {
  const range = referenceRangeFor(analyte, patient);
  const text = range ? rangeText(range, analyte.decimals) : null;
  const limits = analyte.critical;
  if (limits?.low !== undefined && value < limits.low) return { flag: 'LL', critical: true, range, rangeText: text };
  if (limits?.high !== undefined && value > limits.high) return { flag: 'HH', critical: true, range, rangeText: text };
  if (!range) return { flag: null, critical: false, range, rangeText: text };
  if (range.low !== undefined && value < range.low) return { flag: 'L', critical: false, range, rangeText: text };
  if (range.high !== undefined && value > range.high) return { flag: 'H', critical: false, range, rangeText: text };
  return { flag: 'N', critical: false, range, rangeText: text };
}

/** One result as the summary needs it. */
export interface SummarisedResult {
  analyte_code: string;
  value_text: string;
  unit: string;
  flag: LabFlag | null;
}

const SUMMARY_MAX = 500;

/**
 * The one line an order carries once its results are verified (OCS `result_summary`): the
 * abnormal values, critical ones first (`HH K 6.5 mmol/L, H GLU 130 mg/dL`), or `정상 (n항목)`.
 */
export function resultSummary(results: SummarisedResult[]): string {
  const rank = (flag: LabFlag | null) => (flag === 'LL' || flag === 'HH' ? 0 : 1);
  const abnormal = results.filter((r) => r.flag && r.flag !== 'N').sort((a, b) => rank(a.flag) - rank(b.flag));
  if (abnormal.length === 0) return `정상 (${results.length}항목)`;
  const line = abnormal.map((r) => `${r.flag} ${r.analyte_code} ${r.value_text} ${r.unit}`).join(', ');
  return line.length <= SUMMARY_MAX ? line : `${line.slice(0, SUMMARY_MAX - 1)}…`;
}
