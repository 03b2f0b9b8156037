import { Errors, type LoggerInstance, type ServiceBroker } from 'moleculer';
import { WebSocket } from 'ws';
import { CLOSE, CollabRefusal, CollabRoom, type CollabConnection } from '../../lib/realtime/collab-room.js';
import { VersionGaps } from '../../lib/realtime/version-gaps.js';
import { fromBase64, toBase64 } from '../../lib/realtime/yjs-protocol.js';
import type { CdssMeta, SessionUser } from '../context.js';
import type { CollabLoadResult, CollabLockEvent, CollabUpdateEvent } from './collab.service.js';

/** A socket that cannot keep up (this much unsent) is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;
/** How long a missing version may stay missing (events of two nodes can arrive out of order). */
const GAP_GRACE_MS = 1000;

/** A y-websocket socket as a room member, with the caller's meta for the calls made on its behalf. */
class SocketConnection implements CollabConnection {
  readonly userId: number;
  readonly sessionId: string;

  constructor(readonly ws: WebSocket, readonly mode: 'edit' | 'read', readonly meta: CdssMeta & { user: SessionUser }) {
    this.userId = meta.user.id;
    this.sessionId = meta.user.sessionId;
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    this.ws.send(frame, (err) => { if (err) this.ws.terminate(); });
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }
}

interface Entry {
  room: Promise<CollabRoom>;
  refs: number;
}

/**
 * The collaborative documents open on this gateway node. A room is loaded from the `collab`
 * actor when its first socket arrives and dropped when its last one leaves; updates stored
 * through another node arrive as `collab.update` broker events.
 */
export class CollabRooms {
  private readonly rooms = new Map<string, Entry>();
  /** Which stored versions each open room has seen (lost events are caught up from storage). */
  private readonly versions = new WeakMap<CollabRoom, VersionGaps>();

  constructor(private readonly broker: ServiceBroker, private readonly logger: LoggerInstance) {}

  /** Reserves the document for a socket about to join (loading it on first use); `release` undoes it. */
  async acquire(docName: string, meta: CdssMeta): Promise<{ room: CollabRoom; release: () => void }> {
    for (;;) {
      const { entry, release } = this.reserve(docName, meta);
      let room: CollabRoom;
      try {
        room = await entry.room;
      } catch (err) {
        release();
        throw err;
      }
      if (!room.destroyed) return { room, release };
      // Dropped after a storage failure: load the stored state afresh.
      release();
      if (this.rooms.get(docName) === entry) this.rooms.delete(docName);
    }
  }

