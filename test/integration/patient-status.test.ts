import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

describe('patient care status (outpatient, admitted, discharged)', () => {
  let t: TestNode;
  let nurse: string;
  let frontDesk: string;
  before(async () => {
    t = await startTestNode();
    nurse = (await t.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    frontDesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
  });
  after(() => t.stop());

  const statusRows = async (patientId: number) => (await t.node.runtime.database()).models.PatientStatus.count({ where: { patient_id: patientId } });

  test('admitting needs a ward and a room; nothing is stored without them', async () => {
    const before = await statusRows(6);
    const res = await t.http.request('PUT', '/api/v1/patients/6/status', { token: nurse, body: { status: 'ADMITTED', ward: 'PULMONOLOGY' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].field, 'roomNumber');
    assert.equal(await statusRows(6), before);
  });

  test('a nurse admits, the history shows it as current, then discharges', async () => {
    const admit = await t.http.request('PUT', '/api/v1/patients/6/status', {
      token: nurse, body: { status: 'ADMITTED', ward: 'PULMONOLOGY', roomNumber: '701', currentCondition: '폐렴 의심, 산소 2L' },
    });
    assert.equal(admit.status, 200, JSON.stringify(admit.body));
    assert.equal(admit.body.room_number, '701');
    const history = await t.http.get('/api/v1/patients/6/status', { token: nurse });
    assert.equal(history.status, 200);
    assert.equal(history.body.current.status, 'ADMITTED');
    assert.ok(history.body.current.admission_date);

    // Moving to another room is part of the same stay: the admission date stays.
    await new Promise((r) => setTimeout(r, 20));
    const moved = await t.http.request('PUT', '/api/v1/patients/6/status', { token: nurse, body: { status: 'ADMITTED', ward: 'PULMONOLOGY', roomNumber: '705' } });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(moved.body.room_number, '705');
    assert.equal(new Date(moved.body.admission_date).getTime(), new Date(admit.body.admission_date).getTime());

    const discharge = await t.http.request('PUT', '/api/v1/patients/6/status', { token: nurse, body: { status: 'DISCHARGED' } });
    assert.equal(discharge.status, 200);
    assert.equal(discharge.body.room_number, null);
    assert.equal(new Date(discharge.body.admission_date).getTime(), new Date(admit.body.admission_date).getTime());
    const after = await t.http.get('/api/v1/patients/6/status', { token: nurse });
    assert.deepEqual(after.body.items.map((row: { status: string }) => row.status), ['DISCHARGED', 'ADMITTED', 'ADMITTED']);
  });

  test('only an admitted patient can be discharged', async () => {
    const res = await t.http.request('PUT', '/api/v1/patients/11/status', { token: frontDesk, body: { status: 'DISCHARGED' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].field, 'status');
  });

  test('a discharge dated before the admission is refused', async () => {
    const admitted = new Date(Date.now() - 3600_000).toISOString();
    assert.equal((await t.http.request('PUT', '/api/v1/patients/16/status', { token: nurse, body: { status: 'ADMITTED', ward: 'PULMONOLOGY', roomNumber: '702', admissionDate: admitted } })).status, 200);
    const res = await t.http.request('PUT', '/api/v1/patients/16/status', { token: nurse, body: { status: 'DISCHARGED', dischargeDate: new Date(Date.now() - 7200_000).toISOString() } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].field, 'dischargeDate');
  });

  test('a nurse cannot change the status of a patient outside the ward (404, audited as denied)', async () => {
    const res = await t.http.request('PUT', '/api/v1/patients/2/status', { token: nurse, body: { status: 'ADMITTED', ward: 'X', roomNumber: '1' } });
    assert.equal(res.status, 404);
    const { models } = await t.node.runtime.database();
    const row = await models.ActivityLog.findOne({ where: { request_id: res.requestId, outcome: 'denied' } });
    assert.equal(row?.patient_id, 2);
    assert.equal(await statusRows(2), 0);
  });

  test('every status change is audited as a create with the patient', async () => {
    const res = await t.http.request('PUT', '/api/v1/patients/21/status', { token: frontDesk, body: { status: 'OUTPATIENT' } });
    assert.equal(res.status, 200);
    const { models } = await t.node.runtime.database();
    const row = await models.ActivityLog.findOne({ where: { request_id: res.requestId, resource_type: 'PatientStatus' } });
    assert.equal(row?.action_type, 'create');
    assert.equal(row?.patient_id, 21);
  });
});
