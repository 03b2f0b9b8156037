import {
  GuidelineInputError, NODULE_TYPES, meanDiameterTenthMm, requireDiameterMm, requireOneOf, roundTenthMm,
  type LocalizedText, type MonthRange, type NoduleType,
} from './common.js';

/**
 * ACR Lung-RADS® v2022 (American College of Radiology, released November 2022): the assessment
 * categories table of lung cancer screening low-dose CT, and its numbered notes; explained with the
 * evidence in Christensen J, et al. "ACR Lung-RADS v2022: Assessment Categories and Management
 * Recommendations." Chest 2024;165(3):738–753.
 *
 * Measurements (note 4): long and short axis to one decimal, mean diameter reported to one decimal;
 * the thresholds below compare that rounded mean, so 5.9 mm is category 2 and 6.0 mm category 3 on a
 * baseline solid nodule. Volumes are not modelled (the table gives them as equivalents).
 *
 * What the table needs but an image alone does not say is taken as input: whether a nodule is at
 * baseline, new, growing, slowly growing over several screens, or stable (with the category it had,
 * for stepped management); whether a juxtapleural nodule has the benign morphology; airway level;
 * atypical cyst pattern; "additional features" for 4X; a benign work-up result; and the exam-level
 * category 0 reasons and S modifier.
 */
export const LUNG_RADS_2022 = 'ACR Lung-RADS® v2022 assessment categories (American College of Radiology, 2022); Christensen J, et al. Chest 2024;165(3):738–753';

export const LUNG_RADS_CATEGORIES = ['0', '1', '2', '3', '4A', '4B', '4X'] as const;
export type LungRadsCategory = (typeof LUNG_RADS_CATEGORIES)[number];
const RANK: Record<LungRadsCategory, number> = { '0': -1, '1': 1, '2': 2, '3': 3, '4A': 4, '4B': 5, '4X': 6 };
const higher = (a: LungRadsCategory, b: LungRadsCategory) => (RANK[a] >= RANK[b] ? a : b);

/**
 * Where a nodule stands against the prior screens: 'growing' is the note 6 definition (mean diameter
 * up by more than 1.5 mm within 12 months; see `isLungRadsGrowth`); 'slow-growing' is growth over
 * several screening exams that does not meet it (notes 7–8); 'stable' includes decreased.
 */
export const LUNG_RADS_NODULE_STATUSES = ['baseline', 'new', 'growing', 'slow-growing', 'stable'] as const;
export type LungRadsNoduleStatus = (typeof LUNG_RADS_NODULE_STATUSES)[number];

/** The category a stable finding had on the prior exam — what stepped management steps down from. */
export type LungRadsPriorCategory = '2' | '3' | '4A' | '4B' | '4X';

interface FindingCommon {
  /** Category 3 or 4 with features or findings that raise suspicion of lung cancer → 4X (note 14). */
  additionalSuspiciousFeatures?: boolean;
  /** A 4B lesion proven benign after appropriate diagnostic work-up → 2. */
  provenBenign?: boolean;
}

export interface LungRadsNodule extends FindingCommon {
  type: NoduleType;
  longAxisMm: number;
  shortAxisMm: number;
  /** Part-solid: mean diameter of the solid component, mm. */
  solidComponentMm?: number;
  status: LungRadsNoduleStatus;
  /** Required when status is 'stable' (solid and part-solid). */
  priorCategory?: LungRadsPriorCategory;
  /** Solid, smooth margins, and oval, lentiform or triangular shape: the benign juxtapleural (perifissural) morphology. */
  juxtapleuralBenignMorphology?: boolean;
}

export interface LungRadsAirwayNodule extends FindingCommon {
  type: 'airway';
  level: 'subsegmental' | 'segmental-or-proximal';
  /** 'stable' or 'growing' here means at the 3-month follow-up of a 4A airway nodule. */
  status: 'baseline' | 'new' | 'stable' | 'growing';
}

