/**
 * The vital signs a nurse charts: the API's stored name, the name the POST body uses, the unit,
 * and the input step. Which values are abnormal is the server's call (lib/rules/vitals.ts); the
 * screens only show the flags it answers.
 */
export const MEASURES = [
  { key: 'systolic_bp', param: 'systolicBp', unit: 'mmHg', step: 'any' },
  { key: 'diastolic_bp', param: 'diastolicBp', unit: 'mmHg', step: 'any' },
  { key: 'pulse', param: 'pulse', unit: '/min', step: 'any' },
  { key: 'temperature', param: 'temperature', unit: '°C', step: 'any' },
  { key: 'respiratory_rate', param: 'respiratoryRate', unit: '/min', step: 'any' },
  { key: 'spo2', param: 'spo2', unit: '%', step: 'any' },
  { key: 'pain', param: 'pain', unit: 'NRS', step: 'any' },
] as const;

export type MeasureKey = (typeof MEASURES)[number]['key'];

export const unitOf = (key: string) => MEASURES.find((m) => m.key === key)?.unit ?? '';
