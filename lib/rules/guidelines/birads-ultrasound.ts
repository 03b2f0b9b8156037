import { requireOneOf, type LocalizedText } from './common.js';
import {
  BIRADS_5, BIRADS_SUGGESTION_DISCLAIMER, BIRADS_SUSPICION, BIRADS_TABLE, biradsFromMalignancyProbability,
  type BiradsCategoryInfo, type BiradsProbabilitySuggestion,
} from './birads5.js';

/**
 * A BI-RADS category *suggested* from the ultrasound mass descriptors of the BI-RADS 5th edition
 * lexicon (ACR BI-RADS® Atlas 2013, Ultrasound, Lexicon: masses — shape, orientation, margin, echo
 * pattern, posterior features).
 *
 * The atlas defines the words and the categories but no formula from one to the other, so the rule
 * below is ours and is labelled a suggestion everywhere; the radiologist assesses. It is built on:
 *  - category 2 for a simple cyst (anechoic, circumscribed, oval or round, posterior enhancement or
 *    none) and category 3 for a circumscribed, oval, parallel solid mass (atlas, Ultrasound,
 *    Guidance: probably benign findings);
 *  - the malignant features of Stavros AT, et al. Radiology 1995;196(1):123–134 and the descriptor
 *    predictive values of Hong AS, et al. AJR 2005;184(4):1260–1265, where spiculated margin was the
 *    strongest single predictor, followed by irregular shape and non-parallel orientation;
 *  - complex cystic and solid masses needing tissue diagnosis (atlas, Ultrasound, Guidance).
 * Each suspicious feature scores 1 (spiculated margin 2); 0 is 3 or 4A, 1 → 4A, 2 → 4B, 3 → 4C,
 * 4 or more → 5. Irregular + not circumscribed + not parallel is 4C; with spiculation, 5.
 */
const SOURCE = `${BIRADS_5}, Ultrasound lexicon (masses) and assessment guidance; feature weights after Stavros AT, et al. Radiology 1995;196:123–134 and Hong AS, et al. AJR 2005;184:1260–1265 (heuristic, not an atlas rule)`;

export const US_SHAPES = ['oval', 'round', 'irregular'] as const;
export const US_ORIENTATIONS = ['parallel', 'not-parallel'] as const;
/** "Circumscribed", or one of the atlas's "not circumscribed" kinds ('not-circumscribed' when unspecified). */
export const US_MARGINS = ['circumscribed', 'not-circumscribed', 'indistinct', 'angular', 'microlobulated', 'spiculated'] as const;
export const US_ECHO_PATTERNS = ['anechoic', 'hyperechoic', 'complex-cystic-and-solid', 'hypoechoic', 'isoechoic', 'heterogeneous'] as const;
export const US_POSTERIOR_FEATURES = ['none', 'enhancement', 'shadowing', 'combined'] as const;

export interface BreastUltrasoundFeatures {
  shape: (typeof US_SHAPES)[number];
  orientation: (typeof US_ORIENTATIONS)[number];
  margin: (typeof US_MARGINS)[number];
  echoPattern: (typeof US_ECHO_PATTERNS)[number];
  posteriorFeatures: (typeof US_POSTERIOR_FEATURES)[number];
}

export type BiradsFeatureCategory = '2' | '3' | '4A' | '4B' | '4C' | '5';

export interface BiradsUltrasoundSuggestion {
  kind: 'suggestion';
  /** Always false: this is never the radiologist's assessment. */
  finalAssessment: false;
  /** The more suspicious of the feature-based and (when given) the probability-based suggestion. */
  category: BiradsFeatureCategory;
  byFeatures: BiradsFeatureCategory;
  byProbability: BiradsProbabilitySuggestion | null;
  info: BiradsCategoryInfo;
  /** The features that led to the suggestion, for the reading screen. */
  findings: readonly LocalizedText[];
  text: LocalizedText;
  disclaimer: LocalizedText;
  source: string;
}

const MARGIN_KO: Record<BreastUltrasoundFeatures['margin'], string> = {
  'circumscribed': '경계 명확', 'not-circumscribed': '경계 불명확', 'indistinct': '경계 불분명(indistinct)',
  'angular': '각진 경계', 'microlobulated': '미세분엽 경계', 'spiculated': '침상 경계',
};

function validate(f: BreastUltrasoundFeatures): BreastUltrasoundFeatures {
  return {
    shape: requireOneOf('shape', f.shape, US_SHAPES),
    orientation: requireOneOf('orientation', f.orientation, US_ORIENTATIONS),
    margin: requireOneOf('margin', f.margin, US_MARGINS),
    echoPattern: requireOneOf('echoPattern', f.echoPattern, US_ECHO_PATTERNS),
    posteriorFeatures: requireOneOf('posteriorFeatures', f.posteriorFeatures, US_POSTERIOR_FEATURES),
  };
}

