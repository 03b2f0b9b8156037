import { GuidelineInputError, requireDiameterMm, requireOneOf, roundTenthMm, type LocalizedText, type MonthRange } from './common.js';

/**
 * Pancreatic lesions found on CT or MR: cyst surveillance, or the work-up of a solid mass.
 *
 * Cystic, no worrisome feature — ACR Incidental Findings Committee: Megibow AJ, Baker ME, Morgan DE,
 * Kamel IR, Sahani DV, Newman E, Brugge WR, Berland LL, Pandharipande PV. "Management of Incidental
 * Pancreatic Cysts: A White Paper of the ACR Incidental Findings Committee." J Am Coll Radiol
 * 2017;14(7):911–923, its flowcharts by long-axis size and age (patients are asymptomatic, cysts
 * incidental; MRI preferred, pancreas-protocol CT acceptable):
 *   < 5 mm ("white dot"), under 80: one follow-up at 2 years; stop if stable.
 *   < 15 mm, under 65: yearly × 5, then every 2 years × 2.   65–79: every 2 years × 5 (10 years).
 *   15–25 mm, communicating with the main duct (presumed side-branch IPMN): 15–19 mm yearly × 5 then
 *     every 2 years × 2; 20–25 mm every 6 months × 4, yearly × 2, every 2 years × 3.
 *   15–25 mm, communication not established: every 6 months × 4, yearly × 2, every 2 years × 3, or EUS-FNA.
 *   > 25 mm: EUS-FNA, or careful follow-up starting at 6 months.
 *   80 or older: follow up only a patient who would be a surgical candidate; ≤ 25 mm every 2 years × 2.
 * Worrisome features and high-risk stigmata — revised Fukuoka guidelines: Tanaka M,
 * Fernández-del Castillo C, Kamisawa T, et al. "Revisions of international consensus Fukuoka
 * guidelines for the management of IPMN of the pancreas." Pancreatology 2017;17(5):738–753:
 * a cyst ≥ 30 mm or a main duct of 5–9 mm is worrisome → EUS, then close surveillance alternating MRI
 * and EUS every 3–6 months (consider surgery in young, fit patients); a main duct ≥ 10 mm is a
 * high-risk stigma → surgical evaluation. (The ACR paper uses 7 mm for the duct; we follow Fukuoka.)
 * Other features (mural nodule, wall thickening, jaundice, CA 19-9, growth) are not measured here.
 *
 * Solid — NCCN Guidelines, Pancreatic Adenocarcinoma (Tempero MA, et al. "Pancreatic Adenocarcinoma,
 * Version 2.2021." J Natl Compr Canc Netw 2021;19(4):439–457): a suspected pancreatic cancer is staged
 * with pancreas-protocol (multiphase) CT or MRI and sampled by EUS-guided FNA/biopsy; urgent.
 *
 * Sizes are the long axis in mm, compared after rounding to one decimal.
 */
export const ACR_PANCREATIC_CYST_2017 = 'Megibow AJ, et al. J Am Coll Radiol 2017;14(7):911–923 (ACR Incidental Findings Committee, pancreatic cysts)';
export const FUKUOKA_2017 = 'Tanaka M, et al. Pancreatology 2017;17(5):738–753 (revised Fukuoka guidelines)';
export const NCCN_PANCREAS = 'NCCN Guidelines, Pancreatic Adenocarcinoma; Tempero MA, et al. J Natl Compr Canc Netw 2021;19(4):439–457';
export const PANCREAS_LESION_CITATION = `${ACR_PANCREATIC_CYST_2017}; ${FUKUOKA_2017}; ${NCCN_PANCREAS}`;

/** Fukuoka 2017: cyst size worrisome from here. */
export const WORRISOME_CYST_SIZE_MM = 30;
/** Fukuoka 2017: main pancreatic duct 5–9 mm is worrisome, ≥ 10 mm a high-risk stigma. */
export const WORRISOME_DUCT_MM = 5;
export const HIGH_RISK_DUCT_MM = 10;

export type PancreaticLesionCategory = 'solid' | 'cyst-high-risk' | 'cyst-worrisome' | 'cyst-surveillance';

