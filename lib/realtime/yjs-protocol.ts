import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';

/**
 * The y-websocket wire format (y-protocols): every frame starts with a varuint message type.
 * `sync` carries a y-protocols/sync sub-message (step 1: a state vector, step 2 and update: a Yjs
 * update); `awareness` carries an encoded awareness update; `query-awareness` asks for every
 * presence state. The server decides what to apply, so decoding and applying are kept apart
 * (unlike y-protocols' readSyncMessage, which applies step 2 and updates at once).
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** y-protocols/sync sub-types (messageYjsSyncStep1/2, messageYjsUpdate). */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type CollabMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' }
  | { type: 'unknown'; code: number };

/** Decodes one frame; throws on a truncated or malformed frame (the caller closes that socket). */
export function decodeMessage(frame: Uint8Array): CollabMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (sub === SYNC_STEP_1) return { type: 'sync-step-1', stateVector: payload };
      if (sub === SYNC_STEP_2) return { type: 'sync-step-2', update: payload };
      if (sub === SYNC_UPDATE) return { type: 'update', update: payload };
      return { type: 'unknown', code: type * 100 + sub };
    }
    case MESSAGE_AWARENESS:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    case MESSAGE_AUTH:
      return { type: 'auth' };
    default:
      return { type: 'unknown', code: type };
  }
}

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: "this is what I have" (the document's state vector). */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return syncFrame(SYNC_STEP_1, Y.encodeStateVector(doc));
}

/** Sync step 2: what the peer with `stateVector` is missing. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return syncFrame(SYNC_STEP_2, Y.encodeStateAsUpdate(doc, stateVector));
}

/**
 * y-protocols' auth "permission denied" with a reason: the y-websocket provider hands it to its
 * permission-denied handler. Sent to a socket whose edits will not be kept (read-only, locked).
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** An incremental document update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return syncFrame(SYNC_UPDATE, update);
}

/** An awareness (presence) frame around an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Private close codes (RFC 6455 §7.4.2). 44xx mirror HTTP 4xx: the y-websocket provider does not reconnect. */
export const CLOSE = {
  invalid: { code: 4400, reason: '잘못된 메시지 (invalid message)' },
  revoked: { code: 4401, reason: '세션 만료 또는 종료 (session ended)' },
  tooLarge: { code: 4413, reason: '문서 크기 제한 초과 (document too large)' },
  updateTooLarge: { code: 4413, reason: '변경 크기 제한 초과 (update too large)' },
  tooFast: { code: 4429, reason: '변경이 너무 잦습니다 (too many updates)' },
  /** 45xx: transient, the provider reconnects and resynchronises from the stored document. */
  reload: { code: 4503, reason: '문서를 다시 불러옵니다 (document reloading)' },
  shutdown: { code: 1001, reason: '서버 종료 (server going away)' },
} as const;

/** Why a socket's edits are not kept (sent as permission denied, see encodePermissionDenied). */
export const DENIED = {
  readOnly: '읽기 전용 문서입니다. 편집 내용은 저장되지 않습니다 (read-only: edits are not saved)',
  locked: '확정된 문서입니다. 편집 내용은 저장되지 않습니다 (document is locked: edits are not saved)',
} as const;
export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];

/** Base64 for binary updates inside JSON broker messages and action params. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Applies an update and answers what it changed, or null for a no-op (Yjs emits nothing then). */
export function applyCapturing(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array | null {
  let effective: Uint8Array | null = null;
  const capture = (u: Uint8Array) => { effective = effective ? Y.mergeUpdates([effective, u]) : u; };
  doc.on('update', capture);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('update', capture);
  }
  return effective;
}
