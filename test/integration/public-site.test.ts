import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const DEPARTMENTS = ['PULMONOLOGY', 'NEUROSURGERY', 'BREAST_SURGERY', 'GASTROENTEROLOGY', 'DERMATOLOGY'];
/** Exactly what the public site may say about a doctor: no account id, no phone, no email. */
const PUBLIC_FIELDS = ['department', 'departmentLabel', 'hours', 'name', 'slotMinutes', 'specialization'];

describe('public site: our doctors without signing in (GET /api/v1/public/doctors)', () => {
  let t: TestNode;

  before(async () => {
    t = await startTestNode();
  });
  after(() => t.stop());

  test('answers 200 without a token: every department with its doctors and only the public facts', async () => {
    const res = await t.http.get('/api/v1/public/doctors');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(Array.isArray(res.body) && res.body.length >= DEPARTMENTS.length);
    assert.deepEqual([...new Set(res.body.map((d: { department: string }) => d.department))].sort(), [...DEPARTMENTS].sort());
    for (const doctor of res.body) {
      assert.deepEqual(Object.keys(doctor).sort(), PUBLIC_FIELDS, JSON.stringify(doctor));
      for (const hour of doctor.hours) assert.deepEqual(Object.keys(hour).sort(), ['close', 'label', 'open', 'weekday']);
    }
    const pulmo = res.body.find((d: { name: string }) => d.name === '김호흡');
    assert.equal(pulmo.departmentLabel, '호흡기내과');
    assert.equal(pulmo.slotMinutes, 30);
    assert.deepEqual(pulmo.hours.map((h: { label: string }) => h.label), ['월', '화', '수', '목', '금']);
    assert.equal(pulmo.hours[0].open, '09:00');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  test('filters by department', async () => {
    const res = await t.http.get('/api/v1/public/doctors?department=DERMATOLOGY');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.length >= 1);
    assert.ok(res.body.every((d: { department: string }) => d.department === 'DERMATOLOGY'));
    assert.ok(res.body.some((d: { name: string }) => d.name === '정피부'));
  });

  test('an unknown department is 400 naming the field', async () => {
    const res = await t.http.get('/api/v1/public/doctors?department=CARDIOLOGY');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.type, 'VALIDATION_ERROR');
    assert.equal(res.body.error.details[0].field, 'department');
  });

  test('a doctor\'s own weekly hours are what the site shows', async () => {
    const { models } = await t.node.runtime.database();
    const derm = (await models.AuthUser.findOne({ where: { username: 'doctor.derm' } }))!.id;
    const token = (await t.http.loginStaff('doctor.derm', TEST_PASSWORD)).accessToken;
    const set = await t.http.put(`/api/v1/doctors/${derm}/schedule`, { slotMinutes: 20, days: [{ weekday: 3, open: '13:00', close: '17:00' }] }, { token });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const res = await t.http.get('/api/v1/public/doctors?department=DERMATOLOGY');
    const doctor = res.body.find((d: { name: string }) => d.name === '정피부');
    assert.equal(doctor.slotMinutes, 20);
    assert.deepEqual(doctor.hours, [{ weekday: 3, label: '수', open: '13:00', close: '17:00' }]);
  });

  test('a signed-in visitor (either realm) is answered the same; a bad token is still refused', async () => {
    const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const staff = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
    for (const token of [patient, staff]) {
      const res = await t.http.get('/api/v1/public/doctors?department=PULMONOLOGY', { token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(Object.keys(res.body[0]).sort(), PUBLIC_FIELDS);
    }
    const bad = await t.http.get('/api/v1/public/doctors', { token: 'not-a-token' });
    assert.equal(bad.status, 401);
  });

  test('the OpenAPI document lists it as public', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    const op = spec.body.paths['/api/v1/public/doctors']?.get;
    assert.ok(op, 'GET /api/v1/public/doctors is documented');
    assert.equal(op['x-permission'], 'public');
  });
});
