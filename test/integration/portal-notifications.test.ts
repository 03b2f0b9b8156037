import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { openEventsSocket, type EventsSocket } from '../helpers/event-streams.js';

type Notice = { id: number; title: string; message: string | null; is_read: boolean; related_resource_type: string | null; related_resource_id: string | null };

/** A weekday 10:00 KST slot `weeks` ahead (always bookable in the demo doctors' hours). */
function slot(weeks: number, hour = 10): string {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 7 * weeks);
  while (start.getUTCDay() !== 3) start.setUTCDate(start.getUTCDate() + 1);
  start.setUTCHours(hour - 9, 0, 0, 0);
  return start.toISOString();
}

/**
 * The patient's notifications on the portal: what the hospital changes or makes ready reaches the
 * patient's own list and open tabs; their own changes do not; the list is theirs alone.
 */
describe('portal notifications', () => {
  let t: TestNode;
  let patient: string;
  let frontdesk: string;
  let doctor: string;
  let chartId: number;
  let patientUserId: number;
  let pulmo: number;
  let socket: EventsSocket;

  before(async () => {
    t = await startTestNode();
    patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    frontdesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
    doctor = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    patientUserId = (await models.PatientUser.findOne({ where: { account_id: 'patient1' } }))!.id;
    chartId = (await models.Patient.findOne({ where: { user_account_id: patientUserId } }))!.id;
    pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    socket = await openEventsSocket(t.http.baseUrl, patient);
  });
  after(async () => {
    socket?.ws.close();
    await t.stop();
  });

  const mine = async (query = '') => (await t.http.get(`/api/v1/portal/notifications${query}`, { token: patient })).body as { items: Notice[]; total: number; unread: number };
  /** Notices are written after the change (an event): wait for the one about `resourceId`. */
  async function noticeAbout(resourceId: string | number, title: RegExp): Promise<Notice> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = (await mine('?pageSize=100')).items.find((n) => n.related_resource_id === String(resourceId) && title.test(n.title));
      if (found) return found;
      if (Date.now() > deadline) assert.fail(`no notice ${title} about ${resourceId}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('the ready message of a patient\'s event stream carries their unread count', () => {
    const ready = socket.inbox.messages.find((m) => m.type === 'ready');
    assert.equal(typeof ready?.unread, 'number');
  });

  test('a booking by the front desk reaches the patient\'s list and open tab; a reschedule and a cancellation too', async () => {
    const booked = await t.http.post('/api/v1/appointments', { patientId: chartId, doctorId: pulmo, startTime: slot(40) }, { token: frontdesk });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const notice = await noticeAbout(booked.body.id, /^진료 예약이 등록되었습니다/);
    assert.equal(notice.related_resource_type, 'Appointment');
    assert.match(notice.message!, /\(KST\)$/);
    const pushed = await socket.inbox.next((m) => m.type === 'notification' && m.notification.id === notice.id, 'live notice');
    assert.ok(pushed.unread >= 1);

    const moved = await t.http.request('PATCH', `/api/v1/appointments/${booked.body.id}`, { body: { startTime: slot(40, 11) }, token: frontdesk });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await noticeAbout(booked.body.id, /^진료 예약 시간이 변경되었습니다/);
    const cancelled = await t.http.request('DELETE', `/api/v1/appointments/${booked.body.id}`, { token: frontdesk });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    await noticeAbout(booked.body.id, /^진료 예약이 취소되었습니다/);
  });

  test('the patient\'s own request and cancellation tell the doctor, not the patient', async () => {
    const request = await t.http.post('/api/v1/portal/appointments', { doctorId: pulmo, startTime: slot(41) }, { token: patient });
    assert.equal(request.status, 200, JSON.stringify(request.body));
    assert.equal((await t.http.post(`/api/v1/portal/appointments/${request.body.id}/cancel`, {}, { token: patient })).status, 200);
    const { models } = await t.node.runtime.database();
    const deadline = Date.now() + 10_000;
    while ((await models.Notification.count({ where: { related_resource_id: request.body.id } })) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await models.Notification.count({ where: { user_id: pulmo, related_resource_id: request.body.id } }), 2, 'the doctor hears of the request and the cancellation');
    assert.equal(await models.PatientNotification.count({ where: { related_resource_id: request.body.id } }), 0);
  });

  test('a signed record tells the patient it is ready', async () => {
    const draft = await t.http.post('/api/v1/medical-records', { patientId: chartId, visitDate: '2026-01-06', diagnosisCode: 'J18.9' }, { token: doctor });
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    const signed = await t.http.post(`/api/v1/medical-records/${draft.body.id}/sign`, undefined, { token: doctor });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    const notice = await noticeAbout(draft.body.id, /^진료기록이 등록되었습니다/);
    assert.equal(notice.related_resource_type, 'MedicalRecord');
  });

  test('read one, then all: the counts follow and other tabs hear of it', async () => {
    const before = await mine();
    assert.ok(before.unread >= 2, JSON.stringify(before));
    const first = before.items.find((n) => !n.is_read)!;
    const read = await t.http.post(`/api/v1/portal/notifications/${first.id}/read`, {}, { token: patient });
    assert.equal(read.status, 200);
    assert.equal(read.body.is_read, true);
    assert.equal((await t.http.get('/api/v1/portal/notifications/unread-count', { token: patient })).body.unread, before.unread - 1);
    assert.ok((await mine('?unread=true')).items.every((n) => n.is_read === false && n.id !== first.id));

    const all = await t.http.post('/api/v1/portal/notifications/read-all', {}, { token: patient });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.equal(all.body.updated, before.unread - 1);
    assert.equal(all.body.unread, 0);
    await socket.inbox.next((m) => m.type === 'notification.read-all' && m.unread === 0, 'read-all push');
    assert.equal((await mine('?unread=true')).total, 0);
  });

  test('staff and patient notices never mix, even where the account numbers are the same', async () => {
    // A staff notice to the staff account that has the patient's account number.
    await t.node.broker.call('notifications.notify', { userIds: [patientUserId], type: 'ALERT', title: '직원 전용 알림' });
    assert.ok(!(await mine('?pageSize=100')).items.some((n) => n.title === '직원 전용 알림'));
    const { models } = await t.node.runtime.database();
    assert.ok(await models.AuthUser.findByPk(patientUserId), 'a staff account has the same number as the patient\'s');
    assert.equal(await models.Notification.count({ where: { user_id: patientUserId, title: '직원 전용 알림' } }), 1, 'written for the staff account');
    // An id that is none of the patient's notices is 404 and audited; each realm stays on its own route.
    const staffNotice = (await models.Notification.findOne({ where: { title: '직원 전용 알림' } }))!;
    const foreign = await t.http.post(`/api/v1/portal/notifications/${staffNotice.id + 100000}/read`, {}, { token: patient });
    assert.equal(foreign.status, 404);
    const denied = await models.ActivityLog.findOne({ where: { resource_type: 'Notification', outcome: 'denied', resource_id: String(staffNotice.id + 100000) } });
    assert.ok(denied, 'the refused access is audited');
    assert.equal((await t.http.get('/api/v1/portal/notifications', { token: doctor })).status, 401, 'a staff token is not a portal token');
    assert.equal((await t.http.get('/api/v1/notifications', { token: patient })).status, 401, 'a patient token is not a staff token');
  });

  test('bad input is a 400 with the field named', async () => {
    const res = await t.http.post('/api/v1/portal/notifications/abc/read', {}, { token: patient });
    assert.equal(res.status, 400);
    assert.equal((await t.http.get('/api/v1/portal/notifications?pageSize=0', { token: patient })).status, 400);
  });
});
