import type { Service, ServiceSchema } from 'moleculer';
import { WebSocket } from 'ws';
import type { CdssContext, SessionUser } from '../context.js';
import type { UnreadCounts } from '../realtime/notifications.service.js';
import { EventsHub, isRealtimePush, type EventSink } from './events-hub.js';

/**
 * Live events for signed-in users (issue #7): `/ws/events` (this file) and its SSE fallback
 * (sse-route.ts) are two kinds of stream in one per-node registry (events-hub.ts). Actors never
 * know where a user is connected: they broadcast `realtime.push {userIds, payload}` and every
 * gateway node delivers to the streams it holds.
 */

/** A client that stopped reading (a frozen tab, a dead link) is dropped before its backlog grows past this. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Client → server messages are only `{"type":"ping"}`: anything longer is not ours. */
const MAX_CLIENT_MESSAGE = 256;

const hubs = new WeakMap<Service, EventsHub>();

/** The gateway service's registry of open streams, made on first use. */
export function hubOf(gateway: Service): EventsHub {
  let hub = hubs.get(gateway);
  if (!hub) hubs.set(gateway, (hub = new EventsHub()));
  return hub;
}

/**
 * The first message on every stream: that it is registered (a client may rely on receiving
 * everything after it) and the badge counts (staff and patients alike), so a reconnecting client is current.
 */
export async function readyMessage(gateway: Service, user: SessionUser): Promise<string> {
  try {
    const counts = await gateway.broker.call<UnreadCounts, object>('notifications.unreadCount', {}, { meta: { user } });
    return JSON.stringify({ type: 'ready', ...counts });
  } catch (err) {
    // The notifications actor may be restarting: the stream works without the counts.
    gateway.logger.warn('Events stream: no unread count', (err as Error).message);
    return JSON.stringify({ type: 'ready' });
  }
}

/**
 * Takes over an authenticated WebSocket on `/ws/events` (called by the gateway's upgrade
 * dispatcher, ws-upgrade.ts, after the token was verified): registers it for the user and keeps it
 * alive with protocol pings; a socket that misses a pong for a whole period is cut.
 */
export function eventsSocket(gateway: Service, ws: WebSocket, user: SessionUser): void {
  const hub = hubOf(gateway);
  let alive = true;
  const sink: EventSink = {
    user,
    send(json) {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        hub.remove(sink);
        ws.terminate();
        return;
      }
      ws.send(json);
    },
    keepalive() {
      if (!alive) {
        hub.remove(sink);
        ws.terminate();
        return;
      }
      alive = false;
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    },
    close(code, reason) {
      // RFC 6455 §5.5: a close frame's reason fits in 123 bytes; the English part alone if the whole does not.
      ws.close(code, Buffer.byteLength(reason) <= 123 ? reason : (/\(([^)]*)\)\s*$/.exec(reason)?.[1] ?? '').slice(0, 120));
    },
  };
  ws.on('pong', () => { alive = true; });
  // Browsers cannot send protocol pings: `{"type":"ping"}` is the application-level one.
  ws.on('message', (data, isBinary) => {
    alive = true;
    const text = isBinary ? '' : data.toString();
    if (text.length <= MAX_CLIENT_MESSAGE && /^\s*\{\s*"type"\s*:\s*"ping"\s*\}\s*$/.test(text)) sink.send(JSON.stringify({ type: 'pong' }));
  });
  ws.on('close', () => hub.remove(sink));
  ws.on('error', () => hub.remove(sink));
  hub.add(sink);
  void readyMessage(gateway, user).then((json) => sink.send(json));
}

/**
 * Mixed into the gateway (api.service.ts): the one broker event it listens to for live delivery,
 * session revocation closing that session's streams, and closing every stream before the HTTP
 * server stops (an open SSE response would otherwise hold `server.close()` forever).
 */
export const RealtimeEventsMixin: Partial<ServiceSchema> = {
  events: {
    'realtime.push'(this: Service, ctx: CdssContext<unknown>) {
      if (!isRealtimePush(ctx.params)) {
        this.logger.warn('realtime.push without {userIds, payload: {type}} dropped, from', ctx.nodeID);
        return;
      }
      hubOf(this).push(ctx.params);
    },
    'auth.sessionRevoked'(this: Service, ctx: CdssContext<{ sessionId: string }>) {
      hubs.get(this)?.revoke(ctx.params.sessionId);
    },
  },

  stopped(this: Service) {
    hubs.get(this)?.close();
    hubs.delete(this);
  },
};
