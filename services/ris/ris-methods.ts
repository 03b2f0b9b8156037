import type { Errors } from 'moleculer';
import { Op } from 'sequelize';
import { canRisTransition, IMAGE_STATUS_FOR, WORKLIST_STATUSES, type RisStatus } from '../../lib/rules/ris-status.js';
import { removeWorklistFile, writeWorklistFile } from '../../lib/dicom/worklist.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import { runtimeOf } from '../runtime.js';
import { invalidField } from '../errors.js';
import { illegalTransition } from './schedule-rules.js';
import { worklistItems } from './worklist-entries.js';
import type { ImagingStatusChanged, RisMethods, RisThis } from './ris-types.js';

/**
 * The `ris` service's methods: the steps every action shares — moving an entry along its status
 * machine, moving the OCS order in step (and undoing this side when OCS refuses), writing and
 * removing an entry's worklist file, cancelling, and announcing `imaging.statusChanged`.
 */
export const risMethods: RisMethods & ThisType<RisThis> = {
  worklistDir(this: RisThis) {
    return runtimeOf(this.broker).config.worklistDir;
  },

  /** The radiographer to assign: an active radiology technician's account (400 otherwise), by default the caller. */
  async radiographerOf(this: RisThis, radiographerId, callerId) {
    if (radiographerId === null) return callerId;
    const user = await this.db().models.AuthUser.findByPk(radiographerId, { attributes: ['id', 'role', 'is_active'] });
    if (!user || user.role !== 'radiology_technician' || !user.is_active) {
      invalidField('radiographerId', `방사선사 계정이 아닙니다: ${radiographerId} (not an active radiographer)`);
    }
    return user.id;
  },

  /**
   * Moves an entry along the status machine (409 for an illegal move) inside the caller's row
   * scope, keeping the image row's status in step; `extra` adds the step's own columns.
   */
  async moveTo(this: RisThis, ctx, entryId, to, extra) {
    const { models } = this.db();
    return await this.scopedUpdate(ctx, entryId, async (current, transaction) => {
      const row = current as unknown as RisScheduleAttributes;
      if (!canRisTransition(row.status, to)) illegalTransition(row.status, to);
      const changes = { status: to, ...(extra ? await extra(row, transaction) : {}) };
      const imageStatus = IMAGE_STATUS_FOR[changes.status as RisStatus];
      const imageId = (changes as { medical_image_id?: number }).medical_image_id ?? row.medical_image_id;
      if (imageStatus && imageId) await models.MedicalImage.update({ status: imageStatus }, { where: { id: imageId }, transaction });
      return changes;
    }) as unknown as RisScheduleAttributes;
  },

  /**
   * Moves the order with the caller's ctx. When OCS refuses, `undo` takes back this service's
   * stored step; an order found cancelled meanwhile cancels the entry too.
   */
  async transitionOrder(this: RisThis, ctx, schedule, to, undo, options = {}) {
    try {
      await ctx.call('ocs.transition', { id: schedule.order_id, to, orderType: 'IMAGING', ...options });
    } catch (err) {
      await undo();
      const details = (err as Errors.MoleculerClientError).data as { from?: string } | undefined;
      if (details?.from === 'CANCELLED') {
        const fresh = await this.db().models.RisSchedule.findByPk(schedule.id);
        if (fresh) await this.cancelEntry(ctx, fresh.get({ plain: true }) as RisScheduleAttributes, '오더 취소 (order cancelled)');
      }
      throw err;
    }
  },

  async writeItem(this: RisThis, row) {
    const items = await worklistItems(this.db().models, [row]);
    const attributes = items.get(row.id);
    if (attributes) await writeWorklistFile(this.worklistDir(), attributes);
  },

  /** Cancels an entry still on the worklist and removes its file; entries further on are left alone. */
  async cancelEntry(this: RisThis, ctx, schedule, reason) {
    if (!(WORKLIST_STATUSES as RisStatus[]).includes(schedule.status)) return null;
    const [changed] = await this.db().models.RisSchedule.update(
      { status: 'CANCELLED', cancelled_at: new Date(), cancelled_reason: reason.slice(0, 500) },
      { where: { id: schedule.id, status: { [Op.in]: WORKLIST_STATUSES as string[] } } },
    );
    await removeWorklistFile(this.worklistDir(), schedule.accession_number);
    if (!changed) return null;
    await this.auditAccess(ctx, { actionType: 'update', resourceId: String(schedule.id), patientId: schedule.patient_id, outcome: 'success', description: `cancelled: ${reason}`.slice(0, 500) });
    const cancelled = { ...schedule, status: 'CANCELLED' as const, cancelled_reason: reason };
    this.announce(ctx, cancelled, schedule.status, 'CANCELLED');
    return cancelled;
  },

  announce(this: RisThis, ctx, schedule, from, to) {
    const payload: ImagingStatusChanged = { schedule: { ...schedule, status: to }, from, to, actorId: ctx.meta.user?.id ?? null };
    void ctx.emit('imaging.statusChanged', payload);
  },
};
