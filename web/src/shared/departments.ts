import { lang } from './i18n';

/** The five departments (lib/constants.ts DEPARTMENTS), in both languages. */
const DEPARTMENTS: Record<string, { ko: string; en: string }> = {
  PULMONOLOGY: { ko: '호흡기내과', en: 'Pulmonology' },
  NEUROSURGERY: { ko: '신경외과', en: 'Neurosurgery' },
  BREAST_SURGERY: { ko: '유방외과', en: 'Breast surgery' },
  GASTROENTEROLOGY: { ko: '소화기내과', en: 'Gastroenterology' },
  DERMATOLOGY: { ko: '피부과', en: 'Dermatology' },
  // Not a clinic of its own, but where imaging studies and some staff belong.
  RADIOLOGY: { ko: '영상의학과', en: 'Radiology' },
};

/** The five clinical departments patients are seen in (lib/constants.ts DEPARTMENTS). */
export const DEPARTMENT_CODES = ['PULMONOLOGY', 'NEUROSURGERY', 'BREAST_SURGERY', 'GASTROENTEROLOGY', 'DERMATOLOGY'];
export const departmentLabel = (code: string | null | undefined) => (code ? DEPARTMENTS[code]?.[lang()] ?? code : '');
