import { Errors } from 'moleculer';

export interface ErrorBody {
  error: { type: string; message: string; details?: unknown; requestId?: string };
}

/**
 * The one mapping from any thrown error to the HTTP answer `{ error: { type, message, details } }`.
 * Client errors keep their message; server errors never leak internals, only the request id.
 */
export function errorBody(err: unknown, requestId: string): { status: number; body: ErrorBody; headers: Record<string, string> } {
  const e = err as { code?: unknown; status?: unknown; type?: unknown; message?: string; data?: unknown; name?: string };
  const headers: Record<string, string> = {};
  const reply = (status: number, type: string, message: string, details?: unknown) => ({
    status,
    headers,
    body: { error: { type, message, ...(details === undefined ? {} : { details }), ...(requestId ? { requestId } : {}) } },
  });

  // body-parser's own errors (before any action runs)
  if (e.type === 'entity.parse.failed') return reply(400, 'MALFORMED_JSON', '요청 본문이 올바른 JSON이 아닙니다 (malformed JSON body)');
  if (e.type === 'entity.too.large') return reply(413, 'PAYLOAD_TOO_LARGE', '요청 본문이 너무 큽니다 (request body too large)');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return reply(415, 'UNSUPPORTED_MEDIA_TYPE', '지원하지 않는 인코딩입니다 (unsupported encoding)');

  if (err instanceof Errors.ValidationError) {
    const details = Array.isArray(e.data)
      ? (e.data as { field?: string; message?: string; type?: string }[]).map((d) => ({ field: d.field, message: d.message, rule: d.type }))
      : e.data;
    return reply(400, 'VALIDATION_ERROR', '입력값이 올바르지 않습니다 (invalid input)', details);
  }
  if (err instanceof Errors.ServiceNotFoundError || err instanceof Errors.ServiceNotAvailableError) {
    return reply(503, 'SERVICE_UNAVAILABLE', '서비스를 일시적으로 사용할 수 없습니다 (service unavailable)');
  }
  if (err instanceof Errors.RequestTimeoutError) return reply(504, 'TIMEOUT', '요청 시간이 초과되었습니다 (request timed out)');

  const code = typeof e.code === 'number' ? e.code : typeof e.status === 'number' ? e.status : 500;
  if (code >= 400 && code < 500) {
    const data = e.data as { retryAfter?: number } | undefined;
    if (data && typeof data.retryAfter === 'number') headers['Retry-After'] = String(data.retryAfter);
    if (e.name === 'NotFoundError') return reply(404, 'NOT_FOUND', '요청한 경로를 찾을 수 없습니다 (no such route)');
    return reply(code, typeof e.type === 'string' && e.type ? e.type : 'CLIENT_ERROR', e.message ?? 'Bad request', e.data);
  }
  // A deliberate "busy, retry later" (the inference pool's full queue): not a fault, so the client
  // gets its type, its Korean message and when to retry rather than a bare internal error.
  const retryAfter = (e.data as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (code === 503 && typeof retryAfter === 'number' && typeof e.type === 'string' && e.type) {
    headers['Retry-After'] = String(retryAfter);
    return reply(503, e.type, e.message ?? 'Service busy', { retryAfter });
  }
  return reply(code >= 500 && code < 600 ? code : 500, 'INTERNAL_ERROR', '서버 오류가 발생했습니다. 요청 ID로 문의하세요 (internal error)');
}
