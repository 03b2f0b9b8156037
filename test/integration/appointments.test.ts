import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { kstDay } from '../../lib/rules/appointments.js';

/** A weekday slot at `hour`:`minute` KST, `weeks` weeks ahead (always in the future). */
function slot(weeks: number, hour: number, minute = 0, weekday = 2): string {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 7 * weeks);
  while (start.getUTCDay() !== weekday) start.setUTCDate(start.getUTCDate() + 1);
  start.setUTCHours(hour - 9, minute, 0, 0);
  return start.toISOString();
}

describe('appointments', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmo: number;
  let neuro: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['frontdesk', 'doctor.pulmo', 'doctor.neuro', 'nurse']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    neuro = (await models.AuthUser.findOne({ where: { username: 'doctor.neuro' } }))!.id;
  });
  after(() => t.stop());

  const book = (body: Record<string, unknown>, as = 'frontdesk') => t.http.post('/api/v1/appointments', body, { token: tokens[as] });
  const count = async () => (await t.node.runtime.database()).models.Appointment.count();

  test('front desk books a slot; the copy of patient and doctor is on the row', async () => {
    const res = await book({ patientId: 6, doctorId: pulmo, startTime: slot(20, 10), type: 'FOLLOW_UP', title: '재진' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'BOOKED');
    assert.equal(res.body.doctor_department, 'PULMONOLOGY');
    assert.equal(res.body.doctor_username, 'doctor.pulmo');
    assert.match(res.body.patient_identifier, /^P\d{9}$/);
    assert.equal(new Date(res.body.end_time).getTime() - new Date(res.body.start_time).getTime(), 30 * 60_000);
  });

  test('a double booking of the doctor is 409 naming the conflicting slot, and nothing is stored', async () => {
    const first = await book({ patientId: 11, doctorId: pulmo, startTime: slot(21, 11) });
    assert.equal(first.status, 200);
    const before = await count();
    const clash = await book({ patientId: 16, doctorId: pulmo, startTime: slot(21, 11), endTime: slot(21, 12) });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.type, 'SLOT_TAKEN');
    assert.equal(clash.body.error.details.conflictingAppointmentId, first.body.id);
    assert.equal(clash.body.error.details.with, 'doctor');
    // The message names the taken slot in the hospital's time (KST), as the front desk reads it.
    assert.ok(clash.body.error.message.includes(`${slot(21, 11).slice(0, 10)} 11:00–11:30 (KST)`), clash.body.error.message);
    assert.equal(await count(), before);
  });

  test('a double booking of the patient with another doctor is 409 too', async () => {
    assert.equal((await book({ patientId: 21, doctorId: pulmo, startTime: slot(22, 14) })).status, 200);
    const clash = await book({ patientId: 21, doctorId: neuro, startTime: slot(22, 14) });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.details.with, 'patient');
  });

  test('two bookings of one slot at the same moment store one', async () => {
    const results = await Promise.all([26, 1].map((patientId) => book({ patientId, doctorId: pulmo, startTime: slot(23, 15) })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
  });

  test('slots outside working hours, off the grid, in the past or backwards are 400', async () => {
    const before = await count();
    for (const body of [
      { startTime: slot(24, 8) },
      { startTime: slot(24, 18) },
      { startTime: slot(24, 10, 15) },
      { startTime: slot(24, 10, 0, 6) },
      { startTime: slot(24, 10), endTime: slot(24, 9, 30) },
      { startTime: '2020-01-07T01:00:00.000Z' },
      { startTime: 'tomorrow-ish' },
    ]) {
      const res = await book({ patientId: 6, doctorId: pulmo, ...body });
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}`);
    }
    assert.equal(await count(), before);
  });

  test('an unknown doctor is 400 and an unknown patient 404', async () => {
    assert.equal((await book({ patientId: 6, doctorId: 99999, startTime: slot(25, 10) })).status, 400);
    assert.equal((await book({ patientId: 99999, doctorId: pulmo, startTime: slot(25, 10) })).status, 404);
  });

  test('booking opens the chart to the booked doctor', async () => {
    assert.equal((await t.http.get('/api/v1/patients/3', { token: tokens['doctor.neuro'] })).status, 404);
    assert.equal((await book({ patientId: 3, doctorId: neuro, startTime: slot(26, 10) })).status, 200);
    assert.equal((await t.http.get('/api/v1/patients/3', { token: tokens['doctor.neuro'] })).status, 200);
  });

  test('the status flow: check in, consult, complete; an invalid step is 409', async () => {
    const booked = await book({ patientId: 6, doctorId: pulmo, startTime: slot(27, 10) });
    const id = booked.body.id;
    const to = (status: string) => t.http.patch(`/api/v1/appointments/${id}/status`, { status }, { token: tokens.frontdesk });
    assert.equal((await to('IN_CONSULTATION')).status, 409);
    assert.equal((await to('CHECKED_IN')).body.status, 'CHECKED_IN');
    assert.equal((await to('IN_CONSULTATION')).body.status, 'IN_CONSULTATION');
    const cancel = await t.http.request('DELETE', `/api/v1/appointments/${id}`, { token: tokens.frontdesk });
    assert.equal(cancel.status, 409);
    assert.equal((await to('COMPLETED')).body.status, 'COMPLETED');
  });

  test('cancelling keeps the row and frees the slot', async () => {
    const booked = await book({ patientId: 11, doctorId: pulmo, startTime: slot(28, 16) });
    const cancel = await t.http.request('DELETE', `/api/v1/appointments/${booked.body.id}`, { token: tokens.frontdesk });
    assert.equal(cancel.status, 200);
    assert.equal(cancel.body.status, 'CANCELLED');
    assert.equal((await book({ patientId: 16, doctorId: pulmo, startTime: slot(28, 16) })).status, 200);
  });

  test('lists filter by doctor, department, status and date range, inside the row scope', async () => {
    const from = slot(20, 0);
    const to = slot(30, 0);
    const byDoctor = await t.http.get(`/api/v1/appointments?doctorId=${pulmo}&from=${from}&to=${to}&pageSize=200`, { token: tokens.frontdesk });
    assert.equal(byDoctor.status, 200);
    assert.ok(byDoctor.body.items.length >= 5);
    assert.ok(byDoctor.body.items.every((a: { doctor_id: number }) => a.doctor_id === pulmo));
    const starts = byDoctor.body.items.map((a: { start_time: string }) => new Date(a.start_time).getTime());
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    const cancelled = await t.http.get(`/api/v1/appointments?status=CANCELLED&from=${from}&to=${to}`, { token: tokens.frontdesk });
    assert.ok(cancelled.body.items.length >= 1 && cancelled.body.items.every((a: { status: string }) => a.status === 'CANCELLED'));
    // The nurse (PULMONOLOGY) sees pulmonology patients' appointments, not neurosurgery ones.
    const nurse = await t.http.get(`/api/v1/appointments?department=NEUROSURGERY&from=${from}&to=${to}`, { token: tokens.nurse });
    assert.equal(nurse.status, 200);
    assert.ok(nurse.body.items.every((a: { patient_id: number }) => a.patient_id % 5 === 1), JSON.stringify(nurse.body.items.map((a: { patient_id: number }) => a.patient_id)));
    assert.equal((await t.http.get(`/api/v1/appointments?from=${to}&to=${from}`, { token: tokens.frontdesk })).status, 400);
  });

  test('every booking is audited with its patient', async () => {
    const res = await book({ patientId: 16, doctorId: pulmo, startTime: slot(29, 9) });
    const { models } = await t.node.runtime.database();
    const row = await models.ActivityLog.findOne({ where: { request_id: res.requestId, resource_type: 'Appointment' } });
    assert.equal(row?.action_type, 'create');
    assert.equal(row?.patient_id, 16);
  });

  describe('a doctor\'s own calendar', () => {
    const as = (login: string) => ({ token: tokens[login] });
    const denialOf = async (requestId: string) => {
      await t.node.broker.call('audit.flush');
      const { models } = await t.node.runtime.database();
      return models.ActivityLog.findOne({ where: { request_id: requestId, resource_type: 'Appointment' } });
    };

    test('a doctor books, moves and cancels a visit in their own calendar', async () => {
      const booked = await book({ patientId: 6, doctorId: pulmo, startTime: slot(33, 10), type: 'FOLLOW_UP', memo: '흉부 CT 결과 설명' }, 'doctor.pulmo');
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
      assert.equal(booked.body.doctor_id, pulmo);
      assert.equal(booked.body.memo, '흉부 CT 결과 설명');
      const moved = await t.http.patch(`/api/v1/appointments/${booked.body.id}`, { startTime: slot(33, 11) }, as('doctor.pulmo'));
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(new Date(moved.body.start_time).toISOString(), slot(33, 11));
      const cancelled = await t.http.request('DELETE', `/api/v1/appointments/${booked.body.id}`, as('doctor.pulmo'));
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.status, 'CANCELLED');
    });

    test('a doctor\'s booking of a taken slot is 409 SLOT_TAKEN like the front desk\'s, and a move onto one too', async () => {
      const taken = await book({ patientId: 11, doctorId: pulmo, startTime: slot(34, 14) });
      assert.equal(taken.status, 200);
      const before = await count();
      const clash = await book({ patientId: 16, doctorId: pulmo, startTime: slot(34, 14) }, 'doctor.pulmo');
      assert.equal(clash.status, 409);
      assert.equal(clash.body.error.type, 'SLOT_TAKEN');
      assert.equal(clash.body.error.details.conflictingAppointmentId, taken.body.id);
      assert.equal(await count(), before);
      const mine = await book({ patientId: 16, doctorId: pulmo, startTime: slot(34, 15) }, 'doctor.pulmo');
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const onto = await t.http.patch(`/api/v1/appointments/${mine.body.id}`, { startTime: slot(34, 14) }, as('doctor.pulmo'));
      assert.equal(onto.status, 409);
      assert.equal(onto.body.error.type, 'SLOT_TAKEN');
    });

    test('a doctor cannot book in a colleague\'s calendar (403 NOT_OWN_CALENDAR, audited, nothing stored)', async () => {
      const before = await count();
      const res = await book({ patientId: 1, doctorId: neuro, startTime: slot(35, 10) }, 'doctor.pulmo');
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'NOT_OWN_CALENDAR');
      assert.equal(await count(), before);
      const row = await denialOf(res.requestId);
      assert.equal(row?.outcome, 'denied');
      assert.equal(row?.patient_id, 1);
    });

    test('a colleague\'s visit of a patient in scope: the doctor may check it in, but not move or cancel it', async () => {
      // Patient 1 is PULMONOLOGY's, so doctor.pulmo sees the visit the front desk booked with doctor.neuro.
      const theirs = await book({ patientId: 1, doctorId: neuro, startTime: slot(36, 10) });
      assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
      const id = theirs.body.id as string;
      assert.equal((await t.http.get(`/api/v1/appointments/${id}`, as('doctor.pulmo'))).status, 200);

      const move = await t.http.patch(`/api/v1/appointments/${id}`, { startTime: slot(36, 11) }, as('doctor.pulmo'));
      assert.equal(move.status, 403);
      assert.equal(move.body.error.type, 'NOT_OWN_CALENDAR');
      assert.equal((await denialOf(move.requestId))?.outcome, 'denied');
      for (const cancel of [
        () => t.http.request('DELETE', `/api/v1/appointments/${id}`, as('doctor.pulmo')),
        () => t.http.patch(`/api/v1/appointments/${id}/status`, { status: 'CANCELLED' }, as('doctor.pulmo')),
      ]) {
        const res = await cancel();
        assert.equal(res.status, 403, JSON.stringify(res.body));
        assert.equal(res.body.error.type, 'NOT_OWN_CALENDAR');
      }
      const { models } = await t.node.runtime.database();
      const stored = (await models.Appointment.findByPk(id))!;
      assert.equal(stored.status, 'BOOKED');
      assert.equal(new Date(stored.start_time).toISOString(), slot(36, 10));

      const checkIn = await t.http.patch(`/api/v1/appointments/${id}/status`, { status: 'CHECKED_IN' }, as('doctor.pulmo'));
      assert.equal(checkIn.status, 200, JSON.stringify(checkIn.body));
      assert.equal(checkIn.body.status, 'CHECKED_IN');
    });
  });

  describe('portal requests and the reception queue', () => {
    test('a patient requests a slot; it holds nothing until the front desk confirms, which checks the slot', async () => {
      const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
      const request = await t.http.post('/api/v1/portal/appointments', { doctorId: pulmo, startTime: slot(30, 11), memo: '기침이 2주째' }, { token: patient });
      assert.equal(request.status, 200, JSON.stringify(request.body));
      assert.equal(request.body.status, 'REQUESTED');
      assert.equal(request.body.patient_id, 1);
      const mine = await t.http.get('/api/v1/portal/appointments', { token: patient });
      assert.ok(mine.body.items.some((a: { id: string }) => a.id === request.body.id));
      assert.ok(mine.body.items.every((a: { patient_id: number }) => a.patient_id === 1));

      // The request did not hold the slot: the front desk books someone else there…
      assert.equal((await book({ patientId: 6, doctorId: pulmo, startTime: slot(30, 11) })).status, 200);
      // …so confirming the request now is a double booking.
      const confirm = await t.http.patch(`/api/v1/appointments/${request.body.id}/status`, { status: 'BOOKED' }, { token: tokens.frontdesk });
      assert.equal(confirm.status, 409);
      assert.equal(confirm.body.error.type, 'SLOT_TAKEN');

      const free = await t.http.post('/api/v1/portal/appointments', { doctorId: pulmo, startTime: slot(30, 13) }, { token: patient });
      const confirmed = await t.http.patch(`/api/v1/appointments/${free.body.id}/status`, { status: 'BOOKED' }, { token: tokens.frontdesk });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.status, 'BOOKED');
    });

    test('a patient cancels their own request or booking before it starts; not someone else\'s, not twice', async () => {
      const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
      const request = await t.http.post('/api/v1/portal/appointments', { doctorId: pulmo, startTime: slot(32, 10) }, { token: patient });
      assert.equal(request.status, 200, JSON.stringify(request.body));
      const cancelled = await t.http.post(`/api/v1/portal/appointments/${request.body.id}/cancel`, {}, { token: patient });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.status, 'CANCELLED');
      const again = await t.http.post(`/api/v1/portal/appointments/${request.body.id}/cancel`, {}, { token: patient });
      assert.equal(again.status, 409);
      // Another patient's appointment does not exist for this patient (404), and the attempt is audited.
      const other = await book({ patientId: 6, doctorId: pulmo, startTime: slot(32, 11) });
      const foreign = await t.http.post(`/api/v1/portal/appointments/${other.body.id}/cancel`, {}, { token: patient });
      assert.equal(foreign.status, 404);
      const { models } = await t.node.runtime.database();
      assert.equal((await models.Appointment.findByPk(other.body.id))!.status, 'BOOKED');
      assert.ok(await models.ActivityLog.findOne({ where: { request_id: foreign.requestId, outcome: 'denied' } }), 'a denied audit row');
    });

    test('a portal request outside working hours or for an unknown doctor is 400; staff tokens are refused', async () => {
      const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
      assert.equal((await t.http.post('/api/v1/portal/appointments', { doctorId: pulmo, startTime: slot(31, 20) }, { token: patient })).status, 400);
      assert.equal((await t.http.post('/api/v1/portal/appointments', { doctorId: 99999, startTime: slot(31, 10) }, { token: patient })).status, 400);
      assert.equal((await t.http.post('/api/v1/portal/appointments', { doctorId: pulmo, startTime: slot(31, 10) }, { token: tokens.frontdesk })).status, 401);
    });

    test("today's reception queue lists booked, checked-in and in-consultation visits by time, not cancelled ones", async () => {
      const { models } = await t.node.runtime.database();
      const { start } = kstDay();
      const base = { doctor_id: pulmo, doctor_department: 'PULMONOLOGY' as const, type: 'GENERAL' as const, patient_identifier: 'P', patient_name: '대기' };
      const at = (hours: number) => new Date(start.getTime() + hours * 3600_000);
      const late = await models.Appointment.create({ ...base, patient_id: 11, start_time: at(15), end_time: at(15.5), status: 'CHECKED_IN' });
      const early = await models.Appointment.create({ ...base, patient_id: 16, start_time: at(9), end_time: at(9.5), status: 'BOOKED' });
      const gone = await models.Appointment.create({ ...base, patient_id: 21, start_time: at(10), end_time: at(10.5), status: 'CANCELLED' });
      const queue = await t.http.get('/api/v1/appointments/queue?department=PULMONOLOGY', { token: tokens.frontdesk });
      assert.equal(queue.status, 200, JSON.stringify(queue.body));
      const ids = queue.body.items.map((a: { id: string }) => a.id);
      assert.ok(ids.indexOf(early.id) >= 0 && ids.indexOf(early.id) < ids.indexOf(late.id));
      assert.ok(!ids.includes(gone.id));
      assert.ok(queue.body.items.every((a: { status: string }) => ['BOOKED', 'CHECKED_IN', 'IN_CONSULTATION'].includes(a.status)));
    });
  });
});