/**
 * Atypical pulmonary cyst patterns of v2022 (note 12); thin-walled unilocular cysts are not
 * classified and so are not a pattern here.
 */
export const ATYPICAL_CYST_PATTERNS = [
  'thick-walled-growing-cystic-component', 'thick-walled', 'multilocular', 'became-multilocular',
  'thick-walled-growing-wall-or-nodularity', 'multilocular-growing', 'multilocular-increased-loculation-or-opacity',
] as const;
export type AtypicalCystPattern = (typeof ATYPICAL_CYST_PATTERNS)[number];

export interface LungRadsAtypicalCyst extends FindingCommon {
  type: 'atypical-cyst';
  pattern: AtypicalCystPattern;
  /** A 4A cyst that is stable or decreased at its 3-month follow-up steps down to 3. */
  priorCategory?: LungRadsPriorCategory;
}

/** Nodules with complete, central, popcorn or concentric-ring calcification, or fat: category 1. */
export interface LungRadsBenignNodule { type: 'benign-calcified-or-fat' }

export type LungRadsFinding = LungRadsNodule | LungRadsAirwayNodule | LungRadsAtypicalCyst | LungRadsBenignNodule;

export type LungRadsIncompleteReason = 'prior-ct-being-located' | 'lungs-not-evaluable' | 'infectious-or-inflammatory';

export interface LungRadsInput {
  findings: readonly LungRadsFinding[];
  /** Category 0 reasons; the exam is 0 whatever the findings while any applies. */
  incomplete?: readonly LungRadsIncompleteReason[];
  /** S modifier: a clinically significant or potentially significant finding other than lung cancer. */
  significantOtherFinding?: boolean;
}

export interface LungRadsFollowUp {
  /** Next LDCT window; null when the next step is not a scheduled LDCT. */
  months: MonthRange | null;
  modality: 'LDCT' | null;
  petCtMayBeConsidered: boolean;
  /** 4B/4X: diagnostic chest CT, PET/CT, tissue sampling and/or referral, by clinical judgement. */
  diagnosticWorkUp: boolean;
}

export interface LungRadsFindingAssessment {
  index: number;
  category: LungRadsCategory;
  /** Mean diameter to one decimal (nodules only). */
  meanDiameterMm: number | null;
  solidComponentMm: number | null;
  /** The table row that matched, for the UI. */
  rule: LocalizedText;
  source: string;
}

export interface LungRadsResult {
  guideline: 'Lung-RADS v2022';
  category: LungRadsCategory;
  sModifier: boolean;
  /** As reported: the category with "S" appended when the modifier applies, e.g. "2S". */
  label: string;
  descriptor: LocalizedText;
  management: LocalizedText;
  followUp: LungRadsFollowUp;
  findings: readonly LungRadsFindingAssessment[];
  text: LocalizedText;
  source: string;
}

