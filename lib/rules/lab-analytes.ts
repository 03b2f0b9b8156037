/**
 * The analytes the laboratory reports (one result each), with LOINC codes, the units Korean
 * laboratories print, reference intervals by sex and age, and critical (panic) limits.
 *
 * Reference intervals are the common adult intervals of Korean university hospital laboratories
 * (and for children the usual paediatric intervals, e.g. Harriet Lane Handbook); each laboratory
 * validates its own (CLSI EP28-A3c), so these are the hospital's defaults, not universal truths.
 *
 * Critical limits follow Kost GJ, "Critical limits for urgent clinician notification at US medical
 * centers", JAMA 1990;263(5):704-707 (K 2.8/6.2 mmol/L, Na 120/160 mmol/L, Ca 6/13 mg/dL,
 * Cl 80/115 mmol/L), with the haematology, coagulation and glucose limits that most published
 * hospital lists use (Dighe AS et al., "Analysis of laboratory critical value reporting at a large
 * academic medical center", Am J Clin Pathol 2006;125:758-764: glucose <40/>500 mg/dL, Hb <6 g/dL,
 * platelets <20×10³/µL, INR >5). A value beyond a critical limit must reach a doctor at once.
 */

/** The tube a specimen is drawn into (검체 종류·용기). */
export const SPECIMEN_TYPES = {
  EDTA_WB: { name: 'EDTA 전혈', nameEn: 'EDTA whole blood', tube: '보라색 뚜껑 (EDTA)' },
  SERUM_SST: { name: '혈청', nameEn: 'Serum', tube: '노란색 뚜껑 (SST)' },
  CITRATE_PLASMA: { name: '구연산 혈장', nameEn: 'Sodium citrate plasma', tube: '하늘색 뚜껑 (3.2% 구연산나트륨)' },
} as const;
export type SpecimenType = keyof typeof SPECIMEN_TYPES;

/**
 * One reference interval. It applies to a sex (both when absent) and to ages in whole years with
 * `minAge <= age < maxAge`. A missing `low` or `high` is an open end (e.g. cholesterol `<200`).
 */
export interface ReferenceRange {
  sex?: 'M' | 'F';
  minAge?: number;
  maxAge?: number;
  low?: number;
  high?: number;
  /** How the interval is printed when the bounds alone would mislead (`<200`, `≥40`). */
  text?: string;
}

export interface Analyte {
  /** Hospital analyte code, used in result submissions and trend queries (`K`, `HB`). */
  code: string;
  loinc: string;
  /** Korean name first (reports, portal). */
  name: string;
  nameEn: string;
  unit: string;
  specimen: SpecimenType;
  /** Decimal places the laboratory reports. */
  decimals: number;
  /** Intervals in order of preference: the first that matches the patient applies. */
  ranges: ReferenceRange[];
  /** Critical (panic) limits: strictly below `low` or above `high` is critical. */
  critical?: { low?: number; high?: number };
  /** Values outside this are entry errors (a misplaced decimal point), refused with a 400. */
  plausible: [number, number];
}

const ADULT = 18;
const CHILD = 12;

