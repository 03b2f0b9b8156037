import * as Y from 'yjs';
import { Errors } from 'moleculer';
import { UniqueConstraintError } from 'sequelize';
import { dialectOf } from '../../models/database.js';
import { placeholders, rowPlaceholders, withWriteConnection, type WriteSession } from '../../models/driver.js';
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

type Outcome = { version: number; pending: number } | Error;


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
   * Stores one update; resolves once it is committed. Appends arriving while a write is under way
   * wait and are written together in the next transaction (group commit): one transaction per
   * round instead of one per keystroke, which is what lets many documents be typed in at once
   * (bench/collab.ts). Each append is still refused or stored on its own terms: 423 when locked,
   * 413 when the stored size would pass `maxDocBytes`. Answers the new version and how many
   * updates wait for compaction.
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
          const outcomes = await withWriteConnection(this.database.sequelize, (session) => this.writeRound(round, session));
          round.forEach((item, n) => { const o = outcomes[n]!; if (o instanceof Error) item.reject(o); else item.resolve(o); });
        } catch (err) {
          for (const item of round) item.reject(err as Error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * One round in four statements whatever its size (this is the hot path of live editing, so it
   * runs on the driver, not the models): the documents' counters read and locked, every accepted
   * update inserted, the counters written back, the authors' counts bumped.
   */
  private async writeRound(round: PendingAppend[], session: WriteSession): Promise<Outcome[]> {
    const names = [...new Set(round.map((a) => a.name))];
    // FOR UPDATE makes a concurrent compaction wait for this round (SQLite's BEGIN IMMEDIATE already does).
    const forUpdate = dialectOf(this.database.sequelize) === 'sqlite' ? '' : ' FOR UPDATE';
    const found = await session.all(
      `SELECT id, name, version, pending_updates, pending_bytes, snapshot_bytes, locked FROM collab_document WHERE name IN (${placeholders(names.length)})${forUpdate}`,
      names,
    );
    const docs = new Map(found.map((row) => [String(row.name), {
      id: Number(row.id), version: Number(row.version), pending: Number(row.pending_updates), pendingBytes: Number(row.pending_bytes),
      snapshotBytes: Number(row.snapshot_bytes), locked: Boolean(Number(row.locked)), changed: false,
    }]));
    const now = session.date(new Date());
    const updateRows: unknown[][] = [];
    const contributions = new Map<string, { documentId: number; userId: number; updates: number; bytes: number }>();
    const outcomes = round.map((item): Outcome => {
      const doc = docs.get(item.name);
      if (!doc) return new MoleculerClientError(`공동 편집 문서 '${item.name}'이(가) 없습니다 (no such document)`, 404, 'NOT_FOUND');
      if (doc.locked) return new MoleculerClientError('확정된 문서는 편집할 수 없습니다 (document is locked)', 423, 'LOCKED');
      if (doc.snapshotBytes + doc.pendingBytes + item.update.byteLength > item.maxDocBytes) {
        return new MoleculerClientError('문서 크기 제한 초과 (document too large)', 413, 'DOCUMENT_TOO_LARGE', { maxDocBytes: item.maxDocBytes });
      }
      doc.version++; doc.pending++; doc.pendingBytes += item.update.byteLength; doc.changed = true;
      updateRows.push([doc.id, item.userId, Buffer.from(item.update.buffer, item.update.byteOffset, item.update.byteLength), item.update.byteLength, now]);
      const key = `${doc.id}:${item.userId}`;
      const c = contributions.get(key) ?? { documentId: doc.id, userId: item.userId, updates: 0, bytes: 0 };
      c.updates++; c.bytes += item.update.byteLength;
      contributions.set(key, c);
      return { version: doc.version, pending: doc.pending };
    });
    if (!updateRows.length) return outcomes;
    await session.run(`INSERT INTO collab_update (document_id, user_id, payload, bytes, created_at) VALUES ${rowPlaceholders(updateRows.length, 5)}`, updateRows.flat());
    const changed = [...docs.values()].filter((d) => d.changed);
    const caseOf = (pick: (d: (typeof changed)[number]) => number) => ({
      sql: `CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END`, params: changed.flatMap((d) => [d.id, pick(d)]),
    });
    const [version, pending, bytes] = [caseOf((d) => d.version), caseOf((d) => d.pending), caseOf((d) => d.pendingBytes)];
    await session.run(
      `UPDATE collab_document SET version = ${version.sql}, pending_updates = ${pending.sql}, pending_bytes = ${bytes.sql}, updated_at = ? WHERE id IN (${placeholders(changed.length)})`,
      [...version.params, ...pending.params, ...bytes.params, now, ...changed.map((d) => d.id)],
    );
    // The counts are bumped in place, never read-modify-written: two nodes may count one author.
    const upsert = dialectOf(this.database.sequelize) === 'sqlite'
      ? ' ON CONFLICT(document_id, user_id) DO UPDATE SET updates = updates + excluded.updates, bytes = bytes + excluded.bytes, last_at = excluded.last_at'
      : ' ON DUPLICATE KEY UPDATE updates = updates + VALUES(updates), bytes = bytes + VALUES(bytes), last_at = VALUES(last_at)';
    const counted = [...contributions.values()];
    await session.run(
      `INSERT INTO collab_contributor (document_id, user_id, updates, bytes, first_at, last_at) VALUES ${rowPlaceholders(counted.length, 6)}${upsert}`,
      counted.flatMap((c) => [c.documentId, c.userId, c.updates, c.bytes, now, now]),
    );
    return outcomes;
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
}
