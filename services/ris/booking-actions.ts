import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op, UniqueConstraintError } from 'sequelize';
import type { Page } from '../../mixins/db.mixin.js';
import { dateParam, pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { findImagingProcedure, IMAGING_MODALITIES, type ImagingProcedure } from '../../lib/rules/imaging-procedures.js';
import { MODALITY_ROOMS, roomsFor } from '../../lib/rules/ris-rooms.js';
import { RIS_STATUSES } from '../../lib/rules/ris-status.js';
import { PRIORITY_ORDER } from '../../lib/rules/order-status.js';
import { accessionCounterKey, formatAccessionNumber } from '../../lib/rules/ris-accession.js';
import { kstDateOf, kstDateTime } from '../../lib/rules/kst-dates.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import { removeWorklistFile } from '../../lib/dicom/worklist.js';
import { bumpCounter } from '../../models/ris-counter.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { claimSlot } from './schedule-slots.js';
import { BY_TIME, calendarDate, checkStart, dayRange, present, roomFor, withPatients } from './schedule-rules.js';
import { idParam, roomParam, type RescheduleParams, type ScheduleParams } from './ris-params.js';
import type { RisThis } from './ris-types.js';

/**
 * The `ris` booking actions: the requests waiting to be booked (imaging orders, STAT first), the
 * rooms and their booked slots, booking an order into a room slot (accession number, Study UID,
 * worklist file, order SCHEDULED) and moving a waiting booking to another room or time.
 */

const { MoleculerClientError } = Errors;

export const bookingActions: ServiceActionsSchema = {
  requests: {
    rest: 'GET /requests',
    permission: 'ris.read',
    summary: '촬영 의뢰 (예약 대기 영상 오더, 응급 우선) / imaging orders waiting to be scheduled, STAT first',
    params: { priority: { type: 'enum', values: PRIORITY_ORDER, optional: true }, patientId: { ...idParam, optional: true }, ...pagingParams },
    async handler(this: RisThis, ctx: CdssContext<{ priority?: string; patientId?: number } & PagingParams>) {
      const orders = await ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { ...ctx.params, type: 'IMAGING', status: 'PENDING', sort: 'worklist' });
      return {
        ...orders,
        items: (await withPatients(ctx, orders.items)).map((order) => {
          const procedure = findImagingProcedure(order.items[0]?.code ?? '');
          return { ...order, procedure: procedure && { ...procedure, rooms: roomsFor(procedure).map((r) => r.code) } };
        }),
      };
    },
  },

  rooms: {
    rest: 'GET /rooms',
    permission: 'ris.read',
    summary: '촬영실 목록 (모달리티, AE Title; 날짜를 주면 그날 예약된 시간) / modality rooms, with the day\'s booked slots',
    params: { date: { ...dateParam, optional: true } },
    async handler(this: RisThis, ctx: CdssContext<{ date?: string }>) {
      const date = calendarDate('date', ctx.params.date);
      const booked = date
        ? await this.db().models.RisSchedule.findAll({
          where: { status: { [Op.in]: ['WAITING', 'IN_PROGRESS'] }, ...dayRange(date, date) },
          attributes: ['id', 'room', 'scheduled_at', 'scheduled_end_at', 'status'], order: BY_TIME,
        })
        : [];
      return MODALITY_ROOMS.map((room) => ({
        ...room,
        modalityNames: room.modalities.map((m) => IMAGING_MODALITIES[m]),
        ...(date ? {
          booked: booked.filter((b) => b.room === room.code)
            .map((b) => ({ scheduleId: b.id, start: b.scheduled_at, end: b.scheduled_end_at, status: b.status })),
        } : {}),
      }));
    },
  },

  create: {
    rest: 'POST /schedules',
    permission: 'ris.schedule',
    summary: '촬영 예약 (접수번호·Study UID 발급, 워크리스트 등록, 오더 촬영예약) / book an imaging order into a room slot',
    params: {
      orderId: { type: 'number', integer: true, positive: true },
      room: roomParam,
      scheduledAt: { type: 'date', convert: true },
      radiographerId: { type: 'number', integer: true, positive: true, optional: true },
      notes: { type: 'string', max: 1000, optional: true },
      $$strict: true,
    },
    async handler(this: RisThis, ctx: CdssContext<ScheduleParams>) {
      const { orderId, scheduledAt, notes } = ctx.params;
      checkStart(scheduledAt);
      const order = await ctx.call<OcsOrderAttributes, object>('ocs.get', { id: orderId }); // 404 outside the caller's scope
      if (order.order_type !== 'IMAGING') {
        throw new MoleculerClientError(`영상촬영 오더가 아닙니다: ${order.order_number ?? orderId} (not an imaging order)`, 409, 'NOT_IMAGING_ORDER', { orderType: order.order_type });
      }
      if (order.status !== 'PENDING') {
        const message = order.status === 'CANCELLED' ? '취소된 오더입니다' : `이미 ${order.status} 상태인 오더입니다`;
        throw new MoleculerClientError(`${message} (only PENDING imaging orders can be scheduled)`, 409, 'ORDER_NOT_PENDING', { status: order.status });
      }
      const procedure = findImagingProcedure(order.items[0]?.code ?? '');
      if (!procedure) throw new MoleculerClientError(`촬영 항목을 알 수 없습니다: ${order.items[0]?.code} (unknown procedure)`, 409, 'UNKNOWN_PROCEDURE');
      const room = roomFor(ctx.params.room, procedure);
      const radiographerId = await this.radiographerOf(ctx.params.radiographerId ?? null, ctx.meta.user!.id);
      const { models } = this.db();
      const end = new Date(scheduledAt.getTime() + procedure.durationMinutes * 60_000);
      let created: RisScheduleAttributes;
      try {
        created = await this.auditedCreate(ctx, async (transaction) => {
          await claimSlot(models, { room: room.code, patientId: order.patient_id, start: scheduledAt, end }, transaction);
          if (await models.RisSchedule.findOne({ where: { order_id: orderId }, attributes: ['id'], transaction })) {
            throw new MoleculerClientError('이미 예약된 오더입니다 (order already scheduled)', 409, 'ALREADY_SCHEDULED');
          }
          const today = kstDateOf(new Date());
          const accession = formatAccessionNumber(today, await bumpCounter(models, accessionCounterKey(today), transaction));
          return models.RisSchedule.create({
            order_id: orderId, order_number: order.order_number, ordering_doctor_id: order.ordering_doctor_id, patient_id: order.patient_id,
            accession_number: accession, procedure_code: procedure.code, procedure_name: procedure.name, modality: procedure.modality,
            body_part: procedure.bodyPart, contrast: procedure.contrast, priority: order.priority, room: room.code,
            station_ae_title: room.stationAeTitle, scheduled_at: scheduledAt, scheduled_end_at: end, radiographer_id: radiographerId,
            scheduled_by_id: ctx.meta.user!.id, status: 'WAITING', study_instance_uid: uuidDerivedUid(), notes: notes?.trim() || null,
          }, { transaction });
        }) as unknown as RisScheduleAttributes;
      } catch (err) {
        // Two radiographers booking the same order at once: the unique order_id decides.
        if (err instanceof UniqueConstraintError) throw new MoleculerClientError('이미 예약된 오더입니다 (order already scheduled)', 409, 'ALREADY_SCHEDULED');
        throw err;
      }
      const undo = async () => {
        await removeWorklistFile(this.worklistDir(), created.accession_number);
        await models.RisSchedule.destroy({ where: { id: created.id } });
        await this.auditAccess(ctx, { actionType: 'delete', resourceId: String(created.id), patientId: created.patient_id, outcome: 'success', description: 'booking withdrawn: the order could not be scheduled' });
      };
      try {
        await this.writeItem(created);
      } catch (err) {
        await undo();
        throw err;
      }
      await this.transitionOrder(ctx, created, 'SCHEDULED', undo, { note: `${created.accession_number} ${room.code} ${kstDateTime(scheduledAt)}` });
      this.announce(ctx, created, null, 'WAITING');
      return present(created);
    },
  },

  reschedule: {
    rest: 'PATCH /schedules/:id',
    permission: 'ris.schedule',
    summary: '촬영 예약 변경 (촬영대기만; 촬영실·시각·담당자) / move a waiting entry to another room or time',
    params: {
      id: idParam,
      room: { ...roomParam, optional: true },
      scheduledAt: { type: 'date', convert: true, optional: true },
      radiographerId: { type: 'number', integer: true, positive: true, optional: true },
      notes: { type: 'string', max: 1000, optional: true },
      $$strict: true,
    },
    async handler(this: RisThis, ctx: CdssContext<RescheduleParams>) {
      const { room: roomCode, scheduledAt, radiographerId, notes } = ctx.params;
      if ([roomCode, scheduledAt, radiographerId, notes].every((v) => v === undefined)) invalidField('body', '변경할 항목이 없습니다 (nothing to change)');
      if (scheduledAt) checkStart(scheduledAt);
      const assignee = radiographerId === undefined ? undefined : await this.radiographerOf(radiographerId, ctx.meta.user!.id);
      const { models } = this.db();
      const updated = await this.scopedUpdate(ctx, ctx.params.id, async (current, transaction) => {
        const row = current as unknown as RisScheduleAttributes;
        if (row.status !== 'WAITING') {
          throw new MoleculerClientError(`${RIS_STATUSES[row.status]} 상태의 예약은 변경할 수 없습니다 (only waiting entries can be rescheduled)`, 409, 'NOT_WAITING', { status: row.status });
        }
        const changes: Record<string, unknown> = {};
        if (roomCode !== undefined || scheduledAt !== undefined) {
          const procedure = findImagingProcedure(row.procedure_code) ?? { modality: row.modality, durationMinutes: (new Date(row.scheduled_end_at).getTime() - new Date(row.scheduled_at).getTime()) / 60_000 } as ImagingProcedure;
          const room = roomFor(roomCode ?? row.room, procedure);
          const start = scheduledAt ?? new Date(row.scheduled_at);
          const end = new Date(start.getTime() + procedure.durationMinutes * 60_000);
          await claimSlot(models, { room: room.code, patientId: row.patient_id, start, end, exceptId: row.id }, transaction);
          Object.assign(changes, { room: room.code, station_ae_title: room.stationAeTitle, scheduled_at: start, scheduled_end_at: end });
        }
        if (assignee !== undefined) changes.radiographer_id = assignee;
        if (notes !== undefined) changes.notes = notes.trim() || null;
        return changes;
      }) as unknown as RisScheduleAttributes;
      // The modality's worklist must show the new room and time (a new room means a new station AE).
      await this.writeItem(updated);
      return present(updated);
    },
  },
};
