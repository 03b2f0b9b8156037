import { Op } from 'sequelize';
import type { ServiceActionsSchema } from 'moleculer';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { calendarDate, dayRange, present, scheduleOrder, statusList, withPatients } from './schedule-rules.js';
import { idParam, scheduleListParams, type ScheduleListParams } from './ris-params.js';
import type { RisThis } from './ris-types.js';

/**
 * The `ris` schedule reads: the list of entries (filters, and `sort=worklist` for STAT-first
 * worklists: the radiographer's and the radiologist's reading worklist call it so) and one entry
 * with its order.
 */

export const scheduleListActions: ServiceActionsSchema = {
  list: {
    rest: 'GET /schedules',
    permission: 'ris.read',
    summary: '촬영 스케줄 목록 (날짜·기간·상태·촬영실·모달리티·담당자 필터; sort=worklist: 응급 우선) / schedule entries by day, status, room, modality; sort=worklist puts STAT first',
    params: scheduleListParams,
    async handler(this: RisThis, ctx: CdssContext<ScheduleListParams>) {
      const { room, modality, radiographerId, patientId, sort, page, pageSize } = ctx.params;
      const date = calendarDate('date', ctx.params.date);
      const from = calendarDate('from', ctx.params.from) ?? date;
      const to = calendarDate('to', ctx.params.to) ?? date;
      if (from && to && from > to) invalidField('to', '종료일이 시작일보다 앞섭니다 (to is before from)');
      const statuses = statusList(ctx.params.status);
      const found = await this.scopedFindPage(ctx, {
        where: {
          ...dayRange(from, to),
          ...(statuses ? { status: { [Op.in]: statuses } } : {}),
          ...(room ? { room: room.toUpperCase() } : {}),
          ...(modality ? { modality: modality.toUpperCase() } : {}),
          ...(radiographerId ? { radiographer_id: radiographerId } : {}),
          ...(patientId ? { patient_id: patientId } : {}),
        },
        order: scheduleOrder(sort), page, pageSize,
      });
      return { ...found, items: (await withPatients(ctx, found.items as unknown as RisScheduleAttributes[])).map(present) };
    },
  },

  show: {
    rest: 'GET /schedules/:id',
    permission: 'ris.read',
    summary: '촬영 스케줄 상세 (오더와 이력 포함) / one schedule entry with its order and the order\'s history',
    params: { id: idParam },
    async handler(this: RisThis, ctx: CdssContext<{ id: number }>) {
      const row = await this.scopedFindOne(ctx, ctx.params.id) as unknown as RisScheduleAttributes;
      const [order, [labelled]] = await Promise.all([ctx.call<OcsOrderAttributes, object>('ocs.get', { id: row.order_id }), withPatients(ctx, [row])]);
      return { ...present(labelled), order };
    },
  },
};
