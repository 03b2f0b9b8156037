import { randomUUID } from 'node:crypto';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  requestId: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A small fetch wrapper: JSON in and out, a fresh X-Request-Id per call to find its audit row. */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const requestId = randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId, ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers, requestId };
  }

  /** A binary download (PDFs): the raw bytes instead of parsed JSON. */
  async download(path: string, token?: string): Promise<{ status: number; bytes: Buffer; headers: Headers; requestId: string }> {
    const requestId = randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(this.baseUrl + path, { headers });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers, requestId };
  }

  get<T = any>(path: string, options?: RequestOptions) { return this.request<T>('GET', path, options); }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('POST', path, { ...options, body }); }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('PATCH', path, { ...options, body }); }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('PUT', path, { ...options, body }); }

  /** Staff login; returns the token pair. */
  async loginStaff(username: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async loginPatient(login: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await this.post('/api/v1/auth/patient/login', { login, password });
    if (res.status !== 200) throw new Error(`patient login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Polls /health/ready until every actor and route is up (moleculer-web builds aliases lazily). */
  async waitUntilReady(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: HttpResult | null = null;
    while (Date.now() < deadline) {
      try {
        last = await this.get('/health/ready');
        if (last.status === 200) return;
      } catch {
        // server not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`CDSS at ${this.baseUrl} not ready: ${JSON.stringify(last?.body)}`);
  }
}
