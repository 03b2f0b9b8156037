import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyMassIndex, lungInputProblems, plcom2012Risk, type LungRiskInputs } from '../../lib/rules/plcom2012.js';
import { lungScreeningAdvice, screeningAction } from '../../lib/rules/lung-screening-advice.js';
import type { RaceEthnicity } from '../../lib/constants-clinical.js';

/**
 * A second, deliberately plain transcription of the published formula text (Tammemägi et al., NEJM
 * 2013;368:728, Table 2, as written out term by term on ntog.org's PLCOm2012 page), with its own
 * literal coefficients, so that a mistyped coefficient or centring constant in
 * lib/rules/plcom2012.ts cannot agree with itself here.
 */
function referenceLogit(p: {
  age: number; edu: number; bmi: number; copd: 0 | 1; cancer: 0 | 1; family: 0 | 1; race: RaceEthnicity;
  current: 0 | 1; cpd: number; years: number; quit: number;
}): number {
  const race = { WHITE: 0, BLACK: 0.3944778, HISPANIC: -0.7434744, ASIAN: -0.466585, AMERICAN_INDIAN_ALASKA_NATIVE: 0, NATIVE_HAWAIIAN_PACIFIC_ISLANDER: 1.027152 }[p.race];
  return -4.532506
    + 0.0778868 * (p.age - 62)
    - 0.0812744 * (p.edu - 4)
    - 0.0274194 * (p.bmi - 27)
    + 0.3553063 * p.copd
    + 0.4589971 * p.cancer
    + 0.587185 * p.family
    + race
    + 0.2597431 * p.current
    - 1.822606 * ((p.cpd / 10) ** -1 - 0.4021541613)
    + 0.0317321 * (p.years - 27)
    - 0.0308572 * (p.quit - 10);
}
const expit = (x: number) => Math.exp(x) / (1 + Math.exp(x));

/** The model's reference person (every centred term zero), as a former smoker. */
const CENTRED: LungRiskInputs = {
  age: 62, educationLevel: 4, bmi: 27, copd: false, personalCancerHistory: false, familyLungCancerHistory: false,
  raceEthnicity: 'WHITE', smokingStatus: 'FORMER', cigarettesPerDay: 10 / 0.4021541613, smokingDurationYears: 27, yearsSinceQuitting: 10,
};

function riskOf(input: LungRiskInputs) {
  const outcome = plcom2012Risk(input);
  assert.equal(outcome.kind, 'risk', JSON.stringify(outcome));
  return outcome as Extract<typeof outcome, { kind: 'risk' }>;
}