export const LUNG_RADS_TABLE: Readonly<Record<LungRadsCategory, { descriptor: LocalizedText; management: LocalizedText }>> = {
  '0': {
    descriptor: { ko: '불완전', en: 'Incomplete' },
    management: { ko: '이전 흉부 CT와 비교, 추가 검진 CT 촬영 또는 1–3개월 후 LDCT', en: 'Comparison to prior chest CT; additional lung cancer screening CT imaging; or 1–3 month LDCT' },
  },
  '1': { descriptor: { ko: '음성', en: 'Negative' }, management: { ko: '12개월 후 검진 LDCT', en: '12-month screening LDCT' } },
  '2': { descriptor: { ko: '양성 (양성 소견 또는 경과)', en: 'Benign (based on imaging features or indolent behavior)' }, management: { ko: '12개월 후 검진 LDCT', en: '12-month screening LDCT' } },
  '3': { descriptor: { ko: '양성 가능성 높음', en: 'Probably benign' }, management: { ko: '6개월 후 LDCT', en: '6-month LDCT' } },
  '4A': {
    descriptor: { ko: '의심', en: 'Suspicious' },
    management: { ko: '3개월 후 LDCT; 8 mm 이상의 고형 결절 또는 고형 성분이 있으면 PET/CT 고려 가능', en: '3-month LDCT; PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component' },
  },
  '4B': {
    descriptor: { ko: '매우 의심', en: 'Very suspicious' },
    management: {
      ko: '조영 또는 비조영 진단적 흉부 CT; 8 mm 이상의 고형 결절 또는 고형 성분이 있으면 PET/CT 고려 가능; 조직검사; 및/또는 추가 임상 평가 의뢰. 관리는 임상 평가, 환자 선호도, 악성 가능성에 따름',
      en: 'Diagnostic chest CT with or without contrast; PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component; tissue sampling; and/or referral for further clinical evaluation. Management depends on clinical evaluation, patient preference, and the probability of malignancy',
    },
  },
  '4X': {
    descriptor: { ko: '매우 의심 (추가 의심 소견)', en: 'Very suspicious (additional features)' },
    management: {
      ko: '조영 또는 비조영 진단적 흉부 CT; 8 mm 이상의 고형 결절 또는 고형 성분이 있으면 PET/CT 고려 가능; 조직검사; 및/또는 추가 임상 평가 의뢰. 관리는 임상 평가, 환자 선호도, 악성 가능성에 따름',
      en: 'Diagnostic chest CT with or without contrast; PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component; tissue sampling; and/or referral for further clinical evaluation. Management depends on clinical evaluation, patient preference, and the probability of malignancy',
    },
  },
};

const INCOMPLETE: Record<LungRadsIncompleteReason, { management: LocalizedText; months: MonthRange | null }> = {
  'prior-ct-being-located': { management: { ko: '이전 흉부 CT와 비교 필요', en: 'Comparison to prior chest CT examination(s)' }, months: null },
  'lungs-not-evaluable': { management: { ko: '추가 폐암 검진 CT 촬영 필요', en: 'Additional lung cancer screening CT imaging needed' }, months: null },
  'infectious-or-inflammatory': { management: { ko: '1–3개월 후 LDCT', en: '1–3 month LDCT' }, months: [1, 3] },
};

/** Note 6: growth is a mean-diameter increase of more than 1.5 mm within a 12-month interval. */
export function isLungRadsGrowth(priorMeanMm: number, currentMeanMm: number, intervalMonths: number): boolean {
  requireDiameterMm('priorMeanMm', priorMeanMm);
  requireDiameterMm('currentMeanMm', currentMeanMm);
  if (!Number.isFinite(intervalMonths) || intervalMonths <= 0) {
    throw new GuidelineInputError('intervalMonths', { ko: 'intervalMonths: 0보다 큰 개월 수여야 합니다', en: 'intervalMonths: must be a number of months greater than 0' });
  }
  return intervalMonths <= 12 && roundTenthMm(currentMeanMm - priorMeanMm) > 1.5;
}

type Assessed = { category: LungRadsCategory; rule: LocalizedText; where: string };
const hit = (category: LungRadsCategory, ko: string, en: string, where = `category ${category}`): Assessed => ({ category, rule: { ko, en }, where });

/** Baseline-size category of a solid or part-solid nodule, for stepped management and note 5. */
function baselineCategory(type: NoduleType, mean: number, solid: number | null): LungRadsCategory {
  if (type === 'solid') return mean < 6 ? '2' : mean < 8 ? '3' : mean < 15 ? '4A' : '4B';
  if (type === 'part-solid') return mean < 6 ? '2' : solid! < 6 ? '3' : solid! < 8 ? '4A' : '4B';
  return mean < 30 ? '2' : '3';
}

