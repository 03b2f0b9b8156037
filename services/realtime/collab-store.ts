import * as Y from 'yjs';
import { Errors } from 'moleculer';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { dialectOf, writeTransaction } from '../../models/database.js';
import type { CollabDocument } from '../../models/collab.js';
import type { Database } from '../runtime.js';

const { MoleculerClientError } = Errors;

export interface StoredState {
  /** Snapshot and pending updates merged into one Yjs update. */
  state: Uint8Array;
  version: number;
  locked: boolean;
  initialized: boolean;
}

/**
 * Persistence of collaborative documents: append-only updates, compacted into a snapshot. Every
 * function here is one transaction, so an update is either stored with its counters and author
 * or not at all.
 */
export class CollabStore {
  constructor(private readonly database: Database) {}

  private get models() {
    return this.database.models;
  }

  /** The document row, created on first use (two nodes racing to create it both end up with the one row). */
  async ensure(name: string): Promise<CollabDocument> {
    const existing = await this.models.CollabDocument.findOne({ where: { name }, attributes: { exclude: ['snapshot'] } });
    if (existing) return existing;
    try {
      return await this.models.CollabDocument.create({ name });
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      return (await this.models.CollabDocument.findOne({ where: { name }, attributes: { exclude: ['snapshot'] } }))!;
    }
  }

  async load(name: string): Promise<StoredState> {
    const doc = await this.models.CollabDocument.findOne({ where: { name } });
    if (!doc) return { state: Y.encodeStateAsUpdate(new Y.Doc()), version: 0, locked: false, initialized: false };
    const updates = await this.models.CollabUpdate.findAll({ where: { document_id: doc.id }, order: [['id', 'ASC']], attributes: ['payload'] });
    const parts = [...(doc.snapshot ? [doc.snapshot] : []), ...updates.map((u) => u.payload)].map((b) => new Uint8Array(b));
    const state = parts.length ? Y.mergeUpdates(parts) : Y.encodeStateAsUpdate(new Y.Doc());
    return { state, version: doc.version, locked: doc.locked, initialized: doc.initialized };
  }

  /**
   * Writes a type's initial content unless another node did first (a conditional update, so two
   * initial contents are never merged into a doubled text). Answers whether this one won.
   */
  async initialize(name: string, state: Uint8Array): Promise<boolean> {
    const [changed] = await this.models.CollabDocument.update(
      { snapshot: Buffer.from(state), snapshot_bytes: state.byteLength, initialized: true },
      { where: { name, initialized: false } },
    );
    return changed > 0;
  }

  /**
   * Appends one update by `userId`; answers the new version and how many updates wait for
   * compaction. Refused when locked (423) or when the stored size would pass `maxDocBytes` (413).
   */
  async append(name: string, update: Uint8Array, userId: number, maxDocBytes: number): Promise<{ version: number; pending: number }> {
    const { CollabDocument, CollabUpdate } = this.models;
    return writeTransaction(this.database.sequelize, async (transaction) => {
      // Counters first: the row lock (MariaDB) makes a concurrent compaction wait for this append.
      const doc = await CollabDocument.findOne({ where: { name }, attributes: { exclude: ['snapshot'] }, transaction, lock: transaction.LOCK.UPDATE });
      if (!doc) throw new MoleculerClientError(`공동 편집 문서 '${name}'이(가) 없습니다 (no such document)`, 404, 'NOT_FOUND');
      if (doc.locked) throw new MoleculerClientError('확정된 문서는 편집할 수 없습니다 (document is locked)', 423, 'LOCKED');
      if (doc.snapshot_bytes + doc.pending_bytes + update.byteLength > maxDocBytes) {
        throw new MoleculerClientError('문서 크기 제한 초과 (document too large)', 413, 'DOCUMENT_TOO_LARGE', { maxDocBytes });
      }
      await doc.update({ version: doc.version + 1, pending_updates: doc.pending_updates + 1, pending_bytes: doc.pending_bytes + update.byteLength }, { transaction });
      await CollabUpdate.create({ document_id: doc.id, user_id: userId, payload: Buffer.from(update), bytes: update.byteLength }, { transaction });
      await this.countContribution(doc.id, userId, update.byteLength, transaction);
      return { version: doc.version, pending: doc.pending_updates };
    });
  }

  /** Merges the pending updates into the snapshot (garbage-collected through a Y.Doc) and deletes them. */
  async compact(name: string): Promise<void> {
    const { CollabDocument, CollabUpdate } = this.models;
    await writeTransaction(this.database.sequelize, async (transaction) => {
      const doc = await CollabDocument.findOne({ where: { name }, transaction, lock: transaction.LOCK.UPDATE });
      if (!doc || doc.pending_updates === 0) return;
      const updates = await CollabUpdate.findAll({ where: { document_id: doc.id }, order: [['id', 'ASC']], attributes: ['id', 'payload'], transaction });
      const ydoc = new Y.Doc();
      if (doc.snapshot) Y.applyUpdate(ydoc, new Uint8Array(doc.snapshot));
      for (const u of updates) Y.applyUpdate(ydoc, new Uint8Array(u.payload));
      const snapshot = Y.encodeStateAsUpdate(ydoc);
      ydoc.destroy();
      await doc.update({ snapshot: Buffer.from(snapshot), snapshot_bytes: snapshot.byteLength, pending_updates: 0, pending_bytes: 0 }, { transaction });
      if (updates.length) await CollabUpdate.destroy({ where: { document_id: doc.id, id: updates.map((u) => u.id) }, transaction });
    });
  }

  async setLocked(name: string, locked: boolean, userId: number | null): Promise<void> {
    const doc = await this.ensure(name);
    await doc.update({ locked, locked_by_id: locked ? userId : null, locked_at: locked ? new Date() : null });
  }

  async contributors(name: string): Promise<{ userId: number; updates: number; bytes: number; firstAt: Date; lastAt: Date }[]> {
    const doc = await this.models.CollabDocument.findOne({ where: { name }, attributes: ['id'] });
    if (!doc) return [];
    const rows = await this.models.CollabContributor.findAll({ where: { document_id: doc.id }, order: [['updates', 'DESC'], ['user_id', 'ASC']] });
    return rows.map((r) => ({ userId: r.user_id, updates: r.updates, bytes: r.bytes, firstAt: r.first_at, lastAt: r.last_at }));
  }

  /** One upsert per dialect: the count is bumped in place, never read-modify-written. */
  private async countContribution(documentId: number, userId: number, bytes: number, transaction: Transaction): Promise<void> {
    const now = new Date();
    const sql = dialectOf(this.database.sequelize) === 'sqlite'
      ? 'INSERT INTO collab_contributor (document_id, user_id, updates, bytes, first_at, last_at) VALUES (?, ?, 1, ?, ?, ?)'
        + ' ON CONFLICT(document_id, user_id) DO UPDATE SET updates = updates + 1, bytes = bytes + excluded.bytes, last_at = excluded.last_at'
      : 'INSERT INTO collab_contributor (document_id, user_id, updates, bytes, first_at, last_at) VALUES (?, ?, 1, ?, ?, ?)'
        + ' ON DUPLICATE KEY UPDATE updates = updates + 1, bytes = bytes + VALUES(bytes), last_at = VALUES(last_at)';
    await this.database.sequelize.query(sql, { replacements: [documentId, userId, bytes, now, now], transaction });
  }
}
