import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/** `YYYY-MM-DD` of the KST Monday at least `weeks` weeks ahead, and an instant at `hhmm` that day. */
function mondayAhead(weeks: number): string {
  const day = new Date(Date.now() + 9 * 3600_000 + weeks * 7 * 86_400_000);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();

describe('role dashboards and statistics', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmo: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'nurse', 'frontdesk', 'sysadmin']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
  });
  after(() => t.stop());

  test('the doctor dashboard gathers my day: appointments, patients, records, images, department', async () => {
    const { models } = await t.node.runtime.database();
    const patient = await models.Patient.findByPk(1);
    await models.MedicalImage.create({
      patient_id: patient!.patient_id, image_type: 'CT', department: 'PULMONOLOGY', body_part: 'CHEST', status: 'READ', description: '판독 완료 흉부 CT',
    });
    const draft = await t.http.post('/api/v1/medical-records', { patientId: 1, visitDate: '2026-01-05', symptoms: '기침' }, { token: tokens['doctor.pulmo'] });
    assert.equal(draft.status, 200);

    const res = await t.http.get('/api/v1/doctor/dashboard', { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(typeof res.body.todayAppointments.total, 'number');
    assert.ok(res.body.myPatients.total >= 1, 'demo care teams make doctor.pulmo attending');
    assert.ok(res.body.myPatients.items.every((p: Record<string, unknown>) => !('resident_number_enc' in p)));
    assert.equal(res.body.recentRecords.items[0].id, draft.body.id, 'drafts come first');
    assert.ok(res.body.recentRecords.drafts >= 1);
    assert.ok(res.body.imagesForReview.items.some((i: { description: string }) => i.description === '판독 완료 흉부 CT'));
    assert.equal(res.body.departmentToday.department, 'PULMONOLOGY');
  });

  test('the nurse dashboard shows doses due, assigned patients and abnormal vitals', async () => {
    const charted = await t.http.post('/api/v1/patients/1/vitals', { systolicBp: 185, diastolicBp: 110, pulse: 88 }, { token: tokens.nurse });
    assert.equal(charted.status, 200, JSON.stringify(charted.body));
    const res = await t.http.get('/api/v1/nurse/dashboard', { token: tokens.nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.assignedPatients.total >= 1);
    assert.ok(res.body.abnormalVitals.items.some((r: { id: number }) => r.id === charted.body.id));
    assert.ok(res.body.abnormalVitals.total >= 1);
    const { summary, items } = res.body.medicationsDue;
    for (const count of ['due', 'given', 'held', 'refused', 'overdue']) assert.equal(typeof summary[count], 'number', count);
    assert.ok(Array.isArray(items));
    assert.ok(items.every((dose: { patientNumber: string }) => /^P\d{9}$/.test(dose.patientNumber)), 'doses name the patient\'s chart');
  });

  test('the front desk dashboard has the queue, today\'s payments and the week\'s statistics', async () => {
    const res = await t.http.get('/api/v1/front-desk/dashboard', { token: tokens.frontdesk });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(typeof res.body.receptionQueue.total, 'number');
    assert.equal(res.body.payments.date, res.body.date);
    assert.equal(res.body.statistics.days.length, 7);
    assert.equal(res.body.statistics.paymentsIncluded, true);
  });

  test('each dashboard belongs to its role', async () => {
    assert.equal((await t.http.get('/api/v1/doctor/dashboard', { token: tokens.nurse })).status, 403);
    assert.equal((await t.http.get('/api/v1/nurse/dashboard', { token: tokens.frontdesk })).status, 403);
    assert.equal((await t.http.get('/api/v1/front-desk/dashboard', { token: tokens['doctor.pulmo'] })).status, 403);
  });

  test('daily statistics count appointments and distinct patients per department', async () => {
    const date = mondayAhead(40);
    const query = `/api/v1/statistics/daily?from=${date}&to=${date}`;
    const before = (await t.http.get(query, { token: tokens.frontdesk })).body.days[0];
    for (const [patientId, time] of [[1, '10:00'], [6, '10:30'], [1, '11:30']] as const) {
      const booked = await t.http.post('/api/v1/appointments', { patientId, doctorId: pulmo, startTime: at(date, time) }, { token: tokens.frontdesk });
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
    }
    const res = await t.http.get(query, { token: tokens.frontdesk });
    assert.equal(res.status, 200);
    const day = res.body.days[0];
    assert.equal(day.date, date);
    assert.equal(day.appointments.total - before.appointments.total, 3);
    assert.equal((day.appointments.byStatus.BOOKED ?? 0) - (before.appointments.byStatus.BOOKED ?? 0), 3);
    assert.equal(day.departments.PULMONOLOGY.appointments - before.departments.PULMONOLOGY.appointments, 3);
    assert.equal(day.departments.PULMONOLOGY.patients - before.departments.PULMONOLOGY.patients, 2, 'patient 1 twice counts once');
    assert.deepEqual(day.payments, { payments: 0, refunds: 0, net: 0, count: 0 });
  });

  test('doctors see statistics without money; bad ranges are 400', async () => {
    const doctor = await t.http.get('/api/v1/statistics/daily', { token: tokens['doctor.pulmo'] });
    assert.equal(doctor.status, 200);
    assert.equal(doctor.body.paymentsIncluded, false);
    assert.ok(doctor.body.days.every((d: { payments: unknown }) => d.payments === null));
    const admin = await t.http.get('/api/v1/statistics/daily', { token: tokens.sysadmin });
    assert.equal(admin.body.paymentsIncluded, true);
    for (const q of ['from=2026-03-10&to=2026-03-01', 'from=2026-01-01&to=2026-06-01', 'from=2026-02-30', 'to=yesterday']) {
      assert.equal((await t.http.get(`/api/v1/statistics/daily?${q}`, { token: tokens.frontdesk })).status, 400, q);
    }
    assert.equal((await t.http.get('/api/v1/statistics/daily', { token: tokens.nurse })).status, 403);
  });
});
