import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE, EventsHub, MAX_STREAMS_PER_USER, isRealtimePush, type EventSink } from '../../services/gateway/events-hub.js';
import type { SessionUser } from '../../services/context.js';

function user(id: number, realm: 'staff' | 'patient' = 'staff', sessionId = `s${id}`): SessionUser {
  return { id, realm, role: realm === 'staff' ? 'doctor' : 'patient', name: `u${id}`, department: null, patientId: null, staffId: null, sessionId };
}

class FakeSink implements EventSink {
  readonly sent: unknown[] = [];
  closed: { code: number; reason: string } | null = null;
  pings = 0;
  constructor(readonly user: SessionUser) {}
  send(json: string) { this.sent.push(JSON.parse(json)); }
  keepalive() { this.pings++; }
  close(code: number, reason: string) { this.closed = { code, reason }; }
}

test('a push reaches every stream of the addressed users and nobody else', () => {
  const hub = new EventsHub(60_000);
  const [a1, a2, b] = [new FakeSink(user(1)), new FakeSink(user(1)), new FakeSink(user(2))];
  for (const s of [a1, a2, b]) hub.add(s);
  assert.equal(hub.push({ userIds: [1, 1], payload: { type: 'notification', n: 1 } }), 2);
  assert.deepEqual([a1.sent, a2.sent, b.sent], [[{ type: 'notification', n: 1 }], [{ type: 'notification', n: 1 }], []]);
  hub.remove(a2);
  assert.equal(hub.push({ userIds: [1, 2], payload: { type: 'x' } }), 2);
  assert.equal(a2.sent.length, 1);
  hub.close();
});

test('staff and patient accounts with the same id are different people', () => {
  const hub = new EventsHub(60_000);
  const staff = new FakeSink(user(7));
  const patient = new FakeSink(user(7, 'patient'));
  hub.add(staff);
  hub.add(patient);
  hub.push({ userIds: [7], payload: { type: 'notification' } });
  hub.push({ userIds: [7], realm: 'patient', payload: { type: 'chat.message' } });
  assert.deepEqual(staff.sent, [{ type: 'notification' }]);
  assert.deepEqual(patient.sent, [{ type: 'chat.message' }]);
  hub.close();
});

test('a revoked session closes its streams only; too many tabs close the oldest', () => {
  const hub = new EventsHub(60_000);
  const mine = new FakeSink(user(3, 'staff', 'gone'));
  const other = new FakeSink(user(3, 'staff', 'kept'));
  hub.add(mine);
  hub.add(other);
  hub.revoke('gone');
  assert.equal(mine.closed?.code, CLOSE.SESSION_REVOKED);
  assert.equal(other.closed, null);
  assert.equal(hub.size, 1);
  const tabs = Array.from({ length: MAX_STREAMS_PER_USER }, () => new FakeSink(user(3, 'staff', 'kept')));
  for (const tab of tabs) hub.add(tab);
  assert.equal((other.closed as FakeSink['closed'])?.code, CLOSE.REPLACED, 'the oldest of the user is closed');
  assert.ok(tabs.every((t) => t.closed === null));
  assert.equal(hub.size, MAX_STREAMS_PER_USER);
  hub.keepalive();
  assert.ok(tabs.every((t) => t.pings === 1));
  hub.close();
  assert.ok(tabs.every((t) => t.closed?.code === CLOSE.GOING_AWAY));
  assert.equal(hub.size, 0);
});

test('only well-formed pushes are accepted from the transporter', () => {
  assert.ok(isRealtimePush({ userIds: [1], payload: { type: 'notification' } }));
  assert.ok(isRealtimePush({ userIds: [], realm: 'patient', payload: { type: 'chat.message', x: 1 } }));
  for (const bad of [null, {}, { userIds: [0], payload: { type: 'x' } }, { userIds: ['1'], payload: { type: 'x' } },
    { userIds: [1], payload: {} }, { userIds: [1], realm: 'admin', payload: { type: 'x' } }]) {
    assert.ok(!isRealtimePush(bad), JSON.stringify(bad));
  }
});
