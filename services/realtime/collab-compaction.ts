import * as Y from 'yjs';
import type { Sequelize } from 'sequelize';
import { dialectOf } from '../../models/database.js';
import { placeholders, selectRows, withWriteConnection } from '../../models/driver.js';

/** Updates folded into the snapshot per compaction at most (a backlog takes several turns). */
const MAX_UPDATES_PER_COMPACTION = 2000;


/** A merge made outside the write: the snapshot it produced and the rows it folded in. */
export interface CompactionPlan {
  documentId: number;
  snapshot: Uint8Array;
  updateIds: number[];
  updateBytes: number;
}

/** Applies Yjs updates to a fresh document and encodes it: deleted content is dropped. */
function merged(updates: (Buffer | null)[]): Uint8Array {
  const ydoc = new Y.Doc();
  try {
    for (const update of updates) if (update) Y.applyUpdate(ydoc, new Uint8Array(update));
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/**
 * Folds a document's appended updates into its snapshot (garbage-collected through a Y.Doc), one
 * document at a time per node. The merge, the expensive part, runs outside any transaction; the
 * write that follows only swaps the snapshot and deletes the rows it merged, so typing into the
 * other documents never waits behind a merge (bench/collab.ts showed 50 documents compacting at
 * once as fan-out spikes). Updates appended meanwhile stay pending for the next turn.
 */
export class CollabCompactor {
  private readonly waiting = new Set<string>();
  private running: Promise<void> | null = null;

  constructor(private readonly sequelize: Sequelize, private readonly onError: (name: string, err: Error) => void) {}

  /** Queues a document (once, however often asked) and answers at once. */
  request(name: string): void {
    this.waiting.add(name);
    this.running ??= this.work().finally(() => { this.running = null; });
  }

  /** Resolves when nothing is queued or running (a node stopping waits for it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async work(): Promise<void> {
    for (const name of this.waiting) {
      this.waiting.delete(name);
      await this.compact(name).catch((err: Error) => this.onError(name, err));
    }
  }

  /** One compaction now; answers whether it wrote (false: nothing pending, or another node compacted first). */
  async compact(name: string): Promise<boolean> {
    const plan = await this.prepare(name);
    return plan ? this.commit(plan) : false;
  }

  /** Reads the snapshot and the pending updates and merges them, outside any transaction. */
  async prepare(name: string): Promise<CompactionPlan | null> {
    const [doc] = await selectRows(this.sequelize, 'SELECT id, snapshot FROM collab_document WHERE name = ?', [name]);
    if (!doc) return null;
    const rows = await selectRows(this.sequelize,
      `SELECT id, payload, bytes FROM collab_update WHERE document_id = ? ORDER BY id LIMIT ${MAX_UPDATES_PER_COMPACTION}`, [doc.id]);
    if (!rows.length) return null;
    return {
      documentId: Number(doc.id),
      snapshot: merged([doc.snapshot as Buffer | null, ...rows.map((row) => row.payload as Buffer)]),
      // Deleted by id, never by range: on MariaDB a lower id can commit after a higher one was read.
      updateIds: rows.map((row) => Number(row.id)),
      updateBytes: rows.reduce((sum, row) => sum + Number(row.bytes), 0),
    };
  }

  /** Swaps in the merged snapshot unless another compaction got there first; answers whether it did. */
  commit(plan: CompactionPlan): Promise<boolean> {
    const { documentId, snapshot, updateIds: ids, updateBytes } = plan;
    const forUpdate = dialectOf(this.sequelize) === 'sqlite' ? '' : ' FOR UPDATE';
    return withWriteConnection(this.sequelize, async (session) => {
      await session.all(`SELECT id FROM collab_document WHERE id = ?${forUpdate}`, [documentId]);
      // Every compaction deletes the rows it merged: if one of ours is gone, another one has
      // replaced the snapshot since we read it, and ours would drop its work.
      const [{ n }] = await session.all(`SELECT COUNT(*) AS n FROM collab_update WHERE id IN (${placeholders(ids.length)})`, ids) as [{ n: unknown }];
      if (Number(n) !== ids.length) return false;
      await session.run(
        'UPDATE collab_document SET snapshot = ?, snapshot_bytes = ?, pending_updates = pending_updates - ?, pending_bytes = pending_bytes - ?, updated_at = ? WHERE id = ?',
        [Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), snapshot.byteLength, ids.length, updateBytes, session.date(new Date()), documentId],
      );
      await session.run(`DELETE FROM collab_update WHERE id IN (${placeholders(ids.length)})`, ids);
      return true;
    });
  }
}
