import { EDUCATION_LEVELS, RACE_ETHNICITIES, SMOKING_STATUSES, type EducationLevel, type RaceEthnicity, type SmokingStatus } from '../constants-clinical.js';

/**
 * PLCOm2012: the six-year probability of a lung cancer diagnosis in ever-smokers, a logistic model
 * from the PLCO trial (Tammemägi MC et al., "Selection criteria for lung-cancer screening",
 * N Engl J Med 2013;368:728-36, Table 2 and its supplementary appendix). Continuous predictors
 * are centred, so the intercept is the log-odds of the reference person (62 years, some college,
 * BMI 27, former smoker of 10/0.4021541613 ≈ 24.9 cigarettes a day for 27 years, quit 10 years).
 *
 * The coefficients are those of Table 2 as reproduced, digit for digit, by independent
 * implementations (the journal table itself was not at hand): resplab/PLCOm2012 (R package,
 * R/plcom2012.R and its tests), Kevin ten Haaf's Erasmus MC R code (PLCOm2012.R, 2014), two
 * Python implementations in public research code, and ntog.org's step-by-step formula page. The
 * one disagreement is ten Haaf's Hispanic term, written -0.734744 (a dropped digit); every other
 * source has -0.7434744, which is used here.
 */
export const PLCOM2012 = {
  intercept: -4.532506,
  /** per year, centred at 62 */
  age: { coefficient: 0.0778868, centre: 62 },
  /** per level of the 6-level education code, centred at 4 (some college) */
  education: { coefficient: -0.0812744, centre: 4 },
  /** per kg/m², centred at 27 */
  bmi: { coefficient: -0.0274194, centre: 27 },
  copd: 0.3553063,
  personalCancerHistory: 0.4589971,
  familyLungCancerHistory: 0.587185,
  currentSmoker: 0.2597431,
  /** on (cigarettes per day / 10)^-1, centred at 0.4021541613 */
  smokingIntensity: { coefficient: -1.822606, centre: 0.4021541613 },
  /** per year smoked, centred at 27 */
  smokingDuration: { coefficient: 0.0317321, centre: 27 },
  /** per year since quitting (0 for current smokers), centred at 10 */
  yearsSinceQuitting: { coefficient: -0.0308572, centre: 10 },
  race: {
    WHITE: 0,
    BLACK: 0.3944778,
    HISPANIC: -0.7434744,
    ASIAN: -0.466585,
    AMERICAN_INDIAN_ALASKA_NATIVE: 0,
    NATIVE_HAWAIIAN_PACIFIC_ISLANDER: 1.027152,
  } satisfies Record<RaceEthnicity, number>,
} as const;

/** lung_result.model_version of results computed here. */
export const PLCOM2012_MODEL_VERSION = 'PLCOm2012';

/**
 * The screening threshold: six-year risk ≥ 0.0151 (Tammemägi et al., PLoS Med 2014;11:e1001764,
 * abstract: from this risk — the 65th percentile — up, NLST CT-arm lung cancer mortality stayed
 * below the chest X-ray arm's, so screening helps).
 */
export const LDCT_RISK_THRESHOLD = 0.0151;

/** Entry limits: outside them a value is an entry error or outside the population the model describes. */
export const PLCOM2012_LIMITS = {
  age: [40, 100],
  bmi: [12, 70],
  cigarettesPerDay: [1, 200],
} as const;

export interface LungRiskInputs {
  /** years */
  age: number;
  smokingStatus: SmokingStatus;
  raceEthnicity: RaceEthnicity;
  /** 1 less than high school … 6 postgraduate (EDUCATION_LEVELS); required for ever-smokers */
  educationLevel?: number;
  /** kg/m²; required for ever-smokers */
  bmi?: number;
  copd: boolean;
  personalCancerHistory: boolean;
  familyLungCancerHistory: boolean;
  /** average cigarettes per day over the smoking years; required for ever-smokers */
  cigarettesPerDay?: number;
  /** years smoked; required for ever-smokers */
  smokingDurationYears?: number;
  /** required for former smokers; 0 (or left out) for current smokers */
  yearsSinceQuitting?: number;
}

