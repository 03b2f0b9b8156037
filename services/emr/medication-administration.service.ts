import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, Transaction, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { kstDay } from '../../lib/rules/appointments.js';
import { courseWindow, isAsNeeded, isDueDose, type TimeWindow } from '../../lib/rules/medication-schedule.js';
import { isCalendarDate, kstDateOf, kstDateTime, kstDayOf } from '../../lib/rules/kst-dates.js';
import { MAX_DAYS } from '../../lib/rules/prescribing.js';
import { ADMINISTRATION_STATUSES, type AdministrationStatus, type MedicationAdministration } from '../../models/medication-administration.js';
import type { Patient } from '../../models/patient.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import {
  buildMarDay, courseOf, type DueDose, type MarAdministrationRow, type MarDay, type MarPrescription, type MarSummary,
} from './mar-day.js';

export type { DueDose, MarDay, MarSummary } from './mar-day.js';

export interface MarDayParams {
  patientId: number;
  /** KST calendar day `YYYY-MM-DD`; today (KST) when omitted. */
  date?: string;
}

export interface ChartDoseParams {
  patientId: number;
  prescriptionId: number;
  /** The line's index in the prescription's `medications`. */
  medicationIndex: number;
  /** The due dose being charted; omitted for PRN lines. */
  scheduledTime?: Date;
  status: AdministrationStatus;
  /** When it was given, held or refused; now when omitted. */
  administeredAt?: Date;
  reason?: string;
  notes?: string;
}

export interface DueSummaryParams {
  patientIds: number[];
  date?: string;
}

/** A due dose on the ward board, with the patient it is for. */
export interface BoardDose extends DueDose {
  patientName: string | null;
  patientNumber: string | null;
}

/** The ward's doses of one day (nurse dashboard). */
export interface MarBoard {
  date: string;
  summary: MarSummary;
  items: BoardDose[];
  /** True when more prescriptions were in scope than one board reads; the oldest were left out. */
  truncated: boolean;
}

type MarThis = Service & DbMethods & {
  dayOf(date: string | undefined): { date: string; window: TimeWindow };
  marDay(ctx: CdssContext, where: WhereOptions, date: string | undefined, description: string): Promise<MarDay & { truncated: boolean }>;
  board(ctx: CdssContext, where: WhereOptions, date: string | undefined): Promise<MarBoard>;
};

/** Prescriptions one MAR read considers at most (newest first). */
const MAX_PRESCRIPTIONS = 1000;
/** Clock skew tolerated between a ward PC and the server before a time counts as "in the future". */
const CLOCK_SKEW_MS = 60_000;
/** How early a due dose may be charted as given or refused (the usual ward window around a dose). */
const EARLY_CHARTING_MS = 60 * 60_000;

const dateParam = { type: 'string', max: 10, optional: true } as const;

function alreadyCharted(drugName: string, scheduledTime: Date, existing: Pick<MedicationAdministration, 'id' | 'status'> | null): Errors.MoleculerClientError {
  const when = kstDateTime(scheduledTime);
  return new Errors.MoleculerClientError(
    `${drugName} ${when} (KST) 투약은 이미 기록되었습니다 (dose already charted: ${drugName} at ${when} KST)`,
    409, 'DOSE_ALREADY_CHARTED', { scheduledTime: scheduledTime.toISOString(), administrationId: existing?.id ?? null, status: existing?.status ?? null },
  );
}

/**
 * Medication administration record (투약 기록, seed §2.2 "투약 관리 및 스케줄 확인", §4.2.1 투약
 * 스케줄): due doses derived from prescriptions (lib/rules/medication-schedule.ts) and the doses
 * nurses chart against them. The MAR is read through its prescriptions, so their row scope is its
 * scope: the db mixin is bound to `Prescription`, while audit rows name the MAR.
 */
