import { GuidelineInputError, requireDiameterMm, requireOneOf, type LocalizedText } from './common.js';

/**
 * Brain lesions found on head CT or MR: is it acute blood, how much, and how urgent.
 *
 *  - Volume at the bedside: ABC/2 (Kothari RU, Brott T, Broderick JP, et al. "The ABCs of measuring
 *    intracerebral hemorrhage volumes." Stroke 1996;27(8):1304–1305): A the largest diameter, B the
 *    largest diameter perpendicular to it on the same slice, C the craniocaudal extent; with A, B, C
 *    in cm the result is in cm³ = mL.
 *  - Acute blood on CT is hyperdense to brain because clot retraction concentrates haemoglobin
 *    (Parizel PM, et al. "Intracranial hemorrhage: principles of CT and MRI interpretation." Eur Radiol
 *    2001;11(9):1770–1783). We call a lesion whose mean is 50–100 HU (inclusive) acute haemorrhage:
 *    above grey matter (about 35–45 HU) and below calcification (> 100 HU). Reported windows vary
 *    (roughly 40–60 HU for fresh liquid blood, up to 80–100 HU for retracted clot); this one is ours.
 *    MR signal of blood depends on its age and the sequence, so an MR lesion is not typed here.
 *  - ICH score (Hemphill JC 3rd, Bonovich DC, Besmertis L, Manley GT, Johnston SC. "The ICH score: a
 *    simple, reliable grading scale for intracerebral hemorrhage." Stroke 2001;32(4):891–897): the
 *    haematoma volume scores 1 point at ≥ 30 cm³ (by ABC/2), 0 below. The other items (GCS, IVH,
 *    infratentorial origin, age ≥ 80) need the patient, so only the volume point is computed.
 *  - Spontaneous ICH is a medical emergency (Greenberg SM, et al. 2022 AHA/ASA Guideline for the
 *    Management of Patients With Spontaneous Intracerebral Hemorrhage. Stroke 2022;53(7):e282–e361),
 *    so every suspected acute haemorrhage is urgent; ≥ 30 mL adds urgent neurosurgical review.
 */
export const KOTHARI_1996 = 'Kothari RU, et al. Stroke 1996;27(8):1304–1305 (ABC/2)';
export const HEMPHILL_2001 = 'Hemphill JC 3rd, et al. Stroke 2001;32(4):891–897 (ICH score)';
export const PARIZEL_2001 = 'Parizel PM, et al. Eur Radiol 2001;11(9):1770–1783 (CT density of intracranial blood)';
export const GREENBERG_2022 = 'Greenberg SM, et al. Stroke 2022;53(7):e282–e361 (AHA/ASA spontaneous ICH guideline)';
export const BRAIN_LESION_CITATION = `${HEMPHILL_2001}; ${KOTHARI_1996}; ${PARIZEL_2001}; ${GREENBERG_2022}`;

/** Mean attenuation window (inclusive) read as acute blood. */
export const ACUTE_BLOOD_HU: readonly [min: number, max: number] = [50, 100];
/** The ICH score's volume item: ≥ 30 cm³ scores 1. */
export const ICH_SCORE_VOLUME_ML = 30;

/**
 * ABC/2 in mL from three perpendicular diameters in mm (Kothari 1996): (A × B × C) / 2 in cm³.
 * The mm → cm conversion divides the product by 1000.
 */
export function abcOver2Ml(aMm: number, bMm: number, cMm: number): number {
  const a = requireDiameterMm('aMm', aMm);
  const b = requireDiameterMm('bMm', bMm);
  const c = requireDiameterMm('cMm', cMm);
  return (a * b * c) / 2 / 1000;
}

export type BrainLesionCategory = 'hemorrhage-large' | 'hemorrhage' | 'lesion' | 'none';

export interface BrainLesionInput {
  modality: 'CT' | 'MR';
  /** Volume of the lesion assessed (the largest one, or the haematoma as a whole), mL; 0 when unknown. */
  volumeMl: number;
  /** CT mean attenuation of the lesion, HU; null on MR or when not measured. */
  meanHu?: number | null;
  /** How many lesions the study has (0 → 'none'). */
  count: number;
}

export interface BrainLesionAssessment {
  category: BrainLesionCategory;
  urgent: boolean;
  /** Only for suspected haemorrhage: 1 at ≥ 30 mL, else 0. */
  ichScoreVolumePoint?: 0 | 1;
  text: LocalizedText;
  source: string;
}

