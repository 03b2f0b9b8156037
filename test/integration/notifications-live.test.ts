import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { signAccessToken, type AccessClaims } from '../../lib/security/tokens.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import type { AppointmentChanged } from '../../services/realtime/notification-events.js';
import { AiSuite, chestCt } from '../helpers/ai-analysis.js';
import { openEventsSocket, openSse, redisAvailable, refusedUpgrade, type EventMessage, type EventsSocket, type SseStream } from '../helpers/event-streams.js';
import { REDIS_URL } from '../helpers/databases.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/**
 * Live notifications (issue #7) on a whole node with real sockets: a doctor's /ws/events socket and
 * SSE stream receive a notification the moment a pharmacist moves their order, the lab reports a
 * critical value or an AI analysis of their study is done; another doctor's socket receives
 * nothing; refused tokens get no socket; unread counts and acknowledgement of critical notices.
 */
describe('Live notifications: /ws/events, the SSE fallback, unread counts, acknowledgement', () => {
  let t: TestNode;
  let ai: AiSuite;
  const tokens: Record<string, string> = {};
  let pulmoId: number;
  let pulmo: EventsSocket;
  let neuro: EventsSocket;
  let sse: SseStream;
  let stopped = false;

  before(async () => {
    t = await startTestNode({ CDSS_PACS: 'builtin', CDSS_PACS_STABLE_SECONDS: '1', CDSS_AI_AUTO: 'lung-nodule' });
    ai = new AiSuite(t);
    await ai.start();
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'pharmacy.system', 'lab.system']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
    // Patient 16 (PULMONOLOGY) has no demo prescriptions; no allergies, so warfarin passes the safety check.
    assert.equal((await t.http.patch('/api/v1/patients/16', { allergies: [] }, as('doctor.pulmo'))).status, 200);
    pulmoId = (await (await t.node.runtime.database()).models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    pulmo = await openEventsSocket(t.http.baseUrl, tokens['doctor.pulmo']!);
    neuro = await openEventsSocket(t.http.baseUrl, tokens['doctor.neuro']!);
    sse = await openSse(t.http.baseUrl, `/api/v1/notifications/stream?token=${encodeURIComponent(tokens['doctor.pulmo']!)}`);
    await sse.inbox.next((m) => m.type === 'ready', 'SSE ready');
  });
  after(async () => {
    if (stopped) return;
    pulmo?.ws.close();
    neuro?.ws.close();
    sse?.close();
    await t?.stop();
  });

  const as = (login: string) => ({ token: tokens[login] });
  const about = (type: string, id: number | string) => (m: EventMessage) =>
    m.type === 'notification' && m.notification.related_resource_type === type && m.notification.related_resource_id === String(id);
  const unreadCount = async (login = 'doctor.pulmo') => {
    const res = await t.http.get('/api/v1/notifications/unread-count', as(login));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { unread: number; unacknowledged: number };
  };

  test('the first message of a stream is ready, with the badge counts', async () => {
    const ready = pulmo.inbox.messages[0]!;
    assert.equal(ready.type, 'ready');
    assert.equal(typeof ready.unread, 'number');
    assert.equal(typeof ready.unacknowledged, 'number');
    assert.equal(sse.status, 200);
    assert.match(String(sse.headers['content-type']), /^text\/event-stream/);
    assert.match(sse.text(), /^retry: \d+\n\n/);
  });

  test('a socket and an SSE stream close when the access token that opened them expires', async () => {
    // The doctor's own claims in a token that lives two seconds.
    const { sub, role, name, department, patientId, staffId, sessionId } = decodeJwt(tokens['doctor.pulmo']!) as Record<string, never>;
    const claims: AccessClaims = { sub, realm: 'staff', role, name, department, patientId, staffId, sessionId };
    const shortLived = await signAccessToken(claims, t.node.runtime.signingKey(), 2);
    const socket = await openEventsSocket(t.http.baseUrl, shortLived);
    const stream = await openSse(t.http.baseUrl, `/api/v1/notifications/stream?token=${encodeURIComponent(shortLived)}`);
    await stream.inbox.next((m) => m.type === 'ready', 'SSE ready');
    const closed = await socket.closed;
    assert.equal(closed.code, 4401);
    assert.match(closed.reason, /access token expired/);
    await stream.ended;
    assert.match(stream.text(), /event: close\ndata: \{"code":4401,"reason":"[^"]*access token expired/);
    // The doctor's other connections, opened with the long-lived token, stay open.
    assert.equal(pulmo.ws.readyState, pulmo.ws.OPEN);
  });

  test('a pharmacy step on the doctor\'s order reaches their socket and SSE stream at once, not another doctor\'s socket', async () => {
    const placed = await t.http.post('/api/v1/ocs/orders', { orderType: 'PRESCRIPTION', patientId: 16, items: [{ code: 'WRF5', dose: 1, frequency: 'QD', days: 30 }] }, as('doctor.pulmo'));
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const orderId = placed.body.id as number;
    const started = Date.now();
    assert.equal((await t.http.post(`/api/v1/pharmacy/orders/${orderId}/start`, {}, as('pharmacy.system'))).status, 200);
    const live = await pulmo.inbox.next(about('OcsOrder', orderId), 'order notification on the socket');
    assert.ok(Date.now() - started < 5000);
    assert.equal(live.notification.user_id, pulmoId);
    assert.equal(live.notification.notification_type, 'RESULT');
    assert.equal(live.notification.is_read, false);
    assert.equal(live.unread, (await unreadCount()).unread, 'the push carries the new unread count');
    const viaSse = await sse.inbox.next(about('OcsOrder', orderId), 'order notification on SSE');
    assert.equal(viaSse.notification.id, live.notification.id);

    assert.equal((await t.http.post(`/api/v1/pharmacy/orders/${orderId}/complete`, {}, as('pharmacy.system'))).status, 200);
    await pulmo.inbox.next((m) => about('OcsOrder', orderId)(m) && /조제완료/.test(m.notification.title), 'completion notification');
    // The other doctor's socket is open and working (it answers a ping) but heard nothing of it.
    neuro.ws.send(JSON.stringify({ type: 'ping' }));
    await neuro.inbox.next((m) => m.type === 'pong', 'pong');
    assert.equal(neuro.inbox.messages.filter(about('OcsOrder', orderId)).length, 0);
  });

  test('the row the push announced is in the list; marking it read is pushed to the other streams with the new count', async () => {
    const [pushed] = pulmo.inbox.notifications().slice(-1);
    const list = await t.http.get('/api/v1/notifications?unread=true&pageSize=100', as('doctor.pulmo'));
    assert.ok(list.body.items.some((n: { id: number }) => n.id === pushed!.notification.id));
    const before = await unreadCount();
    const read = await t.http.post(`/api/v1/notifications/${pushed!.notification.id}/read`, {}, as('doctor.pulmo'));
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const update = await sse.inbox.next((m) => m.type === 'notification.read' && m.notification.id === pushed!.notification.id, 'read update');
    assert.equal(update.unread, before.unread - 1);
    assert.deepEqual(await unreadCount(), { ...before, unread: before.unread - 1 });
    assert.equal((await t.http.get('/api/v1/notifications/unread-count')).status, 401);
  });

  test('a critical K is pushed as needing acknowledgement; acknowledging it counts, is audited and is idempotent', async () => {
    const order = await t.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: 1, priority: 'STAT', items: [{ code: 'K' }] }, as('doctor.pulmo'));
    assert.equal(order.status, 200, JSON.stringify(order.body));
    assert.equal((await t.http.post(`/api/v1/lis/orders/${order.body.id}/specimens`, {}, as('nurse'))).status, 200);
    const results = await t.http.post('/api/v1/lis/results', {
      orderId: order.body.id, results: [{ code: 'K', value: '6.6', unit: 'mmol/L' }], idempotencyKey: `live-k-${order.body.id}`,
    }, as('lab.system'));
    assert.equal(results.status, 200, JSON.stringify(results.body));
    const potassium = results.body.results[0] as { id: number; critical: boolean };
    assert.equal(potassium.critical, true);
    const alert = (await pulmo.inbox.next(about('LabResult', potassium.id), 'critical alert')).notification;
    assert.deepEqual([alert.notification_type, alert.requires_ack, alert.acknowledged_at], ['ALERT', true, null]);
    const before = await unreadCount();
    assert.ok(before.unacknowledged >= 1);

    const foreign = await t.http.post(`/api/v1/notifications/${alert.id}/ack`, {}, as('doctor.neuro'));
    assert.equal(foreign.status, 404, 'someone else\'s');
    const ack = await t.http.post(`/api/v1/notifications/${alert.id}/ack`, {}, as('doctor.pulmo'));
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    assert.ok(ack.body.acknowledged_at);
    assert.equal(ack.body.is_read, true);
    await pulmo.inbox.next((m) => m.type === 'notification.acknowledged' && m.notification.id === alert.id, 'acknowledged update');
    assert.deepEqual(await unreadCount(), { unread: before.unread - 1, unacknowledged: before.unacknowledged - 1 });
    const again = await t.http.post(`/api/v1/notifications/${alert.id}/ack`, {}, as('doctor.pulmo'));
    assert.equal(again.status, 200);
    assert.equal(again.body.acknowledged_at, ack.body.acknowledged_at, 'the first acknowledgement stands');

    await t.node.broker.call('audit.flush');
    const { models } = await t.node.runtime.database();
    const rows = (await models.ActivityLog.findAll({ where: { request_id: ack.requestId } })).map((r) => r.get({ plain: true }) as ActivityLogAttributes);
    assert.ok(rows.some((r) => r.resource_type === 'Notification' && r.resource_id === String(alert.id) && r.outcome === 'success'), JSON.stringify(rows));
    const denied = await models.ActivityLog.findAll({ where: { request_id: foreign.requestId } });
    assert.ok(denied.some((r) => r.resource_type === 'Notification' && r.outcome === 'denied'), 'the attempt on someone else\'s is audited');

    const plain = pulmo.inbox.notifications().find((m) => !m.notification.requires_ack)!;
    const refused = await t.http.post(`/api/v1/notifications/${plain.notification.id}/ack`, {}, as('doctor.pulmo'));
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.type, 'ACK_NOT_REQUIRED');
    assert.equal((await t.http.post('/api/v1/notifications/abc/ack', {}, as('doctor.pulmo'))).status, 400);
  });

  test('acknowledging the critical result in the LIS acknowledges its notification too', async () => {
    const { ids: [id] } = await t.node.broker.call<{ ids: number[] }, object>('notifications.notify', {
      userIds: [pulmoId], type: 'ALERT', title: '위급 검사 결과 (test)', resourceType: 'LabResult', resourceId: 987654,
    });
    assert.equal((await pulmo.inbox.next(about('LabResult', 987654), 'alert')).notification.requires_ack, true);
    await t.node.broker.call('notifications.markReadFor', { resourceType: 'LabResult', resourceId: 987654 });
    const update = await pulmo.inbox.next((m) => m.type === 'notification.read' && m.notification.id === id, 'cleared');
    assert.ok(update.notification.acknowledged_at);
    assert.equal(update.notification.is_read, true);
  });

  test('an AI analysis of the doctor\'s study is pushed to them the moment it is done', async () => {
    const entry = await ai.scheduledChestCt(1);
    const image = await ai.upload({ patientId: 1, accessionNumber: entry.accession_number }, chestCt(await ai.patient(1), [], entry.accession_number));
    const done = await pulmo.inbox.next((m) => m.type === 'notification' && m.notification.notification_type === 'ANALYSIS_DONE', 'AI notification', 90_000);
    const [analysis] = await ai.settled(image.id);
    assert.equal(done.notification.related_resource_id, String(analysis!.id));
    assert.equal(neuro.inbox.messages.filter((m) => m.type === 'notification' && m.notification.notification_type === 'ANALYSIS_DONE').length, 0);
  });

  test('an appointment someone else changes is pushed to its doctor; their own change is not', async () => {
    const appointment = { id: '00000000-0000-4000-8000-000000000007', doctor_id: pulmoId, patient_name: '김환자', start_time: new Date('2030-03-04T01:00:00Z'), status: 'BOOKED' as const };
    await t.node.broker.emit('appointments.changed', { appointment, change: 'booked', actorId: pulmoId } satisfies AppointmentChanged);
    await t.node.broker.emit('appointments.changed', { appointment, change: 'rescheduled', actorId: null } satisfies AppointmentChanged);
    const pushed = await pulmo.inbox.next(about('Appointment', appointment.id), 'appointment notification');
    assert.equal(pushed.notification.notification_type, 'APPOINTMENT');
    assert.match(pushed.notification.title, /예약 변경/);
    assert.equal(pulmo.inbox.messages.filter(about('Appointment', appointment.id)).length, 1);
  });

  test('no socket and no stream without a valid staff token', async () => {
    assert.equal((await refusedUpgrade(t.http.baseUrl, '')).status, 401);
    assert.equal((await refusedUpgrade(t.http.baseUrl, '?token=not-a-token')).status, 401);
    const missing = await openSse(t.http.baseUrl, '/api/v1/notifications/stream');
    assert.equal(missing.status, 401);
    const forged = await openSse(t.http.baseUrl, '/api/v1/notifications/stream', { authorization: 'Bearer x.y.z' });
    assert.equal(forged.status, 401);
    const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const wrongRealm = await openSse(t.http.baseUrl, `/api/v1/notifications/stream?token=${patient}`);
    assert.equal(wrongRealm.status, 401, 'a patient token does not open the staff stream');
    for (const s of [missing, forged, wrongRealm]) await s.ended;
  });

  test('signing out closes that session\'s socket and stream', async () => {
    const { accessToken } = await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const socket = await openEventsSocket(t.http.baseUrl, accessToken);
    const stream = await openSse(t.http.baseUrl, '/api/v1/notifications/stream', { authorization: `Bearer ${accessToken}` });
    await stream.inbox.next((m) => m.type === 'ready', 'ready');
    assert.equal((await t.http.post('/api/v1/auth/logout', {}, { token: accessToken })).status, 200);
    const closed = await socket.closed;
    assert.ok(closed.code >= 4000, `closed with ${closed.code}`);
    await stream.ended;
    assert.equal((await refusedUpgrade(t.http.baseUrl, `?token=${accessToken}`)).status, 401);
    assert.ok(pulmo.ws.readyState === pulmo.ws.OPEN, 'the other session stays connected');
  });

  test('stopping the node closes every open stream at once (an open SSE response holds no request)', async () => {
    const started = Date.now();
    await t.stop();
    stopped = true;
    assert.ok(Date.now() - started < 5000, `stop took ${Date.now() - started} ms`);
    assert.equal((await pulmo.closed).code, 1001);
    await sse.ended;
    assert.match(sse.text(), /event: close\ndata: .*server shutting down/);
  });
});

