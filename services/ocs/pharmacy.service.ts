import type { Service, ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { OcsOrderAttributes } from '../../models/ocs-order.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { CdssContext } from '../context.js';

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const note = { type: 'string', max: 500, optional: true } as const;

/** Which prescription orders the worklist shows: still to dispense (대기중), being dispensed (조제중), or finished today's. */
const WORKLIST_STATUSES = { open: 'PENDING,IN_PROGRESS', pending: 'PENDING', dispensing: 'IN_PROGRESS', done: 'COMPLETED' } as const;

/**
 * The pharmacy (seed §13.4: 처방전 → 약국 시스템 → 조제중 → 조제완료). It owns no tables: the external
 * dispensing system signs in with the pharmacy service account and drives prescription orders
 * through OCS. Each step notifies the ordering doctor.
 */
const PharmacyService: ServiceSchema<ServiceSettingSchema, Service> = {
  name: 'pharmacy',
  mixins: [RbacMixin],
  settings: { rest: '/pharmacy' },

  actions: {
    worklist: {
      rest: 'GET /worklist',
      permission: 'pharmacy.dispense',
      summary: '조제 작업목록 (응급 우선; show=open|pending|dispensing|done) / dispensing worklist, STAT first',
      params: { show: { type: 'enum', values: Object.keys(WORKLIST_STATUSES), optional: true }, ...pagingParams },
      async handler(ctx: CdssContext<{ show?: keyof typeof WORKLIST_STATUSES } & PagingParams>) {
        const { show = 'open', page, pageSize } = ctx.params;
        const orders = await ctx.call<Page<OcsOrderAttributes>, object>('ocs.list', {
          type: 'PRESCRIPTION', status: WORKLIST_STATUSES[show], sort: show === 'done' ? 'newest' : 'worklist', page, pageSize,
        });
        return { ...orders, items: await withPatients(ctx, orders.items) };
      },
    },

    start: {
      rest: 'POST /orders/:id/start',
      permission: 'pharmacy.dispense',
      summary: '조제 시작 (대기중 → 조제중) / start dispensing a prescription order',
      params: { id, note, $$strict: true },
      async handler(ctx: CdssContext<{ id: number; note?: string }>) {
        return ctx.call('ocs.transition', { id: ctx.params.id, orderType: 'PRESCRIPTION', to: 'IN_PROGRESS', note: ctx.params.note ?? '조제 시작' });
      },
    },

    complete: {
      rest: 'POST /orders/:id/complete',
      permission: 'pharmacy.dispense',
      summary: '조제 완료 (조제중 → 조제완료, 처방의에게 알림) / finish dispensing; the ordering doctor is notified',
      params: { id, note, $$strict: true },
      async handler(ctx: CdssContext<{ id: number; note?: string }>) {
        return ctx.call('ocs.transition', {
          id: ctx.params.id, orderType: 'PRESCRIPTION', to: 'COMPLETED', note: ctx.params.note ?? '조제 완료', resultSummary: '조제완료',
        });
      },
    },
  },
};

/** Labels each order with its patient's name and chart number (one scoped, audited lookup). */
async function withPatients(ctx: CdssContext, orders: OcsOrderAttributes[]) {
  if (orders.length === 0) return [];
  const labels = await ctx.call<PatientLabel[], object>('patients.labels', { ids: orders.map((o) => o.patient_id) });
  const byId = new Map(labels.map((p) => [p.id, p]));
  return orders.map((order) => ({ ...order, patient: byId.get(order.patient_id) ?? null }));
}

export default PharmacyService;