function stepped(prior: LungRadsPriorCategory | undefined, bySize: LungRadsCategory, field: string): Assessed {
  if (prior === undefined) {
    throw new GuidelineInputError(field, {
      ko: `${field}: 안정적인 소견은 이전 검사의 Lung-RADS 범주가 있어야 단계적 관리를 적용할 수 있습니다`,
      en: `${field}: a stable finding needs the Lung-RADS category of the prior exam for stepped management`,
    });
  }
  requireOneOf(field, prior, ['2', '3', '4A', '4B', '4X'] as const);
  // Note 5: a nodule that enlarges across a size threshold is reclassified by size, growth or not.
  if (RANK[bySize] > RANK[prior]) return hit(bySize, '크기 기준을 넘어 크기에 따라 재분류', 'crossed a size threshold: reclassified by size (note 5)', 'note 5');
  if (prior === '3') return hit('2', '6개월 추적 CT에서 안정적이거나 감소한 범주 3 병변', 'category 3 lesion stable or decreased in size at 6-month follow-up CT', 'category 2 (stepped management)');
  // Airway nodules never come here: a segmental one that persists at 3 months is 4B (assessAirway).
  if (prior === '4A') return hit('3', '3개월 추적 CT에서 안정적이거나 감소한 범주 4A 병변', 'category 4A lesion stable or decreased in size at 3-month follow-up CT', 'category 3 (stepped management)');
  if (prior === '2') return hit('2', '이전 범주 2, 변화 없음', 'category 2 finding, unchanged', 'category 2');
  // Stepped management has no step down from 4B for stability alone; only a benign work-up does.
  return hit('4B', '안정적인 범주 4B 병변 — 진단적 평가에서 양성으로 확인되기 전까지 4B 유지', 'stable category 4B lesion: stays 4B until proven benign after diagnostic work-up', 'category 4B');
}

function assessNodule(n: LungRadsNodule, i: number, mean: number, solid: number | null): Assessed {
  const f = `findings[${i}]`;
  if (n.type === 'ground-glass') {
    // Non-solid: < 30 mm is 2 at baseline, new or growing; ≥ 30 mm is 3 at baseline or new and 2 once
    // stable or slowly growing. A GGN that enlarges past 30 mm is reclassified by size (note 5) → 3.
    if (mean < 30) return hit('2', '간유리(비고형) 결절 30 mm 미만', 'non-solid nodule < 30 mm at baseline, new, or growing');
    if (n.status === 'stable' || n.status === 'slow-growing') return hit('2', '간유리(비고형) 결절 30 mm 이상, 안정적이거나 천천히 성장', 'non-solid nodule ≥ 30 mm stable or slowly growing');
    return hit('3', '간유리(비고형) 결절 30 mm 이상, 기저 검사 또는 새로 발견', 'non-solid nodule ≥ 30 mm at baseline or new');
  }
  if (n.type === 'solid' && n.juxtapleuralBenignMorphology && mean < 10 && (n.status === 'baseline' || n.status === 'new')) {
    return hit('2', '흉막 인접 결절 10 mm 미만, 고형·매끈한 경계·타원/렌즈/삼각형', 'juxtapleural nodule < 10 mm at baseline or new: solid, smooth margins, oval, lentiform or triangular');
  }
  if (n.status === 'slow-growing') return hit('4B', '여러 검진에 걸쳐 천천히 성장하는 고형/부분고형 결절', 'slow growing solid or part solid nodule that demonstrates growth over multiple screening exams');
  if (n.status === 'stable') return stepped(n.priorCategory, baselineCategory(n.type, mean, solid), `${f}.priorCategory`);
  if (n.type === 'solid') {
    if (n.status === 'baseline') {
      if (mean < 6) return hit('2', '고형 결절 6 mm 미만 (기저)', 'solid nodule < 6 mm at baseline');
      if (mean < 8) return hit('3', '고형 결절 6 mm 이상 8 mm 미만 (기저)', 'solid nodule ≥ 6 to < 8 mm at baseline');
      if (mean < 15) return hit('4A', '고형 결절 8 mm 이상 15 mm 미만 (기저)', 'solid nodule ≥ 8 to < 15 mm at baseline');
      return hit('4B', '고형 결절 15 mm 이상 (기저)', 'solid nodule ≥ 15 mm at baseline');
    }
    if (n.status === 'new') {
      if (mean < 4) return hit('2', '새 고형 결절 4 mm 미만', 'new solid nodule < 4 mm');
      if (mean < 6) return hit('3', '새 고형 결절 4 mm 이상 6 mm 미만', 'new solid nodule 4 mm to < 6 mm');
      if (mean < 8) return hit('4A', '새 고형 결절 6 mm 이상 8 mm 미만', 'new solid nodule 6 to < 8 mm');
      return hit('4B', '새 고형 결절 8 mm 이상', 'new solid nodule ≥ 8 mm');
    }
    if (mean < 8) return hit('4A', '성장하는 고형 결절 8 mm 미만', 'growing solid nodule < 8 mm');
    return hit('4B', '성장하는 고형 결절 8 mm 이상', 'growing solid nodule ≥ 8 mm');
  }
  // Part-solid: the total mean diameter and the solid component's mean diameter.
  const s = solid!;
  if (n.status === 'baseline') {
    if (mean < 6) return hit('2', '부분고형 결절 전체 6 mm 미만 (기저)', 'part solid nodule < 6 mm total mean diameter at baseline');
    if (s < 6) return hit('3', '부분고형 결절 전체 6 mm 이상, 고형 성분 6 mm 미만 (기저)', 'part solid nodule ≥ 6 mm total mean diameter with solid component < 6 mm at baseline');
    if (s < 8) return hit('4A', '부분고형 결절 전체 6 mm 이상, 고형 성분 6 mm 이상 8 mm 미만 (기저)', 'part solid nodule ≥ 6 mm total mean diameter with solid component ≥ 6 to < 8 mm at baseline');
    return hit('4B', '부분고형 결절 고형 성분 8 mm 이상 (기저)', 'part solid nodule with solid component ≥ 8 mm at baseline');
  }
  // New, or growing (for part-solid nodules, "growing" is read as a new or growing solid component).
  if (s >= 4) return hit('4B', '새로 생기거나 커지는 고형 성분 4 mm 이상', 'part solid nodule with new or growing ≥ 4 mm solid component');
  if (n.status === 'new' && mean < 6) return hit('3', '새 부분고형 결절 전체 6 mm 미만', 'new part solid nodule < 6 mm total mean diameter');
  return hit('4A', '새로 생기거나 커지는 고형 성분 4 mm 미만', 'part solid nodule with new or growing < 4 mm solid component');
}

