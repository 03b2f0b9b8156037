import type { Transaction } from 'sequelize';
import type { Models } from '../index.js';
import type { EducationLevel } from '../../lib/constants-clinical.js';
import { PLCOM2012_MODEL_VERSION, plcom2012Risk, type LungRiskInputs } from '../../lib/rules/plcom2012.js';
import { lungScreeningAdvice, type LungSymptom } from '../../lib/rules/lung-screening-advice.js';
import { ageOn } from '../../services/emr/patient-numbers.js';

/**
 * Two questionnaires for pulmonology demo patients, scored by the same model the API uses: a heavy
 * current smoker (LDCT advised) and a former smoker with a persistent cough (referred for
 * evaluation). Smoking histories start at 20, so they fit whatever age the birth date gives.
 */
const QUESTIONNAIRES: ((age: number) => { inputs: LungRiskInputs; symptoms: LungSymptom[] })[] = [
  (age) => ({
    inputs: {
      age, educationLevel: 2, bmi: 23.4, copd: true, personalCancerHistory: false, familyLungCancerHistory: false,
      raceEthnicity: 'ASIAN', smokingStatus: 'CURRENT', cigarettesPerDay: 25, smokingDurationYears: age - 20,
    },
    symptoms: [],
  }),
  (age) => ({
    inputs: {
      age, educationLevel: 5, bmi: 26.1, copd: false, personalCancerHistory: false, familyLungCancerHistory: true,
      raceEthnicity: 'ASIAN', smokingStatus: 'FORMER', cigarettesPerDay: 10, smokingDurationYears: 15, yearsSinceQuitting: age - 35,
    },
    symptoms: ['cough'],
  }),
];

/** Screens pulmonology patients within the model's ages (40–100), the oldest as the heavy smoker. */
export async function seedDemoLungScreenings(models: Models, transaction: Transaction): Promise<void> {
  const members = await models.CareTeamMember.findAll({ where: { department: 'PULMONOLOGY', relation: 'department' }, order: [['patient_id', 'ASC']], transaction });
  const patients = await models.Patient.findAll({ where: { id: members.map((m) => m.patient_id) }, order: [['id', 'ASC']], transaction });
  const eligible = patients
    .filter((p) => ageOn(p.birth_date) >= 40 && ageOn(p.birth_date) <= 100)
    .sort((a, b) => ageOn(b.birth_date) - ageOn(a.birth_date) || a.id - b.id);
  for (const [index, questionnaire] of QUESTIONNAIRES.entries()) {
    const patient = eligible[index];
    if (!patient) return;
    const { inputs, symptoms } = questionnaire(ageOn(patient.birth_date));
    const outcome = plcom2012Risk(inputs);
    if (outcome.kind === 'invalid') throw new Error(`demo lung screening ${index}: ${outcome.problems.map((p) => p.message).join(' ')}`);
    const advice = lungScreeningAdvice(outcome, symptoms, inputs.smokingStatus);
    const record = await models.LungRecord.create({
      patient_fk_id: patient.id, age: inputs.age, education_level: inputs.educationLevel as EducationLevel, bmi: inputs.bmi,
      copd: inputs.copd, personal_cancer_history: inputs.personalCancerHistory, family_lung_cancer_history: inputs.familyLungCancerHistory,
      race_ethnicity: inputs.raceEthnicity, smoking_status: inputs.smokingStatus, cigarettes_per_day: inputs.cigarettesPerDay,
      smoking_duration_years: inputs.smokingDurationYears, years_since_quitting: inputs.yearsSinceQuitting ?? 0,
      cough: symptoms.includes('cough'),
    }, { transaction });
    await models.LungResult.create({
      lung_record_id: record.id, prediction: advice.prediction, risk_score: outcome.kind === 'risk' ? outcome.risk : null,
      recommendation: advice.recommendation, model_version: PLCOM2012_MODEL_VERSION,
    }, { transaction });
  }
}
