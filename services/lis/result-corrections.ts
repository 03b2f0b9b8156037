import type { ServiceActionsSchema } from 'moleculer';
import { Op } from 'sequelize';
import { findAnalyte } from '../../lib/rules/lab-catalogue.js';
import { resultSummary } from '../../lib/rules/lab-flags.js';
import { FINAL_RESULT_STATUSES, type LabResultAttributes } from '../../models/lis.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { id, plain, resultValue } from './lis-common.js';
import { checkResults, interpretedColumns, patientFacts } from './result-entry.js';
import type { LisThis } from './lis.service.js';

/**
 * Correcting a result: a reason is required and the earlier value is kept in the row's history.
 * A verified result becomes CORRECTED; a completed order's one-line summary is revised through
 * OCS (`ocs.reviseResult`), which records the note and tells the ordering doctor.
 */

export const correctionActions: ServiceActionsSchema = {
  correct: {
    rest: 'POST /results/:id/correct',
    permission: 'lab.results.write',
    summary: '결과 수정 (사유 필수, 이전 값 보존; 확정 결과는 수정확정, 완료된 오더는 결과 요약 갱신) / correct a result with a reason; the earlier value is kept and a completed order\'s summary is revised',
    params: { id, value: resultValue, unit: { type: 'string', max: 16, optional: true }, reason: { type: 'string', min: 2, max: 500, trim: true }, $$strict: true },
    async handler(this: LisThis, ctx: CdssContext<{ id: number; value: number | string; unit?: string; reason: string }>) {
      const current = await this.scopedFindOne(ctx, ctx.params.id) as unknown as LabResultAttributes;
      const order = await this.labOrder(ctx, current.order_id);
      if (order.status === 'CANCELLED') this.refuseUnless(order, 'IN_PROGRESS');
      const analyte = findAnalyte(current.analyte_code)!;
      const [checked] = checkResults([{ code: analyte.code, value: ctx.params.value, unit: ctx.params.unit }], new Map([[analyte.code, { analyte, testCode: current.test_code }]]));
      const change = `${current.analyte_name} ${current.value_text} → ${checked.value.text} ${analyte.unit}`;
      if (checked.value.text === current.value_text) {
        // The correction is stored but the completed order's summary did not follow (OCS failed
        // after it): sending the same correction again brings the order up to date.
        if (order.status === 'COMPLETED' && order.result_summary !== await this.orderSummary(order.id)) {
          await this.reviseOrderSummary(ctx, order.id, `결과 수정 반영: ${current.analyte_name} ${current.value_text} ${analyte.unit} (${ctx.params.reason})`);
          return current;
        }
        invalidField('value', `기존 결과와 같습니다: ${current.value_text} (same value)`);
      }
      const patient = await ctx.call<{ gender?: string; age?: number }, object>('patients.get', { id: current.patient_id });
      const columns = interpretedColumns(analyte, checked.value, patientFacts(patient));
      const user = ctx.meta.user!;
      const now = new Date();
      const wasFinal = FINAL_RESULT_STATUSES.includes(current.status);
      const updated = await this.scopedUpdate(ctx, current.id, async (row) => {
        const before = row as unknown as LabResultAttributes;
        const history = [...(before.corrections ?? []), {
          value_text: before.value_text, flag: before.flag, corrected_at: now.toISOString(), corrected_by_id: user.id, reason: ctx.params.reason,
        }];
        return {
          ...columns, corrections: history,
          ...(FINAL_RESULT_STATUSES.includes(before.status) ? { status: 'CORRECTED', verified_at: now, verified_by_id: user.id } : {}),
          // A new critical value needs its own call and its own acknowledgement.
          ...(columns.critical ? { critical_notified_at: null, critical_acknowledged_at: null, critical_acknowledged_by_id: null, critical_ack_note: null } : {}),
        };
      }) as unknown as LabResultAttributes;
      if (!columns.critical) await ctx.call('notifications.markReadFor', { resourceType: 'LabResult', resourceId: current.id });
      await this.notifyCriticals(ctx, [updated]);
      if (order.status === 'COMPLETED') {
        // OCS tells the ordering doctor that the order's result was revised: the lab adds no notice of its own.
        await this.reviseOrderSummary(ctx, order.id, `결과 수정: ${change} (${ctx.params.reason})`);
      } else if (wasFinal && !columns.critical) {
        await ctx.call('notifications.notify', {
          userIds: [current.ordering_doctor_id], type: 'RESULT', title: `검사 결과 수정: ${change}`,
          message: ctx.params.reason, resourceType: 'LabResult', resourceId: current.id,
        });
      }
      return updated;
    },
  },
};

export const correctionMethods = {
  /**
   * The order's one-line summary from its verified results, as `verify` wrote it on completion.
   * Not audited on its own: the action that asks for it has read or written the result.
   */
  async orderSummary(this: LisThis, orderId: number): Promise<string> {
    const rows = await this.db().models.LabResult.findAll({ where: { order_id: orderId, status: { [Op.in]: FINAL_RESULT_STATUSES } }, order: [['id', 'ASC']] });
    return resultSummary(rows.map((r) => plain<LabResultAttributes>(r)));
  },

  /** A completed order's summary rewritten after a correction; OCS records the note as an event and tells the ordering doctor. */
  async reviseOrderSummary(this: LisThis, ctx: CdssContext, orderId: number, note: string) {
    await ctx.call('ocs.reviseResult', { id: orderId, resultSummary: await this.orderSummary(orderId), note: note.slice(0, 500) });
  },
};
