import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

describe('KCD search and related images on medical records', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let ownImage: number;
  let otherImage: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'nurse', 'frontdesk']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    const [one, two] = await Promise.all([models.Patient.findByPk(1), models.Patient.findByPk(2)]);
    const image = { image_type: 'CT' as const, body_part: 'CHEST', department: 'PULMONOLOGY' as const, taken_date: new Date('2026-01-05T01:00:00Z') };
    ownImage = (await models.MedicalImage.create({ ...image, patient_id: one!.patient_id, description: '흉부 CT' })).id;
    otherImage = (await models.MedicalImage.create({ ...image, patient_id: two!.patient_id, description: '다른 환자' })).id;
  });
  after(() => t.stop());

  test('KCD codes are searched by code prefix, by Korean name and by department', async () => {
    const byCode = await t.http.get('/api/v1/medical-records/diagnosis-codes?q=j18', { token: tokens['doctor.pulmo'] });
    assert.equal(byCode.status, 200, JSON.stringify(byCode.body));
    assert.deepEqual(byCode.body.items.map((c: { code: string }) => c.code), ['J18.9']);
    const byName = await t.http.get(`/api/v1/medical-records/diagnosis-codes?q=${encodeURIComponent('폐렴')}`, { token: tokens['doctor.pulmo'] });
    assert.ok(byName.body.items.some((c: { code: string }) => c.code === 'J18.9'));
    assert.ok(byName.body.items.every((c: { name: string }) => c.name.includes('폐렴')));
    const derm = await t.http.get('/api/v1/medical-records/diagnosis-codes?department=DERMATOLOGY', { token: tokens['doctor.pulmo'] });
    assert.ok(derm.body.total >= 5);
    assert.ok(derm.body.items.every((c: { department: string }) => c.department === 'DERMATOLOGY'));
    const none = await t.http.get('/api/v1/medical-records/diagnosis-codes?q=ZZZ', { token: tokens['doctor.pulmo'] });
    assert.deepEqual(none.body, { items: [], total: 0 });
    assert.equal((await t.http.get('/api/v1/medical-records/diagnosis-codes?department=CARDIOLOGY', { token: tokens['doctor.pulmo'] })).status, 400);
    assert.equal((await t.http.get('/api/v1/medical-records/diagnosis-codes', { token: tokens.frontdesk })).status, 403);
  });

  test('a record links images of its own patient, shown on the record', async () => {
    const created = await t.http.post('/api/v1/medical-records', {
      patientId: 1, visitDate: '2026-01-05', diagnosisCode: 'J18.9', symptoms: '기침', relatedImageIds: [ownImage],
    }, { token: tokens['doctor.pulmo'] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal((await t.http.post(`/api/v1/medical-records/${created.body.id}/sign`, {}, { token: tokens['doctor.pulmo'] })).status, 200);
    const record = await t.http.get(`/api/v1/medical-records/${created.body.id}`, { token: tokens.nurse }); // nurses read signed records
    assert.equal(record.status, 200);
    assert.deepEqual(record.body.related_images.map((i: { id: number; description: string }) => [i.id, i.description]), [[ownImage, '흉부 CT']]);
  });

  test('another patient\'s image is 400 and nothing is stored', async () => {
    const { models } = await t.node.runtime.database();
    const [records, links] = [await models.MedicalRecord.count(), await models.MedicalRecordRelatedImage.count()];
    const res = await t.http.post('/api/v1/medical-records', {
      patientId: 1, visitDate: '2026-01-06', diagnosisCode: 'J18.9', relatedImageIds: [ownImage, otherImage],
    }, { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, new RegExp(String(otherImage)));
    assert.equal(await models.MedicalRecord.count(), records);
    assert.equal(await models.MedicalRecordRelatedImage.count(), links);
  });

  test('a draft\'s images can be replaced, and an amendment carries them to the new version', async () => {
    const draft = await t.http.post('/api/v1/medical-records', { patientId: 1, visitDate: '2026-01-07', diagnosisCode: 'J45.9' }, { token: tokens['doctor.pulmo'] });
    const linked = await t.http.patch(`/api/v1/medical-records/${draft.body.id}`, { relatedImageIds: [ownImage] }, { token: tokens['doctor.pulmo'] });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    const refused = await t.http.patch(`/api/v1/medical-records/${draft.body.id}`, { relatedImageIds: [otherImage] }, { token: tokens['doctor.pulmo'] });
    assert.equal(refused.status, 400);
    assert.equal((await t.http.post(`/api/v1/medical-records/${draft.body.id}/sign`, {}, { token: tokens['doctor.pulmo'] })).status, 200);
    const amended = await t.http.post(`/api/v1/medical-records/${draft.body.id}/amend`, { reason: '증상 추가 기재', symptoms: '야간 기침' }, { token: tokens['doctor.pulmo'] });
    assert.equal(amended.status, 200, JSON.stringify(amended.body));
    const next = await t.http.get(`/api/v1/medical-records/${amended.body.id}`, { token: tokens['doctor.pulmo'] });
    assert.deepEqual(next.body.related_images.map((i: { id: number }) => i.id), [ownImage]);
  });
});
