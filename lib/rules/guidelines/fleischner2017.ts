import {
  GuidelineInputError, NODULE_TYPES, meanDiameterWholeMm, requireDiameterMm, requireOneOf, roundTenthMm,
  type LocalizedText, type MonthRange, type NoduleType,
} from './common.js';

/**
 * Fleischner Society 2017 guidelines for incidentally detected pulmonary nodules in adults:
 * MacMahon H, Naidich DP, Goo JM, et al. "Guidelines for Management of Incidental Pulmonary Nodules
 * Detected on CT Images: From the Fleischner Society 2017." Radiology 2017;284(1):228–243,
 * Table 1 (A: solid nodules, B: subsolid nodules) and its footnotes.
 *
 * Scope (Table 1 footnote and the paper's introduction): adults aged 35 years or older with an
 * incidental nodule; not lung cancer screening (→ Lung-RADS), not patients with a known primary
 * cancer, not immunosuppressed patients. Sizes are the average of long and short axis rounded to the
 * nearest millimetre (Table 1 footnote) — so 5.4 × 6.6 mm is 6 mm and falls in the 6–8 mm column.
 *
 * Patient risk (paper, "Patient risk"): high risk means e.g. heavy smoking, exposure to asbestos,
 * uranium or radon, or a first-degree relative with lung cancer; low risk means minimal or absent
 * smoking and no other known risk factor. The caller decides; the table differs only for solid nodules.
 */
export const FLEISCHNER_2017 = 'MacMahon H, et al. Radiology 2017;284(1):228–243 (Fleischner Society 2017)';
const SOLID_TABLE = `${FLEISCHNER_2017}, Table 1A (solid nodules)`;
const SUBSOLID_TABLE = `${FLEISCHNER_2017}, Table 1B (subsolid nodules)`;
/** Hansell DM, et al. Fleischner Society: glossary of terms for thoracic imaging. Radiology 2008;246:697–722. */
const GLOSSARY = 'Hansell DM, et al. Radiology 2008;246(3):697–722 (Fleischner glossary, "nodule" / "mass")';

export type PatientRisk = 'low' | 'high';

export interface FleischnerNodule {
  type: NoduleType;
  longAxisMm: number;
  shortAxisMm: number;
  /** Part-solid only: the solid component in mm, used for the "solid component ≥ 6 mm" comment. */
  solidComponentMm?: number;
}

export interface FleischnerInput {
  nodules: readonly FleischnerNodule[];
  patientRisk: PatientRisk;
  ageYears: number;
  knownCancer?: boolean;
  immunocompromised?: boolean;
  /** 'screening' for a lung cancer screening LDCT, which Lung-RADS governs instead. Default 'incidental'. */
  context?: 'incidental' | 'screening';
}

/** A later scan once the first follow-up shows the nodule unchanged. */
export type FleischnerLaterScan =
  | { kind: 'once'; months: MonthRange; optional: boolean }
  | { kind: 'repeat'; everyMonths: number; untilMonths: number; condition?: LocalizedText };

export interface FleischnerFollowUp {
  /** The first follow-up window after this CT; null when no routine follow-up is recommended. */
  months: MonthRange | null;
  modality: 'CT' | null;
  /** The table says "optional" or "consider" rather than a firm recommendation. */
  optional: boolean;
  /** Offered instead of the CT (solid > 8 mm, single). */
  alternatives: readonly ('PET/CT' | 'tissue-sampling')[];
  then: readonly FleischnerLaterScan[];
}

/** One cell of Table 1: 12 solid (single/multiple × size × risk) and 6 subsolid. */
export type FleischnerRowId =
  | 'solid-single-lt6-low' | 'solid-single-lt6-high' | 'solid-single-6to8-low' | 'solid-single-6to8-high'
  | 'solid-single-gt8-low' | 'solid-single-gt8-high' | 'solid-multiple-lt6-low' | 'solid-multiple-lt6-high'
  | 'solid-multiple-6to8-low' | 'solid-multiple-6to8-high' | 'solid-multiple-gt8-low' | 'solid-multiple-gt8-high'
  | 'ground-glass-single-lt6' | 'ground-glass-single-ge6' | 'part-solid-single-lt6' | 'part-solid-single-ge6'
  | 'subsolid-multiple-lt6' | 'subsolid-multiple-ge6';

