import { chainHash } from '../../lib/security/hash-chain.js';
import type { AuditEntry } from '../../mixins/audit.js';
import type { Database } from '../runtime.js';
import { dialectOf, writeTransaction } from '../../models/database.js';

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Group commit for the hash-chained audit log. Callers wait until their row is durable, but rows
 * that arrive while a batch is being written go together in the next transaction, so audit costs
 * one commit per batch rather than one per request. The chain head row is locked for the
 * transaction, which orders writers across cluster nodes.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly db: Database, private readonly maxBatch = 500) {}

  write(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.flushing ??= this.drain();
    });
  }

  /** Resolves when everything queued so far is written. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async drain(): Promise<void> {
    // Yield once so that calls arriving in the same tick join the first batch.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.writeBatch(batch.map((p) => p.entry));
          batch.forEach((p) => p.resolve());
        } catch (err) {
          batch.forEach((p) => p.reject(err as Error));
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async writeBatch(entries: AuditEntry[]): Promise<void> {
    const { sequelize, models } = this.db;
    const sqlite = dialectOf(sequelize) === 'sqlite';
    // SQLite: the write transaction holds the file lock; MySQL: the head row is locked below.
    await writeTransaction(sequelize,
      async (transaction) => {
        // Migration 0001 creates the head row, so every writer finds one row to lock.
        const head = await models.AuditChainHead.findByPk(1, { transaction, lock: sqlite ? undefined : transaction.LOCK.UPDATE });
        if (!head) throw new Error('audit_chain_head row 1 is missing: the audit chain cannot be extended');
        let previous = head.last_hash;
        const rows = entries.map((entry) => {
          const createdAt = new Date();
          const hash = chainHash(previous, { ...entry, createdAt: createdAt.toISOString() });
          const row = {
            user_id: entry.userId, realm: entry.realm, role: entry.role, action_type: entry.actionType,
            resource_type: entry.resourceType, resource_id: entry.resourceId, patient_id: entry.patientId,
            outcome: entry.outcome, break_glass: entry.breakGlass, reason: entry.reason,
            description: entry.description, ip_address: entry.ipAddress, request_id: entry.requestId,
            prev_hash: previous, hash, created_at: createdAt,
          };
          previous = hash;
          return row;
        });
        const created = await models.ActivityLog.bulkCreate(rows, { transaction, returning: false });
        await head.update({ last_hash: previous, last_id: created.at(-1)?.id ?? head.last_id }, { transaction });
      },
    );
  }
}
