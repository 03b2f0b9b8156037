import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Context } from 'moleculer';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { openEventsSocket } from '../helpers/event-streams.js';
import { chatDocumentType } from '../../services/realtime/collab-chat.js';
import type { CdssContext, SessionUser } from '../../services/context.js';

interface Push { userIds: number[]; payload: { type: string; roomId: number; message?: { id: number; content: string } } }

describe('chat: rooms, messages, receipts, live push', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const pushes: Push[] = [];
  const staff = ['doctor.pulmo', 'doctor.neuro', 'nurse', 'radiologist', 'radtech', 'sysadmin'];
  const as = (login: string) => ({ token: tokens[login] });

  before(async () => {
    t = await startTestNode();
    for (const login of staff) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    tokens.patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    for (const login of staff) ids[login] = (await models.AuthUser.findOne({ where: { username: login } }))!.id;
    // What the gateways' events sockets would receive (the gateway forwards `realtime.push` to the users' sockets).
    t.node.broker.createService({ name: 'push-spy', events: { 'realtime.push'(ctx: Context<Push>) { pushes.push(ctx.params); } } });
  });
  after(() => t.stop());

  const auditOf = async (requestId: string) => {
    await t.node.broker.call('audit.flush');
    const { models } = await t.node.runtime.database();
    return (await models.ActivityLog.findAll({ where: { request_id: requestId } })).map((r) => r.get({ plain: true }));
  };
  const until = async (found: () => boolean) => {
    for (let i = 0; i < 50 && !found(); i++) await new Promise((r) => setTimeout(r, 20));
    return found();
  };

  test('contacts: active colleagues who chat, by name, without oneself or contact details', async () => {
    const all = await t.http.get('/api/v1/chat/contacts', as('doctor.pulmo'));
    assert.equal(all.status, 200, JSON.stringify(all.body));
    const people = all.body.items as { id: number; name: string; role: string; department: string | null }[];
    assert.ok(people.some((p) => p.id === ids.nurse && p.role === 'nurse'));
    assert.ok(!people.some((p) => p.id === ids['doctor.pulmo']), 'not oneself');
    assert.ok(people.every((p) => ['doctor', 'nurse', 'radiology_technician', 'radiologist'].includes(p.role)), 'no service accounts, no administrators');
    assert.deepEqual(Object.keys(people[0]!).sort(), ['department', 'id', 'name', 'role']);
    const nurseName = people.find((p) => p.id === ids.nurse)!.name;
    const found = await t.http.get(`/api/v1/chat/contacts?q=${encodeURIComponent(nurseName.slice(0, 2))}`, as('doctor.pulmo'));
    assert.ok((found.body.items as { id: number }[]).some((p) => p.id === ids.nurse));
    assert.equal((await t.http.get('/api/v1/chat/contacts', as('patient'))).status, 401);
  });

  test('a direct room is created once; sending pushes to both members; unread counts and the receipt follow', async () => {
    const created = await t.http.post('/api/v1/chat/rooms', { roomType: 'DIRECT', memberIds: [ids.nurse] }, as('doctor.pulmo'));
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal(created.body.created, true);
    const again = await t.http.post('/api/v1/chat/rooms', { roomType: 'DIRECT', memberIds: [ids['doctor.pulmo']] }, as('nurse'));
    assert.equal(again.body.id, created.body.id);
    assert.equal(again.body.created, false);
    const roomId = created.body.id as number;

    const sent = await t.http.post(`/api/v1/chat/rooms/${roomId}/messages`, { content: '  환자 1 산소포화도 확인 부탁드립니다 ' }, as('doctor.pulmo'));
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.content, '환자 1 산소포화도 확인 부탁드립니다');
    assert.ok(await until(() => pushes.some((p) => p.payload.type === 'chat.message' && p.payload.message?.id === sent.body.id)));
    const push = pushes.find((p) => p.payload.message?.id === sent.body.id)!;
    assert.deepEqual([...push.userIds].sort(), [ids['doctor.pulmo'], ids.nurse].sort());
    assert.equal(push.payload.roomId, roomId);

    const rooms = await t.http.get('/api/v1/chat/rooms', as('nurse'));
    assert.equal(rooms.status, 200);
    const listed = rooms.body.items.find((r: { id: number }) => r.id === roomId);
    assert.equal(listed.unread, 1);
    assert.equal(listed.lastMessage.id, sent.body.id);
    assert.equal((await t.http.get('/api/v1/chat/unread', as('nurse'))).body.total, 1);
    assert.equal((await t.http.get(`/api/v1/chat/rooms/${roomId}`, as('doctor.pulmo'))).body.unread, 0, 'the sender has read their own message');

    const read = await t.http.post(`/api/v1/chat/rooms/${roomId}/read`, {}, as('nurse'));
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.unread, 0);
    assert.equal((await t.http.get('/api/v1/chat/unread', as('nurse'))).body.total, 0);
    const page = await t.http.get(`/api/v1/chat/rooms/${roomId}/messages`, as('doctor.pulmo'));
    assert.equal(page.body.items[0].is_read, true, 'the 1:1 read mark');
    assert.ok(await until(() => pushes.some((p) => p.payload.type === 'chat.read' && p.payload.roomId === roomId)));
    const detail = await t.http.get(`/api/v1/chat/rooms/${roomId}`, as('nurse'));
    assert.equal(detail.body.members.length, 2);
    assert.ok(detail.body.members.every((m: { name: string | null }) => m.name));
  });

  test('messages page back with a before cursor; PUT /messages/:id/read marks up to that message', async () => {
    const room = (await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: '호흡기 병동', memberIds: [ids.nurse, ids.radiologist] }, as('doctor.pulmo'))).body;
    const sent: number[] = [];
    for (let i = 1; i <= 5; i++) sent.push((await t.http.post(`/api/v1/chat/rooms/${room.id}/messages`, { content: `메시지 ${i}` }, as('doctor.pulmo'))).body.id);
    const first = await t.http.get(`/api/v1/chat/rooms/${room.id}/messages?limit=2`, as('nurse'));
    assert.deepEqual(first.body.items.map((m: { id: number }) => m.id), [sent[4], sent[3]]);
    assert.equal(first.body.hasMore, true);
    const second = await t.http.get(`/api/v1/chat/rooms/${room.id}/messages?limit=2&before=${first.body.nextBefore}`, as('nurse'));
    assert.deepEqual(second.body.items.map((m: { id: number }) => m.id), [sent[2], sent[1]]);
    const upTo = await t.http.put(`/api/v1/chat/messages/${sent[2]}/read`, undefined, as('nurse'));
    assert.equal(upTo.status, 200, JSON.stringify(upTo.body));
    assert.equal(upTo.body.unread, 2);
    assert.equal((await t.http.put('/api/v1/chat/messages/99999999/read', undefined, as('nurse'))).status, 404);
  });

  test('a non-member is refused (403, audited); a missing room is 404; invalid input is 4xx', async () => {
    const room = (await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: '비공개', memberIds: [ids.nurse] }, as('doctor.pulmo'))).body;
    for (const path of [`/api/v1/chat/rooms/${room.id}`, `/api/v1/chat/rooms/${room.id}/messages`]) {
      const res = await t.http.get(path, as('radiologist'));
      assert.equal(res.status, 403, path);
      assert.equal(res.body.error.type, 'NOT_A_MEMBER');
      assert.ok((await auditOf(res.requestId)).some((row) => row.outcome === 'denied'), path);
    }
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${room.id}/messages`, { content: '끼어들기' }, as('radiologist'))).status, 403);
    assert.equal((await t.http.get('/api/v1/chat/rooms/99999999', as('nurse'))).status, 404);
    assert.equal((await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP' }, as('doctor.pulmo'))).status, 400);
    assert.equal((await t.http.post('/api/v1/chat/rooms', { roomType: 'DIRECT', memberIds: [] }, as('doctor.pulmo'))).status, 400);
    assert.equal((await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: 'x', memberIds: [ids.sysadmin] }, as('doctor.pulmo'))).status, 422);
    assert.equal((await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: 'x', memberIds: [99999999] }, as('doctor.pulmo'))).status, 422);
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${room.id}/messages`, {}, as('nurse'))).status, 400);
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${room.id}/messages`, { messageType: 'FILE', fileUrl: 'https://evil.example/x' }, as('nurse'))).status, 400);
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${room.id}/messages`, { messageType: 'FILE', fileUrl: 'javascript:alert(1)' }, as('nurse'))).status, 400);
    assert.equal((await t.http.get('/api/v1/chat/rooms/abc', as('nurse'))).status, 400);
  });

  test('roles without chat and patients are refused; the sysadmin gets 403, a patient token 401', async () => {
    assert.equal((await t.http.get('/api/v1/chat/rooms', as('sysadmin'))).status, 403);
    assert.equal((await t.http.get('/api/v1/chat/rooms', as('patient'))).status, 401);
    assert.equal((await t.http.get('/api/v1/chat/rooms')).status, 401);
  });

  test('members: the admin adds and removes, a member may only leave', async () => {
    const room = (await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: '영상 협진', memberIds: [ids.nurse] }, as('doctor.pulmo'))).body;
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${room.id}/members`, { userId: ids.radtech }, as('nurse'))).status, 403);
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${room.id}/members`, { userId: ids.radtech }, as('doctor.pulmo'))).status, 200);
    assert.equal((await t.http.get(`/api/v1/chat/rooms/${room.id}`, as('radtech'))).status, 200);
    assert.equal((await t.http.request('DELETE', `/api/v1/chat/rooms/${room.id}/members/${ids.radtech}`, as('nurse'))).status, 403);
    assert.equal((await t.http.request('DELETE', `/api/v1/chat/rooms/${room.id}/members/${ids.nurse}`, as('nurse'))).status, 200);
    assert.equal((await t.http.get(`/api/v1/chat/rooms/${room.id}`, as('nurse'))).status, 403);
    assert.equal((await t.http.request('DELETE', `/api/v1/chat/rooms/${room.id}/members/${ids.radtech}`, as('doctor.pulmo'))).status, 200);
  });

  test('consultation rooms are for the patient\'s care team; links are checked with the sender\'s rights', async () => {
    // Patient 1 is PULMONOLOGY: doctor.pulmo attends, the PULMONOLOGY nurse is on the team by department.
    const consult = await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', patientId: 1, memberIds: [ids.nurse] }, as('doctor.pulmo'));
    assert.equal(consult.status, 200, JSON.stringify(consult.body));
    assert.equal(consult.body.related_patient_id, 1);
    assert.match(consult.body.name, /^진료상담: /);
    const outsider = await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', patientId: 1, memberIds: [ids.radiologist] }, as('doctor.pulmo'));
    assert.equal(outsider.status, 403);
    assert.equal(outsider.body.error.type, 'NOT_CARE_TEAM');
    assert.equal((await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', patientId: 2, memberIds: [] }, as('doctor.pulmo'))).status, 404);
    assert.equal((await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', memberIds: [] }, as('doctor.pulmo'))).status, 400);
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${consult.body.id}/members`, { userId: ids.radiologist }, as('doctor.pulmo'))).status, 403);

    const { models } = await t.node.runtime.database();
    const ownRecord = await models.MedicalRecord.findOne({ where: { patient_fk_id: 1, status: 'SIGNED' } });
    const otherRecord = await models.MedicalRecord.findOne({ where: { patient_fk_id: 2, status: 'SIGNED' } });
    const url = `/api/v1/chat/rooms/${consult.body.id}/messages`;
    const linked = await t.http.post(url, { content: '최근 기록 참고', recordId: ownRecord!.id }, as('doctor.pulmo'));
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    assert.equal(linked.body.related_record_id, ownRecord!.id);
    assert.equal((await t.http.post(url, { content: '다른 환자', recordId: otherRecord!.id }, as('doctor.pulmo'))).status, 404, 'out of the sender\'s scope');
    // The demo seed's image 1 is patient 1's 흉부 CT request.
    const image = await models.MedicalImage.findOne({ where: { patient_fk_id: 1 } });
    const shared = await t.http.post(url, { messageType: 'MEDICAL_IMAGE_LINK', imageId: image!.id }, as('doctor.pulmo'));
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.equal(shared.body.related_image_id, image!.id);
    assert.equal((await t.http.post(url, { messageType: 'MEDICAL_IMAGE_LINK' }, as('doctor.pulmo'))).status, 400);
    const group = (await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: '기록 공유', memberIds: [] }, as('radiologist'))).body;
    const otherPatient = await t.http.post(`/api/v1/chat/rooms/${group.id}/messages`, { content: '기록', recordId: otherRecord!.id }, as('radiologist'));
    assert.equal(otherPatient.status, 200, 'a group room may link any record its sender may read');
    assert.equal((await t.http.post(`/api/v1/chat/rooms/${group.id}/messages`, { content: '기록', recordId: ownRecord!.id }, as('radtech'))).status, 403);
  });

  test('the chat collaboration document: members edit, others are refused', async () => {
    const room = (await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: '공동 메모', memberIds: [ids.nurse] }, as('doctor.pulmo'))).body;
    const ctxOf = (login: string, role: SessionUser['role']) => ({
      call: (action: string, params: unknown) => t.node.broker.call(action, params, {
        meta: { user: { id: ids[login], realm: 'staff', role, name: login, department: null, patientId: null, staffId: null } as SessionUser },
      }),
    }) as unknown as CdssContext;
    assert.equal(await chatDocumentType.authorize(ctxOf('nurse', 'nurse'), room.id), 'edit');
    await assert.rejects(chatDocumentType.authorize(ctxOf('radiologist', 'radiologist'), room.id), (err: { code: number }) => err.code === 403);
    await assert.rejects(chatDocumentType.authorize(ctxOf('nurse', 'nurse'), 99999999), (err: { code: number }) => err.code === 404);
  });

  test('the patient sees only consultation rooms of their own chart, sends text, and both sides get it live', async () => {
    const { models } = await t.node.runtime.database();
    const account = (await models.PatientUser.findOne({ where: { account_id: 'patient1' } }))!.id;
    const portal = { token: tokens.patient };
    const consult = (await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', patientId: 1, memberIds: [ids.nurse] }, as('doctor.pulmo'))).body;
    assert.equal(consult.patient_user_id, account, 'the doctor\'s view of the chart links the portal account');
    const staffOnly = (await t.http.post('/api/v1/chat/rooms', { roomType: 'GROUP', name: '의료진 전용', memberIds: [ids.nurse] }, as('doctor.pulmo'))).body;
    const neuroToken = (await t.http.loginStaff('doctor.neuro', TEST_PASSWORD)).accessToken;
    const otherPatient = await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', patientId: 2 }, { token: neuroToken });
    assert.equal(otherPatient.status, 200, JSON.stringify(otherPatient.body));

    const rooms = await t.http.get('/api/v1/portal/chat/rooms', portal);
    assert.equal(rooms.status, 200, JSON.stringify(rooms.body));
    const roomIds = rooms.body.items.map((r: { id: number }) => r.id);
    assert.ok(roomIds.includes(consult.id));
    assert.ok(!roomIds.includes(staffOnly.id) && !roomIds.includes(otherPatient.body.id));
    for (const other of [staffOnly.id, otherPatient.body.id, 99999999]) {
      const res = await t.http.get(`/api/v1/portal/chat/rooms/${other}/messages`, portal);
      assert.equal(res.status, 404, String(other));
    }
    const denied = await t.http.get(`/api/v1/portal/chat/rooms/${staffOnly.id}`, portal);
    assert.ok((await auditOf(denied.requestId)).some((row) => row.outcome === 'denied' && row.realm === 'patient'));

    const sent = await t.http.post(`/api/v1/portal/chat/rooms/${consult.id}/messages`, { content: '기침이 계속됩니다' }, portal);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.sender_id, null);
    assert.equal(sent.body.sender_patient_user_id, account);
    assert.ok(await until(() => pushes.some((p) => p.payload.message?.id === sent.body.id && p.userIds.includes(ids['doctor.pulmo']))));
    assert.ok(pushes.some((p) => p.payload.message?.id === sent.body.id && (p as Push & { realm?: string }).realm === 'patient' && p.userIds[0] === account));
    const doctorView = await t.http.get(`/api/v1/chat/rooms/${consult.id}`, as('doctor.pulmo'));
    assert.equal(doctorView.body.unread, 1, 'the patient\'s message is unread for the doctor');

    const reply = await t.http.post(`/api/v1/chat/rooms/${consult.id}/messages`, { content: '내일 외래에서 뵙겠습니다' }, as('doctor.pulmo'));
    assert.ok(await until(() => pushes.some((p) => p.payload.message?.id === reply.body.id && (p as Push & { realm?: string }).realm === 'patient')));
    const mine = (await t.http.get('/api/v1/portal/chat/rooms', portal)).body.items.find((r: { id: number }) => r.id === consult.id);
    assert.equal(mine.unread, 1);
    const messages = await t.http.get(`/api/v1/portal/chat/rooms/${consult.id}/messages`, portal);
    assert.deepEqual(messages.body.items.map((m: { id: number }) => m.id).slice(0, 2), [reply.body.id, sent.body.id]);
    assert.equal((await t.http.post(`/api/v1/portal/chat/rooms/${consult.id}/read`, {}, portal)).body.unread, 0);
    assert.equal((await t.http.get(`/api/v1/portal/chat/rooms/${consult.id}`, portal)).body.unread, 0);
    assert.equal((await t.http.post(`/api/v1/portal/chat/rooms/${consult.id}/messages`, { content: 'x', recordId: 1 }, portal)).status, 400, 'patients send text only');
    assert.equal((await t.http.post(`/api/v1/portal/chat/rooms/${otherPatient.body.id}/messages`, { content: '끼어들기' }, portal)).status, 404);
    assert.equal((await t.http.get('/api/v1/portal/chat/rooms', as('doctor.pulmo'))).status, 401);
  });

  test('over real /ws/events sockets: members and the room\'s patient get the message, others do not', async () => {
    const consult = (await t.http.post('/api/v1/chat/rooms', { roomType: 'CONSULTATION', patientId: 1, memberIds: [ids.nurse] }, as('doctor.pulmo'))).body;
    const [nurse, patient, outsider] = await Promise.all([
      openEventsSocket(t.http.baseUrl, tokens.nurse), openEventsSocket(t.http.baseUrl, tokens.patient), openEventsSocket(t.http.baseUrl, tokens.radiologist),
    ]);
    try {
      const sent = (await t.http.post(`/api/v1/chat/rooms/${consult.id}/messages`, { content: '검사 결과 나왔습니다' }, as('doctor.pulmo'))).body;
      const isIt = (m: { type: string; message?: { id: number } }) => m.type === 'chat.message' && m.message?.id === sent.id;
      assert.equal((await nurse.inbox.next(isIt, 'chat message on the nurse\'s socket')).roomId, consult.id);
      assert.equal((await patient.inbox.next(isIt, 'chat message on the patient\'s socket')).message.content, '검사 결과 나왔습니다');
      const answer = (await t.http.post(`/api/v1/portal/chat/rooms/${consult.id}/messages`, { content: '감사합니다' }, { token: tokens.patient })).body;
      await nurse.inbox.next((m) => m.type === 'chat.message' && m.message?.id === answer.id, 'the patient\'s answer on the nurse\'s socket');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(outsider.inbox.messages.filter((m) => m.type.startsWith('chat.')).length, 0);
    } finally {
      for (const socket of [nurse, patient, outsider]) socket.ws.close();
    }
  });

  test('a patient starts a consultation only with someone named on their own care team', async () => {
    const portal = { token: tokens.patient };
    // The contacts offered are the care team's people who chat: names and roles, never contact details.
    const contacts = await t.http.get('/api/v1/portal/chat/contacts', portal);
    assert.equal(contacts.status, 200, JSON.stringify(contacts.body));
    const offered = contacts.body.items as { userId: number; name: string; role: string }[];
    assert.ok(offered.some((c) => c.userId === ids['doctor.pulmo'] && c.role === 'doctor' && c.name), JSON.stringify(offered));
    assert.ok(!offered.some((c) => c.userId === ids['doctor.neuro'] || c.userId === ids.radiologist || c.userId === ids.sysadmin));
    assert.equal(new Set(offered.map((c) => c.userId)).size, offered.length, 'each person once');
    for (const c of offered) assert.deepEqual(Object.keys(c).sort(), ['department', 'name', 'relation', 'role', 'userId']);
    assert.equal((await t.http.get('/api/v1/portal/chat/contacts', as('doctor.pulmo'))).status, 401, 'a staff token is not a portal token');
    const started = await t.http.post('/api/v1/portal/chat/rooms', { staffUserId: ids['doctor.pulmo'] }, portal);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.room_type, 'CONSULTATION');
    assert.equal(started.body.related_patient_id, 1);
    assert.equal((await t.http.get(`/api/v1/chat/rooms/${started.body.id}`, as('doctor.pulmo'))).status, 200);
    for (const login of ['doctor.neuro', 'radiologist']) {
      const res = await t.http.post('/api/v1/portal/chat/rooms', { staffUserId: ids[login] }, portal);
      assert.equal(res.status, 403, login);
      assert.equal(res.body.error.type, 'NOT_CARE_TEAM');
    }
    assert.equal((await t.http.post('/api/v1/portal/chat/rooms', { staffUserId: ids.sysadmin }, portal)).status, 422);
  });
});