export interface FleischnerRow {
  text: LocalizedText;
  followUp: FleischnerFollowUp;
  /** The table's "Comments" column for this row, where it has one. */
  comment?: LocalizedText;
  source: string;
}

const NONE: FleischnerFollowUp = { months: null, modality: null, optional: false, alternatives: [], then: [] };
const ct = (months: MonthRange, optional: boolean, then: FleischnerLaterScan[] = [], alternatives: FleischnerFollowUp['alternatives'] = []): FleischnerFollowUp =>
  ({ months, modality: 'CT', optional, alternatives, then });

const T = {
  none: { ko: '정기 추적검사 불필요', en: 'No routine follow-up' },
  optional12: { ko: '12개월 후 CT (선택)', en: 'Optional CT at 12 months' },
  sixTwelveConsider: { ko: '6–12개월 후 CT, 이후 18–24개월에 CT 고려', en: 'CT at 6–12 months, then consider CT at 18–24 months' },
  sixTwelveThen: { ko: '6–12개월 후 CT, 이후 18–24개월에 CT', en: 'CT at 6–12 months, then CT at 18–24 months' },
  gt8: { ko: '3개월 후 CT, PET/CT 또는 조직검사 고려', en: 'Consider CT at 3 months, PET/CT, or tissue sampling' },
  multiConsider: { ko: '3–6개월 후 CT, 이후 18–24개월에 CT 고려', en: 'CT at 3–6 months, then consider CT at 18–24 months' },
  multiThen: { ko: '3–6개월 후 CT, 이후 18–24개월에 CT', en: 'CT at 3–6 months, then at 18–24 months' },
} satisfies Record<string, LocalizedText>;

const SOLID_LT6_COMMENT: LocalizedText = {
  ko: '6 mm 미만 결절은 정기 추적이 필요 없으나, 고위험 환자에서 의심스러운 형태이거나 상엽에 위치하면(또는 둘 다) 12개월 추적이 필요할 수 있습니다',
  en: 'Nodules <6 mm do not require routine follow-up, but certain patients at high risk with suspicious nodule morphology, upper lobe location, or both may warrant 12-month follow-up',
};
const SOLID_MULTIPLE_COMMENT: LocalizedText = {
  ko: '가장 의심스러운 결절을 기준으로 관리합니다. 추적 간격은 크기와 위험도에 따라 달라질 수 있습니다',
  en: 'Use most suspicious nodule as guide to management. Follow-up intervals may vary according to size and risk',
};
const SOLID_COMPONENT_LT6: LocalizedText = { ko: '변화가 없고 고형 성분이 6 mm 미만으로 유지되는 경우', en: 'if unchanged and solid component remains <6 mm' };

