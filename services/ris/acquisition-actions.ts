import type { ServiceActionsSchema, ServiceEvents } from 'moleculer';
import { IMAGE_STATUS_FOR } from '../../lib/rules/ris-status.js';
import { removeWorklistFile } from '../../lib/dicom/worklist.js';
import type { ImageType } from '../../lib/constants-clinical.js';
import type { Department } from '../../lib/constants.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import { present } from './schedule-rules.js';
import { idParam } from './ris-params.js';
import type { RisThis } from './ris-types.js';

/**
 * The `ris` acquisition steps the radiographer drives at the modality: 촬영 시작 (촬영중, order
 * IN_PROGRESS) and 촬영 완료 (the image row, 판독대기, order ACQUIRED, off the worklist) — and the
 * listener that takes a cancelled imaging order's booking off the schedule and the worklist.
 */

/** DICOM modality → the seed's image_type of medical_images_medicalimage (seed §3.2.1). */
const IMAGE_TYPE: Record<string, ImageType> = { CT: 'CT', MR: 'MRI', DX: 'XRAY', CR: 'XRAY', MG: 'XRAY', US: 'ULTRASOUND' };

export const acquisitionActions: ServiceActionsSchema = {
  start: {
    rest: 'POST /schedules/:id/start',
    permission: 'ris.schedule',
    summary: '촬영 시작 (촬영중; 오더 진행중) / the modality started: 촬영중, and the order is in progress',
    params: { id: idParam, $$strict: true },
    async handler(this: RisThis, ctx: CdssContext<{ id: number }>) {
      const userId = ctx.meta.user!.id;
      const started = await this.moveTo(ctx, ctx.params.id, 'IN_PROGRESS', async (current) => ({
        started_at: new Date(), radiographer_id: current.radiographer_id ?? userId,
      }));
      const { models } = this.db();
      await this.transitionOrder(ctx, started, 'IN_PROGRESS', async () => {
        await models.RisSchedule.update({ status: 'WAITING', started_at: null }, { where: { id: started.id, status: 'IN_PROGRESS' } });
      }, { note: `${started.accession_number} ${started.room}` });
      this.announce(ctx, started, 'WAITING', 'IN_PROGRESS');
      await this.writeItem(started); // the step is STARTED for a modality that queries again
      return present(started);
    },
  },

  complete: {
    rest: 'POST /schedules/:id/complete',
    permission: 'ris.schedule',
    summary: '촬영 완료 (영상 등록, 판독대기; 오더 촬영완료; 워크리스트에서 제거) / acquisition done: the image row, 판독대기, the order acquired',
    params: {
      id: idParam,
      seriesCount: { type: 'number', integer: true, min: 1, max: 1000, optional: true },
      notes: { type: 'string', max: 1000, optional: true },
      $$strict: true,
    },
    async handler(this: RisThis, ctx: CdssContext<{ id: number; seriesCount?: number; notes?: string }>) {
      const { models } = this.db();
      const technician = await models.RadiologyTechnician.findOne({ where: { user_id: ctx.meta.user!.id }, attributes: ['id'] });
      let imageId: number | null = null;
      const acquired = await this.moveTo(ctx, ctx.params.id, 'ACQUIRED', async (current, transaction) => {
        const [patient, doctor] = await Promise.all([
          models.Patient.findByPk(current.patient_id, { attributes: ['patient_id'], transaction }),
          models.Doctor.findOne({ where: { user_id: current.ordering_doctor_id }, attributes: ['id', 'department'], transaction }),
        ]);
        const now = new Date();
        const image = await models.MedicalImage.create({
          patient_id: patient!.patient_id, image_type: IMAGE_TYPE[current.modality] ?? 'XRAY',
          description: `${current.procedure_name} (${current.accession_number})`, taken_date: now,
          taken_by_id: technician?.id ?? null, requested_by_id: doctor?.id ?? null, department: (doctor?.department ?? null) as Department | null,
          body_part: current.body_part, status: IMAGE_STATUS_FOR.AWAITING_READ!, study_instance_uid: current.study_instance_uid,
        }, { transaction });
        imageId = image.id;
        // ACQUIRED is passed through at once: with the image row in place the study waits for reading.
        return {
          status: 'AWAITING_READ', acquired_at: now, awaiting_read_at: now, medical_image_id: image.id,
          series_count: ctx.params.seriesCount ?? null, notes: ctx.params.notes?.trim() || current.notes,
        };
      });
      await this.auditAccess(ctx, { actionType: 'create', resourceType: 'MedicalImage', resourceId: String(imageId), patientId: acquired.patient_id, outcome: 'success', description: `acquired ${acquired.accession_number}` });
      await this.transitionOrder(ctx, acquired, 'ACQUIRED', async () => {
        const [reverted] = await models.RisSchedule.update(
          { status: 'IN_PROGRESS', acquired_at: null, awaiting_read_at: null, medical_image_id: null, series_count: null },
          { where: { id: acquired.id, status: 'AWAITING_READ' } },
        );
        if (reverted) await models.MedicalImage.destroy({ where: { id: imageId! } });
      }, { note: `${acquired.accession_number}${ctx.params.seriesCount ? ` ${ctx.params.seriesCount} series` : ''}` });
      // The modality performed the step: it leaves the worklist.
      await removeWorklistFile(this.worklistDir(), acquired.accession_number);
      this.announce(ctx, acquired, 'IN_PROGRESS', 'ACQUIRED');
      this.announce(ctx, acquired, 'ACQUIRED', 'AWAITING_READ');
      return present(acquired);
    },
  },
};

export const acquisitionEvents: ServiceEvents = {
  /** A cancelled imaging order takes its booking off the schedule and the worklist. */
  'orders.statusChanged': {
    async handler(this: RisThis, ctx: CdssContext<{ order: OcsOrderAttributes; from: string; to: string }>) {
      const { order, to } = ctx.params;
      if (to !== 'CANCELLED' || order.order_type !== 'IMAGING') return;
      const schedule = await this.db().models.RisSchedule.findOne({ where: { order_id: order.id } });
      if (!schedule) return;
      await this.cancelEntry(ctx, schedule.get({ plain: true }) as RisScheduleAttributes, order.cancelled_reason ?? '오더 취소 (order cancelled)');
    },
  },
};
