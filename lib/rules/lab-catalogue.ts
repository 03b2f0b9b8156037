import { isChosungQuery, toChosung } from '../korean/chosung.js';
import { ANALYTES, SPECIMEN_TYPES, findAnalyte, type Analyte, type SpecimenType } from './lab-analytes.js';

export { ANALYTES, SPECIMEN_TYPES, findAnalyte, type Analyte, type SpecimenType };

export const LAB_CATEGORIES = {
  HEMATOLOGY: '혈액',
  CHEMISTRY: '일반화학',
  LIPID: '지질',
  DIABETES: '당뇨',
  COAGULATION: '응고',
  TUMOR_MARKER: '종양표지자',
} as const;
export type LabCategory = keyof typeof LAB_CATEGORIES;

/** One orderable lab test of the catalogue: a panel of analytes, or a single analyte. */
export interface LabTest {
  /** Hospital order code, e.g. `CBC`, `HBA1C`, `CEA`. */
  code: string;
  /** LOINC code of the test (a panel's LOINC for panels). */
  loinc: string;
  /** Korean name first (UI), e.g. `일반혈액검사`. */
  name: string;
  nameEn: string;
  category: LabCategory;
  /** The tube it is drawn into; every analyte of a test shares it. */
  specimen: SpecimenType;
  /** Analyte codes reported for this test, in report order. */
  analytes: string[];
}

const panels: LabTest[] = [
  {
    code: 'CBC', loinc: '58410-2', name: '일반혈액검사 (CBC)', nameEn: 'Complete blood count', category: 'HEMATOLOGY', specimen: 'EDTA_WB',
    analytes: ['WBC', 'RBC', 'HB', 'HCT', 'MCV', 'MCH', 'MCHC', 'PLT'],
  },
  {
    code: 'CMP', loinc: '24323-8', name: '종합대사검사 (일반화학)', nameEn: 'Comprehensive metabolic panel', category: 'CHEMISTRY', specimen: 'SERUM_SST',
    analytes: ['GLU', 'BUN', 'CR', 'AST', 'ALT', 'ALP', 'TBIL', 'ALB', 'TP', 'NA', 'K', 'CL', 'CO2', 'CA'],
  },
  {
    code: 'ELEC', loinc: '24326-1', name: '전해질검사', nameEn: 'Electrolytes panel', category: 'CHEMISTRY', specimen: 'SERUM_SST',
    analytes: ['NA', 'K', 'CL', 'CO2'],
  },
  {
    code: 'LIPID', loinc: '57698-3', name: '지질검사', nameEn: 'Lipid panel with direct LDL', category: 'LIPID', specimen: 'SERUM_SST',
    analytes: ['TCHOL', 'TG', 'HDL', 'LDL'],
  },
  // LOINC's "PT panel" is the clotting time and the INR derived from it.
  {
    code: 'PTINR', loinc: '34528-0', name: '프로트롬빈 시간 (PT/INR)', nameEn: 'PT panel (PT, INR)', category: 'COAGULATION', specimen: 'CITRATE_PLASMA',
    analytes: ['PT', 'INR'],
  },
];

/** Analytes that are also ordered on their own, under the analyte's own code and LOINC. */
const SINGLE: Record<string, LabCategory> = {
  GLU: 'CHEMISTRY', BUN: 'CHEMISTRY', CR: 'CHEMISTRY', AST: 'CHEMISTRY', ALT: 'CHEMISTRY', ALP: 'CHEMISTRY', TBIL: 'CHEMISTRY',
  ALB: 'CHEMISTRY', NA: 'CHEMISTRY', K: 'CHEMISTRY', CL: 'CHEMISTRY', CA: 'CHEMISTRY',
  HBA1C: 'DIABETES', APTT: 'COAGULATION',
  CEA: 'TUMOR_MARKER', CA199: 'TUMOR_MARKER', CA153: 'TUMOR_MARKER', AFP: 'TUMOR_MARKER', PSA: 'TUMOR_MARKER',
};

const singles: LabTest[] = Object.entries(SINGLE).map(([code, category]) => {
  const analyte = findAnalyte(code)!;
  return { code, loinc: analyte.loinc, name: analyte.name, nameEn: analyte.nameEn, category, specimen: analyte.specimen, analytes: [code] };
});

/** Every orderable test: panels first, then single analytes, each group in report order. */
export const LAB_TESTS: readonly LabTest[] = [...panels, ...singles];
const BY_CODE = new Map(LAB_TESTS.map((t) => [t.code, t]));

/** An orderable test by its order code, case-insensitively. */
export function findLabTest(code: string): LabTest | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/** The analytes a test reports, in report order. */
export function analytesOf(test: LabTest): Analyte[] {
  return test.analytes.map((code) => findAnalyte(code)!);
}

const compact = (text: string) => text.replace(/\s/g, '').toLowerCase();

/**
 * Tests matching a search box entry, in catalogue order: part of the Korean or English name
 * (spaces ignored) or its 초성 (`ㄷㅎㅎ` → 당화혈색소), the start of the order code, the exact
 * LOINC code, or any of its analytes by the same rules (`칼륨` finds K, ELEC and CMP).
 */
export function searchLabTests(query?: string): LabTest[] {
  const term = query?.trim() ?? '';
  if (!term) return [...LAB_TESTS];
  const needle = compact(term);
  const upper = term.toUpperCase();
  const chosung = isChosungQuery(term) ? term.replace(/\s/g, '') : null;
  const matches = (item: { code: string; loinc: string; name: string; nameEn: string }) =>
    compact(item.name).includes(needle)
    || compact(item.nameEn).includes(needle)
    || (chosung !== null && toChosung(item.name).includes(chosung))
    || item.code.startsWith(upper)
    || item.loinc === term;
  return LAB_TESTS.filter((test) => matches(test) || analytesOf(test).some(matches));
}