/** Table 1 cell by cell; the texts are the table's own wording. */
export const FLEISCHNER_TABLE: Readonly<Record<FleischnerRowId, FleischnerRow>> = {
  'solid-single-lt6-low': { text: T.none, followUp: NONE, comment: SOLID_LT6_COMMENT, source: `${SOLID_TABLE}, single, <6 mm, low risk` },
  'solid-single-lt6-high': { text: T.optional12, followUp: ct([12, 12], true), comment: SOLID_LT6_COMMENT, source: `${SOLID_TABLE}, single, <6 mm, high risk` },
  'solid-single-6to8-low': { text: T.sixTwelveConsider, followUp: ct([6, 12], false, [{ kind: 'once', months: [18, 24], optional: true }]), source: `${SOLID_TABLE}, single, 6–8 mm, low risk` },
  'solid-single-6to8-high': { text: T.sixTwelveThen, followUp: ct([6, 12], false, [{ kind: 'once', months: [18, 24], optional: false }]), source: `${SOLID_TABLE}, single, 6–8 mm, high risk` },
  'solid-single-gt8-low': { text: T.gt8, followUp: ct([3, 3], true, [], ['PET/CT', 'tissue-sampling']), source: `${SOLID_TABLE}, single, >8 mm, low risk` },
  'solid-single-gt8-high': { text: T.gt8, followUp: ct([3, 3], true, [], ['PET/CT', 'tissue-sampling']), source: `${SOLID_TABLE}, single, >8 mm, high risk` },
  'solid-multiple-lt6-low': { text: T.none, followUp: NONE, comment: SOLID_MULTIPLE_COMMENT, source: `${SOLID_TABLE}, multiple, <6 mm, low risk` },
  'solid-multiple-lt6-high': { text: T.optional12, followUp: ct([12, 12], true), comment: SOLID_MULTIPLE_COMMENT, source: `${SOLID_TABLE}, multiple, <6 mm, high risk` },
  'solid-multiple-6to8-low': { text: T.multiConsider, followUp: ct([3, 6], false, [{ kind: 'once', months: [18, 24], optional: true }]), comment: SOLID_MULTIPLE_COMMENT, source: `${SOLID_TABLE}, multiple, 6–8 mm, low risk` },
  'solid-multiple-6to8-high': { text: T.multiThen, followUp: ct([3, 6], false, [{ kind: 'once', months: [18, 24], optional: false }]), comment: SOLID_MULTIPLE_COMMENT, source: `${SOLID_TABLE}, multiple, 6–8 mm, high risk` },
  'solid-multiple-gt8-low': { text: T.multiConsider, followUp: ct([3, 6], false, [{ kind: 'once', months: [18, 24], optional: true }]), comment: SOLID_MULTIPLE_COMMENT, source: `${SOLID_TABLE}, multiple, >8 mm, low risk` },
  'solid-multiple-gt8-high': { text: T.multiThen, followUp: ct([3, 6], false, [{ kind: 'once', months: [18, 24], optional: false }]), comment: SOLID_MULTIPLE_COMMENT, source: `${SOLID_TABLE}, multiple, >8 mm, high risk` },
  'ground-glass-single-lt6': {
    text: T.none, followUp: NONE,
    comment: { ko: '6 mm 미만이라도 의심스러운 결절은 2년, 4년째 추적을 고려합니다. 고형 성분이 생기거나 커지면 절제를 고려합니다', en: 'In certain suspicious nodules <6 mm, consider follow-up at 2 and 4 years. If solid component(s) or growth develops, consider resection' },
    source: `${SUBSOLID_TABLE}, single ground glass, <6 mm`,
  },
  'ground-glass-single-ge6': {
    text: { ko: '지속 여부 확인을 위해 6–12개월 후 CT, 이후 5년까지 2년마다 CT', en: 'CT at 6–12 months to confirm persistence, then CT every 2 years until 5 years' },
    followUp: ct([6, 12], false, [{ kind: 'repeat', everyMonths: 24, untilMonths: 60 }]),
    comment: { ko: '고형 성분이 생기거나 커지면 절제를 고려합니다', en: 'If solid component(s) or growth develops, consider resection' },
    source: `${SUBSOLID_TABLE}, single ground glass, ≥6 mm`,
  },
  'part-solid-single-lt6': {
    text: T.none, followUp: NONE,
    comment: { ko: '실제로 부분고형 결절은 6 mm 이상이 되어야 부분고형으로 정의할 수 있으며, 6 mm 미만 결절은 대개 추적이 필요 없습니다', en: 'In practice, part-solid nodules cannot be defined as such until ≥6 mm, and nodules <6 mm do not usually require follow-up' },
    source: `${SUBSOLID_TABLE}, single part solid, <6 mm`,
  },
  'part-solid-single-ge6': {
    text: { ko: '지속 여부 확인을 위해 3–6개월 후 CT. 변화가 없고 고형 성분이 6 mm 미만으로 유지되면 5년간 매년 CT', en: 'CT at 3–6 months to confirm persistence. If unchanged and solid component remains <6 mm, annual CT should be performed for 5 years' },
    followUp: ct([3, 6], false, [{ kind: 'repeat', everyMonths: 12, untilMonths: 60, condition: SOLID_COMPONENT_LT6 }]),
    comment: { ko: '고형 성분이 6 mm 이상인 지속성 부분고형 결절은 악성 가능성이 매우 높은 것으로 간주해야 합니다', en: 'Persistent part-solid nodules with solid components ≥6 mm should be considered highly suspicious' },
    source: `${SUBSOLID_TABLE}, single part solid, ≥6 mm`,
  },
  'subsolid-multiple-lt6': {
    text: { ko: '3–6개월 후 CT. 변화가 없으면 2년, 4년째 CT 고려', en: 'CT at 3–6 months. If stable, consider CT at 2 and 4 years' },
    followUp: ct([3, 6], false, [{ kind: 'once', months: [24, 24], optional: true }, { kind: 'once', months: [48, 48], optional: true }]),
    comment: { ko: '6 mm 미만 다발성 순수 간유리 결절은 대개 양성이나, 일부 고위험 환자에서는 2년, 4년째 추적을 고려합니다', en: 'Multiple <6 mm pure ground-glass nodules are usually benign, but consider follow-up in selected patients at high risk at 2 and 4 years' },
    source: `${SUBSOLID_TABLE}, multiple, <6 mm`,
  },
  'subsolid-multiple-ge6': {
    text: { ko: '3–6개월 후 CT. 이후 관리는 가장 의심스러운 결절을 기준으로 결정', en: 'CT at 3–6 months. Subsequent management based on the most suspicious nodule(s)' },
    followUp: ct([3, 6], false),
    source: `${SUBSOLID_TABLE}, multiple, ≥6 mm`,
  },
};

