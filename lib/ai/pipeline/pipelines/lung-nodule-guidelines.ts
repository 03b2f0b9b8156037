import type { LocalizedText, NoduleType } from '../../../rules/guidelines/common.js';
import { FLEISCHNER_2017, fleischnerRecommendation, type FleischnerResult } from '../../../rules/guidelines/fleischner2017.js';
import { LUNG_RADS_2022, lungRadsAssessment, type LungRadsCategory, type LungRadsResult } from '../../../rules/guidelines/lung-rads-2022.js';
import { SUSPICION_LEVELS, type GuidelineOutcome, type PatientContext, type Suspicion } from '../types.js';

/**
 * The lung nodule pipeline's guidelines: Fleischner 2017 for incidental nodules and Lung-RADS v2022
 * for screening LDCT, both applied to every study (the screen shows both; the context decides which
 * one governs and comes first). Every nodule found is new to us, so Lung-RADS sees it at baseline:
 * the pipeline has no prior exam to compare with.
 */

export interface MeasuredNodule {
  type: NoduleType;
  longAxisMm: number;
  shortAxisMm: number;
  solidComponentMm?: number;
}

export interface LungGuidelines {
  outcomes: GuidelineOutcome[];
  fleischner: FleischnerResult;
  lungRads: LungRadsResult;
  /** Lung-RADS category of each nodule, in input order. */
  categories: LungRadsCategory[];
  suspicion: Suspicion;
  /** Which nodule the governing guideline's answer rests on (index into the input), or null. */
  governingIndex: number | null;
  warnings: string[];
}

/** Fleischner applies from 35 years (Table 1 footnote); without an age we say so rather than guess silently. */
const ASSUMED_ADULT_AGE = 35;

const RANK: Record<LungRadsCategory, number> = { '0': 0, '1': 1, '2': 2, '3': 3, '4A': 4, '4B': 5, '4X': 6 };

/**
 * The smallest measurable diameter the rules accept (they refuse 0): a component one pixel wide
 * still has a finite size, so we never hand the rules a zero.
 */
const atLeast = (mm: number) => Math.max(mm, 0.1);

export function lungGuidelines(nodules: readonly MeasuredNodule[], patient: PatientContext, dicomAge: number | null): LungGuidelines {
  const warnings: string[] = [];
  const context = patient.lungContext ?? 'incidental';
  let ageYears = patient.ageYears ?? dicomAge;
  if (ageYears === null) {
    ageYears = ASSUMED_ADULT_AGE;
    warnings.push('환자 나이를 알 수 없어 35세 이상 성인으로 보고 Fleischner 지침을 적용했습니다 (age unknown: Fleischner applied assuming an adult aged 35 or older)');
  }
  const sized = nodules.map((n) => ({ ...n, longAxisMm: atLeast(n.longAxisMm), shortAxisMm: atLeast(n.shortAxisMm) }));
  const fleischner = fleischnerRecommendation({
    nodules: sized.map((n) => ({ type: n.type, longAxisMm: n.longAxisMm, shortAxisMm: n.shortAxisMm, ...(n.solidComponentMm ? { solidComponentMm: n.solidComponentMm } : {}) })),
    patientRisk: patient.lungRisk ?? 'low',
    ageYears,
    context,
  });
  const lungRads = lungRadsAssessment({
    findings: sized.map((n) => ({
      type: n.type, longAxisMm: n.longAxisMm, shortAxisMm: n.shortAxisMm, status: 'baseline' as const,
      ...(n.type === 'part-solid' ? { solidComponentMm: n.solidComponentMm ?? 0.1 } : {}),
    })),
  });
  const categories = lungRads.findings.map((f) => f.category);

  const fleischnerOutcome: GuidelineOutcome = {
    name: 'Fleischner 2017',
    citation: FLEISCHNER_2017,
    category: fleischner.applicable ? fleischner.row : null,
    recommendation: fleischner.text,
    details: fleischner,
  };
  const lungRadsOutcome: GuidelineOutcome = {
    name: 'Lung-RADS v2022',
    citation: LUNG_RADS_2022,
    category: lungRads.label,
    recommendation: lungRads.text,
    details: lungRads,
  };
  const outcomes = context === 'screening' ? [lungRadsOutcome, fleischnerOutcome] : [fleischnerOutcome, lungRadsOutcome];

  // Lung-RADS 4A or higher, or a solid nodule above 8 mm under Fleischner (CT at 3 months, PET/CT or
  // tissue sampling), pulls the study up the reading list; 4B/4X (work-up) to the top.
  const rank = RANK[lungRads.category];
  const fleischnerGt8 = fleischner.applicable && fleischner.governingNodule.type === 'solid' && fleischner.governingNodule.sizeMm > 8;
  const suspicion: Suspicion = rank >= RANK['4B'] ? SUSPICION_LEVELS.HIGH
    : rank >= RANK['4A'] || fleischnerGt8 ? SUSPICION_LEVELS.SUSPICIOUS
      : nodules.length ? SUSPICION_LEVELS.LOW : SUSPICION_LEVELS.NONE;

  let governingIndex: number | null = null;
  if (nodules.length) {
    if (context === 'incidental' && fleischner.applicable) governingIndex = fleischner.governingNodule.index;
    else governingIndex = categories.reduce((best, c, i) => (RANK[c] > RANK[categories[best]!] ? i : best), 0);
  }
  return { outcomes, fleischner, lungRads, categories, suspicion, governingIndex, warnings };
}

/** The recommendation lines, governing guideline first, each labelled with its guideline. */
export function recommendationsOf(outcomes: readonly GuidelineOutcome[]): LocalizedText[] {
  return outcomes.map((o) => ({ ko: `${o.name}: ${o.recommendation.ko}`, en: `${o.name}: ${o.recommendation.en}` }));
}