function categoryFromFeatures(f: BreastUltrasoundFeatures): { category: BiradsFeatureCategory; findings: LocalizedText[] } {
  const circumscribed = f.margin === 'circumscribed';
  const benignPosterior = f.posteriorFeatures === 'none' || f.posteriorFeatures === 'enhancement';
  if (f.echoPattern === 'anechoic' && circumscribed && f.shape !== 'irregular' && benignPosterior) {
    return { category: '2', findings: [{ ko: '단순 낭종 소견 (무에코, 경계 명확, 타원/원형)', en: 'simple cyst: anechoic, circumscribed, oval or round' }] };
  }
  const findings: LocalizedText[] = [];
  let score = 0;
  if (f.shape === 'irregular') { score += 1; findings.push({ ko: '불규칙한 모양', en: 'irregular shape' }); }
  if (!circumscribed) {
    const weight = f.margin === 'spiculated' ? 2 : 1;
    score += weight;
    findings.push({ ko: MARGIN_KO[f.margin], en: f.margin === 'not-circumscribed' ? 'not circumscribed margin' : `${f.margin} margin (not circumscribed)` });
  }
  if (f.orientation === 'not-parallel') { score += 1; findings.push({ ko: '비평행 방향 (taller-than-wide)', en: 'not parallel orientation' }); }
  if (f.posteriorFeatures === 'shadowing') { score += 1; findings.push({ ko: '후방 음영', en: 'posterior shadowing' }); }
  if (f.echoPattern === 'complex-cystic-and-solid') { score += 1; findings.push({ ko: '복합 낭성·고형 에코', en: 'complex cystic and solid echo pattern' }); }
  if (score === 0) {
    // Only the atlas's probably-benign solid mass (oval, circumscribed, parallel, no suspicious
    // posterior or echo features) earns 3; anything else without a named malignant feature is
    // still not shown to be probably benign, so it starts at 4A.
    const probablyBenign = f.shape === 'oval' && benignPosterior && f.echoPattern !== 'heterogeneous';
    findings.push(probablyBenign
      ? { ko: '타원형, 경계 명확, 평행 방향의 고형 종괴', en: 'oval, circumscribed, parallel solid mass' }
      : { ko: '악성 소견은 없으나 양성 가능성 높음 기준(타원형·경계 명확·평행)에 맞지 않음', en: 'no malignant feature, but not the probably-benign pattern (oval, circumscribed, parallel)' });
    return { category: probablyBenign ? '3' : '4A', findings };
  }
  const category: BiradsFeatureCategory = score === 1 ? '4A' : score === 2 ? '4B' : score === 3 ? '4C' : '5';
  return { category, findings };
}

/**
 * Suggests a BI-RADS category for one ultrasound mass from its lexicon descriptors and, optionally,
 * a calibrated model probability of malignancy. Of the two the more suspicious wins: a model score
 * may raise the suggestion but never talks away a malignant feature the descriptors show (except
 * that ≤ 2 % keeps a benign-by-descriptors 2 at 2).
 */
export function suggestBiradsFromUltrasound(features: BreastUltrasoundFeatures, malignancyProbability?: number): BiradsUltrasoundSuggestion {
  const f = validate(features);
  const byFeatures = categoryFromFeatures(f);
  const byProbability = malignancyProbability === undefined ? null : biradsFromMalignancyProbability(malignancyProbability);
  // The probability scale starts at 3 (≤ 2 %); a benign finding by its descriptors (a simple cyst,
  // BI-RADS 2) that the model also puts at ≤ 2 % is not raised: both say benign.
  const agreesBenign = byFeatures.category === '2' && byProbability?.category === '3';
  const category: BiradsFeatureCategory = byProbability && !agreesBenign && BIRADS_SUSPICION[byProbability.category] > BIRADS_SUSPICION[byFeatures.category]
    ? byProbability.category
    : byFeatures.category;
  const info = BIRADS_TABLE[category];
  const featureList = { ko: byFeatures.findings.map((x) => x.ko).join(', '), en: byFeatures.findings.map((x) => x.en).join(', ') };
  const probabilityPart = byProbability
    ? { ko: `; AI 악성 확률 ${(byProbability.malignancyProbability * 100).toFixed(1)}% (BI-RADS ${byProbability.category})`, en: `; AI malignancy probability ${(byProbability.malignancyProbability * 100).toFixed(1)}% (BI-RADS ${byProbability.category})` }
    : { ko: '', en: '' };
  return {
    kind: 'suggestion',
    finalAssessment: false,
    category,
    byFeatures: byFeatures.category,
    byProbability,
    info,
    findings: byFeatures.findings,
    text: {
      ko: `BI-RADS ${category} 제안 (${info.name.ko}): ${featureList.ko}${probabilityPart.ko}. 권고: ${info.management.ko}. ${BIRADS_SUGGESTION_DISCLAIMER.ko}`,
      en: `Suggested BI-RADS ${category} (${info.name.en}): ${featureList.en}${probabilityPart.en}. Management: ${info.management.en}. ${BIRADS_SUGGESTION_DISCLAIMER.en}`,
    },
    disclaimer: BIRADS_SUGGESTION_DISCLAIMER,
    source: byProbability ? `${SOURCE}; ${byProbability.source}` : SOURCE,
  };
}
