import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin, type DbMethods } from '../../mixins/db.mixin.js';
import type { AuditFacts } from '../../mixins/audit.js';
import { writeTransaction } from '../../models/database.js';
import { pagingParams, type PagingParams, dateParam } from '../../lib/http/paging.js';
import { CARE_SETTINGS, MAX_BILL_TOTAL, type CareSetting } from '../../lib/rules/copay.js';
import { FEE_CATEGORIES, searchFeeSchedule, type FeeCategory } from '../../lib/rules/fee-schedule.js';
import {
  BILL_STATUSES, PAYMENT_METHODS, billStatus, netPaid, paymentProblem, refundProblem,
  type BillMoney, type BillStatus, type PaymentMethod,
} from '../../lib/rules/bill-status.js';
import { isCalendarDate, kstDateOf, kstDayOf } from '../../lib/rules/kst-dates.js';
import type { Bill, BillAttributes } from '../../models/bill.js';
import type { BillItemAttributes } from '../../models/bill-item.js';
import type { PaymentAttributes } from '../../models/payment.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { CdssContext } from '../context.js';
import { invalidField } from '../errors.js';
import { priceItems, storeBill, type OrderedItem } from './bill-store.js';
import { INSURANCE_PARAMS, insuranceColumns, insuranceForBilling, presentInsurance, type InsuranceInput } from './insurance.js';
import { answerAsPdf, renderReceipt } from './receipt.js';
import { dailySettlement, paymentsPerDay } from './settlement.js';

const { MoleculerClientError } = Errors;

/** What a patient sees of their bills: the money and the visit, not which staff member billed it. */
const PORTAL_BILL_COLUMNS = [
  'id', 'bill_number', 'patient_id', 'appointment_id', 'care_setting', 'insurance_type', 'total_amount', 'insurer_amount',
  'patient_amount', 'paid_amount', 'refunded_amount', 'status', 'service_from', 'service_to', 'created_at',
];

export interface NewBillParams {
  patientId: number;
  appointmentId?: string;
  careSetting: CareSetting;
  items: OrderedItem[];
  serviceFrom?: string;
  serviceTo?: string;
}

export interface BillListParams extends PagingParams {
  patientId?: number;
  date?: string;
  status?: BillStatus;
}

export interface PaymentParams {
  id: number;
  method: PaymentMethod;
  amount: number;
  approvalNumber?: string;
}

export interface RefundParams extends PaymentParams {
  reason: string;
}

export interface BillDetail extends BillAttributes {
  items: BillItemAttributes[];
  payments: PaymentAttributes[];
}

type BillingThis = Service & DbMethods & {
  detail(bill: Record<string, unknown>): Promise<BillDetail>;
  receipt(ctx: CdssContext, bill: Record<string, unknown>, patient: { name: string; patient_id: string }): Promise<Buffer>;
  withAudit<T>(ctx: CdssContext, facts: Omit<AuditFacts, 'outcome'>, work: () => Promise<T>): Promise<T>;
  lockedMoney(id: number, transaction: Transaction): Promise<Bill>;
  servicePeriod(ctx: CdssContext, params: NewBillParams, visitDay?: string): Promise<{ from: string; to: string }>;
};

const DATE = dateParam;
const MAX_RANGE_DAYS = 93;
const idParam = { id: { type: 'number', integer: true, positive: true, convert: true } } as const;
const amountParam = { type: 'number', integer: true, positive: true, max: MAX_BILL_TOTAL } as const;
const approvalParam = { type: 'string', pattern: /^[0-9A-Za-z-]{1,32}$/, optional: true } as const;

const moneyOf = (bill: BillAttributes | Record<string, unknown>): BillMoney => ({
  patientAmount: Number(bill.patient_amount), paidAmount: Number(bill.paid_amount), refundedAmount: Number(bill.refunded_amount),
});