describe('live notifications across two gateway nodes over Redis', { skip: (await redisAvailable()) ? false : `Redis unreachable at ${REDIS_URL}` }, () => {
  let full: TestNode;
  let gateway: TestNode;

  before(async () => {
    const cluster = { CDSS_TRANSPORTER: REDIS_URL, CDSS_NAMESPACE: `cdss-events-${randomBytes(4).toString('hex')}` };
    full = await startTestNode({ ...cluster, CDSS_NODE_ID: 'events-full' });
    gateway = await startTestNode({ ...cluster, CDSS_NODE_ID: 'events-gateway', CDSS_SERVICES: 'gateway' });
    // A new node announces its services about a second after they started (Moleculer debounces the
    // INFO packet): until then the other node does not know the gateway listens to realtime.push.
    const registry = full.node.broker.registry as unknown as { events: { getAllEndpoints(event: string): { id: string }[] } };
    for (let i = 0; i < 100 && !registry.events.getAllEndpoints('realtime.push').some((e) => e.id === 'events-gateway'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    await gateway?.stop();
    await full?.stop();
  });

  test('a notification written on one node reaches the user\'s sockets on both gateways, once each', async () => {
    const token = (await gateway.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    const userId = (await (await full.node.runtime.database()).models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    const here = await openEventsSocket(full.http.baseUrl, token);
    const there = await openEventsSocket(gateway.http.baseUrl, token);
    const stream = await openSse(gateway.http.baseUrl, '/api/v1/notifications/stream', { authorization: `Bearer ${token}` });
    try {
      await stream.inbox.next((m) => m.type === 'ready', 'SSE ready on the gateway-only node');
      await full.node.broker.call('notifications.notify', { userIds: [userId], type: 'MESSAGE', title: '두 노드 (two nodes)', resourceType: 'Test', resourceId: 'two-nodes' });
      const match = (m: EventMessage) => m.type === 'notification' && m.notification.related_resource_id === 'two-nodes';
      await Promise.all([here.inbox.next(match, 'on the full node'), there.inbox.next(match, 'on the gateway node'), stream.inbox.next(match, 'SSE on the gateway node')]);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual([here, there].map((s) => s.inbox.messages.filter(match).length), [1, 1]);
    } finally {
      here.ws.close();
      there.ws.close();
      stream.close();
    }
  });
});
