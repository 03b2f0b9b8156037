import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** The bench's y-websocket clients (bench/collab.ts): each insert carries its send time, `[<performance.now()>]`. */
const REMOTE = Symbol('remote');
const MARK = /\[(\d+\.\d+)\]/g;

/** What one run records inside the measured window. */
export class Recorder {
  from = Infinity;
  to = Infinity;
  sent = 0;
  latencies: number[] = [];
  inWindow = 0;
  ofWindow = 0;
  /**
   * Every delivery inside the window counts for throughput and latency (an insert's age when it
   * arrives, a backlog from the warm-up included: a server that falls behind shows it there);
   * `ofWindow` counts arrivals, until the drain ends, of the inserts typed inside the window.
   */
  received(sentAt: number, now: number): void {
    if (now >= this.from && now < this.to) {
      this.inWindow++;
      this.latencies.push(now - sentAt);
    }
    if (sentAt >= this.from && sentAt < this.to) this.ofWindow++;
  }
}

/** One y-websocket client: sync step 1 on open, answers sync messages, sends its own updates. */
export class BenchClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText('body');
  synced = false;
  closedEarly = false;
  private ws!: WebSocket;

  constructor(private readonly recorder: Recorder) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || this.ws?.readyState !== WebSocket.OPEN) return;
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, 0);
      syncProtocol.writeUpdate(enc, update);
      this.ws.send(encoding.toUint8Array(enc));
    });
    this.text.observe((event, tr) => {
      if (tr.origin !== REMOTE) return;
      const now = performance.now();
      for (const d of event.delta) {
        if (typeof d.insert === 'string') for (const m of d.insert.matchAll(MARK)) this.recorder.received(Number(m[1]), now);
      }
    });
  }

  connect(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      ws.once('unexpected-response', (_req, res) => reject(new Error(`${url.split('?')[0]}: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
      ws.on('open', () => {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, 0);
        syncProtocol.writeSyncStep1(enc, this.doc);
        ws.send(encoding.toUint8Array(enc));
      });
      ws.on('message', (data: Buffer) => {
        const dec = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (decoding.readVarUint(dec) !== 0) return; // awareness, auth: not measured
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, 0);
        const kind = syncProtocol.readSyncMessage(dec, enc, this.doc, REMOTE);
        if (encoding.length(enc) > 1) ws.send(encoding.toUint8Array(enc));
        if (kind === syncProtocol.messageYjsSyncStep2 && !this.synced) {
          this.synced = true;
          resolve();
        }
      });
      ws.on('close', (code, reason) => {
        if (!this.synced) reject(new Error(`closed before sync: ${code} ${reason.toString()}`));
        else this.closedEarly ||= code !== 1000 && code !== 1005;
      });
    });
  }

  type(): void {
    this.text.insert(this.text.length, `[${performance.now().toFixed(3)}]x`);
  }

  close(): void {
    this.ws.close(1000);
    this.doc.destroy();
  }
}
