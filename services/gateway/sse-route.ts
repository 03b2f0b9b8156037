import type { IncomingMessage, ServerResponse } from 'node:http';
import { Errors, type Service } from 'moleculer';
import type { CdssContext } from '../context.js';
import type { EventSink } from './events-hub.js';
import { hubOf, readyMessage } from './ws-events.js';
import { closeAtExpiry, TOKEN_EXPIRED_REASON } from './token-check.js';

/**
 * `GET /api/v1/notifications/stream`: the live events of /ws/events as Server-Sent Events, for
 * clients behind proxies that do not pass WebSockets. The same messages, one `data:` line of JSON
 * each (the default `message` event of an EventSource), and comment lines as keepalive.
 *
 * An EventSource cannot set headers, so the access token may come as `?token=`; it is moved into
 * the Authorization header before the route authenticates, so it is checked by exactly the code
 * that checks every other staff request (realm, expiry, revocation, audit of a wrong realm).
 */

const { MoleculerClientError } = Errors;

/** A client that stopped reading is dropped before this much is queued for it. */
const MAX_QUEUED_BYTES = 1024 * 1024;
/** How long an EventSource waits before reconnecting after the stream ends (SSE `retry:` field, ms). */
const RECONNECT_MS = 5000;

type StreamRequest = IncomingMessage & { $ctx: CdssContext };
type Hook = (...args: never[]) => unknown;

/**
 * Route middleware: `?token=` becomes the bearer header when no header was sent, and leaves the
 * URL, so the token appears in no log or audit row that names the URL.
 */
function tokenFromQuery(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const token = url.searchParams.get('token');
  if (token !== null) {
    if (!req.headers.authorization && token) req.headers.authorization = `Bearer ${token}`;
    url.searchParams.delete('token');
    req.url = url.pathname + url.search;
  }
  next();
}

/**
 * Ends the HTTP call of an open stream without answering it. moleculer-web runs each request as
 * the `api.rest` action: a stream held inside it would hold a bulkhead slot for its whole life
 * and make every shutdown wait out the graceful-stop timeout. The route's onError recognises it.
 */
const DETACHED = new MoleculerClientError('stream detached from the request', 499, 'STREAM_DETACHED');

/** The alias handler: takes the response over as an event stream, then detaches it from the call. */
function stream(this: Service, req: StreamRequest, res: ServerResponse, next: (err?: unknown) => void): void {
  const user = req.$ctx.meta.user;
  if (!user) {
    next(new MoleculerClientError('로그인이 필요합니다 (authentication required)', 401, 'UNAUTHORIZED'));
    return;
  }
  const hub = hubOf(this);
  const sink: EventSink = {
    user,
    send(json) {
      if (res.writableEnded) return;
      if (res.writableLength > MAX_QUEUED_BYTES) {
        hub.remove(sink);
        res.end();
        return;
      }
      res.write(`data: ${json}\n\n`);
    },
    keepalive() {
      if (!res.writableEnded) res.write(': keepalive\n\n');
    },
    close(code, reason) {
      if (res.writableEnded) return;
      res.write(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`);
      res.end();
    },
  };
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // nginx would otherwise buffer the stream and deliver it in lumps.
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${RECONNECT_MS}\n\n`);
  const cancelExpiry = closeAtExpiry(user, () => {
    hub.remove(sink);
    sink.close(4401, TOKEN_EXPIRED_REASON);
  });
  res.on('close', () => {
    cancelExpiry();
    hub.remove(sink);
  });
  hub.add(sink);
  void readyMessage(this, user).then((json) => sink.send(json));
  next(DETACHED);
}

type ErrorHandler = (this: Service, req: IncomingMessage, res: ServerResponse, err: unknown) => void;

/** The route, for the gateway's created() (services/gateway/api.service.ts, next to the upload route). */
export function sseRoute(options: { onBeforeCall: Hook }) {
  return {
    name: 'notification-stream',
    path: '/api/v1',
    realm: 'staff',
    authentication: true,
    mappingPolicy: 'restrict',
    bodyParsers: { json: false, urlencoded: false },
    use: [tokenFromQuery],
    aliases: { 'GET /notifications/stream': stream },
    onBeforeCall: options.onBeforeCall,
    onError(this: Service, req: IncomingMessage, res: ServerResponse, err: unknown) {
      if (err === DETACHED || res.headersSent) return;
      (this.settings.onError as ErrorHandler).call(this, req, res, err);
    },
  };
}
