import type { Realm } from '../../lib/constants.js';
import type { SessionUser } from '../context.js';

/**
 * `realtime.push`: what any actor broadcasts to reach users' open event streams. It is emitted
 * with `broadcast`, so every gateway node receives it and delivers to the sockets it holds.
 */
export interface RealtimePush {
  userIds: number[];
  /**
   * Whose ids these are: staff accounts (`auth_user`, the default) or patient portal accounts
   * (`patient_user`). The two tables number independently, so an id alone would reach the wrong person.
   */
  realm?: Realm;
  /** Sent as JSON as it is: `{ type: 'notification', notification }`, `{ type: 'chat.message', … }`. */
  payload: { type: string; [key: string]: unknown };
}

/** One open event stream of a user on this node: a WebSocket on /ws/events or an SSE response. */
export interface EventSink {
  readonly user: SessionUser;
  /** Writes one JSON message; a sink whose client stopped reading closes itself instead. */
  send(json: string): void;
  /** Called every keepalive period: a ping (and closing a socket that missed the last pong), or an SSE comment. */
  keepalive(): void;
  close(code: number, reason: string): void;
}

/** Close codes (RFC 6455 §7.4.2: 4000–4999 are the application's). */
export const CLOSE = {
  GOING_AWAY: 1001,
  SESSION_REVOKED: 4001,
  REPLACED: 4002,
} as const;

/** More tabs than this per user on one node: the oldest stream is closed (a forgotten tab, not the one just opened). */
export const MAX_STREAMS_PER_USER = 10;
/** Under the 60 s idle timeout of common proxies and load balancers. */
export const KEEPALIVE_MS = 25_000;

function keyOf(realm: Realm, userId: number): string {
  return `${realm}:${userId}`;
}

/**
 * The event streams open on this gateway node, by user. Delivery is best effort by design: the
 * notification rows are the record, and a client that reconnects reads what it missed over REST.
 */
export class EventsHub {
  private readonly streams = new Map<string, Set<EventSink>>();
  private readonly timer: NodeJS.Timeout;

  constructor(keepaliveMs = KEEPALIVE_MS) {
    this.timer = setInterval(() => this.keepalive(), keepaliveMs);
    this.timer.unref();
  }

  /** Open streams on this node (all users). */
  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  add(sink: EventSink): void {
    const key = keyOf(sink.user.realm, sink.user.id);
    let set = this.streams.get(key);
    if (!set) this.streams.set(key, (set = new Set()));
    set.add(sink);
    while (set.size > MAX_STREAMS_PER_USER) {
      const oldest = set.values().next().value!;
      set.delete(oldest);
      oldest.close(CLOSE.REPLACED, '연결이 너무 많아 오래된 연결을 닫습니다 (too many streams: the oldest was closed)');
    }
  }

  remove(sink: EventSink): void {
    const key = keyOf(sink.user.realm, sink.user.id);
    const set = this.streams.get(key);
    if (!set) return;
    set.delete(sink);
    if (set.size === 0) this.streams.delete(key);
  }

  /** Delivers one push to the addressed users' streams on this node; answers how many streams got it. */
  push(message: RealtimePush): number {
    const realm = message.realm ?? 'staff';
    const json = JSON.stringify(message.payload);
    let delivered = 0;
    for (const userId of new Set(message.userIds)) {
      for (const sink of [...(this.streams.get(keyOf(realm, userId)) ?? [])]) {
        sink.send(json);
        delivered++;
      }
    }
    return delivered;
  }

  /** A signed-out session's streams close: its token no longer opens anything, and what is open must not outlive it. */
  revoke(sessionId: string): void {
    for (const set of [...this.streams.values()]) {
      for (const sink of [...set]) {
        if (sink.user.sessionId !== sessionId) continue;
        this.remove(sink);
        sink.close(CLOSE.SESSION_REVOKED, '세션이 종료되었습니다 (session revoked)');
      }
    }
  }

  keepalive(): void {
    for (const set of [...this.streams.values()]) for (const sink of [...set]) sink.keepalive();
  }

  /** The gateway is stopping: every stream is told so (clients reconnect to another node). */
  close(): void {
    clearInterval(this.timer);
    for (const set of [...this.streams.values()]) {
      for (const sink of [...set]) sink.close(CLOSE.GOING_AWAY, '서버가 종료됩니다 (server shutting down)');
    }
    this.streams.clear();
  }
}

/** A push's shape as it arrives over the transporter: anything else is dropped (and logged by the caller). */
export function isRealtimePush(value: unknown): value is RealtimePush {
  const v = value as RealtimePush | null;
  return !!v && Array.isArray(v.userIds) && v.userIds.every((id) => Number.isInteger(id) && id > 0)
    && (v.realm === undefined || v.realm === 'staff' || v.realm === 'patient')
    && typeof v.payload === 'object' && v.payload !== null && typeof v.payload.type === 'string';
}
