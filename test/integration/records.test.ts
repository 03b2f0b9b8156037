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

  describe('writing: draft, sign, amend', () => {
    const create = (body: Record<string, unknown>, as = 'doctor.pulmo') => t.http.post('/api/v1/medical-records', body, { token: tokens[as] });
    const recordCount = async () => (await t.node.runtime.database()).models.MedicalRecord.count();

    test('a doctor starts a coded draft; unknown codes, future dates and out-of-scope patients store nothing', async () => {
      const res = await create({ patientId: 1, visitDate: '2026-01-05', diagnosisCode: 'j18.9', symptoms: '발열, 기침', doctorNotes: '흉부 CT 고려' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'DRAFT');
      assert.equal(res.body.diagnosis, 'J18.9 상세불명의 폐렴');
      const before = await recordCount();
      assert.equal((await create({ patientId: 1, visitDate: '2026-01-05', diagnosisCode: 'Z99.999' })).status, 400);
      assert.equal((await create({ patientId: 1, visitDate: '2999-01-01' })).status, 400);
      assert.equal((await create({ patientId: 1, visitDate: '2026-02-30' })).status, 400);
      assert.equal((await create({ patientId: 2, visitDate: '2026-01-05' })).status, 404);
      assert.equal(await recordCount(), before);
    });

    test('a draft is edited, then signed; a signed record is immutable (409) and needs a code to sign', async () => {
      const draft = (await create({ patientId: 1, visitDate: '2026-01-06' })).body;
      assert.equal((await t.http.post(`/api/v1/medical-records/${draft.id}/sign`, undefined, { token: tokens['doctor.pulmo'] })).status, 400);
      const edited = await t.http.patch(`/api/v1/medical-records/${draft.id}`, { diagnosisCode: 'J45.9', treatment: '흡입기' }, { token: tokens['doctor.pulmo'] });
      assert.equal(edited.status, 200);
      const signed = await t.http.post(`/api/v1/medical-records/${draft.id}/sign`, undefined, { token: tokens['doctor.pulmo'] });
      assert.equal(signed.status, 200);
      assert.equal(signed.body.status, 'SIGNED');
      assert.ok(signed.body.signed_at);
      const again = await t.http.patch(`/api/v1/medical-records/${draft.id}`, { treatment: '변경' }, { token: tokens['doctor.pulmo'] });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.type, 'RECORD_SIGNED');
    });

    test('another doctor of the department cannot edit or sign someone else\'s draft (403)', async () => {
      const admin = (await t.http.loginStaff('sysadmin', TEST_PASSWORD)).accessToken;
      const colleague = await t.http.post('/api/v1/staff', { username: 'doctor.pulmo2', role: 'doctor', name: '김동료', department: 'PULMONOLOGY', password: 'Colleague12345' }, { token: admin });
      assert.equal(colleague.status, 200);
      const token = (await t.http.loginStaff('doctor.pulmo2', 'Colleague12345')).accessToken;
      const draft = (await create({ patientId: 1, visitDate: '2026-01-07', diagnosisCode: 'R91' })).body;
      assert.equal((await t.http.patch(`/api/v1/medical-records/${draft.id}`, { treatment: 'x' }, { token })).body.error.type, 'NOT_AUTHOR');
      assert.equal((await t.http.post(`/api/v1/medical-records/${draft.id}/sign`, undefined, { token })).status, 403);
    });

    test('an amendment needs a reason, makes a new signed version and keeps the history', async () => {
      const draft = (await create({ patientId: 1, visitDate: '2026-01-08', diagnosisCode: 'J18.9', doctorNotes: '개인 메모' })).body;
      await t.http.post(`/api/v1/medical-records/${draft.id}/sign`, undefined, { token: tokens['doctor.pulmo'] });
      const noReason = await t.http.post(`/api/v1/medical-records/${draft.id}/amend`, { diagnosisCode: 'J44.9' }, { token: tokens['doctor.pulmo'] });
      assert.equal(noReason.status, 400);
      const amended = await t.http.post(`/api/v1/medical-records/${draft.id}/amend`, { reason: '진단 코드 오기 정정', diagnosisCode: 'J44.9' }, { token: tokens['doctor.pulmo'] });
      assert.equal(amended.status, 200, JSON.stringify(amended.body));
      assert.equal(amended.body.version, 2);
      assert.equal(amended.body.previous_version_id, draft.id);
      assert.equal(amended.body.amendment_reason, '진단 코드 오기 정정');
      assert.equal(amended.body.diagnosis_code, 'J44.9');
      assert.equal(amended.body.doctor_notes, '개인 메모');
      const history = await t.http.get(`/api/v1/medical-records/${draft.id}/history`, { token: tokens['doctor.pulmo'] });
      assert.deepEqual(history.body.map((v: { id: number; status: string }) => [v.id, v.status]), [[amended.body.id, 'SIGNED'], [draft.id, 'AMENDED']]);
      assert.equal((await t.http.post(`/api/v1/medical-records/${draft.id}/amend`, { reason: '다시 정정', symptoms: 'x' }, { token: tokens['doctor.pulmo'] })).status, 409);
      const list = await t.http.get('/api/v1/patients/1/records?pageSize=100', { token: tokens['doctor.pulmo'] });
      const ids = list.body.items.map((r: { id: number }) => r.id);
      assert.ok(ids.includes(amended.body.id) && !ids.includes(draft.id), 'the superseded version is only in the history');
    });

    test('the patient sees signed records in the portal, without drafts or the doctor\'s notes', async () => {
      const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
      const res = await t.http.get('/api/v1/portal/records?pageSize=100', { token: patient });
      assert.equal(res.status, 200);
      assert.ok(res.body.items.length >= 2);
      for (const record of res.body.items) {
        assert.equal(record.status, 'SIGNED');
        assert.equal(record.patient_fk_id, 1);
        assert.ok(!('doctor_notes' in record) && !('notes' in record));
      }
    });
  });
});
