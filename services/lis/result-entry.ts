import { Errors } from 'moleculer';
import { findAnalyte, findLabTest, type Analyte, type SpecimenType } from '../../lib/rules/lab-catalogue.js';
import { interpretValue, parseLabValue, type LabValue, type PatientFacts } from '../../lib/rules/lab-flags.js';
import type { OrderItem } from '../../models/ocs-order.js';
import type { LabResultAttributes } from '../../models/lis.js';

const { MoleculerClientError } = Errors;

/** One result as the laboratory sends it. */
export interface ResultInput {
  /** Analyte code from the catalogue (`K`, `HB`). */
  code: string;
  /** A number, or text such as `"6.5"`, `"<0.5"` or `">500"`. */
  value: number | string;
  /** When sent, it must be the catalogue's unit: results are never converted silently. */
  unit?: string;
}

/** An analyte an order asks for, with the ordered test it is reported under. */
export interface OrderedAnalyte {
  analyte: Analyte;
  testCode: string;
}

/** A checked result, ready to be stored. */
export interface CheckedResult extends OrderedAnalyte {
  value: LabValue;
}

interface Problem {
  field: string;
  message: string;
}

/** Every analyte of every ordered test, keyed by analyte code (a shared analyte is reported once). */
export function orderedAnalytes(items: OrderItem[]): Map<string, OrderedAnalyte> {
  const ordered = new Map<string, OrderedAnalyte>();
  for (const item of items) {
    const test = findLabTest(item.code);
    for (const code of test?.analytes ?? []) {
      if (!ordered.has(code)) ordered.set(code, { analyte: findAnalyte(code)!, testCode: test!.code });
    }
  }
  return ordered;
}

/**
 * Checks a submission against the order: known analytes that were ordered (and, for a submission
 * by barcode, drawn into that tube), each once, in the catalogue's unit, with a plausible value.
 * Every problem is reported at once (400); nothing is stored when there is one.
 */
export function checkResults(inputs: ResultInput[], ordered: Map<string, OrderedAnalyte>, tube?: SpecimenType): CheckedResult[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const checked: CheckedResult[] = [];
  inputs.forEach((input, index) => {
    const at = `results[${index}]`;
    const analyte = findAnalyte(input.code);
    if (!analyte) return problems.push({ field: `${at}.code`, message: `검사 항목 코드를 찾을 수 없습니다: ${input.code} (unknown analyte)` });
    const entry = ordered.get(analyte.code);
    if (!entry) return problems.push({ field: `${at}.code`, message: `이 오더에 처방되지 않은 항목입니다: ${analyte.code} (analyte not ordered)` });
    if (tube && analyte.specimen !== tube) {
      return problems.push({ field: `${at}.code`, message: `이 검체(${tube})로 검사하는 항목이 아닙니다: ${analyte.code} (analyte not measured on this specimen)` });
    }
    if (seen.has(analyte.code)) return problems.push({ field: `${at}.code`, message: `같은 항목이 두 번 있습니다: ${analyte.code} (analyte repeated)` });
    seen.add(analyte.code);
    if (input.unit !== undefined && input.unit.trim() !== analyte.unit) {
      return problems.push({ field: `${at}.unit`, message: `${analyte.code}의 단위는 ${analyte.unit}입니다: ${input.unit} (unit mismatch)` });
    }
    const value = parseLabValue(input.value);
    if (!value) return problems.push({ field: `${at}.value`, message: `숫자 결과가 아닙니다: ${String(input.value)} (not a numeric result)` });
    const [min, max] = analyte.plausible;
    if (value.numeric < min || value.numeric > max) {
      return problems.push({ field: `${at}.value`, message: `${analyte.code} ${value.text} ${analyte.unit}은(는) 측정 가능한 범위(${min}–${max}) 밖입니다 (implausible value)` });
    }
    checked.push({ ...entry, value });
  });
  if (problems.length) throw new MoleculerClientError(problems.map((p) => p.message).join(' '), 400, 'VALIDATION_ERROR', problems);
  return checked;
}

/** The interpreted columns of a result row: the value, its reference interval and its flag. */
export function interpretedColumns(analyte: Analyte, value: LabValue, patient: PatientFacts) {
  const reading = interpretValue(analyte, value.numeric, patient);
  return {
    value_numeric: value.numeric,
    value_text: value.text,
    unit: analyte.unit,
    reference_low: reading.range?.low ?? null,
    reference_high: reading.range?.high ?? null,
    reference_text: reading.rangeText,
    flag: reading.flag,
    critical: reading.critical,
  } satisfies Partial<LabResultAttributes>;
}

/** Patient facts from a patients.get answer (`gender` M/F/O, `age` in years). */
export function patientFacts(patient: { gender?: string | null; age?: number | null }): PatientFacts {
  const sex = patient.gender === 'M' || patient.gender === 'F' ? patient.gender : null;
  return { sex, age: typeof patient.age === 'number' ? patient.age : null };
}

/**
 * True when a stored submission is the one sent again: the same analytes with the same values.
 * Checked before anything about the order, so a retry after verification still gets its answer.
 */
export function sameSubmission(stored: Pick<LabResultAttributes, 'analyte_code' | 'value_text'>[], inputs: ResultInput[]): boolean {
  if (stored.length !== inputs.length) return false;
  const byCode = new Map(stored.map((row) => [row.analyte_code, row.value_text]));
  return inputs.every((input) => {
    const code = findAnalyte(input.code)?.code;
    return code !== undefined && byCode.get(code) === parseLabValue(input.value)?.text;
  });
}