const MedicationAdministrationService: ServiceSchema<ServiceSettingSchema, MarThis> = {
  name: 'mar',
  mixins: [RbacMixin, DbMixin({ model: 'Prescription', resourceType: 'MedicationAdministration', patientColumn: 'patient_id' })],
  settings: { rest: '/' },

  actions: {
    day: {
      rest: 'GET /patients/:patientId/mar',
      permission: 'mar.read',
      summary: '환자의 하루 투약 기록 (예정 투약·기록 상태·지연, PRN 투약) / a patient\'s MAR for one KST day',
      params: { patientId: { type: 'number', integer: true, positive: true, convert: true }, date: dateParam },
      async handler(this: MarThis, ctx: CdssContext<MarDayParams>) {
        const { patientId, date } = ctx.params;
        this.dayOf(date); // a bad date is 400 before anything is read
        await ctx.call('patients.get', { id: patientId }); // 404 outside scope
        const { truncated: _, ...day } = await this.marDay(ctx, { patient_id: patientId }, date, `MAR patient ${patientId}`);
        return { patientId, ...day };
      },
    },

    chart: {
      rest: 'POST /patients/:patientId/mar',
      permission: 'mar.write',
      summary: '투약 기록 (투약·보류·거부; 보류·거부는 사유 필수, 같은 투약 두 번 기록 시 409) / chart a dose given, held or refused',
      params: {
        patientId: { type: 'number', integer: true, positive: true, convert: true },
        prescriptionId: { type: 'number', integer: true, positive: true },
        medicationIndex: { type: 'number', integer: true, min: 0 },
        scheduledTime: { type: 'date', convert: true, optional: true },
        status: { type: 'enum', values: [...ADMINISTRATION_STATUSES] },
        administeredAt: { type: 'date', convert: true, optional: true },
        reason: { type: 'string', max: 500, optional: true },
        notes: { type: 'string', max: 5000, optional: true },
        $$strict: true,
      },
      async handler(this: MarThis, ctx: CdssContext<ChartDoseParams>) {
        const { patientId, prescriptionId, medicationIndex, scheduledTime, status, notes } = ctx.params;
        const reason = ctx.params.reason?.trim() || null;
        const now = new Date();
        const administeredAt = ctx.params.administeredAt ?? now;
        if (status !== 'GIVEN' && !reason) invalidField('reason', '보류·거부 사유를 입력하세요 (a held or refused dose needs a reason)');
        if (administeredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) invalidField('administeredAt', '투약 시각이 미래입니다 (administeredAt is in the future)');
        await ctx.call('patients.get', { id: patientId }); // 404 outside scope
        const { models } = this.db();
        const nurse = await models.Nurse.findOne({ where: { user_id: ctx.meta.user!.id } });
        if (!nurse) throw new Errors.MoleculerClientError('간호사 프로필이 없습니다 (no nurse profile)', 403, 'NO_NURSE_PROFILE');

        // Checked inside the write transaction, so a discontinuation or a second nurse charting the
        // same dose cannot slip in between the checks and the insert; refusals are audited.
        return this.auditedCreate(ctx, async (transaction) => {
          const row = await models.Prescription.findOne({ where: { id: prescriptionId, patient_id: patientId }, transaction, lock: Transaction.LOCK.SHARE });
          if (!row) invalidField('prescriptionId', `환자 ${patientId}의 처방 ${prescriptionId}이(가) 없습니다 (no such prescription for this patient)`);
          const prescription = row.get({ plain: true });
          // Doses due before a prescription stopped may still be charted late; nothing after it.
          const stoppedBefore = (at: Date | undefined) => prescription.status !== 'ACTIVE' && (!prescription.discontinued_at || !at || at >= prescription.discontinued_at);
          if (stoppedBefore(scheduledTime ?? administeredAt)) {
            const since = prescription.discontinued_at ? ` ${kstDateTime(prescription.discontinued_at)} (KST)` : '';
            throw new Errors.MoleculerClientError(`중단된 처방입니다: 처방 ${prescriptionId}${since} (prescription discontinued)`, 409, 'PRESCRIPTION_DISCONTINUED',
              { prescriptionId, discontinuedAt: prescription.discontinued_at });
          }
          const medication = prescription.medications?.[medicationIndex];
          if (!medication) invalidField('medicationIndex', `처방 ${prescriptionId}에 ${medicationIndex}번 약이 없습니다 (no such line)`);
          if (administeredAt < prescription.prescription_date) invalidField('administeredAt', '처방 전 시각입니다 (administeredAt is before the prescription)');

          if (isAsNeeded(medication)) {
            if (scheduledTime) invalidField('scheduledTime', 'PRN 약은 예정 시각 없이 기록합니다 (a PRN dose has no scheduled time)');
            const open = courseWindow(courseOf(prescription), medication);
            if (administeredAt >= open.end) invalidField('administeredAt', `${medication.name}의 처방 기간이 지났습니다 (outside the course of this PRN line)`);
          } else {
            if (!scheduledTime) invalidField('scheduledTime', '투약 예정 시각을 입력하세요 (scheduledTime is required)');
            if (!isDueDose(courseOf(prescription), medication, scheduledTime)) {
              invalidField('scheduledTime', `${kstDateTime(scheduledTime)} (KST)은 ${medication.name}의 투약 예정 시각이 아닙니다 (not a due dose of this line)`);
            }
            // A dose is given (or refused) around its time, not days ahead; holding one may be decided earlier.
            if (status !== 'HELD' && scheduledTime.getTime() - administeredAt.getTime() > EARLY_CHARTING_MS) {
              invalidField('scheduledTime', `${kstDateTime(scheduledTime)} (KST) 투약은 예정 1시간 전부터 기록할 수 있습니다 (a dose is charted at most 60 minutes before it is due)`);
            }
            const existing = await models.MedicationAdministration.findOne({
              where: { prescription_id: prescriptionId, medication_index: medicationIndex, scheduled_time: scheduledTime }, transaction,
            });
            if (existing) throw alreadyCharted(medication.name, scheduledTime, existing);
          }
          try {
            return await models.MedicationAdministration.create({
              prescription_id: prescriptionId, medication_index: medicationIndex, patient_id: patientId, scheduled_time: scheduledTime ?? null,
              status, administered_at: administeredAt, nurse_id: nurse.id, reason, notes: notes ?? null,
            }, { transaction });
          } catch (err) {
            // The unique index settles a race between two nurses charting the same dose.
            if (err instanceof UniqueConstraintError && scheduledTime) throw alreadyCharted(medication.name, scheduledTime, null);
            throw err;
          }
        });
      },
    },

    due: {
      rest: 'GET /mar/due',
      permission: 'mar.read',
      summary: '담당 환자의 오늘 투약 예정 (건수 요약: 예정·투약·보류·거부·지연) / doses due today for the patients in your scope',
      params: { date: dateParam },
      async handler(this: MarThis, ctx: CdssContext<{ date?: string }>) {
        return this.board(ctx, {}, ctx.params.date);
      },
    },

    dueSummary: {
      permission: 'internal',
      summary: '지정 환자들의 투약 예정 요약 (대시보드용) / the due board for given patients, for dashboards',
      params: {
        patientIds: { type: 'array', items: { type: 'number', integer: true, positive: true }, max: 1000 },
        date: dateParam,
      },
      async handler(this: MarThis, ctx: CdssContext<DueSummaryParams>) {
        // Still read on behalf of the signed-in user: their row scope applies and the read is audited.
        return this.board(ctx, { patient_id: { [Op.in]: ctx.params.patientIds } }, ctx.params.date);
      },
    },
  },

  methods: {
    dayOf(this: MarThis, date: string | undefined) {
      if (date === undefined) {
        const today = kstDay();
        return { date: kstDateOf(today.start), window: today };
      }
      if (!isCalendarDate(date)) invalidField('date', '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다 (date must be a real YYYY-MM-DD day)');
      return { date, window: kstDayOf(date) };
    },

    /** Reads the prescriptions in scope that can have doses in the day, then their chartings. */
    async marDay(this: MarThis, ctx: CdssContext, where: WhereOptions, dateParamValue: string | undefined, description: string) {
      const { date, window } = this.dayOf(dateParamValue);
      const found = await this.scopedFindPage(ctx, {
        where: {
          // No course runs longer than MAX_DAYS, so older prescriptions cannot have doses this day.
          [Op.and]: [where, { prescription_date: { [Op.lt]: window.end, [Op.gte]: new Date(window.start.getTime() - (MAX_DAYS + 1) * 86_400_000) } }, {
            // A prescription discontinued during the day still had doses due before it stopped.
            [Op.or]: [{ status: 'ACTIVE' }, { discontinued_at: { [Op.gt]: window.start } }],
          }],
        },
        order: [['prescription_date', 'DESC'], ['id', 'DESC']],
        page: 1,
        pageSize: MAX_PRESCRIPTIONS,
      }, `${description} ${date}`);
      const prescriptions = found.items as unknown as MarPrescription[];
      const administrations: MedicationAdministration[] = prescriptions.length === 0 ? [] : await this.db().models.MedicationAdministration.findAll({
        where: {
          prescription_id: { [Op.in]: prescriptions.map((p) => p.id) },
          [Op.or]: [
            { scheduled_time: { [Op.gte]: window.start, [Op.lt]: window.end } },
            { scheduled_time: null, administered_at: { [Op.gte]: window.start, [Op.lt]: window.end } },
          ],
        },
        order: [['id', 'ASC']],
      });
      const rows: MarAdministrationRow[] = administrations.map((a) => a.get({ plain: true }));
      return { ...buildMarDay(date, window, prescriptions, rows, new Date()), truncated: found.total > prescriptions.length };
    },

    async board(this: MarThis, ctx: CdssContext, where: WhereOptions, date: string | undefined) {
      const day = await this.marDay(ctx, where, date, 'MAR due board');
      const ids = [...new Set(day.items.map((i) => i.patientId))];
      const patients: Patient[] = ids.length === 0 ? [] : await this.db().models.Patient.findAll({ where: { id: { [Op.in]: ids } }, attributes: ['id', 'patient_id', 'name'] });
      const byId = new Map(patients.map((p) => [p.id, p]));
      const items = day.items.map((item) => ({ ...item, patientName: byId.get(item.patientId)?.name ?? null, patientNumber: byId.get(item.patientId)?.patient_id ?? null }));
      return { date: day.date, summary: day.summary, items, truncated: day.truncated };
    },
  },
};

export default MedicationAdministrationService;
