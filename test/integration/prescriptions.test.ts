import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Medication, PrescriptionAttributes } from '../../models/prescription.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { pdfText } from '../helpers/pdf.js';

/** Patient 1 (PULMONOLOGY) is in scope of doctor.pulmo and the nurse; patient 2 (NEUROSURGERY) is not. */
describe('prescriptions, the 처방전 and the 진단서', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let signedRecordId: number;
  let pulmoUserId: number;
  let patientName: string;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'frontdesk']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    tokens.patient1 = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    signedRecordId = (await models.MedicalRecord.findOne({ where: { patient_fk_id: 1, status: 'SIGNED' } }))!.id;
    pulmoUserId = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    patientName = (await models.Patient.findByPk(1))!.name;
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  const rows = async () => (await models()).Prescription.count();
  const auditOf = async (requestId: string) => {
    await t.node.broker.call('audit.flush');
    return (await models()).ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
  };
  const amoxiclav = { code: 'AMC625', dose: 1, frequency: 'TID', days: 7, instructions: '식후 30분' };
  // Patient 1 takes amoxicillin/clavulanate already (demo seed): every new course here repeats
  // it, which OCS flags as duplicate therapy (major); the prescriber states why (test/integration/ocs.test.ts covers the refusal).
  const repeatCourse = [{ key: 'duplicate-therapy:amoxicillin+clavulanic acid', reason: '동일 항생제 재처방 (repeat course)' }];
  const prescribe = (body: Record<string, unknown>, as = 'doctor.pulmo') => t.http.post('/api/v1/prescriptions', { overrides: repeatCourse, ...body }, { token: tokens[as] });

  test('the routes are published with their permissions, and internal actions are not', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    const operation = (path: string, method: string) => spec.body.paths[path]?.[method] as { operationId: string; 'x-permission': string } | undefined;
    assert.equal(operation('/api/v1/prescriptions', 'post')?.['x-permission'], 'prescriptions.write');
    assert.equal(operation('/api/v1/patients/{patientId}/prescriptions', 'get')?.operationId, 'prescriptions.listForPatient');
    assert.equal(operation('/api/v1/medical-records/{id}/certificate', 'get')?.operationId, 'prescriptions.certificate');
    assert.equal(operation('/api/v1/medical-records/{id}', 'get')?.operationId, 'records.get');
    assert.equal(operation('/api/v1/portal/records/{id}/certificate', 'get')?.['x-permission'], 'portal.self');
    const operations = JSON.stringify(spec.body.paths);
    for (const internal of ['prescriptions.active', 'prescriptions.mine"', 'prescriptions.minePdf', 'nursing.latestMine']) assert.ok(!operations.includes(internal), internal);
  });

  test('the formulary is searched by name and paged; the front desk may not (403)', async () => {
    const res = await t.http.get(`/api/v1/formulary?q=${encodeURIComponent('아목시')}&pageSize=1`, { token: tokens.nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items.length, 1);
    assert.equal(res.body.total, 2);
    assert.equal(res.body.items[0].code, 'AMX500');
    assert.equal((await t.http.get('/api/v1/formulary', { token: tokens.frontdesk })).status, 403);
  });

  test('a doctor prescribes; the stored lines carry the formulary fields and the prescription is audited', async () => {
    const res = await prescribe({ patientId: 1, medicalRecordId: signedRecordId, items: [amoxiclav, { code: 'BUDFOR160', dose: 2, frequency: 'BID', days: 30 }], notes: '2주 후 재진' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const row = (await (await models()).Prescription.findByPk(res.body.id))!.get({ plain: true }) as PrescriptionAttributes;
    const [first, second] = row.medications as Medication[];
    assert.deepEqual(first, {
      code: 'AMC625', name: '아목시실린·클라불란산칼륨정 625mg', ingredient: 'amoxicillin/clavulanic acid', atcCode: 'J01CR02', strength: '500/125 mg',
      form: '정', dose: 1, doseUnit: '정', route: 'PO', frequency: 'TID', days: 7, instructions: '식후 30분',
    });
    assert.equal(second.route, 'INH');
    assert.equal(second.doseUnit, '흡입');
    assert.equal(row.status, 'ACTIVE');
    assert.equal(row.medical_record_id, signedRecordId);
    assert.equal(row.duration, '30일');
    const doctor = await (await models()).Doctor.findOne({ where: { user_id: pulmoUserId } });
    assert.equal(row.doctor_id, doctor!.id);
    const audit = await auditOf(res.requestId);
    assert.ok(audit.some((a) => a.action_type === 'create' && a.resource_type === 'Prescription' && a.outcome === 'success' && a.patient_id === 1));
  });

  test('unknown drugs, a zero dose or course, a bad frequency or route, another patient\'s record: 400 and nothing stored', async () => {
    const { models: m } = await t.node.runtime.database();
    const othersRecord = (await m.MedicalRecord.findOne({ where: { patient_fk_id: 6 } }))!.id;
    const before = await rows();
    const bodies = [
      { patientId: 1, items: [{ ...amoxiclav, code: 'NOPE1' }] },
      { patientId: 1, items: [{ ...amoxiclav, dose: 0 }] },
      { patientId: 1, items: [{ ...amoxiclav, days: 0 }] },
      { patientId: 1, items: [{ ...amoxiclav, days: 181 }] },
      { patientId: 1, items: [{ ...amoxiclav, frequency: 'Q2H' }] },
      { patientId: 1, items: [{ ...amoxiclav, route: 'NASAL' }] },
      { patientId: 1, items: [] },
      { patientId: 1, medicalRecordId: othersRecord, items: [amoxiclav] },
    ];
    for (const body of bodies) {
      const res = await prescribe(body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    const unknown = await prescribe(bodies[0]);
    assert.match(unknown.body.error.message, /^처방집에 없는 약품 코드입니다: NOPE1 \(unknown formulary code\)/);
    assert.equal(unknown.body.error.details[0].field, 'items[0].code');
    assert.equal(await rows(), before);
  });

  test('prescribing for a patient outside the doctor\'s scope is 404, audited, and stores nothing', async () => {
    const before = await rows();
    const res = await prescribe({ patientId: 2, items: [amoxiclav] });
    assert.equal(res.status, 404);
    assert.ok((await auditOf(res.requestId)).some((a) => a.outcome === 'denied' && a.patient_id === 2));
    assert.equal(await rows(), before);
  });

  test('a nurse reads the list and one prescription but cannot prescribe; the front desk is refused (403, audited)', async () => {
    const created = await prescribe({ patientId: 1, items: [amoxiclav] });
    const list = await t.http.get('/api/v1/patients/1/prescriptions?status=ACTIVE', { token: tokens.nurse });
    assert.equal(list.status, 200);
    assert.ok(list.body.items.some((p: { id: number }) => p.id === created.body.id));
    assert.ok(list.body.items.every((p: { status: string; patient_id: number }) => p.status === 'ACTIVE' && p.patient_id === 1));
    const one = await t.http.get(`/api/v1/prescriptions/${created.body.id}`, { token: tokens.nurse });
    assert.equal(one.status, 200);
    assert.equal(one.body.medications[0].code, 'AMC625');
    assert.ok((await auditOf(one.requestId)).some((a) => a.action_type === 'read' && a.outcome === 'success' && a.patient_id === 1));
    assert.equal((await prescribe({ patientId: 1, items: [amoxiclav] }, 'nurse')).status, 403);
    const denied = await t.http.get('/api/v1/patients/1/prescriptions', { token: tokens.frontdesk });
    assert.equal(denied.status, 403);
    assert.deepEqual((await auditOf(denied.requestId)).map((a) => a.outcome), ['denied']);
    assert.equal((await t.http.get(`/api/v1/prescriptions/${created.body.id}`, { token: tokens['doctor.neuro'] })).status, 404);
  });

  test('a doctor discontinues with a reason; discontinuing again is 409; active lists leave it out', async () => {
    const created = await prescribe({ patientId: 1, items: [amoxiclav] });
    const id = created.body.id as number;
    assert.equal((await t.http.post(`/api/v1/prescriptions/${id}/discontinue`, { reason: '발진' }, { token: tokens['doctor.neuro'] })).status, 404);
    const res = await t.http.post(`/api/v1/prescriptions/${id}/discontinue`, { reason: '약물 발진으로 중단' }, { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'DISCONTINUED');
    assert.equal(res.body.discontinued_reason, '약물 발진으로 중단');
    assert.equal(res.body.discontinued_by_id, pulmoUserId);
    assert.ok(res.body.discontinued_at);
    const again = await t.http.post(`/api/v1/prescriptions/${id}/discontinue`, { reason: '다시' }, { token: tokens['doctor.pulmo'] });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.type, 'ALREADY_DISCONTINUED');
    const stopped = await t.http.get('/api/v1/patients/1/prescriptions?status=DISCONTINUED', { token: tokens.nurse });
    assert.ok(stopped.body.items.some((p: { id: number }) => p.id === id));

    const nurse = (await (await models()).AuthUser.findOne({ where: { username: 'nurse' } }))!;
    const meta = { user: { id: nurse.id, role: 'nurse', realm: 'staff', department: 'PULMONOLOGY', patientId: null } };
    const active = await t.node.broker.call<PrescriptionAttributes[], object>('prescriptions.active', { patientIds: [1, 2] }, { meta });
    assert.ok(active.length > 0);
    assert.ok(active.every((p) => p.status === 'ACTIVE' && p.patient_id === 1), 'only ACTIVE ones, and only patients in scope');
    assert.ok(!active.some((p) => p.id === id));
  });

  test('the 처방전 PDF names the patient, the drugs and the doctor, and masks the resident number', async () => {
    const registered = await t.http.post('/api/v1/patients', { name: '처방전시험', birthDate: '1990-01-01', gender: 'M', residentNumber: '900101-1234567' }, { token: tokens['doctor.pulmo'] });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    const created = await prescribe({ patientId: registered.body.id, items: [amoxiclav, { code: 'MOM01', dose: 1, frequency: 'BID', days: 14 }], notes: '충분한 수분 섭취' });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const res = await t.http.download(`/api/v1/prescriptions/${created.body.id}/pdf`, tokens.nurse);
    assert.equal(res.status, 200, res.bytes.toString());
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="RX-\d{4}-\d{6}\.pdf"$/);
    const text = pdfText(res.bytes);
    if (text === null) return; // no pdftotext on this machine: the structure was checked
    for (const expected of ['처방전', '처방전시험', '아목시실린·클라불란산칼륨정 625mg', '모메타손푸로에이트연고 0.1%', '김호흡', '900101-1******', '교부일부터 3일간', '충분한 수분 섭취']) {
      assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
    }
    assert.ok(!text.includes('1234567'), 'the full resident number is never printed');
  });

  test('a 진단서 is refused for a draft (409) and names the KCD code of a signed record; nurses cannot issue one', async () => {
    const draft = await t.http.post('/api/v1/medical-records', { patientId: 1, visitDate: '2026-01-05', diagnosisCode: 'J18.9', treatment: '항생제' }, { token: tokens['doctor.pulmo'] });
    assert.equal(draft.status, 200);
    const refused = await t.http.download(`/api/v1/medical-records/${draft.body.id}/certificate`, tokens['doctor.pulmo']);
    assert.equal(refused.status, 409);
    const record = await t.http.get(`/api/v1/medical-records/${signedRecordId}`, { token: tokens['doctor.pulmo'] });
    assert.equal(record.status, 200, 'the records route is not shadowed by the certificate route');
    const res = await t.http.download(`/api/v1/medical-records/${signedRecordId}/certificate?purpose=${encodeURIComponent('보험 청구용')}&opinion=${encodeURIComponent('2주간 안정 요함')}`, tokens['doctor.pulmo']);
    assert.equal(res.status, 200, res.bytes.toString());
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.ok((await auditOf(res.requestId)).some((a) => a.resource_type === 'MedicalCertificate' && a.outcome === 'success' && a.patient_id === 1));
    const text = pdfText(res.bytes);
    if (text !== null) {
      for (const expected of ['진단서', patientName, record.body.diagnosis_code, '보험 청구용', '2주간 안정 요함', '김호흡', '위와 같이 진단합니다']) {
        assert.ok(text.includes(expected), `missing ${expected} in\n${text}`);
      }
    }
    assert.equal((await t.http.download(`/api/v1/medical-records/${signedRecordId}/certificate?onsetDate=2026-02-30`, tokens['doctor.pulmo'])).status, 400);
    assert.equal((await t.http.download(`/api/v1/medical-records/${signedRecordId}/certificate`, tokens.nurse)).status, 403);
    assert.equal((await t.http.download(`/api/v1/medical-records/${signedRecordId}/certificate`, tokens['doctor.neuro'])).status, 404);
  });

  describe('patient portal', () => {
    test('a patient lists and downloads their own prescriptions; another patient\'s is 404 and audited', async () => {
      const list = await t.http.get('/api/v1/portal/prescriptions', { token: tokens.patient1 });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(list.body.items.length > 0);
      assert.ok(list.body.items.every((p: { patient_id: number }) => p.patient_id === 1));
      const own = await t.http.download(`/api/v1/portal/prescriptions/${list.body.items[0].id}/pdf`, tokens.patient1);
      assert.equal(own.status, 200, own.bytes.toString());
      assert.equal(own.headers.get('content-type'), 'application/pdf');
      const text = pdfText(own.bytes);
      if (text !== null) assert.ok(text.includes(patientName));

      const others = await prescribe({ patientId: 6, items: [amoxiclav] });
      assert.equal(others.status, 200);
      const refused = await t.http.download(`/api/v1/portal/prescriptions/${others.body.id}/pdf`, tokens.patient1);
      assert.equal(refused.status, 404);
      assert.ok((await auditOf(refused.requestId)).some((a) => a.outcome === 'denied' && a.patient_id === 6));
      assert.equal((await t.http.download(`/api/v1/portal/prescriptions/${list.body.items[0].id}/pdf`, tokens.nurse)).status, 401);
    });

    test('the demo patient has an ACTIVE prescription linked to their signed record', async () => {
      const active = await t.http.get('/api/v1/portal/prescriptions?status=ACTIVE', { token: tokens.patient1 });
      assert.ok(active.body.items.some((p: PrescriptionAttributes) => p.medical_record_id === signedRecordId && p.status === 'ACTIVE'));
    });

    test('a patient downloads the 진단서 of their own signed record only', async () => {
      const own = await t.http.download(`/api/v1/portal/records/${signedRecordId}/certificate`, tokens.patient1);
      assert.equal(own.status, 200, own.bytes.toString());
      const text = pdfText(own.bytes);
      const code = (await (await models()).MedicalRecord.findByPk(signedRecordId))!.diagnosis_code!;
      if (text !== null) assert.ok(text.includes(code) && text.includes(patientName));
      const othersRecord = (await (await models()).MedicalRecord.findOne({ where: { patient_fk_id: 6, status: 'SIGNED' } }))!.id;
      const refused = await t.http.download(`/api/v1/portal/records/${othersRecord}/certificate`, tokens.patient1);
      assert.equal(refused.status, 404);
      assert.ok((await auditOf(refused.requestId)).some((a) => a.outcome === 'denied' && a.patient_id === 6));
    });

    test('the health summary lists active medications, allergies, the latest vitals and recent diagnoses', async () => {
      assert.equal((await t.http.post('/api/v1/patients/1/vitals', { temperature: 37.9, pulse: 88 }, { token: tokens.nurse })).status, 200);
      const res = await t.http.get('/api/v1/portal/health-summary', { token: tokens.patient1 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.activeMedications.length > 0);
      assert.ok(res.body.activeMedications.every((m: { name: string; dose: string; frequency: string }) => m.name && m.dose && m.frequency));
      assert.ok(Array.isArray(res.body.allergies));
      assert.equal(res.body.latestVitals.vitalSigns.temperature, 37.9);
      assert.ok(!('nursing_notes' in res.body.latestVitals));
      const code = (await (await models()).MedicalRecord.findByPk(signedRecordId))!.diagnosis_code;
      assert.ok(res.body.recentDiagnoses.some((d: { diagnosisCode: string }) => d.diagnosisCode === code));
    });
  });
});
