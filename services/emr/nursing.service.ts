import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, literal, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { abnormalVitals, implausibleVitals, VITAL_MEASURES, type Vitals } from '../../lib/rules/vitals.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';

export interface VitalsInput {
  patientId: number;
  systolicBp?: number;
  diastolicBp?: number;
  pulse?: number;
  temperature?: number;
  respiratoryRate?: number;
  spo2?: number;
  pain?: number;
  symptoms?: string;
  nursingNotes?: string;
}

export interface NursingListParams extends PagingParams {
  patientId: number;
  /** `vitals`: rows with measurements (the vitals table and trends); `notes`: rows with a note or symptoms (the notes timeline). */
  kind: 'all' | 'vitals' | 'notes';
}

type NursingThis = Service & DbMethods & { nurseNames(nurseIds: number[]): Promise<Map<number, string>> };

/** `> ''` is true only for a non-empty text (NULL compares as unknown), on SQLite and MariaDB alike. */
const KIND_FILTERS: Record<NursingListParams['kind'], WhereOptions> = {
  all: {},
  vitals: { vital_signs: { [Op.ne]: null } },
  notes: { [Op.or]: [{ nursing_notes: { [Op.gt]: '' } }, { symptoms: { [Op.gt]: '' } }] },
};

/** A row with vitals that no later row with vitals of the same patient supersedes (the (patient_id, record_date) index answers the probe). */
const LATEST_VITALS = literal('NOT EXISTS (SELECT 1 FROM nursing_record later WHERE later.patient_id = nursing_record.patient_id AND later.vital_signs IS NOT NULL'
  + ' AND (later.record_date > nursing_record.record_date OR (later.record_date = nursing_record.record_date AND later.id > nursing_record.id)))');

const MEASURE_PARAMS: Record<string, keyof typeof VITAL_MEASURES> = {
  systolicBp: 'systolic_bp', diastolicBp: 'diastolic_bp', pulse: 'pulse', temperature: 'temperature',
  respiratoryRate: 'respiratory_rate', spo2: 'spo2', pain: 'pain',
};

/** A charted row with its abnormal flags derived from the stored values (never stored twice). */
function withFlags(row: Record<string, unknown>): Record<string, unknown> {
  return { ...row, abnormal: abnormalVitals((row.vital_signs ?? {}) as Vitals) };
}

/**
 * Nursing (seed §2.2, §3.4.1): vital signs with plausibility limits and abnormal flags that
 * notify the patient's attending doctors, plus nursing notes.
 */
