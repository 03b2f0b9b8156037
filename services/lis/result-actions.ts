import { Errors, type ServiceActionsSchema } from 'moleculer';
import { Op, UniqueConstraintError } from 'sequelize';
import { writeTransaction } from '../../models/database.js';
import { resultSummary } from '../../lib/rules/lab-flags.js';
import type { SpecimenType } from '../../lib/rules/lab-analytes.js';
import { FINAL_RESULT_STATUSES, type LabResultAttributes } from '../../models/lis.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { analyteParam, id, plain, resultValue } from './lis-common.js';
import { checkResults, interpretedColumns, orderedAnalytes, patientFacts, sameSubmission, type ResultInput } from './result-entry.js';
import type { LisThis, SubmitResultsAnswer, SubmitResultsParams } from './lis.service.js';
import { tellPatient } from '../realtime/patient-notices.js';

/**
 * The laboratory's results coming in: entry by the instrument interface (idempotent by key, a
 * repeated submission answers the stored rows) and verification, which completes the order
 * through OCS with its one-line summary once every ordered analyte is verified.
 */

const { MoleculerClientError } = Errors;

export const resultActions: ServiceActionsSchema = {
  submitResults: {
    rest: 'POST /results',
    permission: 'lab.results.write',
    summary: '결과 입력 (예비; 성별·나이별 참고치, 위급값은 처방의 알림; 같은 키 재전송은 저장된 결과) / enter preliminary results; criticals notify the ordering doctor; idempotent by key',
    params: {
      orderId: { type: 'number', integer: true, positive: true, optional: true },
      barcode: { type: 'string', min: 2, max: 20, trim: true, optional: true },
      results: {
        type: 'array', min: 1, max: 50,
        items: {
          type: 'object', strict: true,
          props: { code: { type: 'string', min: 1, max: 16, trim: true }, value: resultValue, unit: { type: 'string', max: 16, optional: true } },
        },
      },
      idempotencyKey: { type: 'string', min: 8, max: 100, pattern: /^[A-Za-z0-9._:-]+$/ },
      $$strict: true,
    },
    async handler(this: LisThis, ctx: CdssContext<SubmitResultsParams>): Promise<SubmitResultsAnswer> {
      const { barcode, results: inputs, idempotencyKey } = ctx.params;
      if ((ctx.params.orderId === undefined) === (barcode === undefined)) invalidField('orderId', 'orderId 또는 barcode 중 하나를 보내세요 (send orderId or barcode)');
      const { models, sequelize } = this.db();
      let orderId = ctx.params.orderId!;
      let tube: SpecimenType | undefined;
      if (barcode !== undefined) {
        const specimen = await models.LabSpecimen.findOne({ where: { barcode }, attributes: ['order_id', 'specimen_type'] });
        if (!specimen) throw new MoleculerClientError(`검체를 찾을 수 없습니다: ${barcode} (unknown barcode)`, 404, 'NOT_FOUND');
        orderId = specimen.order_id;
        tube = specimen.specimen_type;
      }

      const stored = await this.storedSubmission(idempotencyKey);
      if (stored.length) return this.replay(ctx, orderId, stored, inputs);

      const order = await this.labOrder(ctx, orderId);
      if (order.status === 'PENDING') {
        throw new MoleculerClientError('검체 채취 전인 오더입니다 (specimens not collected yet)', 409, 'NOT_COLLECTED', { orderId });
      }
      this.refuseUnless(order, 'IN_PROGRESS');
      const checked = checkResults(inputs, orderedAnalytes(order.items), tube);
      const patient = await ctx.call<{ gender?: string; age?: number }, object>('patients.get', { id: order.patient_id });
      const facts = patientFacts(patient);
      const specimens = await models.LabSpecimen.findAll({ where: { order_id: order.id } });
      const specimenOf = new Map(specimens.map((s) => [s.specimen_type, s]));
      const user = ctx.meta.user!;
      const resultedAt = new Date();

      try {
        await writeTransaction(sequelize, async (transaction) => {
          // The order's status was read through OCS just before (its table is not ours to lock). A
          // cancel landing in between leaves preliminary rows that can never be verified: `verify`
          // moves the order through OCS, which refuses a cancelled one.
          const codes = checked.map((c) => c.analyte.code);
          const existing = await models.LabResult.findAll({ where: { order_id: order.id, analyte_code: { [Op.in]: codes } }, attributes: ['id', 'analyte_code', 'status'], transaction });
          if (existing.length) {
            throw new MoleculerClientError(
              `이미 결과가 있는 항목입니다: ${existing.map((r) => r.analyte_code).join(', ')} (already resulted; correct the result instead)`,
              409, 'ALREADY_RESULTED', existing.map((r) => ({ code: r.analyte_code, resultId: r.id, status: r.status })),
            );
          }
          for (const { analyte, testCode, value } of checked) {
            const specimen = specimenOf.get(analyte.specimen);
            if (!specimen) throw new MoleculerClientError(`${analyte.code}의 검체가 채취되지 않았습니다 (no specimen for this analyte)`, 409, 'NOT_COLLECTED', { code: analyte.code });
            await models.LabResult.create({
              order_id: order.id, specimen_id: specimen.id, patient_id: order.patient_id, ordering_doctor_id: order.ordering_doctor_id,
              test_code: testCode, analyte_code: analyte.code, loinc: analyte.loinc, analyte_name: analyte.name,
              ...interpretedColumns(analyte, value, facts),
              status: 'PRELIMINARY', idempotency_key: idempotencyKey, entered_by_id: user.id, resulted_at: resultedAt,
            }, { transaction });
          }
          // A tube that was resulted has reached the laboratory, scanned in or not.
          await models.LabSpecimen.update({ status: 'RECEIVED', received_at: resultedAt }, {
            where: { order_id: order.id, received_at: null, specimen_type: { [Op.in]: [...new Set(checked.map((c) => c.analyte.specimen))] } }, transaction,
          });
        });
      } catch (err) {
        // The same submission sent twice at once: the one that lost the race answers the winner's rows.
        if (err instanceof UniqueConstraintError) {
          const winner = await this.storedSubmission(idempotencyKey);
          if (winner.length) return this.replay(ctx, orderId, winner, inputs);
        }
        await this.auditAccess(ctx, {
          actionType: 'create', resourceId: String(order.id), patientId: order.patient_id,
          outcome: err instanceof MoleculerClientError ? 'denied' : 'error', description: String((err as Error).message).slice(0, 500),
        });
        throw err;
      }
      const rows = await this.storedSubmission(idempotencyKey);
      await this.auditAccess(ctx, {
        actionType: 'create', resourceId: rows.map((r) => r.id).join(',').slice(0, 64), patientId: order.patient_id, outcome: 'success',
        description: `결과 입력 ${order.order_number}: ${rows.map((r) => `${r.analyte_code} ${r.value_text}${r.flag && r.flag !== 'N' ? ` ${r.flag}` : ''}`).join(', ')}`.slice(0, 500),
      });
      await this.notifyCriticals(ctx, rows);
      return { orderId: order.id, replayed: false, results: await this.storedSubmission(idempotencyKey) };
    },
  },

  verify: {
    rest: 'POST /orders/:orderId/verify',
    permission: 'lab.results.write',
    summary: '결과 확정 (모든 항목 확정 시 오더 검사완료) / verify preliminary results; when every ordered analyte is verified the order completes',
    params: { orderId: id, codes: { type: 'array', optional: true, min: 1, max: 50, items: { type: 'string', min: 1, max: 16 } }, $$strict: true },
    async handler(this: LisThis, ctx: CdssContext<{ orderId: number; codes?: string[] }>) {
      const order = await this.labOrder(ctx, ctx.params.orderId);
      if (order.status === 'PENDING') throw new MoleculerClientError('검체 채취 전인 오더입니다 (specimens not collected yet)', 409, 'NOT_COLLECTED');
      if (order.status === 'CANCELLED') this.refuseUnless(order, 'IN_PROGRESS');
      const ordered = orderedAnalytes(order.items);
      const codes = ctx.params.codes?.map((code, index) => {
        const analyte = analyteParam(code, `codes[${index}]`);
        if (!ordered.has(analyte.code)) invalidField(`codes[${index}]`, `이 오더에 처방되지 않은 항목입니다: ${analyte.code} (analyte not ordered)`);
        return analyte.code;
      });
      const { models, sequelize } = this.db();
      const user = ctx.meta.user!;
      const verifiedIds = await writeTransaction(sequelize, async (transaction) => {
        const preliminary = await models.LabResult.findAll({
          where: { order_id: order.id, status: 'PRELIMINARY', ...(codes ? { analyte_code: { [Op.in]: codes } } : {}) }, attributes: ['id'], transaction,
        });
        const ids = preliminary.map((r) => r.id);
        if (ids.length) await models.LabResult.update({ status: 'VERIFIED', verified_at: new Date(), verified_by_id: user.id }, { where: { id: { [Op.in]: ids } }, transaction });
        return ids;
      });
      const all = (await models.LabResult.findAll({ where: { order_id: order.id }, order: [['id', 'ASC']] })).map((r) => plain<LabResultAttributes>(r));
      const final = new Set(all.filter((r) => FINAL_RESULT_STATUSES.includes(r.status)).map((r) => r.analyte_code));
      const pending = [...ordered.keys()].filter((code) => !final.has(code));
      // With nothing new to verify, only an order whose completion did not go through is worth a retry.
      if (verifiedIds.length === 0 && (pending.length > 0 || order.status !== 'IN_PROGRESS')) {
        throw new MoleculerClientError('확정할 예비 결과가 없습니다 (no preliminary results to verify)', 409, 'NOTHING_TO_VERIFY', { pending });
      }
      await this.auditAccess(ctx, {
        actionType: 'update', resourceId: verifiedIds.join(',').slice(0, 64) || null, patientId: order.patient_id, outcome: 'success',
        description: `결과 확정 ${order.order_number}: ${all.filter((r) => verifiedIds.includes(r.id)).map((r) => r.analyte_code).join(', ')}`.slice(0, 500),
      });
      let updated: OcsOrderAttributes = order;
      if (pending.length === 0 && order.status === 'IN_PROGRESS') {
        updated = await ctx.call<OcsOrderAttributes, object>('ocs.transition', {
          id: order.id, to: 'COMPLETED', orderType: 'LAB', note: '결과 확정', resultSummary: resultSummary(all),
        });
        await tellPatient(ctx, {
          patientId: order.patient_id, type: 'RESULT', title: '검사 결과가 나왔습니다 (lab results are ready)',
          message: `${order.order_number}: ${[...ordered.keys()].join(', ')}`.slice(0, 2000), resourceType: 'OcsOrder', resourceId: order.id,
        });
      }
      return { order: updated, verified: verifiedIds, pending, results: all };
    },
  },
};

