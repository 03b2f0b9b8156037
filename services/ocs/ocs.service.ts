import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, literal, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import { keysOf } from '../../lib/constants.js';
import { ORDER_PRIORITIES, ORDER_STATUSES, ORDER_TYPES, PRIORITY_RANK_SQL, type OrderPriority, type OrderStatus, type OrderType } from '../../lib/rules/order-status.js';
import { findImagingProcedure } from '../../lib/rules/imaging-procedures.js';
import { searchOrderCatalogue } from '../../lib/rules/order-catalogue.js';
import { kstDateOf } from '../../lib/rules/kst-dates.js';
import type { OcsOrderAttributes, SignedAlert } from '../../models/ocs-order.js';
import type { PrescriptionAttributes } from '../../models/prescription.js';
import type { MedicalRecordAttributes } from '../../models/medical-record.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { orderItems, type OrderItemInput } from './order-items.js';
import { statusActions } from './status-actions.js';
import {
  patientMedicationContext, resolveAll, reviewContrast, reviewMedications, signAlerts,
  type MedicationToCheck, type Override,
} from './medication-review.js';

const { MoleculerClientError } = Errors;

export interface CreateOrderParams {
  orderType: OrderType;
  patientId: number;
  medicalRecordId?: number;
  priority?: OrderPriority;
  items: OrderItemInput[];
  notes?: string;
  overrides?: Override[];
}

export interface OrderListParams extends PagingParams {
  type?: OrderType;
  status?: string;
  patientId?: number;
  priority?: OrderPriority;
  mine?: boolean;
  sort?: 'newest' | 'worklist';
}

export interface TransitionParams {
  id: number;
  to: OrderStatus;
  /** When given, the order must be of this type (the pharmacy may not complete a lab order). */
  orderType?: OrderType;
  note?: string;
  resultSummary?: string;
}

/** An order as answered: the row, and for prescriptions the prescription it wrote. */
export type OrderAnswer = OcsOrderAttributes & { prescription?: PrescriptionAttributes; events?: unknown[] };

type OcsThis = Service & DbMethods & {
  writePrescription(ctx: CdssContext, order: OcsOrderAttributes): Promise<OrderAnswer>;
};

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const drugLine = {
  code: { type: 'string', max: 20, trim: true, optional: true },
  name: { type: 'string', max: 100, trim: true, optional: true },
  dose: { type: 'number', optional: true },
  frequency: { type: 'string', max: 10, optional: true },
  days: { type: 'number', optional: true },
  route: { type: 'string', max: 10, optional: true },
} as const;
/** Worklists take STAT first, then urgent, then routine; within a priority the oldest first. */
const PRIORITY_RANK = literal(PRIORITY_RANK_SQL);

/** `O` + the KST order day + the row id: unique, sortable, and readable over the phone. */
function orderNumber(orderId: number, at: Date): string {
  return `O${kstDateOf(at).replace(/-/g, '')}${String(orderId).padStart(6, '0')}`;
}

function statusFilter(value: string | undefined): OrderStatus[] | undefined {
  if (!value) return undefined;
  const statuses = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const unknown = statuses.filter((s) => !(s in ORDER_STATUSES));
  if (unknown.length) invalidField('status', `알 수 없는 오더 상태: ${unknown.join(', ')} (unknown status; one of ${keysOf(ORDER_STATUSES).join(', ')})`);
  return statuses as OrderStatus[];
}

/**
 * OCS, the order communication system (seed §5.2.2, §13.4): a doctor's prescription, lab and
 * imaging orders — checked for medication safety at signing — go to the pharmacy, the lab and
 * radiology, which move them through each type's state machine. Every change is an event row,
 * a broker event (`orders.created`, `orders.statusChanged`) and a notification to the ordering doctor.
 */
