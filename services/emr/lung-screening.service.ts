import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { RACE_ETHNICITIES, SMOKING_STATUSES, type EducationLevel, type LungPrediction, type RaceEthnicity, type SmokingStatus } from '../../lib/constants-clinical.js';
import { bodyMassIndex, PLCOM2012_MODEL_VERSION, plcom2012Risk, type LungRiskInputs } from '../../lib/rules/plcom2012.js';
import { LUNG_SYMPTOMS, lungScreeningAdvice, screeningAction, type LungSymptom, type ScreeningAction } from '../../lib/rules/lung-screening-advice.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';

/** The questionnaire as the API takes it; left-out flags are "no". */
export interface LungScreeningInput {
  patientId: number;
  /** defaults to the patient's age from the birth date */
  age?: number;
  educationLevel?: number;
  bmi?: number;
  heightCm?: number;
  weightKg?: number;
  copd: boolean;
  personalCancerHistory: boolean;
  familyLungCancerHistory: boolean;
  /** defaults to ASIAN: the hospital's patients are Korean */
  raceEthnicity?: RaceEthnicity;
  smokingStatus: SmokingStatus;
  cigarettesPerDay?: number;
  smokingDurationYears?: number;
  yearsSinceQuitting?: number;
  hemoptysis: boolean;
  weightLoss: boolean;
  cough: boolean;
  dyspnea: boolean;
  chestPain: boolean;
}

/** One screening: the stored questionnaire, its stored result and the next step derived from both. */
export interface LungScreening {
  record: Record<string, unknown>;
  result: Record<string, unknown> | null;
  action: ScreeningAction | null;
}

type ScreeningThis = Service & DbMethods & {
  withResults(records: Record<string, unknown>[]): Promise<LungScreening[]>;
};

const flag = { type: 'boolean', optional: true, default: false } as const;
const optionalNumber = { type: 'number', optional: true } as const;

/** API symptom names to lung_record columns. */
const SYMPTOM_COLUMNS: Record<LungSymptom, string> = {
  hemoptysis: 'hemoptysis', weightLoss: 'weight_loss', cough: 'cough', dyspnea: 'dyspnea', chestPain: 'chest_pain',
};

const symptomsOf = (values: Record<string, unknown>, names: (symptom: LungSymptom) => string) =>
  (Object.keys(LUNG_SYMPTOMS) as LungSymptom[]).filter((symptom) => values[names(symptom)] === true);

/** BMI as sent, or from height and weight; both ways at once would be ambiguous. */
function bmiFrom({ bmi, heightCm, weightKg }: LungScreeningInput): number | undefined {
  const measured = heightCm !== undefined || weightKg !== undefined;
  if (bmi !== undefined && measured) invalidField('bmi', '체질량지수 또는 키·몸무게 중 하나만 입력하세요 (send either bmi or height and weight)');
  if (!measured) return bmi;
  if (heightCm === undefined || weightKg === undefined) invalidField(heightCm === undefined ? 'heightCm' : 'weightKg', '키와 몸무게를 함께 입력하세요 (height and weight go together)');
  return bodyMassIndex(heightCm, weightKg);
}

/**
 * Lung cancer screening (seed §3.0 lung_record / lung_result): a questionnaire scored with the
 * PLCOm2012 model (lib/rules/plcom2012.ts). Ever-smokers at six-year risk ≥ 1.51% are advised
 * low-dose CT; never-smokers are outside the model; symptoms call for a pulmonologist instead of
 * screening. The questionnaire and its result are stored together, in one transaction.
 */