const analytes: Analyte[] = [
  // 일반혈액검사 (CBC), EDTA whole blood.
  {
    code: 'WBC', loinc: '6690-2', name: '백혈구', nameEn: 'Leukocytes (WBC)', unit: '10^3/µL', specimen: 'EDTA_WB', decimals: 2,
    ranges: [{ minAge: ADULT, low: 4.0, high: 10.0 }, { maxAge: ADULT, low: 4.5, high: 13.5 }],
    critical: { low: 1.0, high: 50.0 }, plausible: [0, 500],
  },
  {
    code: 'RBC', loinc: '789-8', name: '적혈구', nameEn: 'Erythrocytes (RBC)', unit: '10^6/µL', specimen: 'EDTA_WB', decimals: 2,
    ranges: [{ maxAge: CHILD, low: 4.0, high: 5.2 }, { sex: 'M', low: 4.5, high: 5.9 }, { sex: 'F', low: 4.0, high: 5.2 }],
    plausible: [0.2, 12],
  },
  {
    code: 'HB', loinc: '718-7', name: '혈색소', nameEn: 'Hemoglobin', unit: 'g/dL', specimen: 'EDTA_WB', decimals: 1,
    ranges: [{ maxAge: CHILD, low: 11.0, high: 14.5 }, { sex: 'M', low: 13.5, high: 17.5 }, { sex: 'F', low: 12.0, high: 16.0 }],
    critical: { low: 6.0, high: 20.0 }, plausible: [1, 26],
  },
  {
    code: 'HCT', loinc: '4544-3', name: '적혈구용적률', nameEn: 'Hematocrit', unit: '%', specimen: 'EDTA_WB', decimals: 1,
    ranges: [{ maxAge: CHILD, low: 33, high: 43 }, { sex: 'M', low: 41, high: 53 }, { sex: 'F', low: 36, high: 46 }],
    critical: { low: 18, high: 60 }, plausible: [3, 80],
  },
  {
    code: 'MCV', loinc: '787-2', name: '평균적혈구용적', nameEn: 'MCV', unit: 'fL', specimen: 'EDTA_WB', decimals: 1,
    ranges: [{ low: 80, high: 100 }], plausible: [40, 160],
  },
  {
    code: 'MCH', loinc: '785-6', name: '평균적혈구혈색소', nameEn: 'MCH', unit: 'pg', specimen: 'EDTA_WB', decimals: 1,
    ranges: [{ low: 27, high: 33 }], plausible: [10, 60],
  },
  {
    code: 'MCHC', loinc: '786-4', name: '평균적혈구혈색소농도', nameEn: 'MCHC', unit: 'g/dL', specimen: 'EDTA_WB', decimals: 1,
    ranges: [{ low: 32, high: 36 }], plausible: [20, 45],
  },
  {
    code: 'PLT', loinc: '777-3', name: '혈소판', nameEn: 'Platelets', unit: '10^3/µL', specimen: 'EDTA_WB', decimals: 0,
    ranges: [{ low: 150, high: 400 }], critical: { low: 20, high: 1000 }, plausible: [0, 5000],
  },
  // 당화혈색소, EDTA whole blood. ADA Standards of Care: 5.7–6.4 % prediabetes, ≥6.5 % diabetes.
  {
    code: 'HBA1C', loinc: '4548-4', name: '당화혈색소', nameEn: 'Hemoglobin A1c', unit: '%', specimen: 'EDTA_WB', decimals: 1,
    ranges: [{ low: 4.0, high: 5.6 }], plausible: [2, 25],
  },

  // 일반화학, serum (SST).
  {
    code: 'GLU', loinc: '2345-7', name: '포도당', nameEn: 'Glucose', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ low: 70, high: 99, text: '70–99 (공복)' }], critical: { low: 40, high: 500 }, plausible: [0, 3000],
  },
  {
    code: 'BUN', loinc: '3094-0', name: '요소질소', nameEn: 'Urea nitrogen (BUN)', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ maxAge: ADULT, low: 5, high: 18 }, { low: 6, high: 20 }], plausible: [0, 300],
  },
  {
    code: 'CR', loinc: '2160-0', name: '크레아티닌', nameEn: 'Creatinine', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 2,
    ranges: [
      { maxAge: CHILD, low: 0.3, high: 0.7 }, { maxAge: ADULT, low: 0.5, high: 1.0 },
      { sex: 'M', low: 0.7, high: 1.3 }, { sex: 'F', low: 0.5, high: 1.1 },
    ],
    plausible: [0, 40],
  },
  {
    code: 'AST', loinc: '1920-8', name: 'AST (SGOT)', nameEn: 'Aspartate aminotransferase', unit: 'U/L', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ high: 40 }], plausible: [0, 50000],
  },
  {
    code: 'ALT', loinc: '1742-6', name: 'ALT (SGPT)', nameEn: 'Alanine aminotransferase', unit: 'U/L', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ high: 40 }], plausible: [0, 50000],
  },
  // Children's bone growth keeps their ALP well above the adult interval.
  {
    code: 'ALP', loinc: '6768-6', name: '알칼리성 인산분해효소', nameEn: 'Alkaline phosphatase', unit: 'U/L', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ maxAge: ADULT, low: 100, high: 390 }, { low: 40, high: 130 }], plausible: [0, 10000],
  },
  {
    code: 'TBIL', loinc: '1975-2', name: '총빌리루빈', nameEn: 'Bilirubin, total', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ low: 0.2, high: 1.2 }], plausible: [0, 60],
  },
  {
    code: 'ALB', loinc: '1751-7', name: '알부민', nameEn: 'Albumin', unit: 'g/dL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ low: 3.5, high: 5.2 }], plausible: [0.5, 8],
  },
  {
    code: 'TP', loinc: '2885-2', name: '총단백', nameEn: 'Protein, total', unit: 'g/dL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ low: 6.4, high: 8.3 }], plausible: [1, 15],
  },
  {
    code: 'NA', loinc: '2951-2', name: '나트륨', nameEn: 'Sodium', unit: 'mmol/L', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ low: 135, high: 145 }], critical: { low: 120, high: 160 }, plausible: [80, 220],
  },
  {
    code: 'K', loinc: '2823-3', name: '칼륨', nameEn: 'Potassium', unit: 'mmol/L', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ low: 3.5, high: 5.1 }], critical: { low: 2.8, high: 6.2 }, plausible: [0.5, 15],
  },
  {
    code: 'CL', loinc: '2075-0', name: '염소', nameEn: 'Chloride', unit: 'mmol/L', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ low: 98, high: 107 }], critical: { low: 80, high: 115 }, plausible: [40, 180],
  },
  {
    code: 'CO2', loinc: '2028-9', name: '총이산화탄소', nameEn: 'Carbon dioxide, total', unit: 'mmol/L', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ low: 22, high: 29 }], critical: { low: 10, high: 40 }, plausible: [1, 70],
  },
  {
    code: 'CA', loinc: '17861-6', name: '칼슘', nameEn: 'Calcium', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ maxAge: ADULT, low: 8.8, high: 10.8 }, { low: 8.6, high: 10.2 }], critical: { low: 6.0, high: 13.0 }, plausible: [1, 25],
  },

  // 지질검사, serum. Bounds are the 2022 Korean dyslipidemia guideline's (한국지질·동맥경화학회) cut-offs.
  {
    code: 'TCHOL', loinc: '2093-3', name: '총콜레스테롤', nameEn: 'Cholesterol, total', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ high: 199, text: '<200' }], plausible: [10, 2000],
  },
  {
    code: 'TG', loinc: '2571-8', name: '중성지방', nameEn: 'Triglyceride', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ high: 149, text: '<150' }], plausible: [5, 20000],
  },
  {
    code: 'HDL', loinc: '2085-9', name: 'HDL 콜레스테롤', nameEn: 'HDL cholesterol', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ low: 40, text: '≥40' }], plausible: [2, 300],
  },
  {
    code: 'LDL', loinc: '18262-6', name: 'LDL 콜레스테롤 (직접측정)', nameEn: 'LDL cholesterol (direct)', unit: 'mg/dL', specimen: 'SERUM_SST', decimals: 0,
    ranges: [{ high: 129, text: '<130' }], plausible: [2, 1500],
  },

  // 응고검사, 3.2 % citrate plasma.
  {
    code: 'PT', loinc: '5902-2', name: '프로트롬빈 시간', nameEn: 'Prothrombin time', unit: 'sec', specimen: 'CITRATE_PLASMA', decimals: 1,
    ranges: [{ low: 10.0, high: 13.0 }], plausible: [5, 200],
  },
  {
    code: 'INR', loinc: '6301-6', name: 'PT 국제표준화비율', nameEn: 'INR', unit: 'INR', specimen: 'CITRATE_PLASMA', decimals: 2,
    ranges: [{ low: 0.8, high: 1.2 }], critical: { high: 5.0 }, plausible: [0.5, 20],
  },
  {
    code: 'APTT', loinc: '14979-9', name: '활성화 부분트롬보플라스틴 시간', nameEn: 'aPTT', unit: 'sec', specimen: 'CITRATE_PLASMA', decimals: 1,
    ranges: [{ low: 26.0, high: 36.0 }], critical: { high: 100 }, plausible: [10, 300],
  },

  // 종양표지자, serum. Upper limits of the common immunoassays (Roche Elecsys package inserts).
  {
    code: 'CEA', loinc: '2039-6', name: '암태아성항원', nameEn: 'Carcinoembryonic Ag (CEA)', unit: 'ng/mL', specimen: 'SERUM_SST', decimals: 2,
    ranges: [{ high: 5.0 }], plausible: [0, 100000],
  },
  {
    code: 'CA199', loinc: '24108-3', name: '암항원 19-9', nameEn: 'Cancer Ag 19-9', unit: 'U/mL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ high: 37 }], plausible: [0, 1000000],
  },
  {
    code: 'CA153', loinc: '6875-9', name: '암항원 15-3', nameEn: 'Cancer Ag 15-3', unit: 'U/mL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ high: 25 }], plausible: [0, 100000],
  },
  {
    code: 'AFP', loinc: '1834-1', name: '알파태아단백', nameEn: 'Alpha-1-fetoprotein', unit: 'ng/mL', specimen: 'SERUM_SST', decimals: 1,
    ranges: [{ high: 7.0 }], plausible: [0, 1000000],
  },
  // PSA has a reference interval for men only; a woman's result is reported without a flag.
  {
    code: 'PSA', loinc: '2857-1', name: '전립선특이항원', nameEn: 'Prostate specific Ag', unit: 'ng/mL', specimen: 'SERUM_SST', decimals: 2,
    ranges: [{ sex: 'M', high: 4.0 }], plausible: [0, 100000],
  },
];

export const ANALYTES: readonly Analyte[] = analytes;
const BY_CODE = new Map(analytes.map((a) => [a.code, a]));

/** An analyte by its hospital code, case-insensitively (`k` → 칼륨). */
export function findAnalyte(code: string): Analyte | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}
