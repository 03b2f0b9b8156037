import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { analytesOf, searchLabTests, type Analyte, type LabTest } from '../../lib/rules/lab-catalogue.js';
import type { LabResultAttributes, LabSpecimenAttributes, ResultStatus } from '../../models/lis.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { OrderAnswer } from '../ocs/ocs.service.js';
import type { CdssContext } from '../context.js';
import { tubeLabel } from './specimens.js';
import type { ResultInput } from './result-entry.js';
import { collectionActions, collectionMethods } from './collection-actions.js';
import { resultActions, resultMethods } from './result-actions.js';
import { correctionActions, correctionMethods } from './result-corrections.js';
import { criticalActions, criticalMethods } from './critical-actions.js';
import { resultViews, resultViewMethods } from './result-views.js';

const { MoleculerClientError } = Errors;

export interface SubmitResultsParams {
  orderId?: number;
  barcode?: string;
  results: ResultInput[];
  idempotencyKey: string;
}

/** What a result submission answers; `replayed` when the key had been seen and nothing was stored. */
export interface SubmitResultsAnswer {
  orderId: number;
  replayed: boolean;
  results: LabResultAttributes[];
}

export interface ResultListParams extends PagingParams {
  patientId: number;
  orderId?: number;
  code?: string;
  includePreliminary?: boolean;
}

/** Params of the internal `lis.unacknowledgedCriticals` (dashboards). */
export interface UnacknowledgedCriticalsParams {
  /** Only criticals of orders this doctor placed (the doctor dashboard passes the caller's id). */
  orderingDoctorId?: number;
  patientIds?: number[];
  limit?: number;
}

/** A critical result with its patient's label, as the critical lists and dashboards show it. */
export type CriticalResult = LabResultAttributes & { patient: PatientLabel | null };

/** The specimens and result statuses of one order, as the lab's worklist shows its progress. */
export interface OrderProgress {
  specimens: LabSpecimenAttributes[];
  results: Pick<LabResultAttributes, 'analyte_code' | 'status'>[];
}

/** `this` in the LIS's actions and methods, wherever in services/lis/ they are written. */
export type LisThis = Service & DbMethods & {
  labOrder(ctx: CdssContext, orderId: number): Promise<OrderAnswer>;
  refuseUnless(order: OcsOrderAttributes, status: 'PENDING' | 'IN_PROGRESS'): void;
  withPatients<T extends { patient_id: number }>(ctx: CdssContext, rows: T[]): Promise<(T & { patient: PatientLabel | null })[]>;
  orderProgress(orderIds: number[]): Promise<Map<number, OrderProgress>>;
  storedSubmission(key: string): Promise<LabResultAttributes[]>;
  replay(ctx: CdssContext, orderId: number, stored: LabResultAttributes[], inputs: ResultInput[]): Promise<SubmitResultsAnswer>;
  orderSummary(orderId: number): Promise<string>;
  reviseOrderSummary(ctx: CdssContext, orderId: number, note: string): Promise<void>;
  notifyCriticals(ctx: CdssContext, rows: LabResultAttributes[]): Promise<void>;
  resultStatuses(ctx: CdssContext, includePreliminary?: boolean): ResultStatus[];
};

/** The catalogue entry as the order screen shows it: the tube and every analyte with its ranges. */
function testView(test: LabTest) {
  return {
    ...test,
    specimen: tubeLabel(test.specimen),
    analytes: analytesOf(test).map(({ code, loinc, name, nameEn, unit, ranges, critical }: Analyte) => ({ code, loinc, name, nameEn, unit, ranges, critical: critical ?? null })),
  };
}

/**
 * The LIS (seed §5.2.2, §13.4): lab orders from OCS are collected at the bedside, resulted by the
 * laboratory's instrument interface (service account `lab_system`) with flags from the patient's
 * sex and age, verified, and then shown in the EMR, as trends and in the patient portal. A
 * critical value notifies the ordering doctor at once and stays on the dashboards until a doctor
 * acknowledges it. Order status moves through OCS (`ocs.transition`) with the caller's context.
 *
 * The actions live in files by what they serve: collection-actions.ts (worklists, collection,
 * reception), result-actions.ts (entry, verification), result-corrections.ts (corrections),
 * critical-actions.ts (critical values) and result-views.ts (what the EMR and the portal read).
 */
const LisService: ServiceSchema<ServiceSettingSchema, LisThis> = {
  name: 'lis',
  mixins: [RbacMixin, DbMixin({ model: 'LabResult', resourceType: 'LabResult', patientColumn: 'patient_id' })],
  settings: { rest: '/lis' },

  actions: {
    tests: {
      rest: 'GET /tests',
      permission: 'lab.read',
      summary: '검사 목록 검색 (이름·초성·코드·LOINC·항목) / search the lab test catalogue by name, 초성, code, LOINC or analyte',
      params: { q: { type: 'string', optional: true, max: 100 }, ...pagingParams },
      handler(ctx: CdssContext<{ q?: string } & PagingParams>) {
        const { q, page, pageSize } = ctx.params;
        const found = searchLabTests(q);
        return { items: found.slice((page - 1) * pageSize, page * pageSize).map(testView), page, pageSize, total: found.length };
      },
    },
    // No two LIS routes can match the same path, so the order of the groups does not matter to moleculer-web.
    ...collectionActions,
    ...resultViews,
    ...resultActions,
    ...correctionActions,
    ...criticalActions,
  },

  methods: {
    /** The order through OCS (row scope and audit are OCS's: 404 outside the caller's scope); it must be a lab order. */
    async labOrder(ctx: CdssContext, orderId: number): Promise<OrderAnswer> {
      const order = await ctx.call<OrderAnswer, object>('ocs.get', { id: orderId });
      if (order.order_type !== 'LAB') {
        throw new MoleculerClientError(`검사 오더가 아닙니다: ${order.order_number} (not a LAB order)`, 409, 'WRONG_ORDER_TYPE', { orderType: order.order_type });
      }
      return order;
    },

    /** 409 unless the order is in `status`, saying why in the terms of the lab. */
    refuseUnless(order: OcsOrderAttributes, status: 'PENDING' | 'IN_PROGRESS') {
      if (order.status === status) return;
      const details = { orderId: order.id, status: order.status };
      if (order.status === 'CANCELLED') throw new MoleculerClientError('취소된 오더입니다 (order cancelled)', 409, 'ORDER_CANCELLED', details);
      if (order.status === 'COMPLETED') throw new MoleculerClientError('이미 검사가 완료된 오더입니다 (order already completed)', 409, 'ORDER_COMPLETED', details);
      throw new MoleculerClientError(`오더 상태가 ${order.status}입니다 (order is ${order.status}, expected ${status})`, 409, 'ILLEGAL_TRANSITION', details);
    },

    /** Adds each row's patient label (name, chart number, sex, age) in one scoped search. */
    async withPatients<T extends { patient_id: number }>(ctx: CdssContext, rows: T[]) {
      if (rows.length === 0) return [];
      const labels = await ctx.call<PatientLabel[], object>('patients.labels', { ids: [...new Set(rows.map((r) => r.patient_id))] });
      const byId = new Map(labels.map((l) => [l.id, l]));
      return rows.map((row) => ({ ...row, patient: byId.get(row.patient_id) ?? null }));
    },

    ...collectionMethods,
    ...resultMethods,
    ...correctionMethods,
    ...criticalMethods,
    ...resultViewMethods,
  },
};

export default LisService;
