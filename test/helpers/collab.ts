import { Errors, type Service } from 'moleculer';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { registerCollabDocumentType } from '../../services/realtime/collab-documents.js';
import type { CollabSettings } from '../../services/realtime/collab.service.js';
import type { TestNode } from './node.js';

/**
 * A test-only document type `test:<id>`: doctors edit, nurses read, everyone else is refused;
 * `test:999` does not exist. A new document starts with the line `문서 <id>`.
 */
export function registerTestDocumentType(): void {
  registerCollabDocumentType({
    prefix: 'test',
    async authorize(ctx, id) {
      if (id === 999) throw new Errors.MoleculerClientError('문서가 없습니다 (not found)', 404, 'NOT_FOUND');
      const role = ctx.meta.user?.role;
      if (role === 'doctor') return 'edit';
      if (role === 'nurse') return 'read';
      throw new Errors.MoleculerClientError('권한이 없습니다 (forbidden)', 403, 'FORBIDDEN');
    },
    async initialize(_ctx, id, doc) {
      doc.getText('body').insert(0, `문서 ${id}\n`);
    },
  });
}

export function wsBase(http: { baseUrl: string }): string {
  return `${http.baseUrl.replace(/^http/, 'ws')}/ws/collab`;
}

export interface Client {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
}

/** A y-websocket provider as a browser would open it, with node's `ws` as the WebSocket. */
export function connect(base: string, docName: string, token: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(base, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token }, disableBc: true,
  });
  return { doc, text: doc.getText('body'), provider };
}

export async function synced(client: Client, timeoutMs = 10_000): Promise<void> {
  await until(() => client.provider.synced, timeoutMs, 'provider synced');
}

export async function until(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves with the close the server sent once the provider gives up (44xx codes are final). */
export function closedBy(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.provider.once('closed', (event) => resolve(event)));
}

export function disconnect(...clients: Client[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}

/** Opens a raw upgrade and answers the HTTP status of a refusal (or 101 when it was accepted). */
export function upgradeStatus(url: string, protocols?: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.close();
    });
    ws.once('error', (err) => { if (!/Unexpected server response/.test(err.message)) reject(err); });
  });
}

/** The `collab` actor's settings on a node (limits apply to rooms opened afterwards). */
export function collabSettings(node: TestNode): CollabSettings {
  return (node.node.broker.getLocalService('collab') as unknown as Service<CollabSettings>).settings;
}