export type FleischnerNotApplicableReason = 'screening' | 'known-cancer' | 'immunocompromised' | 'age-under-35' | 'no-nodules' | 'mass';

const NOT_APPLICABLE: Record<FleischnerNotApplicableReason, { text: LocalizedText; source: string }> = {
  'screening': {
    text: { ko: '폐암 검진 저선량 CT에는 Fleischner 지침이 아닌 Lung-RADS를 적용합니다', en: 'lung cancer screening CT is managed with Lung-RADS, not the Fleischner guidelines' },
    source: `${FLEISCHNER_2017}, Table 1 footnote`,
  },
  'known-cancer': {
    text: { ko: '원발암이 알려진 환자에게는 적용하지 않습니다', en: 'not applicable to patients with a known primary cancer' },
    source: `${FLEISCHNER_2017}, Table 1 footnote`,
  },
  'immunocompromised': {
    text: { ko: '면역저하 환자에게는 적용하지 않습니다', en: 'not applicable to immunosuppressed patients' },
    source: `${FLEISCHNER_2017}, Table 1 footnote`,
  },
  'age-under-35': {
    text: { ko: '35세 미만에는 적용하지 않습니다', en: 'applies to adults aged 35 years or older only' },
    source: `${FLEISCHNER_2017}, Table 1 footnote`,
  },
  'no-nodules': {
    text: { ko: '평가할 폐결절이 없습니다', en: 'no pulmonary nodule to assess' },
    source: FLEISCHNER_2017,
  },
  'mass': {
    text: { ko: '3 cm를 초과하는 병변은 결절이 아닌 종괴로, 추적 지침이 아닌 진단적 정밀검사 대상입니다', en: 'a lesion larger than 3 cm is a mass, not a nodule: diagnostic work-up rather than nodule follow-up' },
    source: GLOSSARY,
  },
};

export interface FleischnerNoduleAssessment {
  index: number;
  type: NoduleType;
  /** Average of long and short axis, rounded to the nearest mm (Table 1 footnote). */
  sizeMm: number;
  solidComponentMm: number | null;
  row: FleischnerRowId;
}

export interface FleischnerRecommendation {
  applicable: true;
  guideline: 'Fleischner 2017';
  row: FleischnerRowId;
  multiplicity: 'single' | 'multiple';
  /** The nodule whose row governs management (the most suspicious one). */
  governingNodule: FleischnerNoduleAssessment;
  nodules: readonly FleischnerNoduleAssessment[];
  followUp: FleischnerFollowUp;
  text: LocalizedText;
  comments: readonly LocalizedText[];
  source: string;
}

export interface FleischnerNotApplicable {
  applicable: false;
  guideline: 'Fleischner 2017';
  reasons: readonly FleischnerNotApplicableReason[];
  /** The guideline to use instead, where there is one. */
  alternative: 'Lung-RADS' | null;
  text: LocalizedText;
  source: string;
}

