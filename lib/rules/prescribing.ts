import type { Medication } from '../../models/prescription.js';
import { drugByCode } from './formulary.js';
import { FREQUENCIES, FREQUENCY_CODES, ROUTES, ROUTE_CODES, type Frequency, type Route } from './medication-frequency.js';

/** One drug line as a doctor orders it; the formulary supplies everything else. */
export interface PrescriptionItemInput {
  code: string;
  dose: number;
  frequency: string;
  days: number;
  route?: string;
  instructions?: string;
}

export interface PrescribingProblem {
  field: string;
  message: string;
}

/** The longest course one prescription may cover (a six-month supply of a chronic medication). */
export const MAX_DAYS = 180;
/** Above this a dose is a typing slip, whatever its unit (1000 mL of an infusion is the most). */
const MAX_DOSE = 1000;

/**
 * Everything wrong with the ordered lines, each naming its field (`items[2].days`), in Korean
 * first: an unknown drug, a dose that is not positive, a course outside 1–180 whole days, a
 * frequency or route that is not one of the ward's codes. An empty list means the order is valid.
 */
export function prescribingProblems(items: PrescriptionItemInput[]): PrescribingProblem[] {
  const problems: PrescribingProblem[] = [];
  items.forEach((item, index) => {
    const drug = drugByCode(item.code);
    const label = drug?.name ?? `${index + 1}번째 약`;
    const field = (name: string) => `items[${index}].${name}`;
    if (!drug) {
      problems.push({ field: field('code'), message: `처방집에 없는 약품 코드입니다: ${item.code} (unknown formulary code)` });
    }
    if (!(Number.isFinite(item.dose) && item.dose > 0 && item.dose <= MAX_DOSE)) {
      problems.push({ field: field('dose'), message: `${label}: 1회 투약량은 0보다 크고 ${MAX_DOSE} 이하여야 합니다 (dose must be greater than 0)` });
    }
    if (!(Number.isInteger(item.days) && item.days >= 1 && item.days <= MAX_DAYS)) {
      problems.push({ field: field('days'), message: `${label}: 총 투약일수는 1–${MAX_DAYS}일 정수입니다 (days must be a whole number 1-${MAX_DAYS})` });
    }
    if (!(FREQUENCY_CODES as string[]).includes(item.frequency)) {
      problems.push({ field: field('frequency'), message: `${label}: 투여 횟수 코드가 올바르지 않습니다: ${item.frequency} (frequency must be one of ${FREQUENCY_CODES.join(', ')})` });
    }
    if (item.route !== undefined && !(ROUTE_CODES as string[]).includes(item.route)) {
      problems.push({ field: field('route'), message: `${label}: 투여 경로 코드가 올바르지 않습니다: ${item.route} (route must be one of ${ROUTE_CODES.join(', ')})` });
    }
  });
  return problems;
}

/**
 * The stored lines of a valid order: the formulary fields are copied in so the prescription reads
 * the same after the formulary changes. Call only when `prescribingProblems` found nothing.
 */
export function medicationLines(items: PrescriptionItemInput[]): Medication[] {
  return items.map((item) => {
    const drug = drugByCode(item.code)!;
    const line: Medication = {
      code: drug.code, name: drug.name, ingredient: drug.ingredient, atcCode: drug.atcCode, strength: drug.strength, form: drug.form,
      dose: item.dose, doseUnit: drug.doseUnit, route: (item.route as Route | undefined) ?? drug.defaultRoute,
      frequency: item.frequency as Frequency, days: item.days,
    };
    if (item.instructions?.trim()) line.instructions = item.instructions.trim();
    return line;
  });
}

/** `1일 3회` is printed as `3회`; schedules that say more (8시간마다, 취침 전, 필요 시) keep their label. */
export function timesPerDay(frequency: Frequency): string {
  const { perDay, label } = FREQUENCIES[frequency];
  if (perDay === 0) return label;
  return label === `1일 ${perDay}회` ? `${perDay}회` : `${perDay}회 (${label})`;
}

/** How a line is taken, e.g. `경구, 식후 30분` (the Korean part of the route label, then the instructions). */
export function directions(line: Medication): string {
  const route = ROUTES[line.route]?.split(' (')[0] ?? line.route;
  return [route, line.instructions].filter(Boolean).join(', ');
}

/** The seed's free-text `dosage` column: one line per drug, as a pharmacist would read it aloud. */
export function dosageText(lines: Medication[]): string {
  return lines.map((line) => `${line.name} ${line.dose}${line.doseUnit} ${FREQUENCIES[line.frequency].label} ${line.days}일 (${directions(line)})`).join('\n');
}

/** The seed's `duration` column: the longest course of the prescription. */
export function durationText(lines: Medication[]): string {
  return `${Math.max(...lines.map((line) => line.days))}일`;
}
