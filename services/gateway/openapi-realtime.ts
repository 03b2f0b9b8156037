/**
 * The gateway's realtime entry points in the OpenAPI document. They are not actions (a WebSocket
 * upgrade, a detached event stream), so the document cannot derive them from declarations; they
 * are written out here, next to the code that serves them (ws-upgrade.ts, sse-route.ts).
 */
const tokenInQuery = {
  name: 'token', in: 'query', required: false, schema: { type: 'string' },
  description: 'Access token, for clients that cannot set headers (EventSource, y-websocket `params`).',
};

const upgradeResponses = {
  101: { description: 'Switching Protocols: the socket is open' },
  401: { description: 'No, expired or revoked token (answered as HTTP, no socket)' },
  403: { description: 'Not allowed to open this document (audited)' },
  404: { description: 'No such path or document' },
  503: { description: 'The realtime actors are not reachable' },
};

export const REALTIME_PATHS: Record<string, Record<string, unknown>> = {
  '/api/v1/notifications/stream': {
    get: {
      operationId: 'notifications.stream',
      summary: '실시간 알림 스트림 (SSE) / live notifications as Server-Sent Events',
      description: 'The messages of /ws/events, one `data:` JSON line each: first `ready` (unread and unacknowledged counts), '
        + 'then `notification` and other pushes; `: keepalive` comments every 25 s; `event: close` with `{code, reason}` before '
        + 'the server ends it (4401: session ended or token expired; reconnect with a fresh token).',
      tags: ['notifications'],
      security: [{ bearer: [] }],
      'x-realm': 'staff',
      'x-permission': 'authenticated',
      parameters: [tokenInQuery],
      responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 401: { description: 'Not signed in' } },
    },
  },
  '/ws/events': {
    get: {
      operationId: 'realtime.events',
      summary: '실시간 이벤트 소켓 / live events over WebSocket',
      description: 'WebSocket upgrade. Server → client JSON messages: `ready`, `notification`, chat and status pushes. '
        + "Token as `?token=` or the subprotocols `['cdss', token]`. Close codes: 4001/4401 session ended or token expired, "
        + '4002 replaced by a newer stream, 1001 server stopping.',
      tags: ['realtime'],
      security: [{ bearer: [] }],
      'x-realm': 'any',
      'x-permission': 'authenticated',
      parameters: [tokenInQuery],
      responses: upgradeResponses,
    },
  },
  '/ws/collab/{docName}': {
    get: {
      operationId: 'realtime.collab',
      summary: '공동 편집 문서 (y-websocket) / a collaborative document over the y-websocket protocol',
      description: 'WebSocket upgrade to a Yjs document (`report:<id>`, `chat:<roomId>`): sync, update and awareness messages '
        + 'as y-websocket speaks them. Edit or read mode per user from the document type; every edit is stored before it is sent on. '
        + 'Close codes: 4400 invalid message, 4401 session ended or token expired, 4413 too large, 4429 too many updates, '
        + '4503 document reloading (reconnect), 1001 server stopping.',
      tags: ['realtime'],
      security: [{ bearer: [] }],
      'x-realm': 'any',
      'x-permission': 'document type',
      parameters: [{ name: 'docName', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]+:\\d+$' } }, tokenInQuery],
      responses: upgradeResponses,
    },
  },
};