const LungScreeningService: ServiceSchema<ServiceSettingSchema, ScreeningThis> = {
  name: 'screening',
  mixins: [RbacMixin, DbMixin({ model: 'LungRecord', resourceType: 'LungRecord', patientColumn: 'patient_fk_id' })],
  settings: { rest: '/' },

  actions: {
    create: {
      rest: 'POST /patients/:patientId/lung-screenings',
      permission: 'screening.write',
      summary: '폐암 검진 설문 입력, PLCOm2012 6년 위험도 계산 (1.51% 이상 LDCT 권고, 증상 시 호흡기내과 평가) / record a questionnaire and its PLCOm2012 risk',
      params: {
        patientId: { type: 'number', integer: true, positive: true, convert: true },
        age: { ...optionalNumber, integer: true },
        educationLevel: { ...optionalNumber, integer: true },
        bmi: optionalNumber,
        heightCm: { ...optionalNumber, positive: true },
        weightKg: { ...optionalNumber, positive: true },
        copd: flag,
        personalCancerHistory: flag,
        familyLungCancerHistory: flag,
        raceEthnicity: { type: 'enum', values: Object.keys(RACE_ETHNICITIES), optional: true },
        smokingStatus: { type: 'enum', values: Object.keys(SMOKING_STATUSES) },
        cigarettesPerDay: optionalNumber,
        smokingDurationYears: optionalNumber,
        yearsSinceQuitting: optionalNumber,
        ...Object.fromEntries(Object.keys(LUNG_SYMPTOMS).map((symptom) => [symptom, flag])),
        $$strict: true,
      },
      async handler(this: ScreeningThis, ctx: CdssContext<LungScreeningInput>) {
        const input = ctx.params;
        const patient = await ctx.call<{ age?: number }, { id: number }>('patients.get', { id: input.patientId }); // 404 outside scope
        const never = input.smokingStatus === 'NEVER';
        const age = input.age ?? patient.age;
        if (age === undefined) invalidField('age', '나이를 입력하세요 (age is required)');
        const inputs: LungRiskInputs = {
          age,
          smokingStatus: input.smokingStatus,
          raceEthnicity: input.raceEthnicity ?? 'ASIAN',
          educationLevel: input.educationLevel,
          bmi: bmiFrom(input),
          copd: input.copd,
          personalCancerHistory: input.personalCancerHistory,
          familyLungCancerHistory: input.familyLungCancerHistory,
          cigarettesPerDay: input.cigarettesPerDay,
          smokingDurationYears: input.smokingDurationYears,
          yearsSinceQuitting: input.yearsSinceQuitting,
        };
        const outcome = plcom2012Risk(inputs);
        if (outcome.kind === 'invalid') {
          throw new Errors.MoleculerClientError(outcome.problems.map((p) => p.message).join(' '), 400, 'VALIDATION_ERROR', outcome.problems);
        }
        const symptoms = symptomsOf(input as unknown as Record<string, unknown>, (symptom) => symptom);
        const advice = lungScreeningAdvice(outcome, symptoms, input.smokingStatus);
        const { models } = this.db();
        let result: Record<string, unknown> | null = null;
        const record = await this.auditedCreate(ctx, async (transaction) => {
          const row = await models.LungRecord.create({
            patient_fk_id: input.patientId,
            age: inputs.age,
            education_level: (inputs.educationLevel ?? null) as EducationLevel | null, // 1–6, checked by plcom2012Risk
            bmi: inputs.bmi ?? null,
            copd: inputs.copd,
            personal_cancer_history: inputs.personalCancerHistory,
            family_lung_cancer_history: inputs.familyLungCancerHistory,
            race_ethnicity: inputs.raceEthnicity,
            smoking_status: inputs.smokingStatus,
            // What the model used: nothing for never-smokers, 0 years since quitting for current smokers.
            cigarettes_per_day: never ? null : inputs.cigarettesPerDay!,
            smoking_duration_years: never ? null : inputs.smokingDurationYears!,
            years_since_quitting: never ? null : inputs.smokingStatus === 'CURRENT' ? 0 : inputs.yearsSinceQuitting!,
            ...Object.fromEntries(symptoms.map((symptom) => [SYMPTOM_COLUMNS[symptom], true])),
          }, { transaction });
          const stored = await models.LungResult.create({
            lung_record_id: row.id,
            prediction: advice.prediction,
            risk_score: outcome.kind === 'risk' ? outcome.risk : null,
            recommendation: advice.recommendation,
            model_version: PLCOM2012_MODEL_VERSION,
          }, { transaction });
          result = { ...stored.get({ plain: true }) };
          return row;
        });
        return { record, result, action: advice.action } satisfies LungScreening;
      },
    },

    listForPatient: {
      rest: 'GET /patients/:patientId/lung-screenings',
      permission: 'screening.read',
      summary: '환자의 폐암 검진 기록 (최근 순) / a patient\'s lung screenings with their results, newest first',
      params: { patientId: { type: 'number', integer: true, positive: true, convert: true }, ...pagingParams },
      async handler(this: ScreeningThis, ctx: CdssContext<{ patientId: number } & PagingParams>) {
        const { patientId, page, pageSize } = ctx.params;
        await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the caller's scope
        const found = await this.scopedFindPage(ctx, { where: { patient_fk_id: patientId }, order: [['created_at', 'DESC'], ['id', 'DESC']], page, pageSize });
        return { ...found, items: await this.withResults(found.items) };
      },
    },

    get: {
      rest: 'GET /lung-screenings/:id',
      permission: 'screening.read',
      summary: '폐암 검진 기록 상세 / one lung screening with its result (404 outside your scope)',
      params: { id: { type: 'number', integer: true, positive: true, convert: true } },
      async handler(this: ScreeningThis, ctx: CdssContext<{ id: number }>) {
        const [screening] = await this.withResults([await this.scopedFindOne(ctx, ctx.params.id)]);
        return screening;
      },
    },
  },

  methods: {
    /** Attaches each record's result (one query) and the next step derived from the stored values. */
    async withResults(this: ScreeningThis, records: Record<string, unknown>[]): Promise<LungScreening[]> {
      if (!records.length) return [];
      const rows = await this.db().models.LungResult.findAll({ where: { lung_record_id: records.map((r) => r.id as number) }, order: [['id', 'ASC']] });
      const byRecord = new Map(rows.map((row) => [row.lung_record_id, { ...row.get({ plain: true }) } as Record<string, unknown>]));
      return records.map((record) => {
        const result = byRecord.get(record.id as number) ?? null;
        const symptoms = symptomsOf(record, (symptom) => SYMPTOM_COLUMNS[symptom]);
        return { record, result, action: result?.prediction ? screeningAction(result.prediction as LungPrediction, symptoms) : null };
      });
    },
  },
};

export default LungScreeningService;
