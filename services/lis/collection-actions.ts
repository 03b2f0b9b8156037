import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op, UniqueConstraintError } from 'sequelize';
import { writeTransaction } from '../../models/database.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { Page } from '../../mixins/db.mixin.js';
import { FINAL_RESULT_STATUSES, type LabSpecimenAttributes } from '../../models/lis.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { id, plain } from './lis-common.js';
import { orderedAnalytes } from './result-entry.js';
import { barcodeFor, tubeLabel, tubesFor } from './specimens.js';
import type { LisThis, OrderProgress } from './lis.service.js';

/**
 * The LIS's worklists and specimens: the nurse's collection list (pending lab orders with their
 * tubes and barcodes), the bedside collection that puts the order in progress, the laboratory's
 * worklist of collected orders, and the specimen's reception in the laboratory by its barcode.
 */

const { MoleculerClientError } = Errors;

export const collectionActions: ServiceActionsSchema = {
  collections: {
    rest: 'GET /collections',
    permission: 'lab.collect',
    summary: '채혈 대기 목록 (응급 우선, 튜브·바코드 포함) / lab orders waiting for collection, STAT first, with tubes and barcodes',
    params: { patientId: { ...id, optional: true }, ...pagingParams },
    async handler(this: LisThis, ctx: CdssContext<{ patientId?: number } & PagingParams>) {
      const page = await ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { ...ctx.params, type: 'LAB', status: 'PENDING', sort: 'worklist' });
      const items = page.items.map((order) => ({
        ...order, tubes: tubesFor(order.items).map((type) => ({ ...tubeLabel(type), barcode: barcodeFor(order.id, type) })),
      }));
      return { ...page, items: await this.withPatients(ctx, items) };
    },
  },

  worklist: {
    rest: 'GET /worklist',
    permission: 'lab.results.write',
    summary: '검사 작업목록 (채취된 오더, 검체·진행 상황) / collected lab orders with their specimens and progress, STAT first',
    params: { ...pagingParams },
    async handler(this: LisThis, ctx: CdssContext<PagingParams>) {
      const page = await ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', { ...ctx.params, type: 'LAB', status: 'IN_PROGRESS', sort: 'worklist' });
      const progress = await this.orderProgress(page.items.map((o) => o.id));
      const items = page.items.map((order) => {
        const { specimens, results } = progress.get(order.id) ?? { specimens: [], results: [] };
        const expected = [...orderedAnalytes(order.items).keys()];
        const resulted = new Set(results.map((r) => r.analyte_code));
        return {
          ...order, specimens,
          progress: {
            expected: expected.length,
            resulted: resulted.size,
            verified: results.filter((r) => FINAL_RESULT_STATUSES.includes(r.status)).length,
            missing: expected.filter((code) => !resulted.has(code)),
          },
        };
      });
      return { ...page, items: await this.withPatients(ctx, items) };
    },
  },

  collect: {
    rest: 'POST /orders/:orderId/specimens',
    permission: 'lab.collect',
    summary: '검체 채취 (튜브별 바코드, 오더 검사중) / collect the order\'s specimens: one labelled tube per kind; the order goes in progress',
    params: {
      orderId: id,
      collectedAt: { type: 'date', convert: true, optional: true },
      notes: { type: 'string', max: 500, optional: true, trim: true },
      $$strict: true,
    },
    async handler(this: LisThis, ctx: CdssContext<{ orderId: number; collectedAt?: Date; notes?: string }>) {
      const { orderId, notes } = ctx.params;
      const collectedAt = ctx.params.collectedAt ?? new Date();
      if (collectedAt.getTime() > Date.now() + 5 * 60_000) invalidField('collectedAt', '채취 시각이 미래입니다 (collection time in the future)');
      const order = await this.labOrder(ctx, orderId);
      if (order.status === 'IN_PROGRESS') {
        throw new MoleculerClientError('이미 검체를 채취한 오더입니다 (specimens already collected)', 409, 'ALREADY_COLLECTED', { orderId });
      }
      this.refuseUnless(order, 'PENDING');
      if (collectedAt.getTime() < new Date(order.created_at).getTime()) invalidField('collectedAt', '채취 시각이 오더 시각보다 앞섭니다 (collected before the order)');
      const { models, sequelize } = this.db();
      const user = ctx.meta.user!;
      const tubes = tubesFor(order.items);
      let specimens: LabSpecimenAttributes[];
      try {
        specimens = await writeTransaction(sequelize, async (transaction) => {
          for (const type of tubes) {
            await models.LabSpecimen.create({
              order_id: order.id, patient_id: order.patient_id, barcode: barcodeFor(order.id, type), specimen_type: type,
              collected_at: collectedAt, collected_by_id: user.id, notes: notes || null,
            }, { transaction });
          }
          const rows = await models.LabSpecimen.findAll({ where: { order_id: order.id }, order: [['id', 'ASC']], transaction });
          return rows.map((r) => plain<LabSpecimenAttributes>(r));
        });
      } catch (err) {
        // Two people collecting the same order at once: the second finds the first's tubes.
        if (err instanceof UniqueConstraintError) throw new MoleculerClientError('이미 검체를 채취한 오더입니다 (specimens already collected)', 409, 'ALREADY_COLLECTED', { orderId });
        throw err;
      }
      // The tubes and the order's status live in two actors' tables: if OCS refuses the move
      // (the order was cancelled meanwhile), the tubes are removed again and nothing is left half-done.
      let updated: OcsOrderAttributes;
      try {
        updated = await ctx.call<OcsOrderAttributes, object>('ocs.transition', { id: order.id, to: 'IN_PROGRESS', orderType: 'LAB', note: '검체채취' });
      } catch (err) {
        await models.LabSpecimen.destroy({ where: { id: specimens.map((s) => s.id) } });
        await this.auditAccess(ctx, {
          actionType: 'create', resourceType: 'LabSpecimen', resourceId: String(order.id), patientId: order.patient_id, outcome: 'denied',
          description: `collection withdrawn: ${(err as Error).message}`.slice(0, 500),
        });
        throw err;
      }
      await this.auditAccess(ctx, {
        actionType: 'create', resourceType: 'LabSpecimen', resourceId: specimens.map((s) => s.id).join(','), patientId: order.patient_id, outcome: 'success',
        description: `검체채취 ${order.order_number}: ${specimens.map((s) => s.barcode).join(', ')}`.slice(0, 500),
      });
      return { order: updated, specimens };
    },
  },

  receive: {
    rest: 'POST /specimens/:barcode/receive',
    permission: 'lab.results.write',
    summary: '검체 접수 (바코드) / the laboratory receives a specimen by its barcode',
    params: { barcode: { type: 'string', min: 2, max: 20, trim: true } },
    async handler(this: LisThis, ctx: CdssContext<{ barcode: string }>) {
      const { models } = this.db();
      const specimen = await models.LabSpecimen.findOne({ where: { barcode: ctx.params.barcode } });
      if (!specimen) throw new MoleculerClientError(`검체를 찾을 수 없습니다: ${ctx.params.barcode} (unknown barcode)`, 404, 'NOT_FOUND');
      const order = await this.labOrder(ctx, specimen.order_id);
      this.refuseUnless(order, 'IN_PROGRESS');
      const [changed] = await models.LabSpecimen.update({ status: 'RECEIVED', received_at: new Date() }, { where: { id: specimen.id, received_at: null } });
      if (changed === 0) {
        throw new MoleculerClientError('이미 접수된 검체입니다 (specimen already received)', 409, 'ALREADY_RECEIVED', { receivedAt: specimen.received_at });
      }
      await this.auditAccess(ctx, { actionType: 'update', resourceType: 'LabSpecimen', resourceId: String(specimen.id), patientId: specimen.patient_id, outcome: 'success', description: '검체접수' });
      return plain<LabSpecimenAttributes>(await specimen.reload());
    },
  },
};

export const collectionMethods = {
  /**
   * The specimens and result statuses of some orders, for the lab's worklist. Not audited on its
   * own: it carries no values, and the order list it decorates was read (and audited) through OCS.
   */
  async orderProgress(this: LisThis, orderIds: number[]): Promise<Map<number, OrderProgress>> {
    const progress = new Map<number, OrderProgress>();
    if (orderIds.length === 0) return progress;
    const { models } = this.db();
    for (const orderId of orderIds) progress.set(orderId, { specimens: [], results: [] });
    const specimens = await models.LabSpecimen.findAll({ where: { order_id: { [Op.in]: orderIds } }, order: [['id', 'ASC']] });
    for (const s of specimens) progress.get(s.order_id)!.specimens.push(plain<LabSpecimenAttributes>(s));
    const results = await models.LabResult.findAll({ where: { order_id: { [Op.in]: orderIds } }, attributes: ['order_id', 'analyte_code', 'status'] });
    for (const r of results) progress.get(r.order_id)!.results.push({ analyte_code: r.analyte_code, status: r.status });
    return progress;
  },
};
