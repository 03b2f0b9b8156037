import { lang } from '../../shared/i18n';

/** The five departments (lib/constants.ts DEPARTMENTS), in both languages. */
const DEPARTMENTS: Record<string, { ko: string; en: string }> = {
  PULMONOLOGY: { ko: '호흡기내과', en: 'Pulmonology' },
  NEUROSURGERY: { ko: '신경외과', en: 'Neurosurgery' },
  BREAST_SURGERY: { ko: '유방외과', en: 'Breast surgery' },
  GASTROENTEROLOGY: { ko: '소화기내과', en: 'Gastroenterology' },
  DERMATOLOGY: { ko: '피부과', en: 'Dermatology' },
};

export const DEPARTMENT_CODES = Object.keys(DEPARTMENTS);
export const departmentLabel = (code: string | null | undefined) => (code ? DEPARTMENTS[code]?.[lang()] ?? code : '');
