import { GuidelineInputError, requireOneOf, type LocalizedText } from './common.js';

/**
 * What to do with a pigmented skin lesion after an AI risk class from a photograph.
 *
 *  - ABCDE "D": diameter > 6 mm (Abbasi NR, Shaw HM, Rigel DS, et al. "Early diagnosis of cutaneous
 *    melanoma: revisiting the ABCD criteria." JAMA 2004;292(22):2771–2776, which added E, evolving).
 *    One criterion alone is not a diagnosis; the rule reports it, it does not act on it.
 *  - High risk → suspected melanoma: NICE NG12 "Suspected cancer: recognition and referral" (2015),
 *    skin cancers: a suspected cancer pathway referral (appointment within 2 weeks) when a pigmented
 *    lesion scores 3 or more on the weighted 7-point checklist or dermoscopy suggests melanoma. The
 *    checklist's minor feature "largest diameter 7 mm or more" scores 1 point (reported below too).
 *  - Suspicious → short-term sequential digital dermoscopy at about 3 months, excising lesions that
 *    change (Menzies SW, Gutenev A, Avramidis M, Batrac A, McCarthy WH. "Short-term digital surface
 *    microscopic monitoring of atypical or changing melanocytic lesions." Arch Dermatol
 *    2001;137(12):1583–1589). It suits flat lesions without melanoma-specific dermoscopic features;
 *    nodular or changing lesions are not for watching.
 *  - Normal → routine care and self-examination; any change (E) is a reason to come back.
 * The risk class comes from a model that is a reference implementation, not a clinical device.
 */
export const ABBASI_2004 = 'Abbasi NR, et al. JAMA 2004;292(22):2771–2776 (ABCDE)';
export const NICE_NG12 = 'NICE NG12, Suspected cancer: recognition and referral (2015), skin cancers: melanoma';
export const MENZIES_2001 = 'Menzies SW, et al. Arch Dermatol 2001;137(12):1583–1589 (short-term digital dermoscopic monitoring)';
export const SKIN_LESION_CITATION = `${ABBASI_2004}; ${NICE_NG12}; ${MENZIES_2001}`;

/** ABCDE "D": more than this is the criterion. */
export const ABCDE_DIAMETER_MM = 6;
/** NICE weighted 7-point checklist, minor feature: largest diameter 7 mm or more (1 point). */
export const SEVEN_POINT_DIAMETER_MM = 7;
/** Menzies 2001: review after about 3 months. */
export const MONITOR_MONTHS = 3;

export const SKIN_RISK_CLASSES = ['normal', 'suspicious', 'high-risk'] as const;
export type SkinRiskClass = (typeof SKIN_RISK_CLASSES)[number];
export type SkinUrgency = 'routine' | 'monitor' | 'urgent';

export interface SkinLesionInput {
  riskClass: SkinRiskClass;
  /** Largest diameter of the lesion, mm; null when the photo has no scale. */
  diameterMm: number | null;
  /** The model's probability of its class, 0–1. */
  probability: number;
}

export interface SkinLesionManagement {
  urgency: SkinUrgency;
  /** ABCDE "D" (> 6 mm); null without a diameter. */
  abcdeDiameter: boolean | null;
  /** The 7-point checklist's diameter point (≥ 7 mm → 1); null without a diameter. */
  sevenPointDiameterPoint: 0 | 1 | null;
  /** Months to the dermoscopic review when urgency is 'monitor', else null. */
  reviewMonths: number | null;
  text: LocalizedText;
  source: string;
}

function validate(input: SkinLesionInput): void {
  requireOneOf('riskClass', input?.riskClass, SKIN_RISK_CLASSES);
  const d = input.diameterMm;
  if (d !== null && (typeof d !== 'number' || !Number.isFinite(d) || d <= 0 || d > 500)) {
    throw new GuidelineInputError('diameterMm', { ko: 'diameterMm: 0보다 크고 500 mm 이하인 직경 또는 null이어야 합니다', en: 'diameterMm: must be a diameter in mm, greater than 0 and at most 500, or null' });
  }
  const p = input.probability;
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new GuidelineInputError('probability', { ko: 'probability: 0–1 사이의 확률이어야 합니다', en: 'probability: must be a probability between 0 and 1' });
  }
}

/** Urgency, the ABCDE diameter criterion and the next step for one skin lesion. */
export function skinLesionManagement(input: SkinLesionInput): SkinLesionManagement {
  validate(input);
  const { riskClass, diameterMm, probability } = input;
  const abcdeDiameter = diameterMm === null ? null : diameterMm > ABCDE_DIAMETER_MM;
  const sevenPointDiameterPoint = diameterMm === null ? null : diameterMm >= SEVEN_POINT_DIAMETER_MM ? 1 : 0;
  const percent = `${(probability * 100).toFixed(1)}%`;
  const size = diameterMm === null
    ? { ko: '직경 미상 (ABCDE D 판정 불가)', en: 'diameter unknown (ABCDE D not assessable)' }
    : abcdeDiameter
      ? { ko: `직경 ${diameterMm.toFixed(1)} mm (ABCDE D 해당: 6 mm 초과)`, en: `diameter ${diameterMm.toFixed(1)} mm (ABCDE D met: > 6 mm)` }
      : { ko: `직경 ${diameterMm.toFixed(1)} mm (ABCDE D 해당 없음)`, en: `diameter ${diameterMm.toFixed(1)} mm (ABCDE D not met)` };

  if (riskClass === 'high-risk') {
    return {
      urgency: 'urgent', abcdeDiameter, sevenPointDiameterPoint, reviewMonths: null,
      text: {
        ko: `AI 고위험 (${percent}), ${size.ko}: 흑색종 의심 — 피부과 긴급 의뢰(2주 이내 진료), 더모스코피 및 절제 생검`,
        en: `AI high risk (${percent}), ${size.en}: suspected melanoma — urgent dermatology referral (seen within 2 weeks) for dermoscopy and excision biopsy`,
      },
      source: `${NICE_NG12} (suspected cancer pathway referral, appointment within 2 weeks); ${ABBASI_2004}`,
    };
  }
  if (riskClass === 'suspicious') {
    return {
      urgency: 'monitor', abcdeDiameter, sevenPointDiameterPoint, reviewMonths: MONITOR_MONTHS,
      text: {
        ko: `AI 의심 (${percent}), ${size.ko}: 3개월 후 디지털 더모스코피로 단기 추적, 변화가 있으면 절제 — 결절성이거나 더모스코피에서 흑색종이 의심되면 즉시 의뢰`,
        en: `AI suspicious (${percent}), ${size.en}: short-term digital dermoscopic monitoring at 3 months, excise if it changes — refer at once if nodular or if dermoscopy suggests melanoma`,
      },
      source: `${MENZIES_2001}; ${ABBASI_2004}`,
    };
  }
  const dNote = abcdeDiameter
    ? { ko: ' 직경 기준(D)만으로는 진단이 아니므로 다른 ABCDE 소견을 임상적으로 확인하십시오.', en: ' The diameter criterion alone is not a diagnosis: check the other ABCDE features clinically.' }
    : { ko: '', en: '' };
  return {
    urgency: 'routine', abcdeDiameter, sevenPointDiameterPoint, reviewMonths: null,
    text: {
      ko: `AI 정상 (${percent}), ${size.ko}: 정기 진료 및 자가 피부 관찰 — 크기·모양·색이 변하면(E) 재진료.${dNote.ko}`,
      en: `AI normal (${percent}), ${size.en}: routine care and skin self-examination — return if it changes in size, shape or colour (E).${dNote.en}`,
    },
    source: ABBASI_2004,
  };
}
