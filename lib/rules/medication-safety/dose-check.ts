import { drugByCode, type FormularyDrug } from '../formulary.js';
import { FREQUENCIES } from '../medication-frequency.js';
import { DOSE_RANGES, type DoseRange } from './dose-ranges.js';
import type { DoseLine, MedicationAlert, ResolvedDrug } from './types.js';

const RANGES = new Map<string, DoseRange>(DOSE_RANGES.map((range) => [range.inn, range]));
const AMOUNT = /^(\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)*)\s*(mg|g)$/;
/** Floating-point slack: 3 × 0.1 g must not read as more than 0.3 g. */
const EPSILON = 1e-6;

/**
 * Milligrams of each ingredient in one `doseUnit` of a formulary product: a tablet of
 * `500/125 mg` holds 500 mg and 125 mg; an injection dosed in `g` or `mg` is already a mass.
 * Undefined where a dose cannot be turned into mg (mL of a syrup, inhalations, topical
 * applications, a combination dosed in grams of the whole).
 */
export function mgPerDoseUnit(drug: FormularyDrug, ingredients: string[]): Map<string, number> | undefined {
  if (drug.doseUnit === 'mg' || drug.doseUnit === 'g') {
    return ingredients.length === 1 ? new Map([[ingredients[0], drug.doseUnit === 'g' ? 1000 : 1]]) : undefined;
  }
  if (drug.doseUnit !== '정' && drug.doseUnit !== '캡슐') return undefined;
  const match = AMOUNT.exec(drug.strength);
  if (!match) return undefined;
  const amounts = match[1].split('/').map((n) => Number(n) * (match[2] === 'g' ? 1000 : 1));
  if (amounts.length !== ingredients.length) return undefined;
  return new Map(ingredients.map((ingredient, i) => [ingredient, amounts[i]]));
}

/**
 * Administrations per day of a frequency code: the ward schedule's count; STAT is one dose.
 * PRN has no defined maximum in lib/rules/medication-frequency.ts, so it gives undefined and
 * only the single dose is checked.
 */
export function dosesPerDay(frequency: string): number | undefined {
  if (frequency === 'STAT') return 1;
  const known = (FREQUENCIES as Record<string, { perDay: number }>)[frequency];
  return known && known.perDay > 0 ? known.perDay : undefined;
}

const mg = (value: number) => `${Number(value.toFixed(3)).toLocaleString('en-US')} mg`;

interface DailyTotal { mg: number; labels: string[] }

/**
 * Dose-range alerts for the proposed lines: a single dose over the labelled maximum is moderate;
 * a daily total over it is major. Lines of the same ingredient are added up, so two
 * paracetamol products together are held to one 4 g limit.
 */
export function doseAlerts(lines: { drug: ResolvedDrug; dose?: DoseLine }[], ageYears?: number | null): MedicationAlert[] {
  const alerts: MedicationAlert[] = [];
  const daily = new Map<string, DailyTotal>();
  for (const { drug, dose } of lines) {
    const product = drug.code ? drugByCode(drug.code) : undefined;
    if (!product || !dose || !(dose.dose > 0)) continue;
    const amounts = mgPerDoseUnit(product, drug.ingredients);
    if (!amounts) continue;
    for (const [inn, perUnit] of amounts) {
      const range = RANGES.get(inn);
      if (!range) continue;
      const single = dose.dose * perUnit;
      if (range.maxSingleMg !== undefined && single > range.maxSingleMg + EPSILON) {
        alerts.push({
          key: `dose-range:single:${inn}`,
          severity: 'moderate',
          type: 'dose-range',
          message: `${drug.label} 1회 ${mg(single)}: 1회 최대 ${mg(range.maxSingleMg)} 초과 (${inn} ${mg(single)} per dose exceeds the maximum single dose of ${mg(range.maxSingleMg)})`,
          source: range.source,
          drugs: [inn],
        });
      }
      const perDay = dosesPerDay(dose.frequency);
      if (perDay === undefined) continue;
      const total = daily.get(inn) ?? { mg: 0, labels: [] };
      total.mg += single * perDay;
      if (!total.labels.includes(drug.label)) total.labels.push(drug.label);
      daily.set(inn, total);
    }
  }
  for (const [inn, total] of daily) {
    const range = RANGES.get(inn)!;
    const elderly = range.elderly && ageYears != null && ageYears > range.elderly.olderThanYears ? range.elderly : undefined;
    const max = elderly?.maxDailyMg ?? range.maxDailyMg;
    if (max === undefined || total.mg <= max + EPSILON) continue;
    const who = elderly ? ` (${elderly.olderThanYears}세 초과)` : '';
    const whoEn = elderly ? ` for patients over ${elderly.olderThanYears}` : '';
    alerts.push({
      key: `dose-range:daily:${inn}`,
      severity: 'major',
      type: 'dose-range',
      message: `${total.labels.join(' + ')} 1일 총 ${mg(total.mg)}: 1일 최대 ${mg(max)}${who} 초과 (${inn} ${mg(total.mg)}/day exceeds the maximum of ${mg(max)}/day${whoEn})`,
      source: range.source,
      drugs: [inn],
    });
  }
  return alerts;
}
