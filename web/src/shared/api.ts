import type { Session } from './session';

interface FieldProblem { field?: string; message?: string }

const problemsOf = (details: unknown): FieldProblem[] =>
  (Array.isArray(details) ? details : []).filter((d): d is FieldProblem => typeof d === 'object' && d !== null && 'message' in d);

/**
 * An error answer of the API: the server's Korean-first message, its type and details. A
 * validation error's message names what is wrong with each field ("입력값이 올바르지 않습니다:
 * 아이디는 …"), so a form can show it as is; `fieldErrors` places them next to their fields.
 */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly type: string, readonly details?: unknown, readonly requestId?: string) {
    // The details the message does not already say (a single-field error often repeats it).
    const problems = [...new Set(problemsOf(details).map((d) => d.message ?? ''))].filter((m) => m && !message.includes(m));
    super(problems.length ? `${message}: ${problems.join(' · ')}` : message);
  }

  /** Field name → the server's message about it (validation errors). */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(problemsOf(this.details).filter((d) => d.field).map((d) => [d.field!, d.message!]));
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/**
 * The one way the web apps call the API: bearer token of the session, one retry after a 401 with
 * a refreshed token, errors as ApiError carrying the server's message (shown to the user as is).
 */
export function createApi(session: Session, base = '/api/v1') {
  async function send(method: string, path: string, options: RequestOptions = {}, retry = true): Promise<Response> {
    const token = await session.accessToken();
    const res = await fetch(withQuery(base + path, options.query), {
      method,
      signal: options.signal,
      headers: {
        authorization: `Bearer ${token}`,
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (res.status === 401 && retry) {
      await session.forceRefresh();
      return send(method, path, options, false);
    }
    if (!res.ok) {
      const data = await res.json().catch(() => null) as { error?: { message?: string; type?: string; details?: unknown; requestId?: string } } | null;
      const error = data?.error;
      throw new ApiError(res.status, error?.message ?? `요청 실패 (HTTP ${res.status})`, error?.type ?? 'HTTP_ERROR', error?.details, error?.requestId);
    }
    return res;
  }

  async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    const res = await send(method, path, options);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  return {
    get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
    post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => json<T>('POST', path, { body, headers }),
    put: <T>(path: string, body: unknown = {}) => json<T>('PUT', path, { body }),
    patch: <T>(path: string, body: unknown = {}) => json<T>('PATCH', path, { body }),
    del: <T>(path: string) => json<T>('DELETE', path),
    /** A binary answer (PDF, image) as a Blob, e.g. to download or preview. */
    blob: async (path: string, query?: Query) => (await send('GET', path, { query })).blob(),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Offers a Blob to the user as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
