import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/** `YYYY-MM-DD` of the next KST `weekday` at least `weeks` weeks ahead. */
function dayAhead(weeks: number, weekday: number): string {
  const day = new Date(Date.now() + 9 * 3600_000 + weeks * 7 * 86_400_000);
  while (day.getUTCDay() !== weekday) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();

describe('doctor schedules and rescheduling', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmo: number;
  let neuro: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['frontdesk', 'doctor.pulmo', 'doctor.neuro', 'nurse', 'radtech']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    tokens.patient1 = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    neuro = (await models.AuthUser.findOne({ where: { username: 'doctor.neuro' } }))!.id;
  });
  after(() => t.stop());

  const tuesdayMornings = { slotMinutes: 20, days: [{ weekday: 2, open: '09:00', close: '12:00' }] };

  test('the directory lists doctors by department with the default hours', async () => {
    const res = await t.http.get('/api/v1/doctors?department=PULMONOLOGY', { token: tokens.frontdesk });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.length >= 1);
    assert.ok(res.body.every((d: { department: string }) => d.department === 'PULMONOLOGY'));
    const doctor = res.body.find((d: { id: number }) => d.id === pulmo);
    assert.equal(doctor.departmentLabel, '호흡기내과');
    assert.equal(doctor.schedule.slotMinutes, 30);
    assert.deepEqual(doctor.schedule.days.map((d: { label: string }) => d.label), ['월', '화', '수', '목', '금']);
  });

  test('a doctor sets their own hours; another doctor\'s are refused and audited', async () => {
    const own = await t.http.request('PUT', `/api/v1/doctors/${pulmo}/schedule`, { token: tokens['doctor.pulmo'], body: tuesdayMornings });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal(own.body.custom, true);
    assert.deepEqual(own.body.days, [{ weekday: 2, label: '화', open: '09:00', close: '12:00' }]);

    const other = await t.http.request('PUT', `/api/v1/doctors/${neuro}/schedule`, { token: tokens['doctor.pulmo'], body: tuesdayMornings });
    assert.equal(other.status, 403);
    await t.node.broker.call('audit.flush');
    const { models } = await t.node.runtime.database();
    const rows = await models.ActivityLog.findAll({ where: { request_id: other.requestId } });
    assert.deepEqual(rows.map((r) => [r.outcome, r.resource_type]), [['denied', 'DoctorSchedule']]);
    assert.equal(await models.DoctorSchedule.count({ where: { doctor_id: neuro } }), 0);
  });

  test('invalid schedules are 400 and keep the old hours', async () => {
    for (const body of [
      { slotMinutes: 25, days: [] },
      { slotMinutes: 30, days: [{ weekday: 7, open: '09:00', close: '12:00' }] },
      { slotMinutes: 30, days: [{ weekday: 1, open: '12:00', close: '09:00' }] },
      { slotMinutes: 30, days: [{ weekday: 1, open: '9시', close: '12:00' }] },
    ]) {
      const res = await t.http.request('PUT', `/api/v1/doctors/${pulmo}/schedule`, { token: tokens.frontdesk, body });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const now = await t.http.get(`/api/v1/doctors/${pulmo}/schedule`, { token: tokens.nurse });
    assert.equal(now.body.slotMinutes, 20);
  });

  test('booking follows the doctor\'s hours: 20-minute slots on Tuesday mornings only', async () => {
    const tuesday = dayAhead(30, 2);
    const wednesday = dayAhead(30, 3);
    const ok = await t.http.post('/api/v1/appointments', { patientId: 1, doctorId: pulmo, startTime: at(tuesday, '09:20') }, { token: tokens.frontdesk });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(new Date(ok.body.end_time).getTime() - new Date(ok.body.start_time).getTime(), 20 * 60_000);
    const closed = await t.http.post('/api/v1/appointments', { patientId: 1, doctorId: pulmo, startTime: at(wednesday, '09:20') }, { token: tokens.frontdesk });
    assert.equal(closed.status, 400);
    assert.match(closed.body.error.message, /진료일이 아닙니다/);
    const afternoon = await t.http.post('/api/v1/appointments', { patientId: 1, doctorId: pulmo, startTime: at(tuesday, '14:00') }, { token: tokens.frontdesk });
    assert.equal(afternoon.status, 400);

    const slots = await t.http.get(`/api/v1/doctors/${pulmo}/slots?date=${tuesday}`, { token: tokens.frontdesk });
    assert.equal(slots.status, 200);
    assert.equal(slots.body.slots.length, 9);
    assert.deepEqual(slots.body.slots.filter((s: { available: boolean }) => !s.available).map((s: { start: string }) => s.start), [at(tuesday, '09:20')]);
  });

  test('the portal shows doctors and free slots without naming other patients', async () => {
    const doctors = await t.http.get('/api/v1/portal/doctors?department=PULMONOLOGY', { token: tokens.patient1 });
    assert.equal(doctors.status, 200);
    assert.ok(doctors.body.some((d: { id: number }) => d.id === pulmo));
    const tuesday = dayAhead(30, 2);
    const slots = await t.http.get(`/api/v1/portal/doctors/${pulmo}/slots?date=${tuesday}`, { token: tokens.patient1 });
    assert.equal(slots.status, 200);
    assert.doesNotMatch(JSON.stringify(slots.body), /patient|환자/);
    const bad = await t.http.get(`/api/v1/portal/doctors/${pulmo}/slots?date=2026-02-30`, { token: tokens.patient1 });
    assert.equal(bad.status, 400);
    const unknown = await t.http.get('/api/v1/portal/doctors/99999/slots?date=2027-01-05', { token: tokens.patient1 });
    assert.equal(unknown.status, 404);
  });

  test('rescheduling moves a booking, refuses a taken slot with 409 and a closed day with 400', async () => {
    const tuesday = dayAhead(31, 2);
    const first = await t.http.post('/api/v1/appointments', { patientId: 1, doctorId: pulmo, startTime: at(tuesday, '10:00') }, { token: tokens.frontdesk });
    const second = await t.http.post('/api/v1/appointments', { patientId: 6, doctorId: pulmo, startTime: at(tuesday, '10:20') }, { token: tokens.frontdesk });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const moved = await t.http.patch(`/api/v1/appointments/${first.body.id}`, { startTime: at(tuesday, '11:00'), memo: '환자 요청으로 변경' }, { token: tokens.frontdesk });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.start_time, at(tuesday, '11:00'));
    assert.equal(moved.body.memo, '환자 요청으로 변경');

    const clash = await t.http.patch(`/api/v1/appointments/${first.body.id}`, { startTime: at(tuesday, '10:20') }, { token: tokens.frontdesk });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.details.conflictingAppointmentId, second.body.id);
    const closed = await t.http.patch(`/api/v1/appointments/${first.body.id}`, { startTime: at(dayAhead(31, 3), '10:00') }, { token: tokens.frontdesk });
    assert.equal(closed.status, 400);
    const still = await t.http.get(`/api/v1/appointments/${first.body.id}`, { token: tokens.frontdesk });
    assert.equal(still.body.start_time, at(tuesday, '11:00'));

    const empty = await t.http.patch(`/api/v1/appointments/${first.body.id}`, {}, { token: tokens.frontdesk });
    assert.equal(empty.status, 400);
    assert.equal((await t.http.request('DELETE', `/api/v1/appointments/${first.body.id}`, { token: tokens.frontdesk })).status, 200);
    const cancelled = await t.http.patch(`/api/v1/appointments/${first.body.id}`, { startTime: at(tuesday, '11:20') }, { token: tokens.frontdesk });
    assert.equal(cancelled.status, 409);
  });

  test('the calendar groups a doctor\'s week (Mon–Sun) by KST date; bad dates are 400', async () => {
    const tuesday = dayAhead(32, 2);
    for (const time of ['09:00', '09:40']) {
      const booked = await t.http.post('/api/v1/appointments', { patientId: 6, doctorId: pulmo, startTime: at(tuesday, time) }, { token: tokens.frontdesk });
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
    }
    const week = await t.http.get(`/api/v1/appointments/calendar?view=week&date=${tuesday}&doctorId=${pulmo}`, { token: tokens['doctor.pulmo'] });
    assert.equal(week.status, 200, JSON.stringify(week.body));
    assert.equal(week.body.days.length, 7);
    assert.equal(new Date(`${week.body.from}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday');
    const day = week.body.days.find((d: { date: string }) => d.date === tuesday);
    assert.equal(day.count, 2);
    assert.deepEqual(day.items.map((a: { start_time: string }) => a.start_time), [at(tuesday, '09:00'), at(tuesday, '09:40')]);
    assert.equal(week.body.total, 2);
    const month = await t.http.get(`/api/v1/appointments/calendar?view=month&date=${tuesday}&doctorId=${pulmo}`, { token: tokens.nurse });
    assert.equal(month.status, 200);
    assert.ok(month.body.days.length >= 28);
    assert.ok(month.body.total >= 2);
    assert.equal((await t.http.get('/api/v1/appointments/calendar?view=week&date=2026-13-01', { token: tokens.nurse })).status, 400);
    assert.equal((await t.http.get('/api/v1/appointments/calendar?view=year', { token: tokens.nurse })).status, 400);
    assert.equal((await t.http.get('/api/v1/appointments/calendar', { token: tokens.radtech })).status, 403);
  });

  test('roles without appointment access cannot read schedules', async () => {
    const res = await t.http.get(`/api/v1/doctors/${pulmo}/schedule`, { token: tokens.radtech });
    assert.equal(res.status, 403);
  });
});
