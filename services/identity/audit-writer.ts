import { chainHash } from '../../lib/security/hash-chain.js';
import type { AuditEntry } from '../../mixins/audit.js';
import type { Database } from '../runtime.js';
import { rowPlaceholders, withWriteConnection } from '../../models/driver.js';
import { dialectOf } from '../../models/database.js';

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: Error) => void;
}

const COLUMNS = [
  'user_id', 'realm', 'role', 'action_type', 'resource_type', 'resource_id', 'patient_id', 'outcome', 'break_glass',
  'reason', 'description', 'ip_address', 'request_id', 'prev_hash', 'hash', 'created_at',
];
const INSERT_PREFIX = `INSERT INTO activity_log (${COLUMNS.join(', ')}) VALUES `;

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

  /** One transaction: lock the head, chain and insert the rows in one statement, move the head. */
  private async writeBatch(entries: AuditEntry[]): Promise<void> {
    await withWriteConnection(this.db.sequelize, async (session) => {
      // FOR UPDATE locks the head on MySQL; SQLite's BEGIN IMMEDIATE already holds the file lock.
      const forUpdate = dialectOf(this.db.sequelize) === 'sqlite' ? '' : ' FOR UPDATE';
      const [head] = await session.all(`SELECT last_hash FROM audit_chain_head WHERE id = 1${forUpdate}`);
      if (!head) throw new Error('audit_chain_head row 1 is missing: the audit chain cannot be extended');
      let previous = String(head.last_hash);
      const values: unknown[] = [];
      for (const entry of entries) {
        const createdAt = new Date();
        const hash = chainHash(previous, { ...entry, createdAt: createdAt.toISOString() });
        values.push(entry.userId, entry.realm, entry.role, entry.actionType, entry.resourceType, entry.resourceId,
          entry.patientId, entry.outcome, entry.breakGlass ? 1 : 0, entry.reason, entry.description, entry.ipAddress,
          entry.requestId, previous, hash, session.date(createdAt));
        previous = hash;
      }
      const inserted = await session.run(INSERT_PREFIX + rowPlaceholders(entries.length, COLUMNS.length), values);
      // The head lock serializes every writer, so one statement's ids are consecutive.
      await session.run('UPDATE audit_chain_head SET last_hash = ?, last_id = ? WHERE id = 1', [previous, inserted.lastId]);
    });
  }
}
