import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { TokenBucket } from './token-bucket.js';
import { applyCapturing, CLOSE, DENIED, decodeMessage, encodePermissionDenied, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type CloseReason } from './yjs-protocol.js';

export { CLOSE, type CloseReason } from './yjs-protocol.js';

/** One socket in a room: a transport and what its user may do. */
export interface CollabConnection {
  readonly userId: number;
  readonly sessionId: string;
  /** 'read': updates from this socket are dropped; it still syncs and shows presence. */
  readonly mode: 'edit' | 'read';
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface CollabLimits {
  /** Refuse an edit that would grow the stored document beyond this. */
  maxDocBytes: number;
  maxUpdateBytes: number;
  /** Token bucket per socket: sustained updates per second, and the burst allowed. */
  updatesPerSecond: number;
  updateBurst: number;
}

/** A refusal from persistence that names the close reason for the author's socket. */
export class CollabRefusal extends Error {
  constructor(readonly close: CloseReason) {
    super(close.reason);
  }
}

export interface CollabRoomHooks {
  /** Stores an update authored through `conn`; resolves with its stored version once it is durable. */
  persist(update: Uint8Array, conn: CollabConnection): Promise<number>;
  /** Hands a stored update to the other nodes. */
  publishUpdate(update: Uint8Array, version: number): void;
  /** Hands a presence change made on this node to the other nodes. */
  publishAwareness(update: Uint8Array): void;
  /** The room could not keep its promise (storage failed): the owner drops it. */
  failed(room: CollabRoom, err: Error): void;
}

/** Origin of changes that came from another node (already stored, not to be published again). */
export const REMOTE = Symbol('remote');

interface Member {
  /** Awareness client ids this socket controls, removed when it leaves. */
  clients: Set<number>;
  /** Edits and presence frames are counted apart: a cursor moving while typing must not eat the edit budget. */
  edits: TokenBucket;
  presence: TokenBucket;
}

/**
 * One open document on this node (as @y/websocket-server's WSSharedDoc, with rules): sockets with
 * a mode, persistence before fan-out, limits. Incoming edits and sync replies run one at a time
 * in arrival order, so nobody is ever sent state that is not stored yet.
 */
export class CollabRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly members = new Map<CollabConnection, Member>();
  private queue: Promise<void> = Promise.resolve();
  /** Edits received and not yet stored; `storeQueued` while a round to store them waits in the queue. */
  private incoming: { conn: CollabConnection; update: Uint8Array }[] = [];
  private storeQueued = false;
  /** Stored size, estimated between loads as the loaded state plus the updates since. */
  private bytes: number;
  destroyed = false;

  constructor(
    readonly name: string, state: Uint8Array, private lockedNow: boolean,
    readonly limits: CollabLimits, private readonly hooks: CollabRoomHooks,
  ) {
    Y.applyUpdate(this.doc, state, REMOTE);
    this.bytes = state.byteLength;
    this.awareness.setLocalState(null); // the server itself has no presence
    this.awareness.on('update', this.onAwareness);
  }

  get locked(): boolean {
    return this.lockedNow;
  }

  /** Locks or unlocks the document; on locking, every editor is told its edits are no longer kept. */
  setLocked(locked: boolean): void {
    if (locked === this.lockedNow) return;
    this.lockedNow = locked;
    if (locked) for (const conn of this.members.keys()) if (conn.mode === 'edit') conn.send(encodePermissionDenied(DENIED.locked));
  }

  get size(): number {
    return this.members.size;
  }

  connections(): CollabConnection[] {
    return [...this.members.keys()];
  }

