import type { AuditAction, AuditOutcome } from '../lib/constants.js';
import type { CdssContext } from '../services/context.js';

/** One audit event as services report it; the audit actor adds time and the hash chain. */
export interface AuditEntry {
  userId: string | null;
  realm: string | null;
  role: string | null;
  actionType: AuditAction;
  resourceType: string;
  resourceId: string | null;
  patientId: number | null;
  outcome: AuditOutcome;
  breakGlass: boolean;
  reason: string | null;
  description: string | null;
  ipAddress: string | null;
  requestId: string | null;
}

export type AuditFacts = Pick<AuditEntry, 'actionType' | 'resourceType' | 'outcome'> & Partial<AuditEntry>;

/** Fills who/where from the call's meta; the facts say what happened. */
export function auditEntryFrom(ctx: CdssContext, facts: AuditFacts): AuditEntry {
  const user = ctx.meta.user;
  return {
    userId: user ? String(user.id) : null,
    realm: user?.realm ?? null,
    role: user?.role ?? null,
    resourceId: null,
    patientId: null,
    breakGlass: false,
    reason: null,
    description: null,
    ipAddress: ctx.meta.ip ?? null,
    requestId: ctx.meta.requestId ?? ctx.requestID ?? null,
    ...facts,
  };
}

/** Writes the audit row and waits until it is durable (the audit actor group-commits). */
export async function audit(ctx: CdssContext, facts: AuditFacts): Promise<void> {
  await ctx.call('audit.record', auditEntryFrom(ctx, facts));
}