/** One problem with the answers, named by the API field it concerns. */
export interface LungInputProblem {
  field: keyof LungRiskInputs;
  message: string;
}

/** The log-odds contribution of each predictor, so a clinician can see what drives the risk. */
export type Plcom2012Terms = Record<
  'age' | 'education' | 'bmi' | 'copd' | 'personalCancerHistory' | 'familyLungCancerHistory' | 'race'
  | 'currentSmoker' | 'smokingIntensity' | 'smokingDuration' | 'yearsSinceQuitting', number
>;

export type Plcom2012Outcome =
  | { kind: 'risk'; risk: number; logit: number; eligibleForLdct: boolean; terms: Plcom2012Terms }
  /** The model is defined for ever-smokers only (NEJM 2013: developed in PLCO ever-smokers). */
  | { kind: 'not-applicable'; reason: 'NEVER_SMOKER' }
  | { kind: 'invalid'; problems: LungInputProblem[] };

const inRange = (value: number, [low, high]: readonly [number, number]) => Number.isFinite(value) && value >= low && value <= high;

/** Entry errors and contradictions in the answers; empty when the model can be applied (or does not apply). */
export function lungInputProblems(input: LungRiskInputs): LungInputProblem[] {
  const problems: LungInputProblem[] = [];
  const add = (field: keyof LungRiskInputs, message: string) => problems.push({ field, message });
  const [ageLow, ageHigh] = PLCOM2012_LIMITS.age;
  if (!inRange(input.age, PLCOM2012_LIMITS.age)) add('age', `나이 ${input.age}세는 폐암 위험도 평가 범위(${ageLow}–${ageHigh}세) 밖입니다 (age outside ${ageLow}-${ageHigh})`);
  if (!(input.smokingStatus in SMOKING_STATUSES)) add('smokingStatus', `알 수 없는 흡연 상태입니다: ${input.smokingStatus} (unknown smoking status)`);
  if (!(input.raceEthnicity in RACE_ETHNICITIES)) add('raceEthnicity', `알 수 없는 인종/민족 구분입니다: ${input.raceEthnicity} (unknown race/ethnicity)`);
  if (input.educationLevel !== undefined && !(Number.isInteger(input.educationLevel) && String(input.educationLevel) in EDUCATION_LEVELS)) {
    add('educationLevel', `교육 수준은 1–6 단계입니다: ${input.educationLevel} (education level is 1-6)`);
  }
  if (input.bmi !== undefined && !inRange(input.bmi, PLCOM2012_LIMITS.bmi)) {
    add('bmi', `체질량지수 ${input.bmi}은(는) 가능한 범위(${PLCOM2012_LIMITS.bmi.join('–')}) 밖입니다 (implausible BMI)`);
  }
  const smokingAnswers = [input.cigarettesPerDay, input.smokingDurationYears, input.yearsSinceQuitting];

  if (input.smokingStatus === 'NEVER') {
    // A never-smoker with a smoking history is a contradiction, not a never-smoker.
    if (smokingAnswers.some((value) => value !== undefined && value !== 0)) {
      add('smokingStatus', '비흡연자에게 흡연량·흡연 기간·금연 기간을 입력할 수 없습니다 (a never-smoker has no smoking history)');
    }
    return problems;
  }

  const required = (field: keyof LungRiskInputs, label: string) => add(field, `흡연 경험자는 ${label}을(를) 입력해야 합니다 (${field} is required for ever-smokers)`);
  if (input.educationLevel === undefined) required('educationLevel', '교육 수준');
  if (input.bmi === undefined) required('bmi', '체질량지수(또는 키와 몸무게)');
  const { cigarettesPerDay, smokingDurationYears, yearsSinceQuitting } = input;
  if (cigarettesPerDay === undefined) required('cigarettesPerDay', '하루 흡연량');
  else if (!inRange(cigarettesPerDay, PLCOM2012_LIMITS.cigarettesPerDay)) {
    add('cigarettesPerDay', `하루 흡연량 ${cigarettesPerDay}개비는 가능한 범위(${PLCOM2012_LIMITS.cigarettesPerDay.join('–')}) 밖입니다 (cigarettes per day outside 1-200)`);
  }
  const durationValid = smokingDurationYears !== undefined && Number.isFinite(smokingDurationYears) && smokingDurationYears > 0 && smokingDurationYears <= input.age;
  if (smokingDurationYears === undefined) required('smokingDurationYears', '흡연 기간');
  else if (!durationValid) {
    add('smokingDurationYears', `흡연 기간 ${smokingDurationYears}년은 0보다 크고 나이 이하여야 합니다 (smoking years must be > 0 and not exceed age)`);
  }
  if (input.smokingStatus === 'CURRENT') {
    // Current smokers enter 0 years since quitting (ten Haaf's PLCOm2012 R code and ntog.org's
    // formula page both say so), which the centring turns into +0.309 on the logit.
    if (yearsSinceQuitting !== undefined && yearsSinceQuitting !== 0) {
      add('yearsSinceQuitting', '현재 흡연자의 금연 기간은 0년입니다 (a current smoker has not quit)');
    }
  } else if (yearsSinceQuitting === undefined) {
    required('yearsSinceQuitting', '금연 기간');
  } else if (!(Number.isFinite(yearsSinceQuitting) && yearsSinceQuitting >= 0 && yearsSinceQuitting <= input.age)) {
    add('yearsSinceQuitting', `금연 기간 ${yearsSinceQuitting}년은 0 이상, 나이 이하여야 합니다 (years since quitting must be 0 to age)`);
  } else if (durationValid && smokingDurationYears + yearsSinceQuitting > input.age) {
    // Smoking would have started before birth.
    add('yearsSinceQuitting', `흡연 기간과 금연 기간의 합(${smokingDurationYears + yearsSinceQuitting}년)이 나이보다 깁니다 (smoking years plus years since quitting exceed age)`);
  }
  return problems;
}