  /** Adds a socket: our sync step 1 (the client answers with what we lack) and everyone's presence. */
  join(conn: CollabConnection): void {
    const bucket = () => new TokenBucket(this.limits.updateBurst, this.limits.updatesPerSecond);
    this.members.set(conn, { clients: new Set(), edits: bucket(), presence: bucket() });
    conn.send(encodeSyncStep1(this.doc));
    // Told up front, so its editor can turn read-only instead of keeping edits nobody receives.
    if (conn.mode !== 'edit') conn.send(encodePermissionDenied(DENIED.readOnly));
    else if (this.locked) conn.send(encodePermissionDenied(DENIED.locked));
    const states = [...this.awareness.getStates().keys()];
    if (states.length) conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Removes a socket and the presence it controlled (published, so other nodes drop it too). */
  leave(conn: CollabConnection): void {
    const member = this.members.get(conn);
    if (!member) return;
    this.members.delete(conn);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...member.clients], null);
  }

  receive(conn: CollabConnection, frame: Uint8Array): void {
    if (this.destroyed || !this.members.has(conn)) return;
    let message;
    try {
      message = decodeMessage(frame);
    } catch {
      this.kick(conn, CLOSE.invalid);
      return;
    }
    switch (message.type) {
      case 'sync-step-1': {
        const { stateVector } = message;
        this.serially(async () => conn.send(encodeSyncStep2(this.doc, stateVector)));
        return;
      }
      case 'sync-step-2':
      case 'update':
        this.edit(conn, message.update);
        return;
      case 'awareness':
        if (message.update.byteLength > 64 * 1024) this.kick(conn, CLOSE.invalid);
        else if (!this.takeToken(conn, 'presence')) this.kick(conn, CLOSE.tooFast);
        else awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
        return;
      case 'query-awareness':
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
      default:
        return; // auth and future message types: nothing to do (y-websocket ignores them too)
    }
  }

  /** An update stored by another node: apply and pass to our sockets. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.destroyed) return;
    const effective = applyCapturing(this.doc, update, REMOTE);
    if (effective) {
      this.bytes += effective.byteLength;
      this.broadcast(encodeUpdate(effective), null);
    }
  }

  applyRemoteAwareness(update: Uint8Array): void {
    if (!this.destroyed) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** Resolves once every edit received so far is stored (or refused). */
  drain(): Promise<void> {
    return this.queue;
  }

  /** Closes every socket and frees the document. */
  destroy(reason: CloseReason = CLOSE.shutdown): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const conn of [...this.members.keys()]) this.kick(conn, reason);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private edit(conn: CollabConnection, update: Uint8Array): void {
    // A reader's edits, and everyone's once the document is locked, are dropped (the socket was
    // told so): its client keeps them locally, nobody else ever receives them.
    if (conn.mode !== 'edit' || this.locked) return;
    if (update.byteLength > this.limits.maxUpdateBytes) return this.kick(conn, CLOSE.updateTooLarge);
    if (!this.takeToken(conn, 'edits')) return this.kick(conn, CLOSE.tooFast);
    if (this.bytes + update.byteLength > this.limits.maxDocBytes) return this.kick(conn, CLOSE.tooLarge);
    this.incoming.push({ conn, update });
    if (this.storeQueued) return;
    this.storeQueued = true;
    this.serially(async () => {
      this.storeQueued = false;
      await this.storeIncoming();
    });
  }

  /**
   * Stores every edit received since the last round, merged per author (one append each, written
   * in one transaction by the collab actor's group commit), then passes them on. Fewer, larger
   * writes under load; the same single write when someone types alone.
   */
  private async storeIncoming(): Promise<void> {
    const batch = this.incoming.splice(0);
    // A socket that left since still had its earlier edits received: they are kept.
    if (this.locked) return;
    const byAuthor = new Map<CollabConnection, Uint8Array[]>();
    for (const { conn, update } of batch) {
      const effective = applyCapturing(this.doc, update, conn);
      if (effective) byAuthor.set(conn, [...(byAuthor.get(conn) ?? []), effective]);
    }
    if (byAuthor.size === 0) return; // nothing new (e.g. the empty step 2 of an up-to-date client)
    const merged = [...byAuthor].map(([conn, updates]) => ({ conn, update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates) }));
    const results = await Promise.allSettled(merged.map(({ conn, update }) => this.hooks.persist(update, conn)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      // The document now holds an edit that is not stored: it cannot be served any longer.
      // The author learns why; everyone else reconnects to the stored state.
      results.forEach((r, n) => { if (r.status === 'rejected' && r.reason instanceof CollabRefusal) this.kick(merged[n]!.conn, r.reason.close); });
      this.destroy(CLOSE.reload);
      this.hooks.failed(this, failure.reason as Error);
      return;
    }
    merged.forEach(({ conn, update }, n) => {
      this.bytes += update.byteLength;
      this.broadcast(encodeUpdate(update), conn);
      this.hooks.publishUpdate(update, (results[n] as PromiseFulfilledResult<number>).value);
    });
  }

  private takeToken(conn: CollabConnection, kind: 'edits' | 'presence'): boolean {
    return this.members.get(conn)![kind].take();
  }

  private serially(step: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.destroyed ? undefined : step())).catch((err: Error) => {
      this.destroy(CLOSE.reload);
      this.hooks.failed(this, err);
    });
  }

  private broadcast(frame: Uint8Array, except: CollabConnection | null): void {
    for (const conn of this.members.keys()) if (conn !== except) conn.send(frame);
  }

  private kick(conn: CollabConnection, reason: CloseReason): void {
    this.leave(conn);
    conn.close(reason.code, reason.reason);
  }

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown,
  ): void => {
    const member = this.members.get(origin as CollabConnection);
    if (member) {
      added.forEach((id) => member.clients.add(id));
      removed.forEach((id) => member.clients.delete(id));
    }
    const changed = [...added, ...updated, ...removed];
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.broadcast(encodeAwareness(update), null);
    // Changes made here (a socket's state, a socket leaving) go to the other nodes; their own
    // and timed-out states are not sent back.
    if (origin !== REMOTE && origin !== 'timeout') this.hooks.publishAwareness(update);
  };
}