  private reserve(docName: string, meta: CdssMeta): { entry: Entry; release: () => void } {
    let entry = this.rooms.get(docName);
    if (!entry) {
      const created: Entry = { room: this.open(docName, meta), refs: 0 };
      created.room.catch(() => { if (this.rooms.get(docName) === created) this.rooms.delete(docName); });
      this.rooms.set(docName, created);
      entry = created;
    }
    entry.refs += 1;
    const held = entry;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs > 0) return;
      // The room stays findable until the edits it received are stored: a socket that arrives
      // meanwhile joins it (and sees them) instead of loading a store that lacks them yet.
      held.room.then(async (room) => {
        await room.drain();
        if (held.refs > 0) return;
        if (this.rooms.get(docName) === held) this.rooms.delete(docName);
        room.destroy();
      }, () => undefined);
    };
    return { entry: held, release };
  }

  /** Puts an upgraded socket into its room: frames in, keepalive, leave on close. */
  attach(room: CollabRoom, release: () => void, ws: WebSocket, mode: 'edit' | 'read', meta: CdssMeta & { user: SessionUser }): void {
    const conn = new SocketConnection(ws, mode, meta);
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    ws.on('pong', () => { alive = true; });
    ws.on('message', (data, isBinary) => {
      if (isBinary) room.receive(conn, data instanceof Buffer ? data : new Uint8Array(data as ArrayBuffer));
    });
    ws.on('close', () => {
      clearInterval(ping);
      room.leave(conn);
      release();
    });
    if (room.destroyed) conn.close(CLOSE.reload.code, CLOSE.reload.reason);
    else room.join(conn);
  }

  onUpdate(event: CollabUpdateEvent): void {
    if (event.origin === this.broker.nodeID) return;
    this.rooms.get(event.docName)?.room.then((room) => {
      room.applyRemoteUpdate(fromBase64(event.update));
      if (event.version) this.versions.get(room)?.saw(event.version);
    }, () => undefined);
  }

  onAwareness(event: CollabUpdateEvent): void {
    if (event.origin === this.broker.nodeID) return;
    this.rooms.get(event.docName)?.room.then((room) => room.applyRemoteAwareness(fromBase64(event.update)), () => undefined);
  }

  /** Lock changes come from the `collab` actor, which may live on this node too: no origin filter. */
  onLocked(event: CollabLockEvent): void {
    this.rooms.get(event.docName)?.room.then((room) => room.setLocked(event.locked), () => undefined);
  }

  /** Closes the sockets of a session that was logged out or revoked. */
  async closeSession(sessionId: string): Promise<void> {
    for (const entry of this.rooms.values()) {
      const room = await entry.room.catch(() => null);
      for (const conn of room?.connections() ?? []) if (conn.sessionId === sessionId) conn.close(CLOSE.revoked.code, CLOSE.revoked.reason);
    }
  }

  async closeAll(): Promise<void> {
    const entries = [...this.rooms.values()];
    this.rooms.clear();
    for (const entry of entries) (await entry.room.catch(() => null))?.destroy(CLOSE.shutdown);
  }

  private async open(docName: string, meta: CdssMeta): Promise<CollabRoom> {
    const loaded = await this.broker.call<CollabLoadResult, { docName: string }>('collab.load', { docName }, { meta });
    const room: CollabRoom = new CollabRoom(docName, fromBase64(loaded.state), loaded.locked, loaded.limits, {
      persist: async (update, conn) => {
        try {
          const { version } = await this.broker.call<{ version: number }, object>('collab.append', { docName, update: toBase64(update) }, { meta: (conn as SocketConnection).meta });
          gaps.saw(version);
          return version;
        } catch (err) {
          const code = (err as Errors.MoleculerError).code;
          if (err instanceof Errors.MoleculerClientError && code === 413) throw new CollabRefusal(CLOSE.tooLarge);
          throw err;
        }
      },
      publishUpdate: (update, version) => {
        void this.broker.broadcast('collab.update', { docName, update: toBase64(update), origin: this.broker.nodeID, version } satisfies CollabUpdateEvent);
      },
      publishAwareness: (update) => {
        void this.broker.broadcast('collab.awareness', { docName, update: toBase64(update), origin: this.broker.nodeID } satisfies CollabUpdateEvent);
      },
      failed: (failedRoom, err) => {
        gaps.cancel();
        if (!(err instanceof CollabRefusal)) this.logger.warn(`Collaborative document ${docName} reset:`, err.message);
        const entry = this.rooms.get(docName);
        // Later sockets load the stored state afresh; the dropped room's sockets are already closed.
        entry?.room.then((current) => { if (current === failedRoom && this.rooms.get(docName) === entry) this.rooms.delete(docName); }, () => undefined);
      },
    });
    const gaps = new VersionGaps(loaded.version, GAP_GRACE_MS, () => void this.catchUp(room, gaps, meta));
    this.versions.set(room, gaps);
    return room;
  }

  /**
   * A stored update never reached this node (its event was lost): merge the stored document into
   * the room, which passes on to the sockets exactly what they lacked.
   */
  private async catchUp(room: CollabRoom, gaps: VersionGaps, meta: CdssMeta): Promise<void> {
    if (room.destroyed) return;
    try {
      const loaded = await this.broker.call<CollabLoadResult, { docName: string }>('collab.load', { docName: room.name }, { meta });
      room.applyRemoteUpdate(fromBase64(loaded.state));
      gaps.caughtUp(loaded.version);
      this.logger.info(`Collaborative document ${room.name} caught up from storage at version ${loaded.version}`);
    } catch (err) {
      this.logger.warn(`Collaborative document ${room.name} could not catch up:`, (err as Error).message);
    }
  }
}
