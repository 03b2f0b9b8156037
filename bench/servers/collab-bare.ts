import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { serveUntilStopped } from './child.js';

/**
 * The baseline of bench/collab.ts: @y/websocket-server 0.1.1 as its own bin/server.js runs it
 * (in-memory documents, no auth, no persistence), with the document name taken from the same
 * URL our gateway serves (`/ws/collab/<docName>?token=…`) so both servers see identical clients.
 */
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url ?? '/', 'http://bare');
  const docName = decodeURIComponent(url.pathname.replace(/^\/ws\/collab\//, ''));
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  serveUntilStopped((server.address() as AddressInfo).port, () => new Promise<void>((resolve) => {
    for (const ws of wss.clients) ws.terminate();
    server.close(() => resolve());
  }));
});