function validate(input: BrainLesionInput): void {
  requireOneOf('modality', input?.modality, ['CT', 'MR'] as const);
  if (typeof input.count !== 'number' || !Number.isInteger(input.count) || input.count < 0 || input.count > 10000) {
    throw new GuidelineInputError('count', { ko: 'count: 0 이상의 정수여야 합니다', en: 'count: must be a whole number, 0 or more' });
  }
  if (typeof input.volumeMl !== 'number' || !Number.isFinite(input.volumeMl) || input.volumeMl < 0 || input.volumeMl > 2000) {
    throw new GuidelineInputError('volumeMl', { ko: 'volumeMl: 0–2000 mL 사이의 부피여야 합니다', en: 'volumeMl: must be a volume between 0 and 2000 mL' });
  }
  const hu = input.meanHu;
  if (hu !== undefined && hu !== null && (typeof hu !== 'number' || !Number.isFinite(hu) || hu < -1100 || hu > 3100)) {
    throw new GuidelineInputError('meanHu', { ko: 'meanHu: −1100–3100 사이의 CT 값(HU) 또는 null이어야 합니다', en: 'meanHu: must be a CT number in HU between −1100 and 3100, or null' });
  }
}

const ml = (v: number) => v.toFixed(1);

/**
 * Category, urgency and the ICH score volume point for the brain lesion(s) of one study. A CT lesion
 * with a mean of 50–100 HU is suspected acute haemorrhage (urgent; ≥ 30 mL → 'hemorrhage-large',
 * urgent neurosurgical review); anything else is a 'lesion' for MRI characterisation and review.
 */
export function brainLesionAssessment(input: BrainLesionInput): BrainLesionAssessment {
  validate(input);
  const { modality, volumeMl, count } = input;
  const meanHu = input.meanHu ?? null;
  if (count === 0) {
    return { category: 'none', urgent: false, text: { ko: '뇌병변이 검출되지 않았습니다', en: 'No brain lesion detected' }, source: BRAIN_LESION_CITATION };
  }
  const several = count > 1 ? { ko: ` (병변 ${count}개 중 평가 대상)`, en: ` (assessed lesion of ${count})` } : { ko: '', en: '' };
  const blood = modality === 'CT' && meanHu !== null && meanHu >= ACUTE_BLOOD_HU[0] && meanHu <= ACUTE_BLOOD_HU[1];
  if (blood) {
    const large = volumeMl >= ICH_SCORE_VOLUME_ML;
    const hu = Math.round(meanHu);
    return {
      category: large ? 'hemorrhage-large' : 'hemorrhage',
      urgent: true,
      ichScoreVolumePoint: large ? 1 : 0,
      text: large
        ? {
          ko: `급성 뇌출혈 의심${several.ko}: 평균 ${hu} HU, 부피 ${ml(volumeMl)} mL (30 mL 이상, ICH 점수 부피 항목 1점) — 신경외과 응급 평가 필요`,
          en: `Suspected acute haemorrhage${several.en}: mean ${hu} HU, volume ${ml(volumeMl)} mL (≥ 30 mL, ICH score volume point 1) — urgent neurosurgical review`,
        }
        : {
          ko: `급성 뇌출혈 의심${several.ko}: 평균 ${hu} HU, 부피 ${ml(volumeMl)} mL (30 mL 미만, ICH 점수 부피 항목 0점) — 뇌출혈은 응급이므로 즉시 임상 평가 필요`,
          en: `Suspected acute haemorrhage${several.en}: mean ${hu} HU, volume ${ml(volumeMl)} mL (< 30 mL, ICH score volume point 0) — acute haemorrhage is an emergency: immediate clinical review`,
        },
      source: `${HEMPHILL_2001}, volume item (≥ 30 cm³ = 1 point); ${PARIZEL_2001}; ${GREENBERG_2022}`,
    };
  }
  if (modality === 'MR') {
    return {
      category: 'lesion',
      urgent: false,
      text: {
        ko: `MR 뇌병변${several.ko}: 부피 ${ml(volumeMl)} mL — 조영증강 MRI로 특성 평가 및 신경외과·신경종양 진료 권고 (MR 신호만으로 출혈 여부를 판정하지 않음)`,
        en: `Brain lesion on MR${several.en}: volume ${ml(volumeMl)} mL — characterise with contrast-enhanced MRI and refer for neurosurgical / neuro-oncology review (MR signal alone is not read as blood here)`,
      },
      source: `${PARIZEL_2001} (MR signal of blood depends on its age and the sequence)`,
    };
  }
  const density = meanHu === null
    ? { ko: 'CT 값 미상', en: 'attenuation not measured' }
    : meanHu > ACUTE_BLOOD_HU[1]
      ? { ko: `평균 ${Math.round(meanHu)} HU (급성 혈액보다 높음: 석회화 등)`, en: `mean ${Math.round(meanHu)} HU (denser than acute blood: calcification?)` }
      : { ko: `평균 ${Math.round(meanHu)} HU (급성 혈액 범위 50–100 HU 아님)`, en: `mean ${Math.round(meanHu)} HU (outside the 50–100 HU of acute blood)` };
  return {
    category: 'lesion',
    urgent: false,
    text: {
      ko: `CT 뇌병변${several.ko}: ${density.ko}, 부피 ${ml(volumeMl)} mL — 조영증강 MRI로 특성 평가 권고`,
      en: `Brain lesion on CT${several.en}: ${density.en}, volume ${ml(volumeMl)} mL — characterise with contrast-enhanced MRI`,
    },
    source: `${PARIZEL_2001} (CT density of acute blood 50–100 HU as used here)`,
  };
}