/** 409 for a cancelled bill: it takes no money and prints no receipt. */
function refuseCancelled(bill: { status?: unknown; bill_number?: unknown }) {
  if (bill.status === 'CANCELLED') {
    throw new MoleculerClientError(`취소된 청구서입니다: ${String(bill.bill_number)} (bill cancelled)`, 409, 'BILL_CANCELLED');
  }
}

/** A card number belongs to card payments only. */
function checkApproval(method: PaymentMethod, approvalNumber: string | undefined) {
  if (approvalNumber && method !== 'CARD') invalidField('approvalNumber', '승인번호는 카드 결제에만 입력합니다 (approval number is for card payments)');
}

/**
 * Front desk billing (seed §2.3, §4.3.4–4.3.5): the fee schedule, the patient's insurance, bills
 * priced from the schedule with the patient share of lib/rules/copay.ts, payments and refunds in
 * one transaction with the bill, the 진료비 계산서·영수증 as a PDF, and the daily settlement.
 * Bills are read through the db mixin (row scopes, audit), so the portal's patient sees only
 * their own.
 */
/** Who the bills are for (name, chart number) in one scoped lookup, so a list needs no chart read per row. */
async function patientLabels(ctx: CdssContext, ids: number[]): Promise<Map<number, PatientLabel>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const labels = await ctx.call<PatientLabel[], { ids: number[] }>('patients.labels', { ids: unique });
  return new Map(labels.map((l) => [l.id, l]));
}

