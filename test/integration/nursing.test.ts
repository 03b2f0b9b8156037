import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

describe('nursing: vital signs', () => {
  let t: TestNode;
  let nurse: string;
  let doctor: string;
  before(async () => {
    t = await startTestNode();
    nurse = (await t.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    doctor = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
  });
  after(() => t.stop());

  const rows = async () => (await t.node.runtime.database()).models.NursingRecord.count();

  test('a nurse charts normal vitals: stored, no flags, no notification', async () => {
    const { models } = await t.node.runtime.database();
    const notificationsBefore = await models.Notification.count();
    const res = await t.http.post('/api/v1/patients/1/vitals', { systolicBp: 118, diastolicBp: 76, pulse: 70, temperature: 36.5, respiratoryRate: 16, spo2: 98, pain: 1 }, { token: nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.abnormal, []);
    assert.equal(res.body.vital_signs.systolic_bp, 118);
    assert.equal(await models.Notification.count(), notificationsBefore);
  });

  test('impossible values are 400 naming the field, and nothing is stored', async () => {
    const before = await rows();
    for (const body of [{ temperature: 52 }, { spo2: 140 }, { systolicBp: 80, diastolicBp: 95 }, { pain: 11 }, {}]) {
      const res = await t.http.post('/api/v1/patients/1/vitals', body, { token: nurse });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal(await rows(), before);
  });

  test('abnormal vitals are flagged and notify the attending doctor', async () => {
    const { models } = await t.node.runtime.database();
    const pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!;
    const res = await t.http.post('/api/v1/patients/6/vitals', { temperature: 38.9, spo2: 88, nursingNotes: '오한, 산소 2L 시작' }, { token: nurse });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.abnormal.map((f: { measure: string; flag: string; critical: boolean }) => [f.measure, f.flag, f.critical]), [['temperature', 'HIGH', false], ['spo2', 'LOW', true]]);
    const note = await models.Notification.findOne({ where: { user_id: pulmo.id, related_resource_id: String(res.body.id) } });
    assert.ok(note, 'the attending doctor is notified');
    assert.match(note!.message ?? '', /산소포화도 88 \(위급\)/);
  });

  test('the doctor reads the charted vitals with flags, newest first; out-of-scope patients are 404', async () => {
    const list = await t.http.get('/api/v1/patients/6/vitals', { token: doctor });
    assert.equal(list.status, 200);
    assert.ok(list.body.items[0].abnormal.length >= 1);
    assert.equal((await t.http.post('/api/v1/patients/2/vitals', { pulse: 80 }, { token: nurse })).status, 404);
    assert.equal((await t.http.get('/api/v1/patients/2/vitals', { token: doctor })).status, 404);
  });

  test('a note without measurements is charted and found in the notes timeline with its nurse, not among the vitals', async () => {
    const note = await t.http.post('/api/v1/patients/11/vitals', { nursingNotes: '  야간 수면 양호, 통증 호소 없음  ' }, { token: nurse });
    assert.equal(note.status, 200, JSON.stringify(note.body));
    assert.equal(note.body.vital_signs, null);
    assert.equal(note.body.nursing_notes, '야간 수면 양호, 통증 호소 없음');
    assert.deepEqual(note.body.abnormal, []);
    const symptoms = await t.http.post('/api/v1/patients/11/vitals', { symptoms: '두통' }, { token: nurse });
    assert.equal(symptoms.status, 200);
    assert.equal((await t.http.post('/api/v1/patients/11/vitals', { pulse: 76 }, { token: nurse })).status, 200);

    const notes = await t.http.get('/api/v1/patients/11/vitals?kind=notes', { token: doctor });
    assert.equal(notes.status, 200);
    assert.deepEqual(notes.body.items.map((r: { id: number }) => r.id), [symptoms.body.id, note.body.id], 'newest first, measurements alone left out');
    assert.deepEqual(notes.body.items.map((r: { nurse_name: string }) => r.nurse_name), ['한간호', '한간호']);
    const vitals = await t.http.get('/api/v1/patients/11/vitals?kind=vitals', { token: nurse });
    assert.ok(vitals.body.items.length >= 1);
    assert.ok(vitals.body.items.every((r: { vital_signs: unknown }) => r.vital_signs !== null));
    assert.equal((await t.http.get('/api/v1/patients/11/vitals', { token: nurse })).body.total, vitals.body.total + 2);
  });

  test('a blank note is nothing to chart (400, nothing stored)', async () => {
    const before = await rows();
    const res = await t.http.post('/api/v1/patients/11/vitals', { nursingNotes: '   ', symptoms: '' }, { token: nurse });
    assert.equal(res.status, 400);
    assert.equal(await rows(), before);
  });

  test('a doctor cannot chart vitals (403, audited)', async () => {
    const res = await t.http.post('/api/v1/patients/1/vitals', { pulse: 80 }, { token: doctor });
    assert.equal(res.status, 403);
    const { models } = await t.node.runtime.database();
    assert.equal((await models.ActivityLog.findOne({ where: { request_id: res.requestId } }))?.outcome, 'denied');
  });
});
