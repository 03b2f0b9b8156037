import type { LungPrediction, SmokingStatus } from '../constants-clinical.js';
import { LDCT_RISK_THRESHOLD, type Plcom2012Outcome } from './plcom2012.js';

/**
 * Symptoms that suggest lung cancer may already be present. Screening is for people without
 * symptoms; these call for a diagnostic work-up instead, whatever the model's risk says.
 */
export const LUNG_SYMPTOMS = {
  hemoptysis: '객혈',
  weightLoss: '원인 불명의 체중 감소',
  cough: '지속되는 기침',
  dyspnea: '호흡곤란',
  chestPain: '흉통',
} as const;
export type LungSymptom = keyof typeof LUNG_SYMPTOMS;

/** What the clinician is advised to do next. */
export type ScreeningAction = 'PULMONOLOGY_EVALUATION' | 'LDCT' | 'NO_LDCT';

export interface LungScreeningAdvice {
  prediction: LungPrediction;
  action: ScreeningAction;
  /** Korean first, English in parentheses. */
  recommendation: string;
}

/** The next step from the stored prediction and symptoms: symptoms outrank any risk. */
export function screeningAction(prediction: LungPrediction, symptoms: readonly LungSymptom[]): ScreeningAction {
  if (symptoms.length) return 'PULMONOLOGY_EVALUATION';
  return prediction === 'HIGH_RISK' ? 'LDCT' : 'NO_LDCT';
}

const percent = (risk: number) => `${(risk * 100).toFixed(2)}%`;
const THRESHOLD = percent(LDCT_RISK_THRESHOLD);

/** Prediction, next step and the recommendation text for a computed (or not applicable) PLCOm2012 outcome. */
export function lungScreeningAdvice(
  outcome: Exclude<Plcom2012Outcome, { kind: 'invalid' }>,
  symptoms: readonly LungSymptom[],
  smokingStatus: SmokingStatus,
): LungScreeningAdvice {
  const sentences: string[] = [];
  let prediction: LungPrediction;
  if (outcome.kind === 'not-applicable') {
    prediction = 'NOT_APPLICABLE';
    sentences.push('PLCOm2012 모형은 흡연 경험자(현재·과거 흡연자)에게만 적용되며 비흡연자에게는 적용되지 않아 위험도를 계산하지 않았습니다 (the PLCOm2012 model applies to ever-smokers only and does not apply to never-smokers; no risk computed).');
  } else {
    prediction = outcome.eligibleForLdct ? 'HIGH_RISK' : 'LOW_RISK';
    const risk = percent(outcome.risk);
    if (symptoms.length) {
      sentences.push(`PLCOm2012 6년 폐암 위험도 ${risk} (검진 기준 ${THRESHOLD}) (6-year lung cancer risk ${risk}; screening threshold ${THRESHOLD}).`);
    } else if (outcome.eligibleForLdct) {
      sentences.push(`PLCOm2012 6년 폐암 위험도 ${risk}로 기준(${THRESHOLD}) 이상입니다. 저선량 흉부 CT(LDCT) 폐암 검진을 권고합니다 (6-year risk at or above ${THRESHOLD}: low-dose CT screening recommended).`);
    } else {
      sentences.push(`PLCOm2012 6년 폐암 위험도 ${risk}로 기준(${THRESHOLD}) 미만입니다. 현재 저선량 흉부 CT 검진 대상이 아닙니다 (6-year risk below ${THRESHOLD}: low-dose CT screening not indicated).`);
    }
  }
  if (symptoms.length) {
    const names = symptoms.map((s) => LUNG_SYMPTOMS[s]).join(', ');
    sentences.push(`${names} 증상이 있어 검진이 아닌 호흡기내과 전문의의 진단적 평가를 권고합니다 (symptoms present: diagnostic evaluation by a pulmonologist rather than screening).`);
  }
  if (smokingStatus === 'CURRENT') sentences.push('금연 상담을 권고합니다 (smoking cessation counselling recommended).');
  return { prediction, action: screeningAction(prediction, symptoms), recommendation: sentences.join(' ') };
}
