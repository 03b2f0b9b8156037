import { GuidelineInputError, type LocalizedText } from './common.js';

/**
 * BI-RADS® 5th edition assessment categories: D'Orsi CJ, Sickles EA, Mendelson EB, Morris EA, et al.
 * ACR BI-RADS® Atlas, Breast Imaging Reporting and Data System. Reston, VA: American College of
 * Radiology; 2013 — the table "Concordance between BI-RADS assessment categories and management
 * recommendations" with the likelihood of malignancy (Mammography and Ultrasound sections, Reporting
 * System). Category 4 may be subdivided into 4A/4B/4C for mammography and ultrasound.
 */
export const BIRADS_5 = "D'Orsi CJ, et al. ACR BI-RADS® Atlas, 5th ed. Reston, VA: American College of Radiology; 2013";
const TABLE_SOURCE = `${BIRADS_5}, assessment categories, management and likelihood of malignancy table`;

export const BIRADS_CATEGORIES = ['0', '1', '2', '3', '4', '4A', '4B', '4C', '5', '6'] as const;
export type BiradsCategory = (typeof BIRADS_CATEGORIES)[number];

/**
 * Likelihood of malignancy as an interval of probability (0–1). The atlas writes them as
 * "> 0 % but ≤ 2 %", "> 2 % but ≤ 10 %", "> 10 % but ≤ 50 %", "> 50 % but < 95 %", "≥ 95 %";
 * null where the atlas says "N/A"; [0, 0] for "essentially 0 %".
 */
export interface MalignancyLikelihood {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  text: LocalizedText;
}

export interface BiradsCategoryInfo {
  name: LocalizedText;
  management: LocalizedText;
  likelihood: MalignancyLikelihood | null;
  source: string;
}

const TISSUE: LocalizedText = { ko: '조직 진단', en: 'Tissue diagnosis' };
const ROUTINE: LocalizedText = { ko: '정기 검진', en: 'Routine screening' };
const ZERO: MalignancyLikelihood = { min: 0, max: 0, minInclusive: true, maxInclusive: true, text: { ko: '악성 가능성 사실상 0%', en: 'Essentially 0% likelihood of malignancy' } };
const range = (min: number, max: number, minInclusive: boolean, maxInclusive: boolean, ko: string, en: string): MalignancyLikelihood =>
  ({ min, max, minInclusive, maxInclusive, text: { ko, en } });

export const BIRADS_TABLE: Readonly<Record<BiradsCategory, BiradsCategoryInfo>> = {
  '0': { name: { ko: '불완전 — 추가 영상 평가 및/또는 이전 검사 비교 필요', en: 'Incomplete – need additional imaging evaluation and/or prior mammograms for comparison' }, management: { ko: '추가 영상 검사 및/또는 이전 검사와 비교', en: 'Recall for additional imaging and/or comparison with prior examination(s)' }, likelihood: null, source: `${TABLE_SOURCE}, category 0` },
  '1': { name: { ko: '음성', en: 'Negative' }, management: ROUTINE, likelihood: ZERO, source: `${TABLE_SOURCE}, category 1` },
  '2': { name: { ko: '양성', en: 'Benign' }, management: ROUTINE, likelihood: ZERO, source: `${TABLE_SOURCE}, category 2` },
  '3': { name: { ko: '양성 가능성 높음', en: 'Probably benign' }, management: { ko: '단기(6개월) 추적검사 또는 지속 감시', en: 'Short-interval (6-month) follow-up or continued surveillance' }, likelihood: range(0, 0.02, false, true, '악성 가능성 0% 초과 2% 이하', '> 0% but ≤ 2% likelihood of malignancy'), source: `${TABLE_SOURCE}, category 3` },
  '4': { name: { ko: '악성 의심', en: 'Suspicious' }, management: TISSUE, likelihood: range(0.02, 0.95, false, false, '악성 가능성 2% 초과 95% 미만', '> 2% but < 95% likelihood of malignancy'), source: `${TABLE_SOURCE}, category 4` },
  '4A': { name: { ko: '낮은 악성 의심', en: 'Low suspicion for malignancy' }, management: TISSUE, likelihood: range(0.02, 0.10, false, true, '악성 가능성 2% 초과 10% 이하', '> 2% to ≤ 10% likelihood of malignancy'), source: `${TABLE_SOURCE}, category 4A` },
  '4B': { name: { ko: '중등도 악성 의심', en: 'Moderate suspicion for malignancy' }, management: TISSUE, likelihood: range(0.10, 0.50, false, true, '악성 가능성 10% 초과 50% 이하', '> 10% to ≤ 50% likelihood of malignancy'), source: `${TABLE_SOURCE}, category 4B` },
  '4C': { name: { ko: '높은 악성 의심', en: 'High suspicion for malignancy' }, management: TISSUE, likelihood: range(0.50, 0.95, false, false, '악성 가능성 50% 초과 95% 미만', '> 50% to < 95% likelihood of malignancy'), source: `${TABLE_SOURCE}, category 4C` },
  '5': { name: { ko: '악성 가능성 매우 높음', en: 'Highly suggestive of malignancy' }, management: TISSUE, likelihood: range(0.95, 1, true, true, '악성 가능성 95% 이상', '≥ 95% likelihood of malignancy'), source: `${TABLE_SOURCE}, category 5` },
  '6': { name: { ko: '조직검사로 확진된 악성', en: 'Known biopsy-proven malignancy' }, management: { ko: '임상적으로 적절한 시점에 수술적 절제', en: 'Surgical excision when clinically appropriate' }, likelihood: null, source: `${TABLE_SOURCE}, category 6` },
};

