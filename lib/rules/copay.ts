import type { FeeCategory } from './fee-schedule.js';

/**
 * Patient share (본인부담) of a bill: who pays which won of each line, by insurance type, care
 * setting and institution level. All money is integer won; percentages are integers and every
 * division is an integer division, so a bill computes to the same won on every machine.
 *
 * Rounding rule (국민건강보험법 시행령 별표 2 practice, 10원 미만 절사): the patient's share of the
 * covered (급여) lines is computed on their sum, rounded down to the won, then truncated to a
 * multiple of 10 won; the truncated won are borne by the insurer (공단부담). Uninsured (비급여)
 * lines are charged as priced, 100% to the patient. Where no insurer pays (insurance `NONE`, or a
 * 100% rate) the patient pays the exact sum, since there is nobody to absorb the truncated won.
 */
export const INSURANCE_TYPES = {
  NHI: '건강보험',
  MEDICAL_AID_1: '의료급여 1종',
  MEDICAL_AID_2: '의료급여 2종',
  NONE: '일반 (보험 미적용)',
} as const;
export type InsuranceType = keyof typeof INSURANCE_TYPES;

export const CARE_SETTINGS = { OUTPATIENT: '외래', INPATIENT: '입원' } as const;
export type CareSetting = keyof typeof CARE_SETTINGS;

export const INSTITUTION_LEVELS = { TERTIARY: '상급종합병원', GENERAL: '종합병원', HOSPITAL: '병원', CLINIC: '의원' } as const;
export type InstitutionLevel = keyof typeof INSTITUTION_LEVELS;

/** A share of the covered total: a percentage, or a fixed amount per visit (의료급여 1종 외래). */
export type ShareRule = { percent: number } | { perVisit: number };

/**
 * Patient share of covered care per institution level. This hospital is a 종합병원 (GENERAL, the
 * configured row). The other rows are simplified (no 진찰료 100% rule at 상급종합, no 의원 정액제
 * for the elderly) and are there so a setting can be switched by configuration later; check them
 * against the current 고시 before using them.
 */
export const PATIENT_SHARE: Record<InstitutionLevel, Record<InsuranceType, Record<CareSetting, ShareRule>>> = {
  TERTIARY: {
    NHI: { OUTPATIENT: { percent: 60 }, INPATIENT: { percent: 20 } },
    MEDICAL_AID_1: { OUTPATIENT: { perVisit: 2_000 }, INPATIENT: { percent: 0 } },
    MEDICAL_AID_2: { OUTPATIENT: { percent: 15 }, INPATIENT: { percent: 10 } },
    NONE: { OUTPATIENT: { percent: 100 }, INPATIENT: { percent: 100 } },
  },
  GENERAL: {
    NHI: { OUTPATIENT: { percent: 50 }, INPATIENT: { percent: 20 } },
    MEDICAL_AID_1: { OUTPATIENT: { perVisit: 1_500 }, INPATIENT: { percent: 0 } },
    MEDICAL_AID_2: { OUTPATIENT: { percent: 15 }, INPATIENT: { percent: 10 } },
    NONE: { OUTPATIENT: { percent: 100 }, INPATIENT: { percent: 100 } },
  },
  HOSPITAL: {
    NHI: { OUTPATIENT: { percent: 40 }, INPATIENT: { percent: 20 } },
    MEDICAL_AID_1: { OUTPATIENT: { perVisit: 1_500 }, INPATIENT: { percent: 0 } },
    MEDICAL_AID_2: { OUTPATIENT: { percent: 15 }, INPATIENT: { percent: 10 } },
    NONE: { OUTPATIENT: { percent: 100 }, INPATIENT: { percent: 100 } },
  },
  CLINIC: {
    NHI: { OUTPATIENT: { percent: 30 }, INPATIENT: { percent: 20 } },
    MEDICAL_AID_1: { OUTPATIENT: { perVisit: 1_000 }, INPATIENT: { percent: 0 } },
    MEDICAL_AID_2: { OUTPATIENT: { perVisit: 1_000 }, INPATIENT: { percent: 10 } },
    NONE: { OUTPATIENT: { percent: 100 }, INPATIENT: { percent: 100 } },
  },
};

/** The institution level bills are computed for: this hospital is a 종합병원. */
export const HOSPITAL_LEVEL: InstitutionLevel = 'GENERAL';

/**
 * The largest bill accepted, in won. It keeps every amount inside a 32-bit INTEGER column and
 * every product below 2^53, so integer arithmetic in JavaScript stays exact.
 */