function assessAirway(n: LungRadsAirwayNodule): Assessed {
  if (n.level === 'subsegmental') {
    // The table lists subsegmental airway nodules at baseline, new or stable as 2; a growing one is
    // not addressed, so we keep 2 and say so rather than invent a category.
    if (n.status === 'growing') return hit('2', '구역하 기도 결절 (성장: 표에 명시되지 않음, 판독의 확인 필요)', 'subsegmental airway nodule (growth is not addressed by the table: radiologist to review)');
    return hit('2', '구역하 기도 결절 (기저, 새로 발견 또는 안정)', 'subsegmental airway nodule at baseline, new, or stable');
  }
  if (n.status === 'baseline' || n.status === 'new') return hit('4A', '구역 이상 근위부 기도 결절 (기저 또는 새로 발견)', 'segmental or more proximal airway nodule at baseline or new');
  return hit('4B', '구역 이상 근위부 기도 결절, 안정적이거나 성장', 'segmental or more proximal airway nodule stable or growing');
}

function assessCyst(c: LungRadsAtypicalCyst, i: number): Assessed {
  switch (c.pattern) {
    case 'thick-walled-growing-cystic-component': return hit('3', '두꺼운 벽 낭종의 낭성 부분 성장', 'thick-walled cyst with growing cystic component (mean diameter)');
    case 'thick-walled':
    case 'multilocular':
      if (c.priorCategory !== undefined) return stepped(c.priorCategory, '4A', `findings[${i}].priorCategory`);
      return hit('4A', c.pattern === 'thick-walled' ? '두꺼운 벽 낭종' : '다방성 낭종 (기저)', c.pattern === 'thick-walled' ? 'thick-walled cyst' : 'multilocular cyst at baseline');
    case 'became-multilocular': return hit('4A', '다방성으로 변한 얇은/두꺼운 벽 낭종', 'thin- or thick-walled cyst that becomes multilocular');
    case 'thick-walled-growing-wall-or-nodularity': return hit('4B', '벽 두께 또는 결절성이 증가하는 두꺼운 벽 낭종', 'thick-walled cyst with growing wall thickness/nodularity');
    case 'multilocular-growing': return hit('4B', '커지는 다방성 낭종', 'growing multilocular cyst (mean diameter)');
    case 'multilocular-increased-loculation-or-opacity': return hit('4B', '분획 증가 또는 새로운/증가한 음영이 있는 다방성 낭종', 'multilocular cyst with increased loculation or new/increased opacity (nodular, ground glass, or consolidation)');
  }
}

