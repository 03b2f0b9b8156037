import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Service, ServiceSchema } from 'moleculer';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Realm } from '../../lib/constants.js';
import type { CdssContext, CdssMeta, SessionUser } from '../context.js';
import type { CollabLockEvent, CollabUpdateEvent } from '../realtime/collab.service.js';
import { CLOSE } from '../../lib/realtime/yjs-protocol.js';
import { CollabRooms } from '../realtime/collab-rooms.js';
import { errorBody } from './errors.js';
import { eventsSocket } from './ws-events.js';
import { closeAtExpiry, TOKEN_EXPIRED_REASON } from './token-check.js';

/** What the upgrade dispatcher needs from the gateway service (the `api` service itself). */
export type RealtimeGateway = Service & {
  server: Server;
  /** The HTTP routes' token check (api.service.ts): a session user, or a 401 MoleculerClientError. */
  userFromToken(token: string, realm: Realm | 'any', meta: CdssMeta, resource: string): Promise<SessionUser>;
  /** The caller's address, as the HTTP routes see it (X-Forwarded-For behind a trusted proxy). */
  clientIp(req: IncomingMessage): string;
};

export interface RealtimeSockets {
  rooms: CollabRooms;
  /** Closes every socket of a revoked session. */
  sessionRevoked(sessionId: string): void;
  close(): Promise<void>;
}

/** Frames larger than this never reach a room (the room's own, configurable limits are lower). */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const COLLAB_PREFIX = '/ws/collab/';
const EVENTS_PATH = '/ws/events';
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * A token from `?token=` (the y-websocket provider's `params: { token }`) or from the
 * Sec-WebSocket-Protocol header (`['cdss', token]`, for clients that keep tokens out of URLs).
 */
function tokenOf(req: IncomingMessage, url: URL): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered.find((p) => JWT.test(p)) ?? null;
}

/** A browser that offered subprotocols must get one back: our own name, else the token it sent. */
function chooseProtocol(protocols: Set<string>): string | false {
  const list = [...protocols];
  return list.find((p) => !JWT.test(p)) ?? list[0] ?? false;
}

/** Answers the upgrade request with an HTTP error instead of a socket. */
function refuse(socket: Duplex, err: unknown, requestId: string): void {
  const { status, body, headers } = errorBody(err, requestId);
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, 'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`, 'Cache-Control: no-store', 'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
  else socket.destroy();
}

function notFound(): Error & { code: number; type: string } {
  return Object.assign(new Error('요청한 경로를 찾을 수 없습니다 (no such route)'), { code: 404, type: 'NOT_FOUND' });
}

/**
 * The gateway's one `upgrade` listener: `/ws/collab/<docName>` joins a collaborative document
 * (y-websocket protocol), `/ws/events` opens the live event stream. The token is checked before
 * any socket exists, so a refused client gets a plain HTTP 401/403/404.
 */
export function attachWebSockets(gateway: RealtimeGateway): RealtimeSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: chooseProtocol });
  const rooms = new CollabRooms(gateway.broker, gateway.logger);
  const sockets = new Map<WebSocket, SessionUser>();

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<WebSocket> =>
    new Promise((resolve) => wss.handleUpgrade(req, socket, head, (ws) => resolve(ws)));

  async function accept(req: IncomingMessage, socket: Duplex, head: Buffer, requestId: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const isEvents = url.pathname === EVENTS_PATH;
    if (!isEvents && !url.pathname.startsWith(COLLAB_PREFIX)) throw notFound();
    const meta: CdssMeta = { requestId, ip: gateway.clientIp(req), userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300) };
    const token = tokenOf(req, url);
    if (!token) throw Object.assign(new Error('로그인이 필요합니다 (authentication required)'), { code: 401, type: 'UNAUTHORIZED' });
    const user = await gateway.userFromToken(token, 'any', meta, url.pathname.slice(0, 200));
    const userMeta = { ...meta, user };

    if (isEvents) {
      const ws = await upgrade(req, socket, head);
      track(ws, user);
      try {
        eventsSocket(gateway, ws, user);
      } catch (err) {
        gateway.logger.error('Events socket failed', err);
        ws.close(1011, '서버 오류 (internal error)');
      }
      return;
    }
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(COLLAB_PREFIX.length));
    } catch {
      throw notFound();
    }
    const { mode } = await gateway.broker.call<{ mode: 'edit' | 'read' }, { docName: string }>('collab.authorize', { docName }, { meta: userMeta });
    const { room, release } = await rooms.acquire(docName, userMeta);
    // A client that leaves during the handshake never gets a socket: give its place back.
    let attached = false;
    socket.once('close', () => { if (!attached) release(); });
    const ws = await upgrade(req, socket, head);
    attached = true;
    track(ws, user);
    rooms.attach(room, release, ws, mode, userMeta);
  }

  function track(ws: WebSocket, user: SessionUser): void {
    sockets.set(ws, user);
    const cancel = closeAtExpiry(user, () => ws.close(CLOSE.revoked.code, TOKEN_EXPIRED_REASON));
    ws.once('close', () => {
      cancel();
      sockets.delete(ws);
    });
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || randomUUID();
    socket.on('error', () => socket.destroy());
    accept(req, socket, head, requestId).catch((err: Error) => {
      if (((err as { code?: number }).code ?? 500) >= 500) gateway.logger.error('WebSocket upgrade failed', req.url?.split('?')[0], err);
      refuse(socket, err, requestId);
    });
  };
  gateway.server.on('upgrade', onUpgrade);

  return {
    rooms,
    sessionRevoked(sessionId) {
      for (const [ws, user] of sockets) if (user.sessionId === sessionId) ws.close(CLOSE.revoked.code, CLOSE.revoked.reason);
    },
    async close() {
      gateway.server.off('upgrade', onUpgrade);
      await rooms.closeAll();
      for (const ws of sockets.keys()) ws.close(1001, '서버 종료 (server going away)');
      wss.close();
    },
  };
}

/** The gateway's part of collaboration across nodes: documents open on several gateways stay in step (broadcast events). */
export const CollabEventsMixin: Partial<ServiceSchema> = {
  events: {
    'collab.update'(this: Service & { realtime?: RealtimeSockets }, ctx: CdssContext<CollabUpdateEvent>) {
      this.realtime?.rooms.onUpdate(ctx.params);
    },
    'collab.awareness'(this: Service & { realtime?: RealtimeSockets }, ctx: CdssContext<CollabUpdateEvent>) {
      this.realtime?.rooms.onAwareness(ctx.params);
    },
    'collab.locked'(this: Service & { realtime?: RealtimeSockets }, ctx: CdssContext<CollabLockEvent>) {
      this.realtime?.rooms.onLocked(ctx.params);
    },
  },
};
