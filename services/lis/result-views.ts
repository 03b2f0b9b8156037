import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op, type WhereOptions } from 'sequelize';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { roleHas } from '../../lib/rbac/policy.js';
import { FINAL_RESULT_STATUSES, type LabSpecimenAttributes, type ResultStatus } from '../../models/lis.js';
import type { CdssContext } from '../context.js';
import { analyteParam, id, includePreliminary, plain } from './lis-common.js';
import { orderedAnalytes } from './result-entry.js';
import type { LisThis, ResultListParams } from './lis.service.js';

/**
 * What the EMR and the portal read of lab results: one order with its specimens and results, a
 * patient's results, one analyte's trend, and the signed-in patient's own results. Verified
 * values for everyone; preliminary ones only for doctors, who answer for criticals before verification.
 */

const { MoleculerClientError } = Errors;
const NEWEST_FIRST: [string, string][] = [['resulted_at', 'DESC'], ['id', 'ASC']];
/** What the portal shows of a result: the value and its reading, not who keyed or acknowledged it. */
const PORTAL_COLUMNS = [
  'id', 'order_id', 'patient_id', 'test_code', 'analyte_code', 'loinc', 'analyte_name', 'value_numeric', 'value_text', 'unit',
  'reference_low', 'reference_high', 'reference_text', 'flag', 'critical', 'status', 'resulted_at', 'verified_at',
];

export const resultViews: ServiceActionsSchema = {
  orderResults: {
    rest: 'GET /orders/:orderId',
    permission: 'lab.read',
    summary: '검사 오더의 검체·결과 (확정 결과; 의사는 예비 결과도) / one lab order with its specimens and results',
    params: { orderId: id, includePreliminary },
    async handler(this: LisThis, ctx: CdssContext<{ orderId: number; includePreliminary?: boolean }>) {
      const order = await this.labOrder(ctx, ctx.params.orderId);
      const statuses = this.resultStatuses(ctx, ctx.params.includePreliminary);
      const specimens = await this.db().models.LabSpecimen.findAll({ where: { order_id: order.id }, order: [['id', 'ASC']] });
      const results = await this.scopedFindPage(ctx, { where: { order_id: order.id, status: { [Op.in]: statuses } }, order: [['id', 'ASC']], page: 1, pageSize: 100 });
      const shown = new Set(results.items.map((r) => r.analyte_code));
      return {
        order,
        specimens: specimens.map((s) => plain<LabSpecimenAttributes>(s)),
        results: results.items,
        pending: [...orderedAnalytes(order.items).keys()].filter((code) => !shown.has(code)),
      };
    },
  },

  results: {
    rest: 'GET /patients/:patientId/results',
    permission: 'lab.read',
    summary: '환자의 검사 결과 (확정 결과, 최근 순; 의사는 예비 결과도) / a patient\'s verified results, newest first; doctors may include preliminary ones',
    params: { patientId: id, orderId: { ...id, optional: true }, code: { type: 'string', max: 16, optional: true }, includePreliminary, ...pagingParams },
    async handler(this: LisThis, ctx: CdssContext<ResultListParams>) {
      const { patientId, orderId, code, page, pageSize } = ctx.params;
      const statuses = this.resultStatuses(ctx, ctx.params.includePreliminary);
      const analyte = code === undefined ? undefined : analyteParam(code);
      await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the caller's scope
      const where: WhereOptions = {
        patient_id: patientId, status: { [Op.in]: statuses },
        ...(orderId ? { order_id: orderId } : {}), ...(analyte ? { analyte_code: analyte.code } : {}),
      };
      return this.scopedFindPage(ctx, { where, order: NEWEST_FIRST, page, pageSize });
    },
  },

  trend: {
    rest: 'GET /patients/:patientId/trends',
    permission: 'lab.read',
    summary: '누적 결과 (한 항목의 시간 경과, 참고치·판정 포함) / cumulative view of one analyte over time with ranges and flags',
    params: {
      patientId: id, code: { type: 'string', min: 1, max: 16 }, includePreliminary,
      limit: { type: 'number', integer: true, min: 1, max: 200, convert: true, default: 50 },
    },
    async handler(this: LisThis, ctx: CdssContext<{ patientId: number; code: string; includePreliminary?: boolean; limit: number }>) {
      const { patientId, limit } = ctx.params;
      const statuses = this.resultStatuses(ctx, ctx.params.includePreliminary);
      const analyte = analyteParam(ctx.params.code);
      await ctx.call('patients.get', { id: patientId });
      const found = await this.scopedFindPage(ctx, {
        where: { patient_id: patientId, analyte_code: analyte.code, status: { [Op.in]: statuses } },
        order: [['resulted_at', 'DESC'], ['id', 'DESC']], page: 1, pageSize: limit,
      }, `trend ${analyte.code}`);
      const { code, loinc, name, nameEn, unit, critical } = analyte;
      // The newest `limit` points, shown oldest to newest as a chart reads.
      return { analyte: { code, loinc, name, nameEn, unit, critical: critical ?? null }, total: found.total, items: [...found.items].reverse() };
    },
  },

  /** The signed-in patient's verified results, for the portal (the row scope is the patient themself). */
  mine: {
    permission: 'portal.self',
    visibility: 'public',
    params: { code: { type: 'string', max: 16, optional: true }, ...pagingParams },
    async handler(this: LisThis, ctx: CdssContext<{ code?: string } & PagingParams>) {
      const { code, page, pageSize } = ctx.params;
      const analyte = code === undefined ? undefined : analyteParam(code);
      return this.scopedFindPage(ctx, {
        where: { status: { [Op.in]: FINAL_RESULT_STATUSES }, ...(analyte ? { analyte_code: analyte.code } : {}) },
        attributes: PORTAL_COLUMNS, order: NEWEST_FIRST, page, pageSize,
      });
    },
  },
};

export const resultViewMethods = {
  /** Final results for everyone; preliminary ones too for the clinicians who act on them before verification. */
  resultStatuses(ctx: CdssContext, withPreliminary?: boolean): ResultStatus[] {
    if (!withPreliminary) return FINAL_RESULT_STATUSES;
    // Preliminary values are for those who answer for criticals before verification: doctors.
    if (!roleHas(ctx.meta.user!.role, 'lab.critical.ack')) {
      throw new MoleculerClientError('예비 결과는 의사만 조회할 수 있습니다 (preliminary results are for doctors)', 403, 'FORBIDDEN', { permission: 'lab.critical.ack' });
    }
    return ['PRELIMINARY', ...FINAL_RESULT_STATUSES];
  },
};
