import http from 'node:http';
import https from 'node:https';
import { Errors } from 'moleculer';

const { MoleculerServerError } = Errors;

export interface OrthancResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** How long an idle connection to Orthanc is kept: under Orthanc's own idle limit (KeepAliveTimeout, 1 s by default). */
const IDLE_MS = 700;

/**
 * Node's agent drops a connection at once when the server's Keep-Alive hint is 1 s or less (it
 * keeps a 1 s safety margin), which with Orthanc's default means a new TCP connection per request
 * (measured: 5% of the proxy's CPU in connect alone). This keeps it for IDLE_MS instead.
 */
function keepingAlive<T extends http.Agent>(agent: T): T {
  agent.keepSocketAlive = (duplex) => {
    const socket = duplex as import('node:net').Socket;
    socket.setKeepAlive(true, IDLE_MS);
    socket.unref();
    socket.setTimeout(IDLE_MS);
    return true;
  };
  return agent;
}

/**
 * HTTP to Orthanc's REST API and DICOMweb plugin with the configured credentials, over kept-alive
 * connections (a new TCP connection per proxied frame would cost more than the frame). Orthanc
 * closes idle connections after a second, so an idempotent request that meets a socket closed
 * under it is sent once more.
 */
export class OrthancClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly authorization: string | null;

  constructor(url: string, user: string | null, password: string | null) {
    this.base = new URL(url);
    this.agent = keepingAlive(new (this.base.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 64 }));
    this.authorization = user ? `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}` : null;
  }

  /** The DICOMweb plugin's root (DicomWeb.Root must be `/dicom-web/`, its default). */
  get dicomWebPath(): string {
    return `${this.base.pathname.replace(/\/$/, '')}/dicom-web`;
  }

  async request(method: string, route: string, options: { headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<OrthancResponse> {
    try {
      return await this.send(method, route, options);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((method === 'GET' || method === 'HEAD') && (code === 'ECONNRESET' || code === 'EPIPE')) return this.send(method, route, options);
      throw new MoleculerServerError('PACS(Orthanc)에 연결할 수 없습니다 (PACS unavailable)', 502, 'PACS_UNAVAILABLE', { code });
    }
  }

  private send(method: string, route: string, options: { headers?: Record<string, string>; body?: Buffer | string }): Promise<OrthancResponse> {
    const url = new URL(`${this.base.pathname.replace(/\/$/, '')}${route}`, this.base);
    const headers: Record<string, string | number> = { ...options.headers };
    if (this.authorization) headers.authorization = this.authorization;
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.setTimeout(60_000, () => req.destroy(Object.assign(new Error('Orthanc request timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /** A JSON request; null on 404, an error on any other failure. */
  async json<T>(method: string, route: string, body?: unknown): Promise<T | null> {
    const res = await this.request(method, route, {
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    if (res.status === 404) return null;
    if (res.status < 200 || res.status >= 300) throw orthancError(method, route, res);
    return JSON.parse(res.body.toString('utf8')) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Orthanc's own error never reaches the client (it would describe Orthanc); it is logged by the gateway as a 502. */
export function orthancError(method: string, route: string, res: OrthancResponse): Error {
  return new MoleculerServerError(`Orthanc ${method} ${route.split('?')[0]} answered ${res.status}`, 502, 'PACS_ERROR', { status: res.status });
}