function validateFinding(f: LungRadsFinding, i: number): void {
  const at = `findings[${i}]`;
  requireOneOf(`${at}.type`, f.type, [...NODULE_TYPES, 'airway', 'atypical-cyst', 'benign-calcified-or-fat'] as const);
  if (f.type === 'airway') {
    requireOneOf(`${at}.level`, f.level, ['subsegmental', 'segmental-or-proximal'] as const);
    requireOneOf(`${at}.status`, f.status, ['baseline', 'new', 'stable', 'growing'] as const);
  } else if (f.type === 'atypical-cyst') {
    requireOneOf(`${at}.pattern`, f.pattern, ATYPICAL_CYST_PATTERNS);
  } else if (f.type !== 'benign-calcified-or-fat') {
    requireDiameterMm(`${at}.longAxisMm`, f.longAxisMm);
    requireDiameterMm(`${at}.shortAxisMm`, f.shortAxisMm);
    requireOneOf(`${at}.status`, f.status, LUNG_RADS_NODULE_STATUSES);
    if (f.type === 'part-solid') {
      requireDiameterMm(`${at}.solidComponentMm`, f.solidComponentMm);
      if (f.solidComponentMm! > Math.max(f.longAxisMm, f.shortAxisMm)) {
        throw new GuidelineInputError(`${at}.solidComponentMm`, { ko: `${at}.solidComponentMm: 고형 성분이 결절 장경보다 클 수 없습니다`, en: `${at}.solidComponentMm: the solid component cannot exceed the nodule's long axis` });
      }
    }
  }
}

function assess(f: LungRadsFinding, index: number): LungRadsFindingAssessment {
  if (f.type === 'benign-calcified-or-fat') {
    return { index, category: '1', meanDiameterMm: null, solidComponentMm: null, rule: { ko: '양성 석회화(완전, 중심, 팝콘, 동심원) 또는 지방 함유 결절', en: 'nodule with specific calcification (complete, central, popcorn, concentric rings) or fat' }, source: `${LUNG_RADS_2022}, category 1` };
  }
  let mean: number | null = null;
  let solid: number | null = null;
  let a: Assessed;
  if (f.type === 'airway') a = assessAirway(f);
  else if (f.type === 'atypical-cyst') a = assessCyst(f, index);
  else {
    mean = meanDiameterTenthMm(f.longAxisMm, f.shortAxisMm);
    solid = f.type === 'part-solid' ? roundTenthMm(f.solidComponentMm!) : null;
    a = assessNodule(f, index, mean, solid);
  }
  if (f.provenBenign) a = hit('2', '진단적 평가에서 양성으로 확인된 범주 4B 병변', 'category 4B lesion proven to be benign in etiology following appropriate diagnostic workup', 'category 2');
  else if (f.additionalSuspiciousFeatures && RANK[a.category] >= RANK['3']) {
    a = hit('4X', `${a.rule.ko} + 폐암 의심을 높이는 추가 소견`, `${a.rule.en}, with additional features or imaging findings that increase the suspicion of lung cancer`, 'category 4X (note 14)');
  }
  return { index, category: a.category, meanDiameterMm: mean, solidComponentMm: solid, rule: a.rule, source: `${LUNG_RADS_2022}, ${a.where}` };
}