const BillingService: ServiceSchema<ServiceSettingSchema, BillingThis> = {
  name: 'billing',
  mixins: [RbacMixin, DbMixin({ model: 'Bill', resourceType: 'Bill', patientColumn: 'patient_id' })],
  settings: { rest: '/' },

  actions: {
    feeSchedule: {
      rest: 'GET /fee-schedule',
      permission: 'billing.read',
      summary: '수가표 검색 (명칭, 초성, 코드, 분류, 급여 여부) / search the fee schedule',
      params: {
        q: { type: 'string', max: 100, optional: true },
        category: { type: 'enum', values: Object.keys(FEE_CATEGORIES), optional: true },
        covered: { type: 'boolean', convert: true, optional: true },
      },
      handler(ctx: CdssContext<{ q?: string; category?: FeeCategory; covered?: boolean }>) {
        const items = searchFeeSchedule(ctx.params);
        return { items, total: items.length };
      },
    },

    getInsurance: {
      rest: 'GET /patients/:patientId/insurance',
      permission: 'billing.read',
      summary: '환자 보험 정보 (없으면 적용될 기본값) / the patient\'s insurance, or the default billing applies',
      params: { patientId: INSURANCE_PARAMS.patientId },
      async handler(this: BillingThis, ctx: CdssContext<{ patientId: number }>) {
        const { patientId } = ctx.params;
        await ctx.call('patients.get', { id: patientId }); // 404 for an unknown patient
        const facts = { actionType: 'read' as const, resourceType: 'PatientInsurance', resourceId: String(patientId), patientId };
        return this.withAudit(ctx, facts, async () => {
          const row = await this.db().models.PatientInsurance.findOne({ where: { patient_id: patientId } });
          return presentInsurance(patientId, row?.get({ plain: true }) ?? null);
        });
      },
    },

    putInsurance: {
      rest: 'PUT /patients/:patientId/insurance',
      permission: 'billing.write',
      summary: '환자 보험 정보 등록·변경 (건강보험, 의료급여 1·2종, 일반) / record the patient\'s insurance',
      params: INSURANCE_PARAMS,
      async handler(this: BillingThis, ctx: CdssContext<InsuranceInput>) {
        const { patientId } = ctx.params;
        const columns = insuranceColumns(ctx.params, ctx.meta.user!.id);
        await ctx.call('patients.get', { id: patientId });
        const { sequelize, models } = this.db();
        const facts = { actionType: 'update' as const, resourceType: 'PatientInsurance', resourceId: String(patientId), patientId,
          description: `insurance_type=${columns.insurance_type}` };
        return this.withAudit(ctx, facts, async () => {
          const row = await writeTransaction(sequelize, async (transaction) => {
            // The patient row is the lock two simultaneous first recordings take turns on.
            await models.Patient.findByPk(patientId, { transaction, lock: transaction.LOCK.UPDATE });
            const current = await models.PatientInsurance.findOne({ where: { patient_id: patientId }, transaction });
            if (current) return current.update(columns, { transaction });
            return models.PatientInsurance.create({ patient_id: patientId, ...columns }, { transaction });
          });
          return presentInsurance(patientId, row.get({ plain: true }));
        });
      },
    },

    createBill: {
      rest: 'POST /bills',
      permission: 'billing.write',
      summary: '진료비 산정: 수가표와 보험으로 항목별 본인부담·공단부담 계산 / price a bill from the fee schedule and insurance',
      params: {
        patientId: { type: 'number', integer: true, positive: true },
        appointmentId: { type: 'uuid', optional: true },
        careSetting: { type: 'enum', values: Object.keys(CARE_SETTINGS) },
        serviceFrom: { ...DATE, optional: true },
        serviceTo: { ...DATE, optional: true },
        items: {
          type: 'array', min: 1, max: 100,
          items: {
            type: 'object', strict: true,
            props: {
              code: { type: 'string', min: 1, max: 20, trim: true },
              quantity: { type: 'number', integer: true, positive: true, max: 999 },
            },
          },
        },
        $$strict: true,
      },
      async handler(this: BillingThis, ctx: CdssContext<NewBillParams>) {
        const { patientId, appointmentId, careSetting, items } = ctx.params;
        const lines = priceItems(items);
        await ctx.call('patients.get', { id: patientId }); // 404 for an unknown patient
        let visitDay: string | undefined;
        if (appointmentId) {
          const appointment = await ctx.call<{ patient_id: number; start_time: string }, object>('appointments.get', { id: appointmentId });
          if (Number(appointment.patient_id) !== patientId) invalidField('appointmentId', '다른 환자의 예약입니다 (appointment of another patient)');
          visitDay = kstDateOf(new Date(appointment.start_time));
        }
        const servicePeriod = await this.servicePeriod(ctx, ctx.params, visitDay);
        const { models } = this.db();
        const insurance = await models.PatientInsurance.findOne({ where: { patient_id: patientId } });
        const insuranceType = insuranceForBilling(insurance?.get({ plain: true }) ?? null);
        const bill = await this.auditedCreate(ctx, (transaction) => storeBill(models, transaction, {
          patientId, appointmentId, careSetting, insuranceType, lines, createdById: ctx.meta.user!.id, servicePeriod,
        }));
        return this.detail(bill);
      },
    },

    listBills: {
      rest: 'GET /bills',
      permission: 'billing.read',
      summary: '청구서 목록 (환자, 날짜(KST), 상태) / bills by patient, KST day and status',
      params: {
        ...pagingParams,
        patientId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        date: { ...DATE, optional: true },
        status: { type: 'enum', values: Object.keys(BILL_STATUSES), optional: true },
      },
      async handler(this: BillingThis, ctx: CdssContext<BillListParams>) {
        const { page, pageSize, patientId, date, status } = ctx.params;
        if (date && !isCalendarDate(date)) invalidField('date', '날짜가 올바르지 않습니다 (invalid date)');
        const day = date ? kstDayOf(date) : null;
        const where: WhereOptions = {
          ...(patientId ? { patient_id: patientId } : {}),
          ...(status ? { status } : {}),
          ...(day ? { created_at: { [Op.gte]: day.start, [Op.lt]: day.end } } : {}),
        };
        const found = await this.scopedFindPage(ctx, { where, order: [['created_at', 'DESC'], ['id', 'DESC']], page, pageSize });
        const labels = await patientLabels(ctx, found.items.map((b) => Number(b.patient_id)));
        return { ...found, items: found.items.map((b) => ({ ...b, patient: labels.get(Number(b.patient_id)) ?? null })) };
      },
    },

    settlement: {
      rest: 'GET /billing/settlement',
      permission: 'billing.read',
      summary: '일일 정산 (KST 하루: 청구 건수·금액, 결제 수단별 수납·환불, 순수납액) / daily settlement for a KST day',
      params: { date: { ...DATE, optional: true } },
      async handler(this: BillingThis, ctx: CdssContext<{ date?: string }>) {
        const date = ctx.params.date ?? kstDateOf(new Date());
        if (!isCalendarDate(date)) invalidField('date', '날짜가 올바르지 않습니다 (invalid date)');
        const facts = { actionType: 'search' as const, resourceType: 'Settlement', description: `date=${date}` };
        return this.withAudit(ctx, facts, () => dailySettlement(this.db().models, date));
      },
    },

    getBill: {
      rest: 'GET /bills/:id',
      permission: 'billing.read',
      summary: '청구서 상세 (항목, 수납·환불 내역) / one bill with its lines and payments',
      params: idParam,
      async handler(this: BillingThis, ctx: CdssContext<{ id: number }>) {
        const bill = await this.detail(await this.scopedFindOne(ctx, ctx.params.id));
        const labels = await patientLabels(ctx, [bill.patient_id]);
        return { ...bill, patient: labels.get(bill.patient_id) ?? null };
      },
    },

    pay: {
      rest: 'POST /bills/:id/payments',
      permission: 'billing.write',
      summary: '수납 (카드·현금; 미수납액 초과 시 400) / take a payment; more than is owed answers 400',
      params: { ...idParam, method: { type: 'enum', values: Object.keys(PAYMENT_METHODS) }, amount: amountParam, approvalNumber: approvalParam, $$strict: true },
      async handler(this: BillingThis, ctx: CdssContext<PaymentParams>) {
        const { id, method, amount, approvalNumber } = ctx.params;
        checkApproval(method, approvalNumber);
        let payment: PaymentAttributes | undefined;
        const bill = await this.scopedUpdate(ctx, id, async (_current, transaction) => {
          const locked = await this.lockedMoney(id, transaction);
          refuseCancelled(locked);
          const money = moneyOf(locked);
          const problem = paymentProblem(money, amount);
          if (problem) throw new MoleculerClientError(problem, 400, 'OVERPAYMENT', { outstanding: money.patientAmount - netPaid(money) });
          payment = (await this.db().models.Payment.create({
            bill_id: id, kind: 'PAYMENT', method, amount, approval_number: approvalNumber ?? null, received_by_id: ctx.meta.user!.id,
          }, { transaction })).get({ plain: true });
          const paidAmount = money.paidAmount + amount;
          return { paid_amount: paidAmount, status: billStatus({ ...money, paidAmount }) };
        });
        return { bill, payment };
      },
    },

    refund: {
      rest: 'POST /bills/:id/refunds',
      permission: 'billing.write',
      summary: '환불 (사유 필수; 받은 금액·결제 수단별 금액 초과 시 400) / refund part or all of what was paid; a reason is required',
      params: {
        ...idParam, method: { type: 'enum', values: Object.keys(PAYMENT_METHODS) }, amount: amountParam, approvalNumber: approvalParam,
        reason: { type: 'string', trim: true, empty: false, min: 2, max: 500 },
        $$strict: true,
      },
      async handler(this: BillingThis, ctx: CdssContext<RefundParams>) {
        const { id, method, amount, approvalNumber, reason } = ctx.params;
        checkApproval(method, approvalNumber);
        const { models } = this.db();
        let refund: PaymentAttributes | undefined;
        const bill = await this.scopedUpdate(ctx, id, async (_current, transaction) => {
          const locked = await this.lockedMoney(id, transaction);
          refuseCancelled(locked);
          const money = moneyOf(locked);
          const ledger = await models.Payment.findAll({ where: { bill_id: id, method }, attributes: ['kind', 'amount'], transaction });
          const keptByMethod = ledger.reduce((sum, p) => sum + (p.kind === 'PAYMENT' ? p.amount : -p.amount), 0);
          const problem = refundProblem(money, amount, keptByMethod);
          if (problem) throw new MoleculerClientError(problem, 400, 'REFUND_EXCEEDS_PAID', { refundable: netPaid(money), byMethod: keptByMethod });
          refund = (await models.Payment.create({
            bill_id: id, kind: 'REFUND', method, amount, reason, approval_number: approvalNumber ?? null, received_by_id: ctx.meta.user!.id,
          }, { transaction })).get({ plain: true });
          const refundedAmount = money.refundedAmount + amount;
          return { refunded_amount: refundedAmount, status: billStatus({ ...money, refundedAmount }) };
        });
        return { bill, refund };
      },
    },

    cancel: {
      rest: 'POST /bills/:id/cancel',
      permission: 'billing.write',
      summary: '청구 취소 (받은 돈이 없을 때만; 있으면 먼저 환불) / cancel a bill that holds no money',
      params: idParam,
      async handler(this: BillingThis, ctx: CdssContext<{ id: number }>) {
        return this.scopedUpdate(ctx, ctx.params.id, async (_current, transaction) => {
          const locked = await this.lockedMoney(ctx.params.id, transaction);
          refuseCancelled(locked);
          if (netPaid(moneyOf(locked)) !== 0) {
            throw new MoleculerClientError('수납된 금액이 있어 취소할 수 없습니다. 먼저 환불하세요 (refund before cancelling)', 409, 'BILL_HAS_PAYMENTS');
          }
          return { status: 'CANCELLED' };
        });
      },
    },

    receipt: {
      rest: 'GET /bills/:id/receipt',
      permission: 'billing.read',
      summary: '진료비 계산서·영수증 PDF / the receipt as a PDF',
      params: idParam,
      async handler(this: BillingThis, ctx: CdssContext<{ id: number }>) {
        const bill = await this.scopedFindOne(ctx, ctx.params.id);
        const patient = await ctx.call<{ name: string; patient_id: string }, object>('patients.get', { id: bill.patient_id });
        return this.receipt(ctx, bill, patient);
      },
    },

    /** The signed-in patient's bills (the portal's receipts); the row scope limits them to self. */
    mine: {
      permission: 'portal.self',
      visibility: 'public',
      params: { ...pagingParams },
      async handler(this: BillingThis, ctx: CdssContext<PagingParams>) {
        return this.scopedFindPage(ctx, {
          where: { status: { [Op.ne]: 'CANCELLED' } }, order: [['created_at', 'DESC'], ['id', 'DESC']], page: ctx.params.page, pageSize: ctx.params.pageSize,
          attributes: PORTAL_BILL_COLUMNS,
        });
      },
    },

    /** The receipt of one of the signed-in patient's bills; another patient's is 404 (audited as denied). */
    mineReceipt: {
      permission: 'portal.self',
      visibility: 'public',
      params: idParam,
      async handler(this: BillingThis, ctx: CdssContext<{ id: number }>) {
        const bill = await this.scopedFindOne(ctx, ctx.params.id);
        const patient = await ctx.call<{ name: string; patient_id: string } | null, object>('patients.self', {});
        if (!patient) throw new MoleculerClientError('연결된 환자 기록이 없습니다 (no linked chart)', 404, 'NO_LINKED_CHART');
        return this.receipt(ctx, bill, patient);
      },
    },

    /** Money received per KST day, for the front desk dashboard and statistics (no patient data). */
    daySummary: {
      permission: 'internal',
      visibility: 'public',
      params: { from: DATE, to: DATE },
      async handler(this: BillingThis, ctx: CdssContext<{ from: string; to: string }>) {
        const { from, to } = ctx.params;
        if (!isCalendarDate(from)) invalidField('from', '날짜가 올바르지 않습니다 (invalid date)');
        if (!isCalendarDate(to)) invalidField('to', '날짜가 올바르지 않습니다 (invalid date)');
        const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
        if (days < 1 || days > MAX_RANGE_DAYS) invalidField('to', `기간은 1~${MAX_RANGE_DAYS}일입니다 (range of 1 to ${MAX_RANGE_DAYS} days)`);
        return paymentsPerDay(this.db().models, from, to);
      },
    },
  },

  methods: {
    /**
     * 진료기간: as given; otherwise the visit day for outpatient care, and for a stay the current
     * admission (patient-status) to its discharge or today. Dates must be real, ordered, not ahead.
     */
    async servicePeriod(this: BillingThis, ctx: CdssContext, params: NewBillParams, visitDay?: string): Promise<{ from: string; to: string }> {
      const today = kstDateOf(new Date());
      let { serviceFrom: from, serviceTo: to } = params;
      if (!from && params.careSetting === 'INPATIENT') {
        const status = await ctx.call<{ current: { status: string; admission_date: string | null; discharge_date: string | null } | null }, object>(
          'patient-status.history', { patientId: params.patientId, page: 1, pageSize: 1 });
        const stay = status.current?.admission_date ? status.current : null;
        if (stay) {
          from = kstDateOf(new Date(stay.admission_date!));
          to ??= stay.discharge_date ? kstDateOf(new Date(stay.discharge_date)) : today;
        }
      }
      from ??= to ?? visitDay ?? today;
      to ??= params.careSetting === 'INPATIENT' ? today : from;
      for (const [field, value] of [['serviceFrom', from], ['serviceTo', to]] as const) {
        if (!isCalendarDate(value)) invalidField(field, '날짜가 올바르지 않습니다 (invalid date)');
      }
      if (to < from) invalidField('serviceTo', '진료기간의 끝이 시작보다 빠릅니다 (serviceTo before serviceFrom)');
      if (to > today && !visitDay) invalidField('serviceTo', '진료기간이 오늘 이후입니다 (service period in the future)');
      return { from, to };
    },

    /** A bill row with its lines and its payment ledger (oldest first). */
    async detail(this: BillingThis, bill: Record<string, unknown>): Promise<BillDetail> {
      const { models } = this.db();
      const id = Number(bill.id);
      const [items, payments] = await Promise.all([
        models.BillItem.findAll({ where: { bill_id: id }, order: [['id', 'ASC']] }),
        models.Payment.findAll({ where: { bill_id: id }, order: [['created_at', 'ASC'], ['id', 'ASC']] }),
      ]);
      return {
        ...(bill as unknown as BillAttributes),
        items: items.map((i) => i.get({ plain: true })),
        payments: payments.map((p) => p.get({ plain: true })),
      };
    },

    /** The receipt PDF of a bill already read in scope, as a download. */
    async receipt(this: BillingThis, ctx: CdssContext, bill: Record<string, unknown>, patient: { name: string; patient_id: string }) {
      refuseCancelled(bill);
      const full = await this.detail(bill);
      const bytes = await renderReceipt({
        bill: { ...full, created_at: new Date(full.created_at) }, items: full.items, payments: full.payments,
        patient: { name: patient.name, patientNumber: patient.patient_id }, issuedAt: new Date(),
      });
      return answerAsPdf(ctx, `receipt-${full.bill_number ?? full.id}.pdf`, bytes);
    },

    /** Runs `work` and writes its audit row: success, or denied/error with the reason. */
    async withAudit(this: BillingThis, ctx, facts, work) {
      try {
        const result = await work();
        await this.auditAccess(ctx, { ...facts, outcome: 'success' });
        return result;
      } catch (err) {
        await this.auditAccess(ctx, {
          ...facts, outcome: err instanceof MoleculerClientError ? 'denied' : 'error', description: String((err as Error).message).slice(0, 500),
        });
        throw err;
      }
    },

    /**
     * The bill's money re-read under a row lock, so two payments on one bill take turns (MariaDB;
     * SQLite write transactions already do) and each sees what the other took.
     */
    async lockedMoney(this: BillingThis, id: number, transaction: Transaction) {
      const bill = await this.db().models.Bill.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!bill) throw new MoleculerClientError(`Bill ${id}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
      return bill;
    },
  },
};

export default BillingService;
