import { createHash } from 'node:crypto';

/** The audit fields that the chain protects, in a fixed order. */
export interface ChainedFields {
  createdAt: string;
  userId: string | null;
  realm: string | null;
  role: string | null;
  actionType: string;
  resourceType: string;
  resourceId: string | null;
  patientId: number | null;
  outcome: string;
  breakGlass: boolean;
  reason: string | null;
  description: string | null;
  ipAddress: string | null;
  requestId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * hash = SHA-256(previous hash ‖ canonical JSON of the row). Altering, deleting or reordering any
 * row changes every later hash, so `verifyChain` finds the first tampered row.
 */
export function chainHash(previousHash: string, fields: ChainedFields): string {
  const canonical = JSON.stringify([
    fields.createdAt, fields.userId, fields.realm, fields.role, fields.actionType, fields.resourceType,
    fields.resourceId, fields.patientId, fields.outcome, fields.breakGlass, fields.reason,
    fields.description, fields.ipAddress, fields.requestId,
  ]);
  return createHash('sha256').update(previousHash).update(canonical).digest('hex');
}

export interface ChainRow extends ChainedFields {
  id: number;
  prevHash: string;
  hash: string;
}

export type ChainVerdict = { ok: true; checked: number; lastHash: string } | { ok: false; checked: number; brokenAt: number; why: string };

/**
 * Checks rows in id order, continuing from `startHash` (the genesis hash for the first page).
 * Call it page by page with the previous page's `lastHash` to verify a chain of any length.
 */
export function verifyChain(rows: ChainRow[], startHash = GENESIS_HASH): ChainVerdict {
  let previous = startHash;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.prevHash !== previous) return { ok: false, checked: i, brokenAt: row.id, why: 'previous hash does not match the row before it' };
    if (chainHash(previous, row) !== row.hash) return { ok: false, checked: i, brokenAt: row.id, why: 'row content does not match its hash' };
    previous = row.hash;
  }
  return { ok: true, checked: rows.length, lastHash: previous };
}
