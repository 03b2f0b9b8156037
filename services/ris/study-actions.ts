import type { ServiceActionsSchema } from 'moleculer';
import { IMAGE_STATUS_FOR, RIS_STATUSES } from '../../lib/rules/ris-status.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import { present } from './schedule-rules.js';
import { idParam } from './ris-params.js';
import type { RisThis } from './ris-types.js';

/**
 * The `ris` internal actions the radiology reports actor calls with the radiologist's ctx: the
 * study (schedule entry) by id or by order, 판독대기 → 판독중 when a reading starts, and
 * 판독완료 with the order REPORTED when the final report is signed. No REST routes.
 */

/** The longest an order's result line may be (ocs_order.result_summary). */
const RESULT_SUMMARY_MAX = 500;

export const studyActions: ServiceActionsSchema = {
  /** The entry, in the caller's row scope (404 outside it). For the radiology reports actor. */
  get: {
    permission: 'internal',
    visibility: 'public',
    params: { id: idParam },
    async handler(this: RisThis, ctx: CdssContext<{ id: number }>) {
      return present(await this.scopedFindOne(ctx, ctx.params.id));
    },
  },

  /** The entry of an imaging order, or null when it has not been scheduled (or is outside the caller's scope). */
  forOrder: {
    permission: 'internal',
    visibility: 'public',
    params: { orderId: idParam },
    async handler(this: RisThis, ctx: CdssContext<{ orderId: number }>) {
      const found = await this.scopedFindPage(ctx, { where: { order_id: ctx.params.orderId }, page: 1, pageSize: 1 });
      return found.items[0] ? present(found.items[0]) : null;
    },
  },

  /** A radiologist opened the study: 판독대기 → 판독중 (again on an entry already 판독중 answers it unchanged). */
  readingStarted: {
    permission: 'internal',
    visibility: 'public',
    params: { id: idParam },
    async handler(this: RisThis, ctx: CdssContext<{ id: number }>) {
      const current = await this.scopedFindOne(ctx, ctx.params.id) as unknown as RisScheduleAttributes;
      if (current.status === 'READING') return present(current);
      const reading = await this.moveTo(ctx, ctx.params.id, 'READING', async () => ({ reading_started_at: new Date() }));
      this.announce(ctx, reading, 'AWAITING_READ', 'READING');
      return present(reading);
    },
  },

  /**
   * The final report is signed: 판독중 → 판독완료 (an entry still 판독대기 passes through 판독중),
   * the image row is READ, and the order becomes REPORTED with the conclusion as its result line.
   * An entry already 판독완료 is answered unchanged (an amended report does not re-report the order).
   */
  reported: {
    permission: 'internal',
    visibility: 'public',
    params: { id: idParam, conclusion: { type: 'string', max: 20_000 } },
    async handler(this: RisThis, ctx: CdssContext<{ id: number; conclusion: string }>) {
      const current = await this.scopedFindOne(ctx, ctx.params.id) as unknown as RisScheduleAttributes;
      if (current.status === 'READ') return present(current);
      if (current.status === 'AWAITING_READ') {
        await this.moveTo(ctx, current.id, 'READING', async () => ({ reading_started_at: new Date() }));
        this.announce(ctx, current, 'AWAITING_READ', 'READING');
      }
      const read = await this.moveTo(ctx, current.id, 'READ', async () => ({ read_at: new Date() }));
      const summary = ctx.params.conclusion.trim().replace(/\s+/g, ' ') || RIS_STATUSES.READ;
      const { models } = this.db();
      await this.transitionOrder(ctx, read, 'REPORTED', async () => {
        const [reverted] = await models.RisSchedule.update({ status: 'READING', read_at: null }, { where: { id: read.id, status: 'READ' } });
        if (reverted && read.medical_image_id) await models.MedicalImage.update({ status: IMAGE_STATUS_FOR.READING! }, { where: { id: read.medical_image_id } });
      }, { resultSummary: summary.length > RESULT_SUMMARY_MAX ? `${summary.slice(0, RESULT_SUMMARY_MAX - 1)}…` : summary });
      this.announce(ctx, read, 'READING', 'READ');
      return present(read);
    },
  },
};