/**
 * The Lung-RADS v2022 category of one screening LDCT: each finding is categorised and the exam takes
 * the most suspicious one (note 1); category 0 reasons override while they last (note 9/10).
 */
export function lungRadsAssessment(input: LungRadsInput): LungRadsResult {
  if (!Array.isArray(input.findings)) {
    throw new GuidelineInputError('findings', { ko: 'findings: 소견 목록(배열)이어야 합니다', en: 'findings: must be a list of findings' });
  }
  input.findings.forEach(validateFinding);
  const incomplete = (input.incomplete ?? []).map((r, i) => requireOneOf(`incomplete[${i}]`, r, ['prior-ct-being-located', 'lungs-not-evaluable', 'infectious-or-inflammatory'] as const));
  const findings = input.findings.map(assess);
  const byFindings = findings.reduce<LungRadsCategory>((c, f) => higher(c, f.category), '1');
  const category: LungRadsCategory = incomplete.length ? '0' : byFindings;
  const governing = findings.filter((f) => f.category === category);

  // "PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component" (4A, 4B, 4X).
  const solidAtLeast8 = input.findings.some((f, i) => (f.type === 'solid' && findings[i]!.meanDiameterMm! >= 8) || (f.type === 'part-solid' && findings[i]!.solidComponentMm! >= 8));
  const fourAOrHigher = RANK[category] >= RANK['4A'];
  const followUp: LungRadsFollowUp = category === '0'
    ? { months: incomplete.includes('infectious-or-inflammatory') ? [1, 3] : null, modality: incomplete.includes('infectious-or-inflammatory') ? 'LDCT' : null, petCtMayBeConsidered: false, diagnosticWorkUp: false }
    : {
      months: category === '1' || category === '2' ? [12, 12] : category === '3' ? [6, 6] : category === '4A' ? [3, 3] : null,
      modality: fourAOrHigher && category !== '4A' ? null : 'LDCT',
      petCtMayBeConsidered: fourAOrHigher && solidAtLeast8,
      diagnosticWorkUp: category === '4B' || category === '4X',
    };
  const management: LocalizedText = category === '0'
    ? { ko: incomplete.map((r) => INCOMPLETE[r].management.ko).join('; '), en: incomplete.map((r) => INCOMPLETE[r].management.en).join('; ') }
    : LUNG_RADS_TABLE[category].management;
  const sModifier = Boolean(input.significantOtherFinding);
  const label = `${category}${sModifier ? 'S' : ''}`;
  const descriptor = LUNG_RADS_TABLE[category].descriptor;
  const sText: LocalizedText = sModifier
    ? { ko: ' S: 폐암 외 임상적으로 중요한 소견 — 해당 소견에 맞게 관리', en: ' S: clinically significant finding other than lung cancer — manage as appropriate to the finding' }
    : { ko: '', en: '' };
  const why: LocalizedText = category === '0'
    ? { ko: '불완전한 검사', en: 'incomplete exam' }
    : governing.length ? governing[0]!.rule : { ko: '폐결절 없음', en: 'no lung nodules' };
  return {
    guideline: 'Lung-RADS v2022',
    category,
    sModifier,
    label,
    descriptor,
    management,
    followUp,
    findings,
    text: {
      ko: `Lung-RADS ${label} (${descriptor.ko}): ${why.ko}. ${management.ko}.${sText.ko}`,
      en: `Lung-RADS ${label} (${descriptor.en}): ${why.en}. ${management.en}.${sText.en}`,
    },
    source: category === '0' ? `${LUNG_RADS_2022}, category 0` : governing.length ? governing[0]!.source : `${LUNG_RADS_2022}, category 1`,
  };
}