export type PancreaticLesionRow =
  | 'nccn-solid' | 'fukuoka-high-risk' | 'fukuoka-worrisome'
  | 'acr-white-dot' | 'acr-lt15-under65' | 'acr-lt15-65to79' | 'acr-15to19-communicating' | 'acr-20to25-communicating'
  | 'acr-15to25-indeterminate' | 'acr-gt25' | 'acr-80plus-le25' | 'acr-80plus-gt25';

export interface PancreaticLesionInput {
  /** Long axis, mm. */
  sizeMm: number;
  kind: 'cystic' | 'solid';
  ageYears: number | null;
  /** Main pancreatic duct calibre, mm, when measured. */
  mainDuctMm?: number;
  /** A cyst shown to communicate with the main duct (presumed side-branch IPMN); unknown → not established. */
  ductCommunication?: boolean;
}

export interface PancreaticLesionRecommendation {
  category: PancreaticLesionCategory;
  row: PancreaticLesionRow;
  /** months: the first follow-up window; null when the next step is a work-up now, not a timed scan. */
  followUp: { months: MonthRange | null; modality: string | null };
  urgent: boolean;
  text: LocalizedText;
  source: string;
}

const MRI = 'MRI (or pancreas-protocol CT)';
const EVERY_6_12_24: LocalizedText = { ko: '6개월마다 4회, 이후 매년 2회, 이후 2년마다 3회', en: 'every 6 months × 4, then yearly × 2, then every 2 years × 3' };
const YEARLY_THEN_2Y: LocalizedText = { ko: '매년 5회, 이후 2년마다 2회', en: 'yearly × 5, then every 2 years × 2' };

interface Row { category: PancreaticLesionCategory; months: MonthRange | null; modality: string | null; urgent: boolean; text: LocalizedText; source: string }