export const resultMethods = {
  async storedSubmission(this: LisThis, key: string): Promise<LabResultAttributes[]> {
    const rows = await this.db().models.LabResult.findAll({ where: { idempotency_key: key }, order: [['id', 'ASC']] });
    return rows.map((r) => plain<LabResultAttributes>(r));
  },

  /**
   * A submission whose key was seen: the same content answers the stored rows (and finishes any
   * critical notification that had failed); different content under the same key is a 409.
   */
  async replay(this: LisThis, ctx: CdssContext, orderId: number, stored: LabResultAttributes[], inputs: ResultInput[]): Promise<SubmitResultsAnswer> {
    if (stored[0].order_id !== orderId || !sameSubmission(stored, inputs)) {
      await this.auditAccess(ctx, { actionType: 'create', patientId: stored[0].patient_id, outcome: 'denied', description: 'idempotency key reused for a different submission' });
      throw new MoleculerClientError('다른 결과에 이미 사용된 idempotencyKey입니다 (idempotency key reused for a different submission)', 409, 'IDEMPOTENCY_KEY_REUSED', {
        orderId: stored[0].order_id,
      });
    }
    await this.auditAccess(ctx, {
      actionType: 'read', resourceId: stored.map((r) => r.id).join(',').slice(0, 64), patientId: stored[0].patient_id, outcome: 'success',
      description: 'result submission repeated: stored results answered',
    });
    await this.notifyCriticals(ctx, stored);
    return { orderId, replayed: true, results: await this.storedSubmission(stored[0].idempotency_key) };
  },
};