export type FleischnerResult = FleischnerRecommendation | FleischnerNotApplicable;

const sizeBandSolid = (mm: number) => (mm < 6 ? 'lt6' : mm <= 8 ? '6to8' : 'gt8');
const sizeBandSubsolid = (mm: number) => (mm < 6 ? 'lt6' : 'ge6');

/** The Table 1 cell of one nodule; multiplicity counts nodules of the same table (solid vs subsolid). */
export function fleischnerRow(type: NoduleType, sizeMm: number, multiple: boolean, risk: PatientRisk): FleischnerRowId {
  if (type === 'solid') return `solid-${multiple ? 'multiple' : 'single'}-${sizeBandSolid(sizeMm)}-${risk}`;
  if (multiple) return `subsolid-multiple-${sizeBandSubsolid(sizeMm)}`;
  return `${type}-single-${sizeBandSubsolid(sizeMm)}`;
}

/**
 * Orders rows from most to least demanding, to pick the governing nodule: the table says to manage
 * multiple nodules by the most suspicious one, but says nothing when solid and subsolid nodules are
 * both present, so we take whichever row asks for the most — PET/CT or tissue sampling on offer,
 * then any follow-up over none, the earliest first scan, a firm over an optional scan, the longest
 * surveillance, and last the larger nodule.
 */
function moreDemanding(a: FleischnerNoduleAssessment, b: FleischnerNoduleAssessment): number {
  const fa = FLEISCHNER_TABLE[a.row].followUp;
  const fb = FLEISCHNER_TABLE[b.row].followUp;
  const lastMonth = (f: FleischnerFollowUp) => Math.max(f.months?.[1] ?? 0, ...f.then.map((s) => (s.kind === 'once' ? s.months[1] : s.untilMonths)));
  return (fb.alternatives.length - fa.alternatives.length)
    || (Number(fb.months !== null) - Number(fa.months !== null))
    || ((fa.months?.[0] ?? 0) - (fb.months?.[0] ?? 0))
    || (Number(fa.optional) - Number(fb.optional))
    || (lastMonth(fb) - lastMonth(fa))
    || (b.sizeMm - a.sizeMm);
}

function validate(input: FleischnerInput): void {
  if (typeof input.ageYears !== 'number' || !Number.isFinite(input.ageYears) || input.ageYears < 0 || input.ageYears > 130) {
    throw new GuidelineInputError('ageYears', { ko: 'ageYears: 0–130 사이의 나이(년)여야 합니다', en: 'ageYears: must be an age in years between 0 and 130' });
  }
  requireOneOf('patientRisk', input.patientRisk, ['low', 'high'] as const);
  if (input.context !== undefined) requireOneOf('context', input.context, ['incidental', 'screening'] as const);
  if (!Array.isArray(input.nodules)) {
    throw new GuidelineInputError('nodules', { ko: 'nodules: 결절 목록(배열)이어야 합니다', en: 'nodules: must be a list of nodules' });
  }
  input.nodules.forEach((n, i) => {
    requireOneOf(`nodules[${i}].type`, n.type, NODULE_TYPES);
    requireDiameterMm(`nodules[${i}].longAxisMm`, n.longAxisMm);
    requireDiameterMm(`nodules[${i}].shortAxisMm`, n.shortAxisMm);
    if (n.solidComponentMm !== undefined) {
      requireDiameterMm(`nodules[${i}].solidComponentMm`, n.solidComponentMm);
      if (n.solidComponentMm > Math.max(n.longAxisMm, n.shortAxisMm)) {
        throw new GuidelineInputError(`nodules[${i}].solidComponentMm`, {
          ko: `nodules[${i}].solidComponentMm: 고형 성분이 결절 장경보다 클 수 없습니다`,
          en: `nodules[${i}].solidComponentMm: the solid component cannot exceed the nodule's long axis`,
        });
      }
    }
  });
}

/**
 * The Fleischner 2017 recommendation for the nodules of one incidental chest CT. Throws
 * GuidelineInputError on malformed input; returns `applicable: false` with every reason that puts
 * the patient outside the guideline.
 */
