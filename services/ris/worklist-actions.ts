import { Op } from 'sequelize';
import type { ServiceActionsSchema } from 'moleculer';
import type { Page } from '../../mixins/db.mixin.js';
import { dateParam, pagingParams } from '../../lib/http/paging.js';
import { WORKLIST_STATUSES } from '../../lib/rules/ris-status.js';
import { removeWorklistFile, worklistAccessions, writeWorklistFile } from '../../lib/dicom/worklist.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import { worklistItems } from './worklist-entries.js';
import { BY_TIME, calendarDate, dayRange } from './schedule-rules.js';
import { modalityParam, roomParam, type WorklistParams } from './ris-params.js';
import type { RisThis, WorklistItem } from './ris-types.js';

/**
 * The `ris` Modality Worklist actions: the JSON worklist (embedded mode: the open entries with
 * their DICOM attributes) and rebuilding the worklist folder that Orthanc's worklist plugin
 * serves to the modalities' C-FIND (every open entry's file written, stale files removed).
 */

export const worklistActions: ServiceActionsSchema = {
  worklist: {
    rest: 'GET /worklist',
    permission: 'ris.read',
    summary: 'Modality Worklist (JSON, 내장 모드): 촬영대기·촬영중 항목의 DICOM 속성 / the worklist items with their DICOM attributes',
    params: {
      modality: { ...modalityParam, optional: true },
      stationAe: { type: 'string', max: 16, optional: true, trim: true },
      room: { ...roomParam, optional: true },
      date: { ...dateParam, optional: true },
      ...pagingParams,
    },
    async handler(this: RisThis, ctx: CdssContext<WorklistParams>): Promise<Page<WorklistItem>> {
      const { modality, stationAe, room, page, pageSize } = ctx.params;
      const date = calendarDate('date', ctx.params.date);
      const found = await this.scopedFindPage(ctx, {
        where: {
          status: { [Op.in]: WORKLIST_STATUSES as string[] },
          ...(modality ? { modality: modality.toUpperCase() } : {}),
          ...(stationAe ? { station_ae_title: stationAe } : {}),
          ...(room ? { room: room.toUpperCase() } : {}),
          ...dayRange(date, date),
        },
        order: BY_TIME, page, pageSize,
      }, 'modality worklist');
      const rows = found.items as unknown as RisScheduleAttributes[];
      const items = await worklistItems(this.db().models, rows);
      return {
        ...found,
        items: rows.filter((r) => items.has(r.id))
          .map((r) => ({ scheduleId: r.id, orderId: r.order_id, status: r.status, room: r.room, attributes: items.get(r.id)! })),
      };
    },
  },

  rebuildWorklist: {
    rest: 'POST /worklist/rebuild',
    permission: 'ris.schedule',
    summary: '워크리스트 파일 재생성 (폴더 복구·이전 후) / rewrite every open entry\'s worklist file and remove stale ones',
    async handler(this: RisThis, ctx: CdssContext) {
      const { models } = this.db();
      const open = (await models.RisSchedule.findAll({ where: { status: { [Op.in]: WORKLIST_STATUSES as string[] } } }))
        .map((r) => r.get({ plain: true }) as RisScheduleAttributes);
      const items = await worklistItems(models, open);
      for (const attributes of items.values()) await writeWorklistFile(this.worklistDir(), attributes);
      const keep = new Set(open.map((r) => r.accession_number));
      const stale = (await worklistAccessions(this.worklistDir())).filter((a) => !keep.has(a));
      for (const accession of stale) await removeWorklistFile(this.worklistDir(), accession);
      await this.auditAccess(ctx, {
        actionType: 'update', resourceType: 'ModalityWorklist', outcome: 'success',
        description: `worklist rebuilt: ${items.size} written, ${stale.length} removed`,
      });
      return { written: items.size, removed: stale.length };
    },
  },
};
