import { isChosungQuery, toChosung } from '../korean/chosung.js';

/**
 * The hospital's fee schedule (수가표), bundled so bills are priced without a network lookup. Its
 * shape follows the HIRA (건강보험심사평가원) 건강보험 행위 급여·비급여 목록: every item has a code,
 * a Korean name, a chapter (기본진료료, 검사료, 영상진단료, 처치·수술료, 약품비), a unit price in
 * whole won, and whether it is covered by insurance (급여) or not (비급여).
 *
 * The prices and codes are ILLUSTRATIVE demo values for a 종합병원, not the official tariff (which
 * changes every year with the 환산지수 and differs per institution type). A hospital loads its own
 * contracted schedule here; bills copy name and price onto their lines, so a later change never
 * alters a bill already issued.
 */
export const FEE_CATEGORIES = {
  CONSULTATION: '진찰료·입원료',
  TEST: '검사료',
  IMAGING: '영상진단료',
  PROCEDURE: '처치·수술료',
  MEDICATION: '약품·주사료',
} as const;
export type FeeCategory = keyof typeof FEE_CATEGORIES;

export interface FeeItem {
  code: string;
  name: string;
  category: FeeCategory;
  /** Unit price in whole won (KRW); never a fraction. */
  price: number;
  /** 급여 (covered: the insurer pays part) or 비급여 (uninsured: the patient pays all). */
  covered: boolean;
}

export const FEE_SCHEDULE: readonly FeeItem[] = [
  { code: 'AA154', name: '초진 진찰료 (종합병원)', category: 'CONSULTATION', price: 21_850, covered: true },
  { code: 'AA254', name: '재진 진찰료 (종합병원)', category: 'CONSULTATION', price: 15_620, covered: true },
  { code: 'AB220', name: '입원료 (일반병실, 1일)', category: 'CONSULTATION', price: 72_340, covered: true },
  { code: 'AB900', name: '상급병실료 차액 (1인실, 1일)', category: 'CONSULTATION', price: 150_000, covered: false },

  { code: 'B1010', name: '일반혈액검사 (CBC)', category: 'TEST', price: 4_210, covered: true },
  { code: 'B2570', name: '간기능검사 (AST·ALT·ALP·빌리루빈)', category: 'TEST', price: 9_830, covered: true },
  { code: 'B2580', name: '신장기능검사 (BUN·크레아티닌)', category: 'TEST', price: 4_120, covered: true },
  { code: 'B2600', name: '혈당검사 (공복)', category: 'TEST', price: 1_830, covered: true },
  { code: 'B2650', name: '당화혈색소 (HbA1c)', category: 'TEST', price: 8_470, covered: true },
  { code: 'B4031', name: 'C-반응성단백 정량 (CRP)', category: 'TEST', price: 7_290, covered: true },
  { code: 'B0010', name: '요검사 (일반, 10종)', category: 'TEST', price: 2_860, covered: true },
  { code: 'E6541', name: '심전도 (ECG, 12유도)', category: 'TEST', price: 6_540, covered: true },
  { code: 'C5500', name: '조직병리검사 (생검 1장기)', category: 'TEST', price: 32_150, covered: true },
  { code: 'BZ100', name: '종합 건강검진 혈액 패널 (검진 목적)', category: 'TEST', price: 60_000, covered: false },

  { code: 'G2101', name: '흉부 단순촬영 (Chest X-ray PA)', category: 'IMAGING', price: 9_760, covered: true },
  { code: 'HA401', name: '흉부 CT (조영제 미사용)', category: 'IMAGING', price: 108_920, covered: true },
  { code: 'HA471', name: '흉부 CT (조영제 사용)', category: 'IMAGING', price: 149_530, covered: true },
  { code: 'HZ401', name: '저선량 흉부 CT (LDCT, 검진 목적)', category: 'IMAGING', price: 110_000, covered: false },
  { code: 'HE101', name: '뇌 MRI (일반)', category: 'IMAGING', price: 298_400, covered: true },
  { code: 'HZ135', name: '요추 MRI (단순 통증, 비급여)', category: 'IMAGING', price: 450_000, covered: false },
  { code: 'HA311', name: '유방촬영 (Mammography, 양측)', category: 'IMAGING', price: 21_470, covered: true },
  { code: 'EB441', name: '유방 초음파 (진단)', category: 'IMAGING', price: 68_350, covered: true },
  { code: 'EZ441', name: '유방 초음파 (검진 목적)', category: 'IMAGING', price: 100_000, covered: false },
  { code: 'EB401', name: '상복부 초음파 (간·담낭·췌장)', category: 'IMAGING', price: 84_210, covered: true },

  { code: 'M0111', name: '단순 처치 (드레싱)', category: 'PROCEDURE', price: 3_140, covered: true },
  { code: 'M0127', name: '창상 봉합술 (안면 외, 2.5cm 미만)', category: 'PROCEDURE', price: 28_690, covered: true },
  { code: 'S5181', name: '피부 생검 (펀치)', category: 'PROCEDURE', price: 41_280, covered: true },
  { code: 'S5100', name: '냉동치료 (사마귀)', category: 'PROCEDURE', price: 14_860, covered: true },
  { code: 'SZ511', name: '레이저 점 제거 (미용)', category: 'PROCEDURE', price: 50_000, covered: false },
  { code: 'E7611', name: '위내시경 (식도·위·십이지장)', category: 'PROCEDURE', price: 48_630, covered: true },
  { code: 'E7660', name: '대장내시경', category: 'PROCEDURE', price: 91_470, covered: true },
  { code: 'EZ760', name: '수면 내시경 관리료 (비급여)', category: 'PROCEDURE', price: 60_000, covered: false },

  { code: 'KK010', name: '주사료 (정맥 주사)', category: 'MEDICATION', price: 2_470, covered: true },
  { code: '645400010', name: '생리식염수 수액 1L', category: 'MEDICATION', price: 1_820, covered: true },
  { code: '655501530', name: '세프트리악손 주사 1g', category: 'MEDICATION', price: 3_060, covered: true },
  { code: '642900710', name: '요오드 조영제 100mL', category: 'MEDICATION', price: 44_800, covered: true },
  { code: 'VZ001', name: '인플루엔자 예방접종 (일반)', category: 'MEDICATION', price: 40_000, covered: false },
];

const BY_CODE = new Map(FEE_SCHEDULE.map((item) => [item.code.toUpperCase(), item]));

/** The item with this code (case and surrounding spaces ignored), or undefined. */
export function feeByCode(code: string): FeeItem | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

export interface FeeSearch {
  /** Part of the name (`CT`, `내시경`), its initial consonants (`ㅇㅂ` → 요검사…), or a code prefix. */
  q?: string;
  category?: FeeCategory;
  covered?: boolean;
}

/** Schedule items matching every given criterion, in schedule order. */
export function searchFeeSchedule(search: FeeSearch = {}): FeeItem[] {
  const term = search.q?.trim().toUpperCase() ?? '';
  const chosung = isChosungQuery(term) ? term.replace(/\s/g, '') : null;
  return FEE_SCHEDULE.filter((item) => {
    if (search.category && item.category !== search.category) return false;
    if (search.covered !== undefined && item.covered !== search.covered) return false;
    if (!term) return true;
    if (chosung) return toChosung(item.name).includes(chosung);
    return item.code.toUpperCase().startsWith(term) || item.name.toUpperCase().includes(term);
  });
}