/**
 * The PLCOm2012 six-year lung cancer risk: `risk = 1 / (1 + e^-logit)` with the centred linear
 * predictor of Table 2. Never-smokers are outside the model; impossible answers are returned as
 * problems instead of a number.
 */
export function plcom2012Risk(input: LungRiskInputs): Plcom2012Outcome {
  const problems = lungInputProblems(input);
  if (problems.length) return { kind: 'invalid', problems };
  if (input.smokingStatus === 'NEVER') return { kind: 'not-applicable', reason: 'NEVER_SMOKER' };

  const m = PLCOM2012;
  const current = input.smokingStatus === 'CURRENT';
  const yearsSinceQuitting = current ? 0 : input.yearsSinceQuitting!;
  const terms: Plcom2012Terms = {
    age: m.age.coefficient * (input.age - m.age.centre),
    education: m.education.coefficient * ((input.educationLevel as EducationLevel) - m.education.centre),
    bmi: m.bmi.coefficient * (input.bmi! - m.bmi.centre),
    copd: input.copd ? m.copd : 0,
    personalCancerHistory: input.personalCancerHistory ? m.personalCancerHistory : 0,
    familyLungCancerHistory: input.familyLungCancerHistory ? m.familyLungCancerHistory : 0,
    race: m.race[input.raceEthnicity],
    currentSmoker: current ? m.currentSmoker : 0,
    smokingIntensity: m.smokingIntensity.coefficient * (1 / (input.cigarettesPerDay! / 10) - m.smokingIntensity.centre),
    smokingDuration: m.smokingDuration.coefficient * (input.smokingDurationYears! - m.smokingDuration.centre),
    yearsSinceQuitting: m.yearsSinceQuitting.coefficient * (yearsSinceQuitting - m.yearsSinceQuitting.centre),
  };
  const logit = Object.values(terms).reduce((sum, term) => sum + term, m.intercept);
  const risk = 1 / (1 + Math.exp(-logit));
  return { kind: 'risk', risk, logit, eligibleForLdct: risk >= LDCT_RISK_THRESHOLD, terms };
}

/** BMI in kg/m² from height and weight, to one decimal as charts record it. */
export function bodyMassIndex(heightCm: number, weightKg: number): number {
  // kg × 10000 / cm² keeps exact halves exact (80 kg, 160 cm → 31.25, not 31.249999…).
  return Math.round((weightKg * 10000 * 10) / (heightCm * heightCm)) / 10;
}
