import { Errors, type Service, type ServiceActionsSchema } from 'moleculer';
import { Op } from 'sequelize';
import { keysOf } from '../../lib/constants.js';
import { ORDER_STATUSES, ORDER_TYPES, canTransition, nextStatuses, orderStatusLabel, type OrderStatus } from '../../lib/rules/order-status.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { DbMethods } from '../../mixins/db.mixin.js';
import type { CdssContext } from '../context.js';
import type { OrderAnswer, TransitionParams } from './ocs.service.js';

/**
 * The OCS actions that change an order after it is placed: the departments' status steps
 * (`transition`, internal), the doctor's cancel, a finished result revised, and a prescription
 * stopped elsewhere. Each step is checked against its type's state machine, recorded as an event
 * row in the same transaction, announced (`orders.statusChanged`) and told to the ordering doctor.
 */

const { MoleculerClientError } = Errors;
type OcsThis = Service & DbMethods;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const reason = { type: 'string', min: 2, max: 500, trim: true } as const;

export const statusActions: ServiceActionsSchema = {
  cancel: {
    rest: 'POST /orders/:id/cancel',
    permission: 'orders.write',
    summary: '오더 취소 (사유 필수; 처방은 중단됨) / cancel an order with a reason; a prescription order also discontinues its prescription',
    params: { id, reason, $$strict: true },
    async handler(this: OcsThis, ctx: CdssContext<{ id: number; reason: string }>): Promise<OrderAnswer> {
      const order = await ctx.call<OcsOrderAttributes, TransitionParams>('ocs.transition', { id: ctx.params.id, to: 'CANCELLED', note: ctx.params.reason });
      if (order.prescription_id) {
        await ctx.call('prescriptions.discontinue', { id: order.prescription_id, reason: `오더 취소: ${ctx.params.reason}`.slice(0, 500) });
      }
      return order;
    },
  },

  /**
   * Moves an order to its next status for the department that works it, with the caller's
   * context (scope and audit are the department's). Illegal moves are 409 and change nothing.
   */
  transition: {
    permission: 'internal',
    visibility: 'public',
    params: {
      id,
      to: { type: 'enum', values: keysOf(ORDER_STATUSES) },
      orderType: { type: 'enum', values: keysOf(ORDER_TYPES), optional: true },
      note: { type: 'string', max: 500, optional: true },
      resultSummary: { type: 'string', max: 500, optional: true },
    },
    async handler(this: OcsThis, ctx: CdssContext<TransitionParams>): Promise<OcsOrderAttributes> {
      const { id: orderId, to, orderType, note, resultSummary } = ctx.params;
      const user = ctx.meta.user;
      let from: OrderStatus | null = null;
      const updated = await this.scopedUpdate(ctx, orderId, async (current, transaction) => {
        const order = current as unknown as OcsOrderAttributes;
        from = order.status;
        if (orderType && order.order_type !== orderType) {
          throw new MoleculerClientError(`${ORDER_TYPES[orderType]} 오더가 아닙니다: ${order.order_number} (not a ${orderType} order)`, 409, 'WRONG_ORDER_TYPE');
        }
        if (!canTransition(order.order_type, order.status, to)) {
          const allowed = nextStatuses(order.order_type, order.status);
          throw new MoleculerClientError(
            `${orderStatusLabel(order.order_type, order.status)} 상태의 오더는 ${orderStatusLabel(order.order_type, to)}(으)로 바꿀 수 없습니다 (illegal transition ${order.status} → ${to})`,
            409, 'ILLEGAL_TRANSITION', { from: order.status, to, allowed },
          );
        }
        await this.db().models.OcsOrderEvent.create({
          order_id: order.id, from_status: order.status, to_status: to, actor_id: user?.id ?? null, actor_role: user?.role ?? null, note: note ?? null,
        }, { transaction });
        const finished = to === 'COMPLETED' || to === 'REPORTED';
        return {
          status: to,
          ...(resultSummary !== undefined ? { result_summary: resultSummary } : {}),
          ...(finished ? { completed_at: new Date() } : {}),
          ...(to === 'CANCELLED' ? { cancelled_reason: note ?? null, cancelled_by_id: user?.id ?? null } : {}),
        };
      }) as unknown as OcsOrderAttributes;
      ctx.emit('orders.statusChanged', { order: updated, from, to, actorId: user?.id ?? null });
      if (updated.ordering_doctor_id !== user?.id) {
        const label = orderStatusLabel(updated.order_type, to);
        await ctx.call('notifications.notify', {
          userIds: [updated.ordering_doctor_id], type: to === 'CANCELLED' ? 'ALERT' : 'RESULT',
          title: `[${ORDER_TYPES[updated.order_type]}] ${updated.order_number} ${label}`,
          message: [updated.items.map((i) => i.name).join(', '), resultSummary ?? note].filter(Boolean).join(' — ').slice(0, 2000),
          resourceType: 'OcsOrder', resourceId: updated.id,
        });
      }
      return updated;
    },
  },

  /**
   * A finished order's result changed after the fact (a corrected lab value, an amended
   * report): the one-line result is replaced, the history gets a note, and the ordering doctor
   * is told. Only finished orders take it (409 otherwise): before that, the result is still moving.
   */
  reviseResult: {
    permission: 'internal',
    visibility: 'public',
    params: { id, resultSummary: { type: 'string', min: 1, max: 500 }, note: { type: 'string', min: 1, max: 500 } },
    async handler(this: OcsThis, ctx: CdssContext<{ id: number; resultSummary: string; note: string }>): Promise<OcsOrderAttributes> {
      const user = ctx.meta.user;
      const updated = await this.scopedUpdate(ctx, ctx.params.id, async (current, transaction) => {
        const order = current as unknown as OcsOrderAttributes;
        if (order.status !== 'COMPLETED' && order.status !== 'REPORTED') {
          throw new MoleculerClientError(`결과가 확정된 오더만 수정할 수 있습니다 (${order.status}) (only a finished order's result is revised)`, 409, 'ORDER_NOT_FINISHED');
        }
        await this.db().models.OcsOrderEvent.create({
          order_id: order.id, from_status: order.status, to_status: order.status, actor_id: user?.id ?? null, actor_role: user?.role ?? null, note: ctx.params.note,
        }, { transaction });
        return { result_summary: ctx.params.resultSummary };
      }) as unknown as OcsOrderAttributes;
      await ctx.call('notifications.notify', {
        userIds: [updated.ordering_doctor_id], type: 'RESULT',
        title: `[${ORDER_TYPES[updated.order_type]}] ${updated.order_number} 결과 수정`,
        message: `${ctx.params.note} — ${ctx.params.resultSummary}`.slice(0, 2000), resourceType: 'OcsOrder', resourceId: updated.id,
      });
      return updated;
    },
  },

  /** A prescription stopped from the prescription screen: its order, if not yet dispensed, is cancelled too. */
  prescriptionDiscontinued: {
    permission: 'internal',
    visibility: 'public',
    params: { prescriptionId: id, reason },
    async handler(this: OcsThis, ctx: CdssContext<{ prescriptionId: number; reason: string }>) {
      const open = await this.db().models.OcsOrder.findOne({
        where: { prescription_id: ctx.params.prescriptionId, status: { [Op.in]: ['PENDING', 'IN_PROGRESS'] } }, attributes: ['id'],
      });
      if (!open) return null;
      return ctx.call('ocs.transition', { id: open.id, to: 'CANCELLED', note: ctx.params.reason });
    },
  },};
