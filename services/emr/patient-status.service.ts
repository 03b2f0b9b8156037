import type { Service, ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { Op, literal } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { PATIENT_CARE_STATUSES, keysOf } from '../../lib/constants.js';
import type { PatientCareStatus } from '../../lib/constants-clinical.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';

export interface StatusChange {
  patientId: number;
  status: PatientCareStatus;
  ward?: string;
  roomNumber?: string;
  admissionDate?: Date;
  dischargeDate?: Date;
  currentCondition?: string;
}

type StatusThis = Service & DbMethods;

/** The most admitted patients one answer lists: a ward is 30–60 beds, a department a few wards. */
export const MAX_ADMITTED = 500;

/**
 * A status row that no later row of the same patient supersedes — where the patient is now. The
 * (patient_id, …) index answers the probe; the outer query starts from the (status, ward) index.
 */
const LATEST_ROW = literal('NOT EXISTS (SELECT 1 FROM patient_status later WHERE later.patient_id = patient_status.patient_id AND later.id > patient_status.id)');

/**
 * Care status of a patient (seed §3.4.2): outpatient, admitted (ward, room, admission date) or
 * discharged. Every change is a new row, so the history of admissions stays readable.
 */
const PatientStatusService: ServiceSchema<ServiceSettingSchema, StatusThis> = {
  name: 'patient-status',
  mixins: [RbacMixin, DbMixin({ model: 'PatientStatus', resourceType: 'PatientStatus', patientColumn: 'patient_id' })],
  settings: { rest: '/patients' },

  actions: {
    history: {
      rest: 'GET /:patientId/status',
      permission: 'patients.read',
      summary: '환자 상태 (외래·입원·퇴원) 현재와 이력 / current care status and its history',
      params: { patientId: { type: 'number', integer: true, positive: true, convert: true }, ...pagingParams },
      async handler(this: StatusThis, ctx: CdssContext<{ patientId: number } & PagingParams>) {
        const { patientId, page, pageSize } = ctx.params;
        await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the caller's scope
        const history = await this.scopedFindPage(ctx, { where: { patient_id: patientId }, order: [['id', 'DESC']], page, pageSize });
        return { current: page === 1 ? history.items[0] ?? null : undefined, ...history };
      },
    },

    change: {
      rest: 'PUT /:patientId/status',
      permission: 'patients.status',
      summary: '환자 상태 변경 (입원: 병동·병실 필수, 퇴원: 퇴원일) / admit, discharge or return to outpatient',
      params: {
        patientId: { type: 'number', integer: true, positive: true, convert: true },
        status: { type: 'enum', values: keysOf(PATIENT_CARE_STATUSES) },
        ward: { type: 'string', min: 1, max: 32, optional: true },
        roomNumber: { type: 'string', min: 1, max: 16, optional: true },
        admissionDate: { type: 'date', convert: true, optional: true },
        dischargeDate: { type: 'date', convert: true, optional: true },
        currentCondition: { type: 'string', max: 2000, optional: true },
        $$strict: true,
      },
      async handler(this: StatusThis, ctx: CdssContext<StatusChange>) {
        const { patientId, status, ward, roomNumber, currentCondition } = ctx.params;
        await ctx.call('patients.get', { id: patientId });
        const { models } = this.db();
        const previous = await models.PatientStatus.findOne({ where: { patient_id: patientId }, order: [['id', 'DESC']] });
        const now = new Date();
        let admissionDate = ctx.params.admissionDate ?? null;
        let dischargeDate = ctx.params.dischargeDate ?? null;
        if (status === 'ADMITTED') {
          if (!ward) invalidField('ward', '입원에는 병동이 필요합니다 (ward required to admit)');
          if (!roomNumber) invalidField('roomNumber', '입원에는 병실이 필요합니다 (roomNumber required to admit)');
          // A room change keeps the stay's admission date; a new admission starts now unless given.
          admissionDate ??= previous?.status === 'ADMITTED' ? previous.admission_date : now;
          dischargeDate = null;
        } else if (status === 'DISCHARGED') {
          if (previous?.status !== 'ADMITTED') invalidField('status', '입원 중인 환자만 퇴원할 수 있습니다 (only an admitted patient can be discharged)');
          admissionDate = previous.admission_date;
          dischargeDate ??= now;
          if (admissionDate && dischargeDate < admissionDate) invalidField('dischargeDate', '퇴원일이 입원일보다 빠릅니다 (discharge before admission)');
        }
        if ((admissionDate && admissionDate > new Date(now.getTime() + 86_400_000)) || (dischargeDate && dischargeDate > new Date(now.getTime() + 86_400_000))) {
          invalidField('admissionDate', '미래 날짜는 입력할 수 없습니다 (date in the future)');
        }
        return this.auditedCreate(ctx, (transaction) => models.PatientStatus.create({
          patient_id: patientId, status, ward: status === 'ADMITTED' ? ward! : null, room_number: status === 'ADMITTED' ? roomNumber! : null,
          admission_date: admissionDate, discharge_date: dischargeDate, current_condition: currentCondition ?? null, updated_by_id: ctx.meta.user!.id,
        }, { transaction }));
      },
    },

    /**
     * The patients in the caller's scope who are admitted now (their latest status row is
     * ADMITTED), by ward and room — the nurse's ward overview. At most `limit` rows; `total`
     * counts them all. One scoped, audited search.
     */
    admitted: {
      permission: 'patients.read',
      visibility: 'public',
      params: {
        ward: { type: 'string', min: 1, max: 32, optional: true },
        limit: { type: 'number', integer: true, min: 1, max: MAX_ADMITTED, default: 200 },
      },
      async handler(this: StatusThis, ctx: CdssContext<{ ward?: string; limit: number }>) {
        const { ward, limit } = ctx.params;
        return this.scopedFindPage(ctx, {
          where: { [Op.and]: [{ status: 'ADMITTED', ...(ward ? { ward } : {}) }, LATEST_ROW] },
          order: [['ward', 'ASC'], ['room_number', 'ASC'], ['admission_date', 'ASC'], ['id', 'ASC']],
          page: 1, pageSize: limit,
        }, ward ? `admitted patients, ward ${ward}` : 'admitted patients');
      },
    },
  },
};

export default PatientStatusService;