export const MAX_BILL_TOTAL = 1_000_000_000;

/** A priced line before the shares are split: what the fee schedule says, times the quantity. */
export interface ChargeLine {
  code: string;
  name: string;
  category: FeeCategory;
  covered: boolean;
  unitPrice: number;
  quantity: number;
}

export interface SharedLine extends ChargeLine {
  amount: number;
  patientShare: number;
  insurerShare: number;
}

export interface BillTotals {
  /** Sum of all lines (진료비 총액). */
  total: number;
  /** Sum of covered lines (급여 합계). */
  coveredTotal: number;
  /** Sum of uninsured lines (비급여 합계). */
  uncoveredTotal: number;
  /** The patient's part of the covered lines (급여 본인부담금), after truncation. */
  coveredPatient: number;
  /** What the insurer pays (공단부담금). */
  insurer: number;
  /** What the patient pays: covered share plus every uninsured line (환자부담 총액). */
  patient: number;
}

export interface ShareContext {
  insuranceType: InsuranceType;
  careSetting: CareSetting;
  level?: InstitutionLevel;
}

/** `n` rounded down to a multiple of 10 won (10원 미만 절사). */
export function truncateTo10Won(n: number): number {
  return n - (n % 10);
}

/** `percent`% of `amount`, rounded down to the won, in integer arithmetic. */
export function percentOf(amount: number, percent: number): number {
  const scaled = amount * percent;
  return (scaled - (scaled % 100)) / 100;
}

/** The rule that applies to covered care for this insurance, setting and institution level. */
export function shareRule(context: ShareContext): ShareRule {
  return PATIENT_SHARE[context.level ?? HOSPITAL_LEVEL][context.insuranceType][context.careSetting];
}

/** The patient's share of a covered total under a rule, truncated to 10 won unless nobody else pays. */
export function coveredPatientShare(coveredTotal: number, rule: ShareRule): number {
  if ('perVisit' in rule) return truncateTo10Won(Math.min(rule.perVisit, coveredTotal));
  if (rule.percent >= 100) return coveredTotal;
  return truncateTo10Won(percentOf(coveredTotal, rule.percent));
}

/**
 * Splits `total` over parts in proportion to `weights` so the parts sum exactly to `total`:
 * each gets the floor of its exact share, and the won left over go one each to the largest
 * fractional remainders (earlier lines first on ties). BigInt keeps total × weight exact.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const numerators = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = numerators.map((n) => Number(n / BigInt(sum)));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = weights.map((_, i) => i).sort((a, b) => {
    const ra = numerators[a] % BigInt(sum);
    const rb = numerators[b] % BigInt(sum);
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (const i of byRemainder) {
    if (left === 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}

/**
 * Computes every line's amount and shares, and the bill's totals. Line shares of the covered
 * part are the bill-level share allocated in proportion to the line amounts, so lines always
 * add up to the totals printed on the receipt. Throws RangeError for a non-integer or
 * non-positive price or quantity, or a bill above MAX_BILL_TOTAL.
 */
export function computeBill(lines: ChargeLine[], context: ShareContext): { lines: SharedLine[]; totals: BillTotals } {
  for (const line of lines) {
    if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) throw new RangeError(`${line.code}: unit price must be whole won`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) throw new RangeError(`${line.code}: quantity must be a positive integer`);
  }
  const amounts = lines.map((line) => line.unitPrice * line.quantity);
  const total = amounts.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(total) || total > MAX_BILL_TOTAL) throw new RangeError(`bill total above ${MAX_BILL_TOTAL} won`);

  // Without insurance nothing is covered: every line is the patient's in full.
  const insured = context.insuranceType !== 'NONE';
  const coveredWeights = lines.map((line, i) => (insured && line.covered ? amounts[i] : 0));
  const coveredTotal = coveredWeights.reduce((a, b) => a + b, 0);
  const coveredPatient = coveredPatientShare(coveredTotal, shareRule(context));
  const patientParts = allocate(coveredPatient, coveredWeights);

  const shared = lines.map((line, i) => {
    const covered = coveredWeights[i] > 0;
    const patientShare = covered ? patientParts[i] : amounts[i];
    return { ...line, amount: amounts[i], patientShare, insurerShare: amounts[i] - patientShare };
  });
  const insurer = coveredTotal - coveredPatient;
  return {
    lines: shared,
    totals: { total, coveredTotal, uncoveredTotal: total - coveredTotal, coveredPatient, insurer, patient: total - insurer },
  };
}