export function fleischnerRecommendation(input: FleischnerInput): FleischnerResult {
  validate(input);
  const reasons: FleischnerNotApplicableReason[] = [];
  if (input.context === 'screening') reasons.push('screening');
  if (input.knownCancer) reasons.push('known-cancer');
  if (input.immunocompromised) reasons.push('immunocompromised');
  if (input.ageYears < 35) reasons.push('age-under-35');
  if (!reasons.length && input.nodules.length === 0) reasons.push('no-nodules');

  const sized = input.nodules.map((n, index) => ({ n, index, sizeMm: meanDiameterWholeMm(n.longAxisMm, n.shortAxisMm) }));
  if (!reasons.length && sized.some((s) => s.sizeMm > 30)) reasons.push('mass');
  if (reasons.length) {
    const texts = reasons.map((r) => NOT_APPLICABLE[r]);
    return {
      applicable: false,
      guideline: 'Fleischner 2017',
      reasons,
      alternative: reasons.includes('screening') ? 'Lung-RADS' : null,
      text: {
        ko: `Fleischner 2017 지침 적용 대상이 아닙니다: ${texts.map((t) => t.text.ko).join('; ')}`,
        en: `Fleischner 2017 guidelines do not apply: ${texts.map((t) => t.text.en).join('; ')}`,
      },
      source: [...new Set(texts.map((t) => t.source))].join('; '),
    };
  }

  const solidCount = sized.filter((s) => s.n.type === 'solid').length;
  const subsolidCount = sized.length - solidCount;
  const assessments: FleischnerNoduleAssessment[] = sized.map(({ n, index, sizeMm }) => {
    const multiple = (n.type === 'solid' ? solidCount : subsolidCount) > 1;
    return {
      index,
      type: n.type,
      sizeMm,
      solidComponentMm: n.type === 'part-solid' && n.solidComponentMm !== undefined ? roundTenthMm(n.solidComponentMm) : null,
      row: fleischnerRow(n.type, sizeMm, multiple, input.patientRisk),
    };
  });
  const governing = [...assessments].sort(moreDemanding)[0]!;
  const row = FLEISCHNER_TABLE[governing.row];
  const comments: LocalizedText[] = row.comment ? [row.comment] : [];
  // The table's comment states the rule in general; this names the nodule it applies to, since
  // the follow-up text alone ("CT at 3–6 months") would undersell it.
  for (const a of assessments) {
    if (a.type === 'part-solid' && a.sizeMm >= 6 && a.solidComponentMm !== null && a.solidComponentMm >= 6) {
      comments.push({
        ko: `결절 ${a.index + 1}: 고형 성분 ${a.solidComponentMm} mm (6 mm 이상) — 지속되면 악성 가능성이 매우 높은 것으로 간주`,
        en: `nodule ${a.index + 1}: solid component ${a.solidComponentMm} mm (≥6 mm) — highly suspicious if persistent`,
      });
    }
  }
  if (solidCount > 0 && subsolidCount > 0) {
    comments.push({
      ko: '고형 결절과 아고형 결절이 함께 있어, 가장 집중적인 관리가 필요한 결절을 기준으로 권고했습니다',
      en: 'solid and subsolid nodules are both present; the recommendation follows the nodule that needs the most intensive management',
    });
  }
  const subject = `${governing.type === 'solid' ? '고형' : governing.type === 'part-solid' ? '부분고형' : '간유리'} 결절 ${governing.sizeMm} mm`;
  const subjectEn = `${governing.type} nodule ${governing.sizeMm} mm`;
  return {
    applicable: true,
    guideline: 'Fleischner 2017',
    row: governing.row,
    multiplicity: (governing.type === 'solid' ? solidCount : subsolidCount) > 1 ? 'multiple' : 'single',
    governingNodule: governing,
    nodules: assessments,
    followUp: row.followUp,
    text: { ko: `${subject}: ${row.text.ko}`, en: `${subjectEn}: ${row.text.en}` },
    comments,
    source: `${row.source}; sizes are the average of long and short axes rounded to the nearest mm (Table 1 footnote)`,
  };
}