const OcsService: ServiceSchema<ServiceSettingSchema, OcsThis> = {
  name: 'ocs',
  mixins: [RbacMixin, DbMixin({ model: 'OcsOrder', resourceType: 'OcsOrder', patientColumn: 'patient_id' })],
  settings: { rest: '/ocs' },

  actions: {
    catalogue: {
      rest: 'GET /catalogue',
      permission: 'orders.read',
      summary: '오더 항목 검색 (처방집·검사·영상검사; 이름·초성·코드) / search what can be ordered: drugs, lab tests, imaging procedures',
      params: { type: { type: 'enum', values: keysOf(ORDER_TYPES), optional: true }, q: { type: 'string', max: 100, optional: true }, ...pagingParams },
      handler(ctx: CdssContext<{ type?: OrderType; q?: string } & PagingParams>) {
        const { type, q, page, pageSize } = ctx.params;
        const found = searchOrderCatalogue(type, q);
        return { items: found.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: found.length };
      },
    },

    medicationCheck: {
      rest: 'POST /medication-check',
      permission: 'orders.write',
      summary: '약물 안전 점검 (상호작용·알레르기·중복·용량) / check drugs against the patient\'s allergies and active medications before signing',
      params: {
        patientId: { type: 'number', integer: true, positive: true },
        medications: { type: 'array', min: 1, max: 20, items: { type: 'object', strict: true, props: drugLine } },
        $$strict: true,
      },
      async handler(ctx: CdssContext<{ patientId: number; medications: MedicationToCheck[] }>) {
        const missing = ctx.params.medications.findIndex((m) => !m.code && !m.name);
        if (missing >= 0) invalidField(`medications[${missing}]`, '약품 코드(code) 또는 성분명(name)을 입력하세요 (code or name required)');
        const proposed = resolveAll(ctx.params.medications);
        const { context } = await patientMedicationContext(ctx, ctx.params.patientId);
        return { alerts: reviewMedications(context, proposed) };
      },
    },

    create: {
      rest: 'POST /orders',
      permission: 'orders.write',
      summary: '오더 입력 (처방·검사·영상; 약물 안전 점검, 중대 경고는 사유 필수) / place an order; major safety alerts need an override reason',
      params: {
        orderType: { type: 'enum', values: keysOf(ORDER_TYPES) },
        patientId: { type: 'number', integer: true, positive: true },
        medicalRecordId: { type: 'number', integer: true, positive: true, optional: true },
        priority: { type: 'enum', values: keysOf(ORDER_PRIORITIES), optional: true },
        items: {
          type: 'array', min: 1, max: 20,
          items: {
            type: 'object', strict: true,
            props: {
              code: { type: 'string', min: 1, max: 20, trim: true },
              dose: { type: 'number', optional: true },
              frequency: { type: 'string', max: 10, optional: true },
              days: { type: 'number', optional: true },
              route: { type: 'string', max: 10, optional: true },
              instructions: { type: 'string', max: 500, optional: true },
              notes: { type: 'string', max: 500, optional: true },
            },
          },
        },
        notes: { type: 'string', max: 2000, optional: true },
        overrides: {
          type: 'array', optional: true, max: 20,
          items: { type: 'object', strict: true, props: { key: { type: 'string', min: 1, max: 200 }, reason: { type: 'string', min: 5, max: 500, trim: true } } },
        },
        $$strict: true,
      },
      async handler(this: OcsThis, ctx: CdssContext<CreateOrderParams>): Promise<OrderAnswer> {
        const { orderType, patientId, medicalRecordId, priority = 'ROUTINE', items, notes, overrides } = ctx.params;
        const user = ctx.meta.user!;
        const lines = orderItems(orderType, items);
        const { context } = await patientMedicationContext(ctx, patientId); // 404 (audited) outside the doctor's scope
        await refuseDischarged(ctx, patientId);
        if (medicalRecordId !== undefined) await checkRecord(ctx, patientId, medicalRecordId);

        const alerts = orderType === 'PRESCRIPTION'
          ? reviewMedications(context, resolveAll(lines.map(({ code, dose, frequency, days, route }) => ({ code, dose, frequency, days, route })), 'items'))
          : orderType === 'IMAGING' && findImagingProcedure(lines[0].code)?.contrast ? reviewContrast(context) : [];
        const signed: SignedAlert[] = signAlerts(alerts, overrides);

        const { models } = this.db();
        const order = await this.auditedCreate(ctx, async (transaction) => {
          const row = await models.OcsOrder.create({
            order_type: orderType, patient_id: patientId, medical_record_id: medicalRecordId ?? null, ordering_doctor_id: user.id,
            department: user.department, priority, status: 'PENDING', items: lines, notes: notes?.trim() || null,
            safety_alerts: signed.length ? signed : null,
          }, { transaction });
          await row.update({ order_number: orderNumber(row.id, row.created_at) }, { transaction });
          await models.OcsOrderEvent.create({ order_id: row.id, to_status: 'PENDING', actor_id: user.id, actor_role: user.role, note: '오더 입력' }, { transaction });
          return row;
        }) as unknown as OcsOrderAttributes;

        for (const alert of signed.filter((a) => a.overrideReason)) {
          await this.auditAccess(ctx, {
            actionType: 'create', resourceType: 'MedicationSafetyOverride', resourceId: String(order.id), patientId, outcome: 'success',
            reason: alert.overrideReason!, description: `${alert.key}: ${alert.message}`.slice(0, 500),
          });
        }

        let answer: OrderAnswer = order;
        if (orderType === 'PRESCRIPTION') answer = await this.writePrescription(ctx, order);
        ctx.emit('orders.created', { order: answer });
        return answer;
      },
    },

    list: {
      rest: 'GET /orders',
      permission: 'orders.read',
      summary: '오더 목록 (유형·상태·환자·우선순위·내 오더; sort=worklist: 응급 우선) / list orders; worklist order puts STAT first',
      params: {
        type: { type: 'enum', values: keysOf(ORDER_TYPES), optional: true },
        status: { type: 'string', max: 100, optional: true },
        patientId: { ...id, optional: true },
        priority: { type: 'enum', values: keysOf(ORDER_PRIORITIES), optional: true },
        mine: { type: 'boolean', convert: true, optional: true },
        sort: { type: 'enum', values: ['newest', 'worklist'], optional: true },
        ...pagingParams,
      },
      async handler(this: OcsThis, ctx: CdssContext<OrderListParams>) {
        const { type, patientId, priority, mine, sort = 'newest', page, pageSize } = ctx.params;
        const statuses = statusFilter(ctx.params.status);
        const where: WhereOptions = {
          ...(type ? { order_type: type } : {}),
          ...(statuses ? { status: { [Op.in]: statuses } } : {}),
          ...(patientId ? { patient_id: patientId } : {}),
          ...(priority ? { priority } : {}),
          ...(mine ? { ordering_doctor_id: ctx.meta.user!.id } : {}),
        };
        const order = sort === 'worklist'
          ? [[PRIORITY_RANK, 'ASC'], ['created_at', 'ASC'], ['id', 'ASC']]
          : [['created_at', 'DESC'], ['id', 'DESC']];
        return this.scopedFindPage(ctx, { where, order: order as never, page, pageSize });
      },
    },

    get: {
      rest: 'GET /orders/:id',
      permission: 'orders.read',
      summary: '오더 상세와 상태 이력 / one order with its status history (404 outside your scope)',
      params: { id },
      async handler(this: OcsThis, ctx: CdssContext<{ id: number }>): Promise<OrderAnswer> {
        const order = await this.scopedFindOne(ctx, ctx.params.id) as unknown as OcsOrderAttributes;
        const events = await this.db().models.OcsOrderEvent.findAll({ where: { order_id: order.id }, order: [['id', 'ASC']] });
        return { ...order, events: events.map((e) => e.get({ plain: true })) };
      },
    },

    ...statusActions,
  },

  methods: {
    /**
     * Writes the prescription of a prescription order (the MAR and the 처방전 work from it) and
     * links it. The two rows live in two actors' tables, so a failure here removes the order
     * again: the doctor sees the error and nothing half-made is left for the pharmacy.
     */
    async writePrescription(this: OcsThis, ctx: CdssContext, order: OcsOrderAttributes): Promise<OrderAnswer> {
      const { models } = this.db();
      let prescription: PrescriptionAttributes;
      try {
        prescription = await ctx.call<PrescriptionAttributes, object>('prescriptions.record', {
          patientId: order.patient_id, medicalRecordId: order.medical_record_id ?? undefined, notes: order.notes ?? undefined,
          items: order.items.map(({ code, dose, frequency, days, route, instructions }) => ({ code, dose, frequency, days, route, ...(instructions ? { instructions } : {}) })),
        });
      } catch (err) {
        await models.OcsOrder.destroy({ where: { id: order.id } });
        await this.auditAccess(ctx, { actionType: 'delete', resourceId: String(order.id), patientId: order.patient_id, outcome: 'error', description: `order withdrawn: prescription not written (${(err as Error).message})`.slice(0, 500) });
        throw err;
      }
      await models.OcsOrder.update({ prescription_id: prescription.id }, { where: { id: order.id } });
      return { ...order, prescription_id: prescription.id, prescription };
    },
  },
};

/** Orders are for patients in care: a discharged patient's chart takes no new orders (409). */
async function refuseDischarged(ctx: CdssContext, patientId: number): Promise<void> {
  const status = await ctx.call<{ current: { status: string } | null }, object>('patient-status.history', { patientId, page: 1, pageSize: 1 });
  if (status.current?.status === 'DISCHARGED') {
    throw new MoleculerClientError('퇴원한 환자에게는 오더를 낼 수 없습니다 (patient is discharged)', 409, 'PATIENT_DISCHARGED');
  }
}

/** The record an order is attached to must be a current record of the same patient. */
async function checkRecord(ctx: CdssContext, patientId: number, recordId: number): Promise<void> {
  const record = await ctx.call<MedicalRecordAttributes, object>('records.get', { id: recordId }).catch(() => null);
  if (!record || record.patient_fk_id !== patientId || record.status === 'AMENDED') {
    invalidField('medicalRecordId', `이 환자의 현재 진료 기록이 아닙니다: ${recordId} (no current record of this patient)`);
  }
}

export default OcsService;