const ROWS: Readonly<Record<PancreaticLesionRow, Row>> = {
  'nccn-solid': {
    category: 'solid', months: null, modality: 'Pancreas-protocol CT or MRI; EUS-FNA/biopsy', urgent: true,
    text: { ko: '고형 췌장 종괴: 췌장암 배제를 위해 췌장 프로토콜 CT(다중위상) 또는 MRI와 EUS 유도 세침흡인/조직검사를 신속히 시행하고 췌장 전문 진료 의뢰', en: 'Solid pancreatic mass: prompt pancreas-protocol (multiphase) CT or MRI and EUS-guided FNA/biopsy to exclude adenocarcinoma; refer to a pancreatic specialist team' },
    source: `${NCCN_PANCREAS}, work-up of suspected pancreatic cancer`,
  },
  'fukuoka-high-risk': {
    category: 'cyst-high-risk', months: null, modality: 'EUS-FNA; surgical consultation', urgent: true,
    text: { ko: '고위험 소견(주췌관 10 mm 이상): 수술 가능 환자는 췌장 외과 진료 의뢰, EUS-FNA', en: 'High-risk stigma (main duct ≥ 10 mm): surgical consultation if the patient is fit; EUS-FNA' },
    source: `${FUKUOKA_2017}, high-risk stigmata`,
  },
  'fukuoka-worrisome': {
    category: 'cyst-worrisome', months: [3, 6], modality: 'EUS (± FNA), alternating with MRI', urgent: false,
    text: { ko: '우려 소견: EUS(± 세침흡인) 시행 후 3–6개월마다 MRI와 EUS를 번갈아 추적, 젊고 건강한 환자는 수술 고려', en: 'Worrisome feature: EUS (± FNA), then close surveillance alternating MRI and EUS every 3–6 months; consider surgery in young, fit patients' },
    source: `${FUKUOKA_2017}, worrisome features (cyst ≥ 30 mm, main duct 5–9 mm) and surveillance for > 3 cm`,
  },
  'acr-white-dot': {
    category: 'cyst-surveillance', months: [24, 24], modality: MRI, urgent: false,
    text: { ko: '5 mm 미만 낭종: 2년 후 1회 추적검사, 변화 없으면 종료', en: 'Cyst < 5 mm: one follow-up at 2 years; stop if stable' },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts < 5 mm`,
  },
  'acr-lt15-under65': {
    category: 'cyst-surveillance', months: [12, 12], modality: MRI, urgent: false,
    text: { ko: `15 mm 미만 낭종, 65세 미만: ${YEARLY_THEN_2Y.ko} 추적, 변화 없으면 종료`, en: `Cyst < 15 mm, under 65: ${YEARLY_THEN_2Y.en}; stop if stable` },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts < 1.5 cm, age < 65`,
  },
  'acr-lt15-65to79': {
    category: 'cyst-surveillance', months: [24, 24], modality: MRI, urgent: false,
    text: { ko: '15 mm 미만 낭종, 65–79세: 2년마다 5회(10년) 추적, 변화 없으면 종료', en: 'Cyst < 15 mm, age 65–79: every 2 years × 5 (10 years); stop if stable' },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts < 1.5 cm, age 65–79`,
  },
  'acr-15to19-communicating': {
    category: 'cyst-surveillance', months: [12, 12], modality: MRI, urgent: false,
    text: { ko: `15–19 mm 분지형 IPMN 추정(주췌관 교통): ${YEARLY_THEN_2Y.ko} 추적`, en: `15–19 mm presumed side-branch IPMN (communicates with the duct): ${YEARLY_THEN_2Y.en}` },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts 1.5–1.9 cm with main duct communication`,
  },
  'acr-20to25-communicating': {
    category: 'cyst-surveillance', months: [6, 6], modality: MRI, urgent: false,
    text: { ko: `20–25 mm 분지형 IPMN 추정(주췌관 교통): ${EVERY_6_12_24.ko} 추적`, en: `20–25 mm presumed side-branch IPMN (communicates with the duct): ${EVERY_6_12_24.en}` },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts 2.0–2.5 cm with main duct communication`,
  },
  'acr-15to25-indeterminate': {
    category: 'cyst-surveillance', months: [6, 6], modality: `${MRI}; or EUS-FNA`, urgent: false,
    text: { ko: `15–25 mm 낭종(주췌관 교통 미확인): ${EVERY_6_12_24.ko} 추적 또는 EUS-FNA로 점액성 여부 확인`, en: `Cyst 15–25 mm (duct communication not established): ${EVERY_6_12_24.en}, or EUS-FNA to establish whether it is mucinous` },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts 1.5–2.5 cm without established duct communication`,
  },
  'acr-gt25': {
    category: 'cyst-surveillance', months: [6, 6], modality: `EUS-FNA; or ${MRI}`, urgent: false,
    text: { ko: '25 mm 초과 낭종: EUS-FNA 또는 6개월 후부터 신중한 추적검사', en: 'Cyst > 25 mm: EUS-FNA, or careful follow-up starting at 6 months' },
    source: `${ACR_PANCREATIC_CYST_2017}, cysts > 2.5 cm`,
  },
  'acr-80plus-le25': {
    category: 'cyst-surveillance', months: [24, 24], modality: MRI, urgent: false,
    text: { ko: '80세 이상, 25 mm 이하 낭종: 수술 대상이 될 수 있는 환자만 2년마다 2회 추적, 변화 없으면 종료', en: 'Age 80 or older, cyst ≤ 25 mm: only if the patient would be a surgical candidate, every 2 years × 2; stop if stable' },
    source: `${ACR_PANCREATIC_CYST_2017}, age ≥ 80`,
  },
  'acr-80plus-gt25': {
    category: 'cyst-surveillance', months: null, modality: `EUS-FNA or ${MRI}, surgical candidates only`, urgent: false,
    text: { ko: '80세 이상, 25 mm 초과 낭종: 수술 대상이 될 수 있는 환자에 한해 추적검사 또는 EUS-FNA', en: 'Age 80 or older, cyst > 25 mm: follow-up or EUS-FNA only if the patient would be a surgical candidate' },
    source: `${ACR_PANCREATIC_CYST_2017}, age ≥ 80`,
  },
};

