import * as Y from 'yjs';
import { Errors } from 'moleculer';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { dialectOf, writeTransaction } from '../../models/database.js';
import type { CollabDocument } from '../../models/collab.js';
import type { Database } from '../runtime.js';

const { MoleculerClientError } = Errors;

/** Appends written together in one transaction at most (a burst beyond waits for the next round). */
const MAX_APPENDS_PER_ROUND = 500;

interface PendingAppend {
  name: string;
  update: Uint8Array;
  userId: number;
  maxDocBytes: number;
  resolve(outcome: { version: number; pending: number }): void;
  reject(err: Error): void;
}

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
  /**
   * Stores one update; resolves once it is committed. Appends arriving while a write is under way
   * wait and are written together in the next transaction (group commit): one transaction per
   * round instead of one per keystroke, which is what lets many documents be typed in at once
   * (bench/collab.ts). Each append is still refused or stored on its own terms.
   */
  append(name: string, update: Uint8Array, userId: number, maxDocBytes: number): Promise<{ version: number; pending: number }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ name, update, userId, maxDocBytes, resolve, reject });
      if (!this.writing) void this.writeRounds();
    });
  }

  private waiting: PendingAppend[] = [];
  private writing = false;

  private async writeRounds(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) {
        const round = this.waiting.splice(0, MAX_APPENDS_PER_ROUND);
        try {
          const outcomes = await writeTransaction(this.database.sequelize, (transaction) => this.writeRound(round, transaction));
          round.forEach((item, n) => { const o = outcomes[n]!; if (o instanceof Error) item.reject(o); else item.resolve(o); });
        } catch (err) {
          for (const item of round) item.reject(err as Error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** One round: per document, the counters once and every accepted update; answers each append's outcome. */
  private async writeRound(round: PendingAppend[], transaction: Transaction): Promise<({ version: number; pending: number } | Error)[]> {
    const { CollabDocument, CollabUpdate } = this.models;
    const outcomes: ({ version: number; pending: number } | Error)[] = new Array(round.length);
    const rows: { document_id: number; user_id: number; payload: Buffer; bytes: number }[] = [];
    const contributions = new Map<string, { documentId: number; userId: number; updates: number; bytes: number }>();
    for (const name of new Set(round.map((a) => a.name))) {
      // Counters first: the row lock (MariaDB) makes a concurrent compaction wait for this round.
      const doc = await CollabDocument.findOne({ where: { name }, attributes: { exclude: ['snapshot'] }, transaction, lock: transaction.LOCK.UPDATE });
      let { version, pending_updates: pending, pending_bytes: pendingBytes } = doc ?? { version: 0, pending_updates: 0, pending_bytes: 0 };
      round.forEach((item, n) => {
        if (item.name !== name) return;
        if (!doc) outcomes[n] = new MoleculerClientError(`공동 편집 문서 '${name}'이(가) 없습니다 (no such document)`, 404, 'NOT_FOUND');
        else if (doc.locked) outcomes[n] = new MoleculerClientError('확정된 문서는 편집할 수 없습니다 (document is locked)', 423, 'LOCKED');
        else if (doc.snapshot_bytes + pendingBytes + item.update.byteLength > item.maxDocBytes) {
          outcomes[n] = new MoleculerClientError('문서 크기 제한 초과 (document too large)', 413, 'DOCUMENT_TOO_LARGE', { maxDocBytes: item.maxDocBytes });
        } else {
          version++; pending++; pendingBytes += item.update.byteLength;
          outcomes[n] = { version, pending };
          rows.push({ document_id: doc.id, user_id: item.userId, payload: Buffer.from(item.update), bytes: item.update.byteLength });
          const key = `${doc.id}:${item.userId}`;
          const c = contributions.get(key) ?? { documentId: doc.id, userId: item.userId, updates: 0, bytes: 0 };
          c.updates++; c.bytes += item.update.byteLength;
          contributions.set(key, c);
        }
      });
      if (doc && version !== doc.version) await doc.update({ version, pending_updates: pending, pending_bytes: pendingBytes }, { transaction });
    }
    if (rows.length) await CollabUpdate.bulkCreate(rows, { transaction });
    for (const c of contributions.values()) await this.countContribution(c.documentId, c.userId, c.updates, c.bytes, transaction);
    return outcomes;
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
  private async countContribution(documentId: number, userId: number, updates: number, bytes: number, transaction: Transaction): Promise<void> {
    const now = new Date();
    const sql = dialectOf(this.database.sequelize) === 'sqlite'
      ? 'INSERT INTO collab_contributor (document_id, user_id, updates, bytes, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)'
        + ' ON CONFLICT(document_id, user_id) DO UPDATE SET updates = updates + excluded.updates, bytes = bytes + excluded.bytes, last_at = excluded.last_at'
      : 'INSERT INTO collab_contributor (document_id, user_id, updates, bytes, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)'
        + ' ON DUPLICATE KEY UPDATE updates = updates + VALUES(updates), bytes = bytes + VALUES(bytes), last_at = VALUES(last_at)';
    await this.database.sequelize.query(sql, { replacements: [documentId, userId, updates, bytes, now, now], transaction });
  }
}