const NursingService: ServiceSchema<ServiceSettingSchema, NursingThis> = {
  name: 'nursing',
  mixins: [RbacMixin, DbMixin({ model: 'NursingRecord', resourceType: 'NursingRecord', patientColumn: 'patient_id' })],
  settings: { rest: '/patients' },

  actions: {
    record: {
      rest: 'POST /:patientId/vitals',
      permission: 'nursing.write',
      summary: '활력징후·간호기록 입력 (불가능한 값 400, 이상 시 담당의 알림) / chart vitals and notes; abnormal values notify the doctor',
      params: {
        patientId: { type: 'number', integer: true, positive: true, convert: true },
        ...Object.fromEntries(Object.keys(MEASURE_PARAMS).map((name) => [name, { type: 'number', optional: true }])),
        symptoms: { type: 'string', max: 2000, optional: true },
        nursingNotes: { type: 'string', max: 5000, optional: true },
        $$strict: true,
      },
      async handler(this: NursingThis, ctx: CdssContext<VitalsInput>) {
        const { patientId } = ctx.params;
        // Blank text is no note: stored as null, so the notes timeline never shows an empty entry.
        const symptoms = ctx.params.symptoms?.trim() || undefined;
        const nursingNotes = ctx.params.nursingNotes?.trim() || undefined;
        const vitals: Vitals = {};
        for (const [param, measure] of Object.entries(MEASURE_PARAMS)) {
          const value = (ctx.params as unknown as Record<string, number | undefined>)[param];
          if (value !== undefined) vitals[measure] = value;
        }
        if (Object.keys(vitals).length === 0 && !nursingNotes && !symptoms) invalidField('body', '기록할 측정값이나 간호 기록이 없습니다 (nothing to chart)');
        const problems = implausibleVitals(vitals);
        if (problems.length) throw new Errors.MoleculerClientError(problems.map((p) => p.message).join(' '), 400, 'VALIDATION_ERROR', problems);
        const patient = await ctx.call<{ name: string }, object>('patients.get', { id: patientId }); // 404 outside scope
        const { models } = this.db();
        const nurse = await models.Nurse.findOne({ where: { user_id: ctx.meta.user!.id } });
        if (!nurse) throw new Errors.MoleculerClientError('간호사 프로필이 없습니다 (no nurse profile)', 403, 'NO_NURSE_PROFILE');
        const flags = abnormalVitals(vitals);
        const created = await this.auditedCreate(ctx, async (transaction) => {
          const row = await models.NursingRecord.create({
            patient_id: patientId, nurse_id: nurse.id, record_date: new Date(), vital_signs: Object.keys(vitals).length ? vitals : null,
            symptoms: symptoms ?? null, nursing_notes: nursingNotes ?? null,
          }, { transaction });
          if (flags.length) {
            // The attending doctors hear about it (seed §4.2); live push arrives with issue #7.
            const attending = await models.CareTeamMember.findAll({ where: { patient_id: patientId, relation: 'attending', active: true }, transaction });
            const summary = flags.map((f) => `${VITAL_MEASURES[f.measure].label} ${f.value}${f.critical ? ' (위급)' : ''}`).join(', ');
            await models.Notification.bulkCreate(attending.filter((m) => m.user_id).map((m) => ({
              user_id: m.user_id!, notification_type: 'ALERT' as const, title: `이상 활력징후: ${patient.name}`, message: summary,
              is_read: false, related_resource_type: 'NursingRecord', related_resource_id: String(row.id),
            })), { transaction });
          }
          return row;
        });
        return withFlags(created);
      },
    },

    list: {
      rest: 'GET /:patientId/vitals',
      permission: 'nursing.read',
      summary: '활력징후·간호기록 목록 (이상 표시, 기록한 간호사; kind=vitals: 측정값 있는 기록만, kind=notes: 간호기록·증상 있는 기록만) / charted vitals and notes with abnormal flags and the charting nurse, newest first',
      params: {
        patientId: { type: 'number', integer: true, positive: true, convert: true },
        kind: { type: 'enum', values: ['all', 'vitals', 'notes'], optional: true, default: 'all' },
        ...pagingParams,
      },
      async handler(this: NursingThis, ctx: CdssContext<NursingListParams>) {
        const { patientId, kind, page, pageSize } = ctx.params;
        await ctx.call('patients.get', { id: patientId });
        const found = await this.scopedFindPage(ctx, { where: { patient_id: patientId, ...KIND_FILTERS[kind] }, order: [['record_date', 'DESC'], ['id', 'DESC']], page, pageSize });
        const names = await this.nurseNames(found.items.map((row) => Number(row.nurse_id)));
        return { ...found, items: found.items.map((row) => ({ ...withFlags(row), nurse_name: names.get(Number(row.nurse_id)) ?? null })) };
      },
    },

    /**
     * The signed-in patient's latest charted vitals, for the portal's health summary. Only the
     * measurements: nursing notes and symptoms stay with the ward.
     */
    latestMine: {
      permission: 'portal.self',
      visibility: 'public',
      async handler(this: NursingThis, ctx: CdssContext) {
        const found = await this.scopedFindPage(ctx, {
          where: { vital_signs: { [Op.ne]: null } }, order: [['record_date', 'DESC'], ['id', 'DESC']],
          attributes: ['id', 'patient_id', 'record_date', 'vital_signs'], page: 1, pageSize: 1,
        });
        return found.items[0] ? withFlags(found.items[0]) : null;
      },
    },

    /** Abnormal vitals charted in the last `hours` for patients in the caller's scope (nurse dashboard). */
    recentAbnormal: {
      permission: 'nursing.read',
      visibility: 'public',
      params: { hours: { type: 'number', integer: true, min: 1, max: 168, default: 24 } },
      async handler(this: NursingThis, ctx: CdssContext<{ hours: number }>) {
        const since = new Date(Date.now() - ctx.params.hours * 3600_000);
        const found = await this.scopedFindPage(ctx, {
          where: { record_date: { [Op.gte]: since }, vital_signs: { [Op.ne]: null } },
          order: [['record_date', 'DESC'], ['id', 'DESC']], page: 1, pageSize: 200,
        }, 'recent abnormal vitals');
        return found.items.map(withFlags).filter((row) => (row.abnormal as unknown[]).length > 0);
      },
    },

    /**
     * Each given patient's latest charted vitals with their flags (the ward overview): one scoped,
     * audited search; a patient with no vitals charted is simply not in the answer.
     */
    latestVitals: {
      permission: 'nursing.read',
      visibility: 'public',
      params: { patientIds: { type: 'array', max: 500, items: { type: 'number', integer: true, positive: true } } },
      async handler(this: NursingThis, ctx: CdssContext<{ patientIds: number[] }>) {
        const ids = [...new Set(ctx.params.patientIds)];
        if (ids.length === 0) return [];
        const found = await this.scopedFindPage(ctx, {
          where: { [Op.and]: [{ patient_id: { [Op.in]: ids }, vital_signs: { [Op.ne]: null } }, LATEST_VITALS] },
          order: [['patient_id', 'ASC']], attributes: ['id', 'patient_id', 'record_date', 'vital_signs'], page: 1, pageSize: ids.length,
        }, 'latest vitals');
        return found.items.map(withFlags);
      },
    },
  },

  methods: {
    /** Names of nurse profiles (nursing_record.nurse_id), for who charted what. */
    async nurseNames(this: NursingThis, nurseIds: number[]): Promise<Map<number, string>> {
      const ids = [...new Set(nurseIds)];
      if (ids.length === 0) return new Map();
      const nurses = await this.db().models.Nurse.findAll({ where: { id: { [Op.in]: ids } }, attributes: ['id', 'name'] });
      return new Map(nurses.map((n) => [n.id, n.name]));
    },
  },
};

export default NursingService;
