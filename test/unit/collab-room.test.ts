import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { CLOSE, CollabRefusal, CollabRoom, type CollabConnection, type CollabRoomHooks } from '../../lib/realtime/collab-room.js';
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { DENIED, MESSAGE_AUTH, decodeMessage, encodeSyncStep1, encodeUpdate } from '../../lib/realtime/yjs-protocol.js';

const LIMITS = { maxDocBytes: 10_000, maxUpdateBytes: 5_000, updatesPerSecond: 10, updateBurst: 5 };

function conn(mode: 'edit' | 'read', userId = 1): CollabConnection & { frames: Uint8Array[]; closed: { code: number; reason: string } | null } {
  return {
    userId, sessionId: `s${userId}`, mode, frames: [], closed: null,
    send(frame) { this.frames.push(frame); },
    close(code, reason) { this.closed = { code, reason }; },
  };
}

function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return encodeUpdate(Y.encodeStateAsUpdate(doc));
}

/** Rooms run an awareness timer: each test's rooms are destroyed after it. */
const opened: CollabRoom[] = [];
afterEach(() => opened.splice(0).forEach((r) => r.destroy()));

function room(overrides: Partial<CollabRoomHooks> = {}) {
  const stored: Uint8Array[] = [];
  const published: Uint8Array[] = [];
  const versions: number[] = [];
  const hooks: CollabRoomHooks = {
    persist: async (update) => stored.push(update), // the version: one per stored update
    publishUpdate: (update, version) => { published.push(update); versions.push(version); },
    publishAwareness: () => undefined,
    failed: () => undefined,
    ...overrides,
  };
  const created = new CollabRoom('test:1', Y.encodeStateAsUpdate(new Y.Doc()), false, LIMITS, hooks);
  opened.push(created);
  return { room: created, stored, published, versions };
}

/** The reason of a y-protocols permission-denied frame, or null for any other frame. */
function deniedReason(frame: Uint8Array): string | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MESSAGE_AUTH) return null;
  let reason: string | null = null;
  authProtocol.readAuthMessage(decoder, new Y.Doc(), (_doc, why) => { reason = why; });
  return reason;
}

describe('collab room', () => {
  test('frames round-trip through the y-websocket encoding', () => {
    const doc = new Y.Doc();
    const message = decodeMessage(encodeSyncStep1(doc));
    assert.equal(message.type, 'sync-step-1');
    assert.equal(decodeMessage(edit('x')).type, 'update');
    assert.throws(() => decodeMessage(new Uint8Array([0])));
  });

  test('an edit is stored, then sent to the others and published; a reader\'s edit is dropped', async () => {
    const { room: r, stored, published, versions } = room();
    const writer = conn('edit');
    const reader = conn('read', 2);
    r.join(writer);
    r.join(reader);
    r.receive(writer, edit('hello'));
    r.receive(reader, edit('nope'));
    await r.drain();
    assert.equal(stored.length, 1);
    assert.equal(published.length, 1);
    assert.deepEqual(versions, [1], 'published with the version the store gave it');
    assert.equal(r.doc.getText('t').toString(), 'hello');
    assert.equal(reader.frames.length, 3, 'sync step 1, read-only notice, the update');
    assert.equal(deniedReason(reader.frames[1]!), DENIED.readOnly);
  });

  test('locking tells every editor that its edits are no longer kept, and drops them', async () => {
    const { room: r, stored } = room();
    const writer = conn('edit');
    r.join(writer);
    r.setLocked(true);
    assert.equal(deniedReason(writer.frames.at(-1)!), DENIED.locked);
    r.receive(writer, edit('late'));
    await r.drain();
    assert.equal(stored.length, 0);
    const latecomer = conn('edit', 2);
    r.join(latecomer);
    assert.equal(deniedReason(latecomer.frames[1]!), DENIED.locked, 'told on joining a locked document');
    r.setLocked(false);
    r.receive(writer, edit('again'));
    await r.drain();
    assert.equal(stored.length, 1);
  });

  test('a refusal closes the author with its reason and the others reconnect', async () => {
    let failed = false;
    const { room: r } = room({ persist: async () => { throw new CollabRefusal(CLOSE.tooLarge); }, failed: () => { failed = true; } });
    const writer = conn('edit');
    const other = conn('edit', 2);
    r.join(writer);
    r.join(other);
    r.receive(writer, edit('x'));
    await r.drain();
    assert.equal(writer.closed?.code, 4413);
    assert.equal(other.closed?.code, CLOSE.reload.code);
    assert.ok(failed && r.destroyed);
  });

  test('limits: an oversized update and a flood close the socket', () => {
    const { room: r } = room();
    const big = conn('edit');
    r.join(big);
    r.receive(big, edit('x'.repeat(6_000)));
    assert.equal(big.closed?.code, 4413);
    const fast = conn('edit', 2);
    r.join(fast);
    for (let i = 0; i < 10 && !fast.closed; i++) r.receive(fast, edit(String(i)));
    assert.equal(fast.closed?.code, 4429);
  });

  test('a malformed frame closes the socket as invalid', () => {
    const { room: r } = room();
    const c = conn('edit');
    r.join(c);
    r.receive(c, new Uint8Array([0, 1]));
    assert.equal(c.closed?.code, 4400);
  });
});
