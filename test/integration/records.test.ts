import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

describe('medical records (read side)', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmoId: number;
  let neuroId: number;
  let ownDraft: number;
  let othersDraft: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'nurse', 'radiologist', 'frontdesk']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    pulmoId = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    neuroId = (await models.AuthUser.findOne({ where: { username: 'doctor.neuro' } }))!.id;
    const draft = { patient_fk_id: 1, department: 'PULMONOLOGY' as const, status: 'DRAFT' as const, visit_date: '2099-01-01', diagnosis: 'J18.9 폐렴 (작성중)', doctor_notes: '개인 메모' };
    ownDraft = (await models.MedicalRecord.create({ ...draft, doctor_fk_id: pulmoId })).id;
    othersDraft = (await models.MedicalRecord.create({ ...draft, doctor_fk_id: neuroId })).id;
  });
  after(() => t.stop());

  test('a doctor lists a patient\'s signed records and their own drafts, not other doctors\' drafts', async () => {
    const res = await t.http.get('/api/v1/patients/1/records', { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 200);
    const ids = res.body.items.map((r: { id: number }) => r.id);
    assert.ok(ids.includes(ownDraft));
    assert.ok(!ids.includes(othersDraft));
    assert.ok(res.body.items.some((r: { status: string }) => r.status === 'SIGNED'));
    assert.ok('doctor_notes' in res.body.items[0], 'a doctor reads the whole record');
  });

  test('a nurse reads the clinical summary without the doctor\'s notes', async () => {
    const res = await t.http.get('/api/v1/patients/1/records', { token: tokens.nurse });
    assert.equal(res.status, 200);
    assert.ok(res.body.items.length >= 1);
    for (const item of res.body.items) {
      assert.ok(!('doctor_notes' in item) && !('notes' in item), JSON.stringify(item));
      assert.ok('diagnosis' in item);
    }
  });

  test('another doctor\'s draft is 404 by id, audited as denied', async () => {
    const res = await t.http.get(`/api/v1/medical-records/${othersDraft}`, { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 404);
    const { models } = await t.node.runtime.database();
    const row = await models.ActivityLog.findOne({ where: { request_id: res.requestId, outcome: 'denied' } });
    assert.equal(row?.patient_id, 1);
    assert.equal((await t.http.get(`/api/v1/medical-records/${ownDraft}`, { token: tokens['doctor.pulmo'] })).status, 200);
  });

  test('records of a patient outside the scope are 404', async () => {
    assert.equal((await t.http.get('/api/v1/patients/2/records', { token: tokens['doctor.pulmo'] })).status, 404);
    const { models } = await t.node.runtime.database();
    const other = await models.MedicalRecord.findOne({ where: { patient_fk_id: 2 } });
    assert.equal((await t.http.get(`/api/v1/medical-records/${other!.id}`, { token: tokens.nurse })).status, 404);
  });

  test('a radiologist reads records of any department; front desk reads none (403)', async () => {
    assert.equal((await t.http.get('/api/v1/patients/2/records', { token: tokens.radiologist })).status, 200);
    const denied = await t.http.get('/api/v1/patients/1/records', { token: tokens.frontdesk });
    assert.equal(denied.status, 403);
    const { models } = await t.node.runtime.database();
    assert.equal((await models.ActivityLog.findOne({ where: { request_id: denied.requestId } }))?.outcome, 'denied');
  });

  test('each record read is audited with the patient', async () => {
    const res = await t.http.get(`/api/v1/medical-records/${ownDraft}`, { token: tokens['doctor.pulmo'] });
    const { models } = await t.node.runtime.database();
    const row = await models.ActivityLog.findOne({ where: { request_id: res.requestId, resource_type: 'MedicalRecord' } });
    assert.equal(row?.outcome, 'success');
    assert.equal(row?.patient_id, 1);
  });
});
