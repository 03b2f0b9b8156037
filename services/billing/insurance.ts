import { Errors } from 'moleculer';
import { INSURANCE_TYPES, type InsuranceType } from '../../lib/rules/copay.js';
import { isCalendarDate, kstDateOf } from '../../lib/rules/kst-dates.js';
import type { PatientInsuranceAttributes } from '../../models/patient-insurance.js';
import { invalidField } from '../errors.js';
import { dateParam } from '../../lib/http/paging.js';

export interface InsuranceInput {
  patientId: number;
  insuranceType: InsuranceType;
  insurer?: string | null;
  cardNumber?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * With no insurance on file a bill is computed as 건강보험 (NHI): nearly every resident is
 * enrolled and the front desk verifies eligibility (자격조회) at reception. A 의료급여 or uninsured
 * patient must have the insurance recorded before billing; the bill's `insurance_type` shows
 * which rule was applied.
 */
export const DEFAULT_INSURANCE: InsuranceType = 'NHI';

const DATE_RULE = { ...dateParam, nullable: true, optional: true } as const;

export const INSURANCE_PARAMS = {
  patientId: { type: 'number', integer: true, positive: true, convert: true },
  insuranceType: { type: 'enum', values: Object.keys(INSURANCE_TYPES) },
  insurer: { type: 'string', max: 100, trim: true, nullable: true, optional: true },
  cardNumber: { type: 'string', pattern: /^[0-9A-Za-z-]{4,40}$/, nullable: true, optional: true },
  validFrom: DATE_RULE,
  validTo: DATE_RULE,
  $$strict: true,
} as const;

/** The stored columns for an insurance record; dates must be real and in order. */
export function insuranceColumns(input: InsuranceInput, updatedById: number) {
  for (const field of ['validFrom', 'validTo'] as const) {
    const value = input[field];
    if (value && !isCalendarDate(value)) invalidField(field, '날짜가 올바르지 않습니다 (invalid date)');
  }
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) invalidField('validTo', '유효기간의 끝이 시작보다 빠릅니다 (validTo before validFrom)');
  return {
    insurance_type: input.insuranceType, insurer: input.insurer ?? null, card_number: input.cardNumber ?? null,
    valid_from: input.validFrom ?? null, valid_to: input.validTo ?? null, updated_by_id: updatedById,
  };
}

/** The record as answered, or the default that billing would apply when none is on file. */
export function presentInsurance(patientId: number, row: PatientInsuranceAttributes | null) {
  if (row) return { ...row, recorded: true, label: INSURANCE_TYPES[row.insurance_type] };
  return {
    patient_id: patientId, insurance_type: DEFAULT_INSURANCE, insurer: null, card_number: null, valid_from: null, valid_to: null,
    recorded: false, label: INSURANCE_TYPES[DEFAULT_INSURANCE],
  };
}

/**
 * The insurance a bill made now is computed with. A record outside its validity is a 409: the
 * front desk re-verifies eligibility and updates it rather than billing on a lapsed card.
 */
export function insuranceForBilling(row: PatientInsuranceAttributes | null, now = new Date()): InsuranceType {
  if (!row) return DEFAULT_INSURANCE;
  const today = kstDateOf(now);
  if ((row.valid_from && today < row.valid_from) || (row.valid_to && today > row.valid_to)) {
    throw new Errors.MoleculerClientError(
      `보험 자격 유효기간(${row.valid_from ?? ''}~${row.valid_to ?? ''})이 아닙니다. 자격을 확인하고 보험 정보를 갱신하세요 (insurance not valid today)`,
      409, 'INSURANCE_NOT_VALID', { validFrom: row.valid_from, validTo: row.valid_to },
    );
  }
  return row.insurance_type;
}
