import http from 'node:http';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { REDIS_URL } from './databases.js';

/** A message of /ws/events or of the SSE stream: `{ type, … }`. */
export type EventMessage = { type: string; [key: string]: any };

/**
 * The messages one live stream received, and a way to wait for the next one that matches: what
 * a browser tab with a notification badge sees.
 */
export class Inbox {
  readonly messages: EventMessage[] = [];
  private waiters: { match: (m: EventMessage) => boolean; resolve: (m: EventMessage) => void }[] = [];

  deliver(message: EventMessage): void {
    this.messages.push(message);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(message)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  }

  /** The first message (received already, or to come) that matches; fails after `timeoutMs`. */
  next(match: (m: EventMessage) => boolean, what: string, timeoutMs = 10_000): Promise<EventMessage> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 500)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  notifications(): EventMessage[] {
    return this.messages.filter((m) => m.type === 'notification');
  }
}

export interface EventsSocket {
  ws: WebSocket;
  inbox: Inbox;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens /ws/events with the token as `?token=` and waits for its `ready` message. */
export async function openEventsSocket(baseUrl: string, token: string): Promise<EventsSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/events?token=${encodeURIComponent(token)}`);
  const inbox = new Inbox();
  ws.on('message', (data) => inbox.deliver(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  await inbox.next((m) => m.type === 'ready', 'ready message');
  return { ws, inbox, closed };
}

/** An upgrade to /ws/events that is expected to be refused: answers the HTTP status (0 if a socket opened). */
export function refusedUpgrade(baseUrl: string, query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/events${query}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 0, body: null });
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    ws.once('error', (err) => { if (!/Unexpected server response/.test(err.message)) reject(err); });
  });
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  inbox: Inbox;
  /** The raw text received, comments and all. */
  text(): string;
  close(): void;
  ended: Promise<void>;
}

/** Opens the SSE stream (token as a header or as `?token=`); `data:` lines become inbox messages. */
export function openSse(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const inbox = new Inbox();
      let raw = '';
      let pending = '';
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      res.on('data', (chunk: string) => {
        raw += chunk;
        pending += chunk;
        let cut: number;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (data) inbox.deliver(event ? { type: `sse.${event}`, ...JSON.parse(data) } : JSON.parse(data));
        }
      });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, inbox, text: () => raw, close: () => req.destroy(), ended });
    });
    req.on('error', reject);
  });
}

/** Whether the test Redis answers (the two-node tests are skipped without it). */
export async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.quit();
    return true;
  } catch {
    redis.disconnect();
    return false;
  }
}
