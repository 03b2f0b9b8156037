import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op } from 'sequelize';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { LAB_FLAGS } from '../../lib/rules/lab-flags.js';
import type { LabResultAttributes } from '../../models/lis.js';
import type { CdssContext } from '../context.js';
import { id } from './lis-common.js';
import type { CriticalResult, LisThis, UnacknowledgedCriticalsParams } from './lis.service.js';

/**
 * Critical values (seed: 위급값 즉시 보고): the ordering doctor is notified of each at once, a
 * doctor acknowledges it (who, when, what was done), and until then it stays on the critical
 * lists and on the doctor and nurse dashboards.
 */

const { MoleculerClientError } = Errors;
const MAX_CRITICALS = 100;
const NEWEST_FIRST: [string, string][] = [['resulted_at', 'DESC'], ['id', 'DESC']];

export const criticalActions: ServiceActionsSchema = {
  acknowledge: {
    rest: 'POST /results/:id/acknowledge',
    permission: 'lab.critical.ack',
    summary: '위급 결과 확인 (확인자·시각 기록, 알림 읽음) / acknowledge a critical result; records who and when and clears its notification',
    params: { id, note: { type: 'string', max: 500, optional: true, trim: true }, $$strict: true },
    async handler(this: LisThis, ctx: CdssContext<{ id: number; note?: string }>) {
      const user = ctx.meta.user!;
      const { models } = this.db();
      const updated = await this.scopedUpdate(ctx, ctx.params.id, async (current, transaction) => {
        if (!current.critical) throw new MoleculerClientError('위급 결과가 아닙니다 (not a critical result)', 409, 'NOT_CRITICAL');
        const changes = { critical_acknowledged_at: new Date(), critical_acknowledged_by_id: user.id, critical_ack_note: ctx.params.note || null };
        // Conditional on "not yet acknowledged", so two doctors acknowledging at once cannot both succeed.
        const [changed] = await models.LabResult.update(changes, { where: { id: ctx.params.id, critical_acknowledged_at: null }, transaction });
        if (changed === 0) {
          throw new MoleculerClientError('이미 확인된 위급 결과입니다 (critical result already acknowledged)', 409, 'ALREADY_ACKNOWLEDGED', {
            acknowledgedAt: current.critical_acknowledged_at, acknowledgedById: current.critical_acknowledged_by_id,
          });
        }
        return changes;
      });
      await ctx.call('notifications.markReadFor', { resourceType: 'LabResult', resourceId: ctx.params.id });
      return updated;
    },
  },

  criticals: {
    rest: 'GET /criticals',
    permission: 'lab.critical.ack',
    summary: '위급 검사 결과 (unacknowledged=true: 미확인, mine=true: 내 오더) / critical results in your scope, newest first',
    params: { unacknowledged: { type: 'boolean', convert: true, optional: true }, mine: { type: 'boolean', convert: true, optional: true }, ...pagingParams },
    async handler(this: LisThis, ctx: CdssContext<{ unacknowledged?: boolean; mine?: boolean } & PagingParams>) {
      const { unacknowledged, mine, page, pageSize } = ctx.params;
      const found = await this.scopedFindPage(ctx, {
        where: {
          critical: true, ...(unacknowledged ? { critical_acknowledged_at: null } : {}), ...(mine ? { ordering_doctor_id: ctx.meta.user!.id } : {}),
        },
        order: NEWEST_FIRST, page, pageSize,
      }, 'critical results');
      return { ...found, items: await this.withPatients(ctx, found.items as unknown as LabResultAttributes[]) };
    },
  },

  /**
   * Critical results nobody has acknowledged yet, in the caller's row scope (doctor and nurse
   * dashboards), newest first, with each patient's label and the total count for a badge.
   */
  unacknowledgedCriticals: {
    permission: 'internal',
    visibility: 'public',
    params: {
      orderingDoctorId: { ...id, optional: true },
      patientIds: { type: 'array', optional: true, max: 1000, items: { type: 'number', integer: true, positive: true } },
      limit: { type: 'number', integer: true, min: 1, max: MAX_CRITICALS, default: 20 },
    },
    async handler(this: LisThis, ctx: CdssContext<UnacknowledgedCriticalsParams>): Promise<{ total: number; items: CriticalResult[] }> {
      const { orderingDoctorId, patientIds, limit } = ctx.params;
      if (patientIds?.length === 0) return { total: 0, items: [] };
      const found = await this.scopedFindPage(ctx, {
        where: {
          critical: true, critical_acknowledged_at: null,
          ...(orderingDoctorId ? { ordering_doctor_id: orderingDoctorId } : {}), ...(patientIds ? { patient_id: { [Op.in]: patientIds } } : {}),
        },
        order: NEWEST_FIRST, page: 1, pageSize: limit ?? 20,
      }, 'unacknowledged critical results');
      return { total: found.total, items: await this.withPatients(ctx, found.items as unknown as LabResultAttributes[]) };
    },
  },
};

export const criticalMethods = {
  /**
   * Tells the ordering doctor of each critical value not yet told, one notification per result
   * so that acknowledging it clears exactly that one. A notification that fails leaves
   * `critical_notified_at` empty and is sent again when the lab retries.
   */
  async notifyCriticals(this: LisThis, ctx: CdssContext, rows: LabResultAttributes[]) {
    const pending = rows.filter((r) => r.critical && !r.critical_notified_at && !r.critical_acknowledged_at);
    if (pending.length === 0) return;
    const patient = await ctx.call<{ name: string }, object>('patients.get', { id: pending[0].patient_id });
    for (const row of pending) {
      await ctx.call('notifications.notify', {
        userIds: [row.ordering_doctor_id], type: 'ALERT',
        title: `위급 검사 결과: ${patient.name} ${row.analyte_name} ${row.value_text} ${row.unit}`,
        message: `${LAB_FLAGS[row.flag ?? 'HH']} (참고치 ${row.reference_text ?? '-'}). 결과를 확인하고 확인 처리하세요 (acknowledge the critical result).`,
        resourceType: 'LabResult', resourceId: row.id,
      });
      await this.db().models.LabResult.update({ critical_notified_at: new Date() }, { where: { id: row.id } });
    }
  },
};
