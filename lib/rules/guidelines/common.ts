/**
 * Shared vocabulary of the imaging guideline rules (Fleischner 2017, Lung-RADS v2022, BI-RADS 5th
 * edition). The rules are pure functions: no broker, no database, so the pipelines, the API and the
 * tests all run the very same code, and each result carries the citation the UI shows next to it.
 */

/** A user-facing text in both languages; `bilingual()` renders the house form "한국어 (english)". */
export interface LocalizedText {
  readonly ko: string;
  readonly en: string;
}

export const bilingual = (text: LocalizedText): string => `${text.ko} (${text.en})`;

/** Nodule attenuation as the detector reports it; Lung-RADS calls ground-glass "non-solid". */
export const NODULE_TYPES = ['solid', 'part-solid', 'ground-glass'] as const;
export type NoduleType = (typeof NODULE_TYPES)[number];

/** An inclusive window in months after the current exam, e.g. [6, 12] for "at 6–12 months". */
export type MonthRange = readonly [min: number, max: number];

/**
 * Input that no guideline row can be looked up for (a negative diameter, an unknown enum). It is a
 * RangeError so that callers which only know the standard errors still treat it as bad input; the
 * services map it to a 400/422 on `field` instead of letting it surface as a crash.
 */
export class GuidelineInputError extends RangeError {
  readonly field: string;
  readonly text: LocalizedText;
  constructor(field: string, text: LocalizedText) {
    super(bilingual(text));
    this.name = 'GuidelineInputError';
    this.field = field;
    this.text = text;
  }
}

/** A diameter in mm: finite and positive, below a bound no chest or breast lesion reaches. */
export function requireDiameterMm(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 500) {
    throw new GuidelineInputError(field, {
      ko: `${field}: 0보다 크고 500 mm 이하인 직경(mm)이어야 합니다`,
      en: `${field}: must be a diameter in mm, greater than 0 and at most 500`,
    });
  }
  return value;
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new GuidelineInputError(field, {
      ko: `${field}: 허용되지 않는 값입니다 — ${allowed.join(', ')} 중 하나여야 합니다`,
      en: `${field}: not allowed — must be one of ${allowed.join(', ')}`,
    });
  }
  return value as T;
}

/**
 * Clears binary floating-point noise before a rounding rule is applied, so that a mean written as
 * 5.5 is not stored as 5.4999999 and rounded the wrong way at a guideline threshold.
 */
const clean = (x: number): number => Number(x.toPrecision(12));

/** Average of long and short axis, rounded half up to whole mm (Fleischner 2017, Table 1 footnote). */
export const meanDiameterWholeMm = (longAxisMm: number, shortAxisMm: number): number =>
  Math.round(clean((longAxisMm + shortAxisMm) / 2));

/** Average of long and short axis, rounded half up to one decimal (Lung-RADS v2022, note 4). */
export const meanDiameterTenthMm = (longAxisMm: number, shortAxisMm: number): number =>
  Math.round(clean(((longAxisMm + shortAxisMm) / 2) * 10)) / 10;

/** One decimal, for measurements (a solid component) reported as a single number. */
export const roundTenthMm = (mm: number): number => Math.round(clean(mm * 10)) / 10;
