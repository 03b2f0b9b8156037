/**
 * Vital signs: values outside the plausible range are refused as entry errors; values outside the
 * adult reference range are flagged for the responsible doctor. Ranges follow common adult ward
 * practice (e.g. NEWS2 bands): BP mmHg, pulse and respiration per minute, temperature °C, SpO2 %,
 * pain on the 0–10 numeric rating scale.
 */
export const VITAL_MEASURES = {
  systolic_bp: { label: '수축기 혈압', plausible: [40, 300], normal: [90, 139], critical: [80, 180] },
  diastolic_bp: { label: '이완기 혈압', plausible: [20, 200], normal: [60, 89], critical: [40, 120] },
  pulse: { label: '맥박', plausible: [20, 250], normal: [60, 100], critical: [40, 130] },
  temperature: { label: '체온', plausible: [30, 45], normal: [36.0, 37.4], critical: [35.0, 39.5] },
  respiratory_rate: { label: '호흡수', plausible: [4, 60], normal: [12, 20], critical: [8, 25] },
  spo2: { label: '산소포화도', plausible: [50, 100], normal: [95, 100], critical: [90, 100] },
  pain: { label: '통증 (NRS)', plausible: [0, 10], normal: [0, 6], critical: [0, 10] },
} as const satisfies Record<string, { label: string; plausible: readonly [number, number]; normal: readonly [number, number]; critical: readonly [number, number] }>;

export type VitalMeasure = keyof typeof VITAL_MEASURES;
export type Vitals = Partial<Record<VitalMeasure, number>>;

export interface VitalFlag {
  measure: VitalMeasure;
  value: number;
  flag: 'HIGH' | 'LOW';
  critical: boolean;
}

/** Entry errors: implausible values, and a diastolic pressure not below the systolic. */
export function implausibleVitals(vitals: Vitals): { field: VitalMeasure; message: string }[] {
  const problems: { field: VitalMeasure; message: string }[] = [];
  for (const [measure, value] of Object.entries(vitals) as [VitalMeasure, number][]) {
    const [low, high] = VITAL_MEASURES[measure].plausible;
    if (!Number.isFinite(value) || value < low || value > high) {
      problems.push({ field: measure, message: `${VITAL_MEASURES[measure].label} ${value}은(는) 측정 가능한 범위(${low}–${high}) 밖입니다 (implausible value)` });
    }
  }
  if (vitals.pain !== undefined && !Number.isInteger(vitals.pain)) problems.push({ field: 'pain', message: '통증 점수는 0–10 정수입니다 (pain is an integer 0-10)' });
  if (vitals.systolic_bp !== undefined && vitals.diastolic_bp !== undefined && vitals.diastolic_bp >= vitals.systolic_bp) {
    problems.push({ field: 'diastolic_bp', message: '이완기 혈압은 수축기 혈압보다 낮아야 합니다 (diastolic must be below systolic)' });
  }
  return problems;
}

/** Values outside the reference range, critical when beyond the critical band too. */
export function abnormalVitals(vitals: Vitals): VitalFlag[] {
  const flags: VitalFlag[] = [];
  for (const [measure, value] of Object.entries(vitals) as [VitalMeasure, number][]) {
    const { normal, critical } = VITAL_MEASURES[measure];
    if (value < normal[0]) flags.push({ measure, value, flag: 'LOW', critical: value < critical[0] });
    else if (value > normal[1]) flags.push({ measure, value, flag: 'HIGH', critical: value > critical[1] });
  }
  return flags;
}
