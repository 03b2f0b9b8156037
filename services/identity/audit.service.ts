import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { Op, type WhereOptions } from 'sequelize';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../lib/constants.js';
import { verifyChain, GENESIS_HASH, type ChainRow } from '../../lib/security/hash-chain.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { ActivityLog } from '../../models/activity-log.js';
import type { AuditEntry } from '../../mixins/audit.js';
import type { CdssContext } from '../context.js';
import { runtimeOf, type Database } from '../runtime.js';
import { AuditWriter } from './audit-writer.js';

export interface AuditListParams extends PagingParams {
  userId?: string;
  realm?: 'staff' | 'patient';
  patientId?: number;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  why?: string;
}

const VERIFY_PAGE = 2000;

function toChainRow(row: ActivityLog): ChainRow {
  return {
    id: row.id, prevHash: row.prev_hash, hash: row.hash, createdAt: new Date(row.created_at).toISOString(),
    userId: row.user_id, realm: row.realm, role: row.role, actionType: row.action_type, resourceType: row.resource_type,
    resourceId: row.resource_id, patientId: row.patient_id, outcome: row.outcome, breakGlass: Boolean(row.break_glass),
    reason: row.reason, description: row.description, ipAddress: row.ip_address, requestId: row.request_id,
  };
}

/** Walks the whole chain page by page; used by the API and by `npm run audit:verify`. */
export async function verifyAuditChain(db: Database): Promise<AuditVerifyResult> {
  // The head records where the chain ended when it was read: rows cut off the end are missing
  // from the walk but not from the head. Rows written after this read are left for the next check.
  const head = await db.models.AuditChainHead.findByPk(1);
  const endId = head?.last_id ?? 0;
  let lastId = 0;
  let lastHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.models.ActivityLog.findAll({
      where: { id: { [Op.gt]: lastId, [Op.lte]: endId } }, order: [['id', 'ASC']], limit: VERIFY_PAGE,
    });
    if (rows.length === 0) break;
    const verdict = verifyChain(rows.map(toChainRow), lastHash);
    if (!verdict.ok) return { ok: false, checked: checked + verdict.checked, brokenAt: verdict.brokenAt, why: verdict.why };
    checked += verdict.checked;
    lastHash = verdict.lastHash;
    lastId = rows[rows.length - 1].id;
  }
  if (head && (lastId !== head.last_id || lastHash !== head.last_hash)) {
    return { ok: false, checked, brokenAt: head.last_id, why: 'rows missing at the end of the chain (head does not match the last row)' };
  }
  return { ok: true, checked };
}

/** The audit actor: sole writer of the hash-chained activity log (seed §3.5.1). */
const AuditService: ServiceSchema<ServiceSettingSchema, AuditThis> = {
  name: 'audit',
  mixins: [RbacMixin],
  settings: { rest: '/audit' },

  actions: {
    record: {
      permission: 'internal',
      visibility: 'public',
      params: {
        userId: { type: 'string', nullable: true },
        realm: { type: 'string', nullable: true },
        role: { type: 'string', nullable: true },
        actionType: { type: 'enum', values: [...AUDIT_ACTIONS] },
        resourceType: { type: 'string', max: 64 },
        resourceId: { type: 'string', nullable: true, max: 64 },
        patientId: { type: 'number', nullable: true },
        outcome: { type: 'enum', values: [...AUDIT_OUTCOMES] },
        breakGlass: 'boolean',
        reason: { type: 'string', nullable: true, max: 500 },
        description: { type: 'string', nullable: true, max: 500 },
        ipAddress: { type: 'string', nullable: true, max: 64 },
        requestId: { type: 'string', nullable: true, max: 64 },
      },
      async handler(this: AuditThis, ctx: CdssContext<AuditEntry>) {
        await this.writer.write(ctx.params);
        return { ok: true };
      },
    },

    list: {
      rest: 'GET /',
      permission: 'audit.read',
      summary: '감사 로그 조회 / audit log, filtered by user (and realm), patient, outcome and date',
      params: {
        ...pagingParams,
        userId: { type: 'string', optional: true, max: 20 },
        realm: { type: 'enum', values: ['staff', 'patient'], optional: true },
        patientId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
        outcome: { type: 'enum', values: [...AUDIT_OUTCOMES], optional: true },
        from: { type: 'date', convert: true, optional: true },
        to: { type: 'date', convert: true, optional: true },
      },
      async handler(this: AuditThis, ctx: CdssContext<AuditListParams>) {
        const { page, pageSize, userId, realm, patientId, outcome, from, to } = ctx.params;
        const where: WhereOptions = {
          ...(userId ? { user_id: userId } : {}),
          ...(realm ? { realm } : {}),
          ...(patientId ? { patient_id: patientId } : {}),
          ...(outcome ? { outcome } : {}),
          ...(from || to ? { created_at: { ...(from ? { [Op.gte]: from } : {}), ...(to ? { [Op.lte]: to } : {}) } } : {}),
        };
        const { rows, count } = await this.db.models.ActivityLog.findAndCountAll({
          where, order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize,
        });
        return { items: rows.map((r) => r.get({ plain: true })), page, pageSize, total: count };
      },
    },

    verify: {
      rest: 'GET /verify',
      permission: 'audit.read',
      summary: '감사 로그 해시 체인 검증 / verify the audit hash chain',
      async handler(this: AuditThis): Promise<AuditVerifyResult> {
        await this.writer.idle();
        return verifyAuditChain(this.db);
      },
    },

    patientAccessLog: {
      permission: 'internal',
      visibility: 'public',
      params: { patientId: { type: 'number', integer: true }, ...pagingParams },
      async handler(this: AuditThis, ctx: CdssContext<{ patientId: number } & PagingParams>) {
        const { patientId, page, pageSize } = ctx.params;
        const { rows, count } = await this.db.models.ActivityLog.findAndCountAll({
          where: { patient_id: patientId, realm: 'staff', outcome: { [Op.ne]: 'error' } },
          order: [['id', 'DESC']],
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        return { items: rows.map((r) => r.get({ plain: true })), page, pageSize, total: count };
      },
    },

    ping: {
      permission: 'internal',
      visibility: 'public',
      async handler(this: AuditThis) {
        await this.db.sequelize.query('SELECT 1');
        return { ok: true };
      },
    },

    flush: {
      permission: 'internal',
      visibility: 'public',
      async handler(this: AuditThis) {
        await this.writer.idle();
        return { ok: true };
      },
    },
  },

  async started(this: AuditThis) {
    this.db = await runtimeOf(this.broker).database();
    this.writer = new AuditWriter(this.db);
  },

  async stopped(this: AuditThis) {
    await this.writer?.idle();
  },
};

type AuditThis = import('moleculer').Service & { db: Database; writer: AuditWriter };

export default AuditService;