describe('PLCOm2012 against published examples', () => {
  // resplab/PLCOm2012 (R package) tests/testthat/test-plcom2012.R: at the centring values, with
  // the intensity chosen so that its term is zero, the risk is expit(intercept + race term).
  test('the reference person has the intercept risk, and each race adds its own term', () => {
    assert.ok(Math.abs(riskOf(CENTRED).logit - -4.532506) < 1e-9);
    for (const [race, term] of [['WHITE', 0], ['BLACK', 0.3944778], ['HISPANIC', -0.7434744], ['ASIAN', -0.466585], ['NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 1.027152], ['AMERICAN_INDIAN_ALASKA_NATIVE', 0]] as const) {
      assert.ok(Math.abs(riskOf({ ...CENTRED, raceEthnicity: race }).risk - expit(-4.532506 + term)) < 1e-12, race);
    }
  });

  // resplab/PLCOm2012 README.md example: 62 years, White, some college (4), BMI 27, no COPD, no
  // personal or family history, former smoker of 80 cigarettes a day for 27 years, quit 10 years
  // → "$prob [1] 0.01750922".
  // By hand: (80/10)^-1 = 0.125; 0.125 − 0.4021541613 = −0.2771541613; × −1.822606 = +0.5051428;
  // logit = −4.532506 + 0.5051428 = −4.0273632; risk = 1/(1 + e^4.0273632) = 0.0175092.
  test('resplab README: 80 cigarettes a day, otherwise the reference person → 0.01750922', () => {
    const { risk, logit } = riskOf({ ...CENTRED, cigarettesPerDay: 80 });
    assert.ok(Math.abs(logit - -4.0273632) < 1e-7, String(logit));
    assert.ok(Math.abs(risk - 0.01750922) < 5e-9, String(risk));
  });

  // README of a Python reference implementation (plcom2012_core.py, "PLCOM2012 Lung Cancer Risk
  // Calculator (Python)"): the same person at 20 cigarettes a day → "6-year lung cancer risk: 0.89%".
  // By hand: (20/10)^-1 = 0.5; 0.5 − 0.4021541613 = 0.0978458; × −1.822606 = −0.1783344;
  // logit = −4.7108404; risk = 0.0089170.
  test('Python reference README: 20 cigarettes a day → 0.89%', () => {
    const { risk } = riskOf({ ...CENTRED, cigarettesPerDay: 20 });
    assert.equal((risk * 100).toFixed(2), '0.89');
  });
});

describe('PLCOm2012 against hand-checked profiles', () => {
  // No official worked example with a full profile was found, so these are computed from the
  // formula text term by term (arithmetic below), independently of the code under test.
  //
  // Heavy current smoker: 70 years, high school graduate (2), BMI 22, COPD, family history, Asian,
  // current smoker, 30 a day for 45 years (quit time 0):
  //   age        0.0778868 × (70 − 62)               = +0.6230944
  //   education −0.0812744 × (2 − 4)                 = +0.1625488
  //   BMI       −0.0274194 × (22 − 27)               = +0.1370970
  //   COPD                                            = +0.3553063
  //   family history                                  = +0.5871850
  //   Asian                                           = −0.4665850
  //   current smoker                                  = +0.2597431
  //   intensity −1.822606 × (1/3 − 0.4021541613)     = +0.1254333
  //   duration   0.0317321 × (45 − 27)               = +0.5711778
  //   quit      −0.0308572 × (0 − 10)                = +0.3085720
  //   sum of terms = 2.6635727; logit = −4.532506 + 2.6635727 = −1.8689333
  //   risk = 1/(1 + e^1.8689333) = 1/(1 + 6.48135) = 0.133665 → well above 1.51%.
  test('heavy current smoker: logit −1.8689333, risk 13.37%, LDCT eligible', () => {
    const outcome = riskOf({
      age: 70, educationLevel: 2, bmi: 22, copd: true, personalCancerHistory: false, familyLungCancerHistory: true,
      raceEthnicity: 'ASIAN', smokingStatus: 'CURRENT', cigarettesPerDay: 30, smokingDurationYears: 45,
    });
    assert.ok(Math.abs(outcome.logit - -1.8689333) < 1e-7, String(outcome.logit));
    assert.ok(Math.abs(outcome.risk - 0.133665) < 1e-6, String(outcome.risk));
    assert.equal(outcome.eligibleForLdct, true);
    assert.ok(Math.abs(outcome.terms.smokingIntensity - 0.1254333) < 1e-7);
    assert.ok(Math.abs(outcome.terms.yearsSinceQuitting - 0.308572) < 1e-12);
  });

  // Kevin ten Haaf's lcrisks example person (no output published with it): 55 years, high school
  // graduate, White, current smoker of 15 a day for 40 years, BMI 23, nothing else.
  //   age −0.5452076, education +0.1625488, BMI +0.1096776, current +0.2597431,
  //   intensity −1.822606 × (0.6666667 − 0.4021542) = −0.4821021, duration +0.4125173, quit +0.308572
  //   logit = −4.532506 − 0.0747657 = −4.3067569; risk = 0.013298 → below 1.51%.
  test('ten Haaf example person: risk 1.33%, not LDCT eligible', () => {
    const outcome = riskOf({
      age: 55, educationLevel: 2, bmi: 23, copd: false, personalCancerHistory: false, familyLungCancerHistory: false,
      raceEthnicity: 'WHITE', smokingStatus: 'CURRENT', cigarettesPerDay: 15, smokingDurationYears: 40, yearsSinceQuitting: 0,
    });
    assert.ok(Math.abs(outcome.logit - -4.3067569) < 1e-7, String(outcome.logit));
    assert.ok(Math.abs(outcome.risk - 0.013298) < 1e-6);
    assert.equal(outcome.eligibleForLdct, false);
  });

  // ten Haaf's "Example 1": 70 years, college graduate (5), BMI 28, family history, White, former
  // smoker of 15 a day for 30 years, quit 20 years ago.
  //   age +0.6230944, education −0.0812744, BMI −0.0274194, family +0.587185, intensity −0.4821021,
  //   duration +0.0951963, quit −0.0308572 × 10 = −0.308572
  //   logit = −4.532506 + 0.4063982 = −4.1263982; risk = 0.0158845 → just above 1.51%.
  test('ten Haaf "Example 1": risk 1.588%, just above the threshold', () => {
    const outcome = riskOf({
      age: 70, educationLevel: 5, bmi: 28, copd: false, personalCancerHistory: false, familyLungCancerHistory: true,
      raceEthnicity: 'WHITE', smokingStatus: 'FORMER', cigarettesPerDay: 15, smokingDurationYears: 30, yearsSinceQuitting: 20,
    });
    assert.ok(Math.abs(outcome.logit - -4.1263982) < 1e-7, String(outcome.logit));
    assert.ok(Math.abs(outcome.risk - 0.0158845) < 1e-7);
    assert.equal(outcome.eligibleForLdct, true);
  });

  test('agrees with the plain transcription over a grid of profiles', () => {
    const races: RaceEthnicity[] = ['WHITE', 'BLACK', 'HISPANIC', 'ASIAN', 'AMERICAN_INDIAN_ALASKA_NATIVE', 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER'];
    let checked = 0;
    for (const race of races) {
      for (const [age, edu, bmi, cpd, years, quit, current] of [
        [45, 1, 18.5, 5, 20, 3, 0], [58, 3, 31.2, 20, 35, 0, 1], [66, 6, 25, 40, 40, 12, 0], [81, 2, 21.7, 60, 55, 0, 1], [100, 5, 40, 1, 1, 50, 0],
      ] as const) {
        const outcome = riskOf({
          age, educationLevel: edu, bmi, copd: checked % 2 === 0, personalCancerHistory: checked % 3 === 0, familyLungCancerHistory: checked % 5 === 0,
          raceEthnicity: race, smokingStatus: current ? 'CURRENT' : 'FORMER', cigarettesPerDay: cpd, smokingDurationYears: years, yearsSinceQuitting: quit,
        });
        const logit = referenceLogit({
          age, edu, bmi, copd: checked % 2 === 0 ? 1 : 0, cancer: checked % 3 === 0 ? 1 : 0, family: checked % 5 === 0 ? 1 : 0,
          race, current, cpd, years, quit,
        });
        assert.ok(Math.abs(outcome.logit - logit) < 1e-12, `${race} ${age}`);
        assert.ok(Math.abs(outcome.risk - expit(logit)) < 1e-12);
        assert.equal(outcome.eligibleForLdct, expit(logit) >= 0.0151);
        checked++;
      }
    }
    assert.equal(checked, 30);
  });

  test('risk rises with every adverse factor and falls with years since quitting', () => {
    const base = riskOf({ ...CENTRED, cigarettesPerDay: 20 }).risk;
    for (const worse of [{ copd: true }, { personalCancerHistory: true }, { familyLungCancerHistory: true }, { age: 70 }, { smokingDurationYears: 40 }, { cigarettesPerDay: 40 }]) {
      assert.ok(riskOf({ ...CENTRED, cigarettesPerDay: 20, ...worse }).risk > base, JSON.stringify(worse));
    }
    assert.ok(riskOf({ ...CENTRED, cigarettesPerDay: 20, yearsSinceQuitting: 25 }).risk < base);
  });

  test('a current smoker enters 0 years since quitting whether or not it is sent', () => {
    const current = { ...CENTRED, smokingStatus: 'CURRENT' as const, yearsSinceQuitting: undefined };
    assert.equal(riskOf(current).risk, riskOf({ ...current, yearsSinceQuitting: 0 }).risk);
  });
});

describe('PLCOm2012 applicability and entry errors', () => {
  test('never-smokers are outside the model', () => {
    assert.deepEqual(plcom2012Risk({ age: 60, smokingStatus: 'NEVER', raceEthnicity: 'ASIAN', copd: false, personalCancerHistory: false, familyLungCancerHistory: false }),
      { kind: 'not-applicable', reason: 'NEVER_SMOKER' });
  });

  const fieldsOf = (input: LungRiskInputs) => lungInputProblems(input).map((p) => p.field);

  test('values outside the limits name their field', () => {
    assert.deepEqual(fieldsOf({ ...CENTRED, age: 39 }), ['age']);
    assert.deepEqual(fieldsOf({ ...CENTRED, age: 101 }), ['age']);
    assert.deepEqual(fieldsOf({ ...CENTRED, bmi: 11.9 }), ['bmi']);
    assert.deepEqual(fieldsOf({ ...CENTRED, bmi: 70.1 }), ['bmi']);
    assert.deepEqual(fieldsOf({ ...CENTRED, educationLevel: 0 }), ['educationLevel']);
    assert.deepEqual(fieldsOf({ ...CENTRED, educationLevel: 7 }), ['educationLevel']);
    assert.deepEqual(fieldsOf({ ...CENTRED, educationLevel: 2.5 }), ['educationLevel']);
    assert.deepEqual(fieldsOf({ ...CENTRED, cigarettesPerDay: 0 }), ['cigarettesPerDay']);
    assert.deepEqual(fieldsOf({ ...CENTRED, cigarettesPerDay: 201 }), ['cigarettesPerDay']);
    assert.deepEqual(fieldsOf({ ...CENTRED, cigarettesPerDay: Number.NaN }), ['cigarettesPerDay']);
    assert.deepEqual(fieldsOf({ ...CENTRED, raceEthnicity: 'MARTIAN' as RaceEthnicity }), ['raceEthnicity']);
  });

  test('limits are inclusive', () => {
    for (const edge of [{ age: 40 }, { age: 100 }, { bmi: 12 }, { bmi: 70 }, { cigarettesPerDay: 1 }, { cigarettesPerDay: 200 }, { educationLevel: 1 }, { educationLevel: 6 }]) {
      assert.deepEqual(fieldsOf({ ...CENTRED, ...edge }), [], JSON.stringify(edge));
    }
  });

  test('smoking longer than one has lived, or quitting before one started, is impossible', () => {
    assert.deepEqual(fieldsOf({ ...CENTRED, age: 50, smokingDurationYears: 51, yearsSinceQuitting: 0 }), ['smokingDurationYears']);
    assert.deepEqual(fieldsOf({ ...CENTRED, age: 50, smokingDurationYears: 10, yearsSinceQuitting: 51 }), ['yearsSinceQuitting']);
    assert.deepEqual(fieldsOf({ ...CENTRED, age: 50, smokingDurationYears: 30, yearsSinceQuitting: 25 }), ['yearsSinceQuitting']);
    assert.deepEqual(fieldsOf({ ...CENTRED, age: 50, smokingDurationYears: 30, yearsSinceQuitting: 20 }), []);
    assert.deepEqual(fieldsOf({ ...CENTRED, smokingDurationYears: 0 }), ['smokingDurationYears']);
  });

  test('ever-smokers must answer every predictor; current smokers have not quit; never-smokers have no history', () => {
    const bare: LungRiskInputs = { age: 60, smokingStatus: 'FORMER', raceEthnicity: 'ASIAN', copd: false, personalCancerHistory: false, familyLungCancerHistory: false };
    assert.deepEqual(fieldsOf(bare).sort(), ['bmi', 'cigarettesPerDay', 'educationLevel', 'smokingDurationYears', 'yearsSinceQuitting']);
    assert.deepEqual(fieldsOf({ ...CENTRED, smokingStatus: 'CURRENT', yearsSinceQuitting: 5 }), ['yearsSinceQuitting']);
    assert.deepEqual(fieldsOf({ ...bare, smokingStatus: 'NEVER', cigarettesPerDay: 10 }), ['smokingStatus']);
    assert.deepEqual(fieldsOf({ ...bare, smokingStatus: 'NEVER', cigarettesPerDay: 0, smokingDurationYears: 0 }), []);
  });

  test('an invalid questionnaire gives problems, never a number', () => {
    const outcome = plcom2012Risk({ ...CENTRED, bmi: 5 });
    assert.equal(outcome.kind, 'invalid');
    assert.match((outcome as { problems: { message: string }[] }).problems[0].message, /체질량지수 5.*\(implausible BMI\)/);
  });

  test('BMI from height and weight, to one decimal', () => {
    assert.equal(bodyMassIndex(170, 65), 22.5); // 65 / 1.7² = 22.49
    assert.equal(bodyMassIndex(160, 80), 31.3); // 80 / 1.6² = 31.25 → 31.3
  });
});

describe('lung screening advice', () => {
  const high = riskOf({ ...CENTRED, age: 75, cigarettesPerDay: 40, smokingStatus: 'CURRENT', yearsSinceQuitting: 0, smokingDurationYears: 50 });
  const low = riskOf({ ...CENTRED, age: 45, cigarettesPerDay: 5, smokingDurationYears: 10, yearsSinceQuitting: 20 });

  test('high risk without symptoms: LDCT recommended, with cessation advice for current smokers', () => {
    const advice = lungScreeningAdvice(high, [], 'CURRENT');
    assert.equal(advice.prediction, 'HIGH_RISK');
    assert.equal(advice.action, 'LDCT');
    assert.match(advice.recommendation, /저선량 흉부 CT\(LDCT\) 폐암 검진을 권고합니다/);
    assert.match(advice.recommendation, /금연 상담/);
  });

  test('low risk without symptoms: no LDCT', () => {
    const advice = lungScreeningAdvice(low, [], 'FORMER');
    assert.deepEqual([advice.prediction, advice.action], ['LOW_RISK', 'NO_LDCT']);
    assert.match(advice.recommendation, /검진 대상이 아닙니다/);
    assert.doesNotMatch(advice.recommendation, /금연 상담/);
  });

  test('symptoms call for a pulmonologist whatever the risk, and never for screening', () => {
    for (const outcome of [high, low, { kind: 'not-applicable', reason: 'NEVER_SMOKER' } as const]) {
      const advice = lungScreeningAdvice(outcome, ['hemoptysis', 'weightLoss'], 'FORMER');
      assert.equal(advice.action, 'PULMONOLOGY_EVALUATION');
      assert.match(advice.recommendation, /객혈, 원인 불명의 체중 감소 증상이 있어 검진이 아닌 호흡기내과 전문의의 진단적 평가를 권고합니다/);
      assert.doesNotMatch(advice.recommendation, /검진을 권고합니다/);
    }
  });

  test('never-smokers: not applicable, and the text says why', () => {
    const advice = lungScreeningAdvice({ kind: 'not-applicable', reason: 'NEVER_SMOKER' }, [], 'NEVER');
    assert.deepEqual([advice.prediction, advice.action], ['NOT_APPLICABLE', 'NO_LDCT']);
    assert.match(advice.recommendation, /비흡연자에게는 적용되지 않아.*does not apply to never-smokers/);
  });

  test('the next step is derived from what is stored', () => {
    assert.equal(screeningAction('HIGH_RISK', []), 'LDCT');
    assert.equal(screeningAction('HIGH_RISK', ['cough']), 'PULMONOLOGY_EVALUATION');
    assert.equal(screeningAction('NOT_APPLICABLE', []), 'NO_LDCT');
  });
});