/** Order of suspicion, to take "the more suspicious" of two suggestions; 0 and 6 are not on the scale. */
export const BIRADS_SUSPICION: Readonly<Record<'2' | '3' | '4' | '4A' | '4B' | '4C' | '5', number>> = { '2': 0, '3': 1, '4A': 2, '4': 2, '4B': 3, '4C': 4, '5': 5 };

/** What every suggested category carries, so no screen can show it as the radiologist's assessment. */
export const BIRADS_SUGGESTION_DISCLAIMER: LocalizedText = {
  ko: '판독의를 위한 제안이며 최종 BI-RADS 판정이 아닙니다',
  en: 'A suggestion for the radiologist, not a final BI-RADS assessment',
};

export type BiradsProbabilityCategory = '3' | '4A' | '4B' | '4C' | '5';

export interface BiradsProbabilitySuggestion {
  kind: 'suggestion';
  finalAssessment: false;
  category: BiradsProbabilityCategory;
  malignancyProbability: number;
  info: BiradsCategoryInfo;
  text: LocalizedText;
  disclaimer: LocalizedText;
  source: string;
}

/**
 * Maps a model's probability of malignancy onto the BI-RADS likelihood ranges: ≤ 2 % → 3,
 * > 2–10 % → 4A, > 10–50 % → 4B, > 50 % and < 95 % → 4C, ≥ 95 % → 5, with the atlas's own open
 * and closed ends. The lowest answer is 3, never 1 or 2: those say "essentially 0 %", which rests on
 * benign imaging features (a simple cyst, an intramammary node), not on a model's low score.
 * Meaningful only for a calibrated probability; the pipeline owns calibration.
 */
export function biradsFromMalignancyProbability(probability: number): BiradsProbabilitySuggestion {
  if (typeof probability !== 'number' || !Number.isFinite(probability) || probability < 0 || probability > 1) {
    throw new GuidelineInputError('malignancyProbability', { ko: 'malignancyProbability: 0–1 사이의 확률이어야 합니다', en: 'malignancyProbability: must be a probability between 0 and 1' });
  }
  const category: BiradsProbabilityCategory = probability <= 0.02 ? '3' : probability <= 0.10 ? '4A' : probability <= 0.50 ? '4B' : probability < 0.95 ? '4C' : '5';
  const info = BIRADS_TABLE[category];
  const percent = `${(probability * 100).toFixed(1)}%`;
  return {
    kind: 'suggestion',
    finalAssessment: false,
    category,
    malignancyProbability: probability,
    info,
    text: {
      ko: `AI 악성 확률 ${percent} → BI-RADS ${category} 제안 (${info.name.ko}; ${info.likelihood!.text.ko}). ${BIRADS_SUGGESTION_DISCLAIMER.ko}`,
      en: `AI malignancy probability ${percent} → suggested BI-RADS ${category} (${info.name.en}; ${info.likelihood!.text.en}). ${BIRADS_SUGGESTION_DISCLAIMER.en}`,
    },
    disclaimer: BIRADS_SUGGESTION_DISCLAIMER,
    source: `${info.source} (likelihood ranges applied to the model probability)`,
  };
}