function validate(input: PancreaticLesionInput): void {
  requireOneOf('kind', input?.kind, ['cystic', 'solid'] as const);
  requireDiameterMm('sizeMm', input.sizeMm);
  const age = input.ageYears;
  if (age !== null && (typeof age !== 'number' || !Number.isFinite(age) || age < 0 || age > 130)) {
    throw new GuidelineInputError('ageYears', { ko: 'ageYears: 0–130 사이의 나이(년) 또는 null이어야 합니다', en: 'ageYears: must be an age in years between 0 and 130, or null' });
  }
  if (input.mainDuctMm !== undefined) requireDiameterMm('mainDuctMm', input.mainDuctMm);
  if (input.ductCommunication !== undefined && typeof input.ductCommunication !== 'boolean') {
    throw new GuidelineInputError('ductCommunication', { ko: 'ductCommunication: true 또는 false여야 합니다', en: 'ductCommunication: must be true or false' });
  }
}

/** The ACR 2017 row of a cyst without worrisome features, by long axis and age. */
function acrRow(sizeMm: number, age: number | null, communicating: boolean): PancreaticLesionRow {
  if (age !== null && age >= 80) return sizeMm <= 25 ? 'acr-80plus-le25' : 'acr-80plus-gt25';
  if (sizeMm < 5) return 'acr-white-dot';
  if (sizeMm < 15) return age !== null && age >= 65 ? 'acr-lt15-65to79' : 'acr-lt15-under65';
  if (sizeMm <= 25) {
    if (!communicating) return 'acr-15to25-indeterminate';
    return sizeMm < 20 ? 'acr-15to19-communicating' : 'acr-20to25-communicating';
  }
  return 'acr-gt25';
}

function rowOf(input: PancreaticLesionInput, sizeMm: number): PancreaticLesionRow {
  if (input.kind === 'solid') return 'nccn-solid';
  const duct = input.mainDuctMm;
  if (duct !== undefined && duct >= HIGH_RISK_DUCT_MM) return 'fukuoka-high-risk';
  if (sizeMm >= WORRISOME_CYST_SIZE_MM || (duct !== undefined && duct >= WORRISOME_DUCT_MM)) return 'fukuoka-worrisome';
  return acrRow(sizeMm, input.ageYears, input.ductCommunication === true);
}

/**
 * The next step for one pancreatic lesion: NCCN work-up when solid; for a cyst the Fukuoka 2017
 * high-risk stigma / worrisome feature, else the ACR 2017 surveillance row by size and age.
 */
export function pancreaticLesionRecommendation(input: PancreaticLesionInput): PancreaticLesionRecommendation {
  validate(input);
  const sizeMm = roundTenthMm(input.sizeMm);
  const row = rowOf(input, sizeMm);
  const r = ROWS[row];
  const notes: LocalizedText[] = [];
  if (input.kind === 'cystic' && input.ageYears === null && sizeMm >= 5 && sizeMm < 15 && row === 'acr-lt15-under65') {
    notes.push({ ko: '나이 미상: 65세 미만 일정 적용', en: 'age unknown: the under-65 schedule is used' });
  }
  if ((row === 'fukuoka-worrisome' || row === 'fukuoka-high-risk') && input.ageYears !== null && input.ageYears >= 80) {
    notes.push({ ko: '80세 이상: 수술 대상이 될 수 있는 경우에만 시행', en: 'age 80 or older: only if the patient would be a surgical candidate' });
  }
  const what = input.kind === 'solid' ? { ko: `고형 병변 ${sizeMm} mm`, en: `solid lesion ${sizeMm} mm` } : { ko: `낭성 병변 ${sizeMm} mm`, en: `cystic lesion ${sizeMm} mm` };
  const tail = notes.length ? { ko: ` (${notes.map((n) => n.ko).join('; ')})`, en: ` (${notes.map((n) => n.en).join('; ')})` } : { ko: '', en: '' };
  return {
    category: r.category,
    row,
    followUp: { months: r.months, modality: r.modality },
    urgent: r.urgent,
    text: { ko: `${what.ko} — ${r.text.ko}${tail.ko}`, en: `${what.en} — ${r.text.en}${tail.en}` },
    source: r.source,
  };
}
