import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/**
 * The prescription loop through OCS: order with safety checks → pharmacy worklist → 조제중 →
 * 조제완료 → the doctor is notified and sees the result, the patient sees the prescription.
 * Patients 16 and 21 are PULMONOLOGY (in doctor.pulmo's scope) and carry no demo prescriptions,
 * so their active medications are exactly what each test orders.
 */
describe('OCS orders: prescriptions to the pharmacy, with medication safety checks', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmoUserId: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'pharmacy.system', 'lab.system', 'frontdesk']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
    const { models } = await t.node.runtime.database();
    pulmoUserId = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id;
    for (const id of [16, 21, 26]) {
      const res = await t.http.patch(`/api/v1/patients/${id}`, { allergies: [] }, { token: tokens['doctor.pulmo'] });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  const order = (body: Record<string, unknown>, as = 'doctor.pulmo') => t.http.post('/api/v1/ocs/orders', body, { token: tokens[as] });
  const check = (body: Record<string, unknown>, as = 'doctor.pulmo') => t.http.post('/api/v1/ocs/medication-check', body, { token: tokens[as] });
  const pharmacy = (id: number, step: 'start' | 'complete') => t.http.post(`/api/v1/pharmacy/orders/${id}/${step}`, {}, { token: tokens['pharmacy.system'] });
  const warfarin = { code: 'WRF5', dose: 1, frequency: 'QD', days: 30 };
  const rows = async () => ({ orders: await (await models()).OcsOrder.count(), prescriptions: await (await models()).Prescription.count() });

  test('the routes are published with their permissions; transition is internal', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    const op = (path: string, method: string) => spec.body.paths[path]?.[method] as { operationId: string; 'x-permission': string } | undefined;
    assert.equal(op('/api/v1/ocs/orders', 'post')?.['x-permission'], 'orders.write');
    assert.equal(op('/api/v1/ocs/medication-check', 'post')?.operationId, 'ocs.medicationCheck');
    assert.equal(op('/api/v1/pharmacy/orders/{id}/complete', 'post')?.['x-permission'], 'pharmacy.dispense');
    assert.ok(!JSON.stringify(spec.body.paths).includes('ocs.transition'));
  });

  test('the safety check finds real interactions and allergies and stores nothing', async () => {
    const before = await rows();
    const bleeding = await check({ patientId: 16, medications: [{ name: 'warfarin' }, { code: 'IBU400' }] });
    assert.equal(bleeding.status, 200, JSON.stringify(bleeding.body));
    const ddi = bleeding.body.alerts.find((a: { type: string }) => a.type === 'drug-drug');
    assert.equal(ddi.severity, 'major');
    assert.deepEqual([...ddi.drugs].sort(), ['ibuprofen', 'warfarin']);
    assert.ok(ddi.source.length > 0);

    const statin = await check({ patientId: 16, medications: [{ name: 'Clarithromycin' }, { name: 'simvastatin' }] });
    assert.equal(statin.body.alerts[0].severity, 'contraindicated');

    await t.http.patch('/api/v1/patients/21', { allergies: [{ substance: '페니실린', reaction: '두드러기', severity: 'severe' }] }, { token: tokens['doctor.pulmo'] });
    const allergy = await check({ patientId: 21, medications: [{ code: 'AMX500' }] });
    assert.equal(allergy.body.alerts[0].type, 'drug-allergy');
    assert.equal(allergy.body.alerts[0].severity, 'contraindicated');
    const safe = await check({ patientId: 16, medications: [{ code: 'AMX500' }] });
    assert.deepEqual(safe.body.alerts, []);

    assert.equal((await check({ patientId: 16, medications: [{ name: 'unobtainium' }] })).status, 400);
    assert.equal((await check({ patientId: 16, medications: [{}] })).status, 400);
    assert.equal((await check({ patientId: 2, medications: [{ name: 'warfarin' }] })).status, 404, 'patient 2 is outside doctor.pulmo\'s scope');
    assert.equal((await check({ patientId: 16, medications: [{ name: 'warfarin' }] }, 'nurse')).status, 403);
    assert.deepEqual(await rows(), before);
  });

  test('prescription loop: order → pharmacy 조제중 → 조제완료 → doctor notified, patient sees it', async () => {
    const placed = await order({ orderType: 'PRESCRIPTION', patientId: 16, priority: 'URGENT', items: [warfarin], notes: 'INR 2–3 목표' });
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    const orderId = placed.body.id;
    assert.match(placed.body.order_number, /^O\d{8}\d{6}$/);
    assert.equal(placed.body.status, 'PENDING');
    assert.equal(placed.body.ordering_doctor_id, pulmoUserId);
    assert.equal(placed.body.items[0].name.includes('와파린'), true);
    const prescription = (await (await models()).Prescription.findByPk(placed.body.prescription_id))!;
    assert.equal(prescription.patient_id, 16);
    assert.equal(prescription.status, 'ACTIVE');

    const worklist = await t.http.get('/api/v1/pharmacy/worklist', { token: tokens['pharmacy.system'] });
    assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
    const row = worklist.body.items.find((o: { id: number }) => o.id === orderId);
    assert.ok(row, 'the order is on the pharmacy worklist');
    assert.equal(row.patient.id, 16);
    assert.ok(row.patient.name);

    assert.equal((await pharmacy(orderId, 'complete')).status, 409, 'cannot finish what was not started');
    const started = await pharmacy(orderId, 'start');
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.status, 'IN_PROGRESS');
    const done = await pharmacy(orderId, 'complete');
    assert.equal(done.body.status, 'COMPLETED');
    assert.equal(done.body.result_summary, '조제완료');
    assert.ok(done.body.completed_at);
    const again = await pharmacy(orderId, 'complete');
    assert.equal(again.status, 409);
    assert.equal(again.body.error.type, 'ILLEGAL_TRANSITION');
    assert.deepEqual(again.body.error.details.allowed, []);

    const seen = await t.http.get(`/api/v1/ocs/orders/${orderId}`, { token: tokens['doctor.pulmo'] });
    assert.deepEqual(seen.body.events.map((e: { to_status: string }) => e.to_status), ['PENDING', 'IN_PROGRESS', 'COMPLETED']);
    assert.equal(seen.body.events[2].actor_role, 'pharmacy_system');
    const inbox = await t.http.get('/api/v1/notifications?unread=true', { token: tokens['doctor.pulmo'] });
    const about = inbox.body.items.filter((n: { related_resource_id: string }) => n.related_resource_id === String(orderId));
    assert.equal(about.length, 2, JSON.stringify(inbox.body));
    assert.ok(about[0].title.includes('조제완료'));
    const read = await t.http.post(`/api/v1/notifications/${about[0].id}/read`, {}, { token: tokens['doctor.pulmo'] });
    assert.equal(read.body.is_read, true);
    assert.equal((await t.http.post(`/api/v1/notifications/${about[0].id}/read`, {}, { token: tokens['doctor.neuro'] })).status, 404, 'someone else\'s notification');

    const list = await t.http.get('/api/v1/patients/16/prescriptions', { token: tokens['doctor.pulmo'] });
    assert.ok(list.body.items.some((p: { id: number }) => p.id === placed.body.prescription_id));
  });

  test('the patient sees a dispensed prescription of theirs in the portal, and its 처방전', async () => {
    // patient1's chart is patient 1; montelukast repeats nothing they take.
    const placed = await order({ orderType: 'PRESCRIPTION', patientId: 1, items: [{ code: 'MTL10', dose: 1, frequency: 'QD', days: 28 }] });
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    await pharmacy(placed.body.id, 'start');
    assert.equal((await pharmacy(placed.body.id, 'complete')).body.status, 'COMPLETED');
    const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const mine = await t.http.get('/api/v1/portal/prescriptions', { token: patient });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.ok(mine.body.items.some((p: { id: number }) => p.id === placed.body.prescription_id));
    const pdf = await t.http.download(`/api/v1/portal/prescriptions/${placed.body.prescription_id}/pdf`, patient);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.bytes.subarray(0, 4).toString(), '%PDF');
  });

  test('a major alert needs an override reason, kept with the order and audited', async () => {
    const first = await order({ orderType: 'PRESCRIPTION', patientId: 26, items: [warfarin] });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const before = await rows();
    const nsaid = { orderType: 'PRESCRIPTION', patientId: 26, items: [{ code: 'IBU400', dose: 1, frequency: 'TID', days: 3 }] };
    const refused = await order(nsaid);
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.type, 'OVERRIDE_REQUIRED');
    const key = refused.body.error.details.alerts[0].key as string;
    assert.deepEqual(await rows(), before, 'a refused order stores nothing');

    const overridden = await order({ ...nsaid, overrides: [{ key, reason: '단기 3일, INR 추적 예정' }] });
    assert.equal(overridden.status, 200, JSON.stringify(overridden.body));
    const signed = overridden.body.safety_alerts.find((a: { key: string }) => a.key === key);
    assert.equal(signed.overrideReason, '단기 3일, INR 추적 예정');
    await t.node.broker.call('audit.flush');
    const audit = await (await models()).ActivityLog.findOne({ where: { resource_type: 'MedicationSafetyOverride', resource_id: String(overridden.body.id) } });
    assert.ok(audit, 'the override is in the audit log');
    assert.equal(audit.reason, '단기 3일, INR 추적 예정');
  });

  test('a contraindicated combination is a hard stop, override or not', async () => {
    const statin = await order({ orderType: 'PRESCRIPTION', patientId: 26, items: [{ code: 'SIM20', dose: 1, frequency: 'QD', days: 30 }] });
    assert.equal(statin.status, 200, JSON.stringify(statin.body));
    const before = await rows();
    const clarithro = { orderType: 'PRESCRIPTION', patientId: 26, items: [{ code: 'CLR500', dose: 1, frequency: 'BID', days: 7 }] };
    const refused = await order(clarithro);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.type, 'MEDICATION_CONTRAINDICATED');
    const key = refused.body.error.details.alerts[0].key;
    assert.equal((await order({ ...clarithro, overrides: [{ key, reason: '다른 대안 없음' }] })).status, 422);
    assert.deepEqual(await rows(), before);
  });

  test('cancelling discontinues the prescription; discontinuing cancels the open order', async () => {
    const placed = await order({ orderType: 'PRESCRIPTION', patientId: 16, items: [{ code: 'MTL10', dose: 1, frequency: 'QD', days: 30 }] });
    const cancelled = await t.http.post(`/api/v1/ocs/orders/${placed.body.id}/cancel`, { reason: '처방 변경' }, { token: tokens['doctor.pulmo'] });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'CANCELLED');
    assert.equal(cancelled.body.cancelled_reason, '처방 변경');
    assert.equal((await (await models()).Prescription.findByPk(placed.body.prescription_id))!.status, 'DISCONTINUED');
    assert.equal((await pharmacy(placed.body.id, 'start')).status, 409, 'the pharmacy cannot start a cancelled order');
    assert.equal((await t.http.post(`/api/v1/ocs/orders/${placed.body.id}/cancel`, { reason: '다시' }, { token: tokens['doctor.pulmo'] })).status, 409);

    const other = await order({ orderType: 'PRESCRIPTION', patientId: 16, items: [{ code: 'NAC200', dose: 1, frequency: 'TID', days: 5 }] });
    const stop = await t.http.post(`/api/v1/prescriptions/${other.body.prescription_id}/discontinue`, { reason: '증상 호전' }, { token: tokens['doctor.pulmo'] });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    assert.equal((await (await models()).OcsOrder.findByPk(other.body.id))!.status, 'CANCELLED');
  });

  test('the prescription screen prescribes through OCS', async () => {
    const res = await t.http.post('/api/v1/prescriptions', { patientId: 16, items: [{ code: 'ERD300', dose: 1, frequency: 'TID', days: 5 }] }, { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'ACTIVE');
    assert.equal(res.body.order.status, 'PENDING');
    const linked = await (await models()).OcsOrder.findByPk(res.body.order.id);
    assert.equal(linked!.prescription_id, res.body.id);
  });

  test('bad input is refused and nothing is stored', async () => {
    const before = await rows();
    const cases: [Record<string, unknown>, number][] = [
      [{ orderType: 'PRESCRIPTION', patientId: 16, items: [{ code: 'NOPE', dose: 1, frequency: 'QD', days: 1 }] }, 400],
      [{ orderType: 'PRESCRIPTION', patientId: 16, items: [{ code: 'AMX500', dose: 1, frequency: 'QD', days: 0 }] }, 400],
      [{ orderType: 'LAB', patientId: 16, items: [{ code: 'NOPE' }] }, 400],
      [{ orderType: 'IMAGING', patientId: 16, items: [{ code: 'NOPE' }] }, 400],
      [{ orderType: 'SURGERY', patientId: 16, items: [{ code: 'AMX500' }] }, 400],
      [{ orderType: 'PRESCRIPTION', patientId: 99999, items: [{ code: 'AMX500', dose: 1, frequency: 'TID', days: 3 }] }, 404],
      [{ orderType: 'PRESCRIPTION', patientId: 16, medicalRecordId: 99999, items: [{ code: 'AMX500', dose: 1, frequency: 'TID', days: 3 }] }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await order(body);
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    assert.equal((await order({ orderType: 'PRESCRIPTION', patientId: 16, items: [warfarin] }, 'nurse')).status, 403);
    assert.equal((await order({ orderType: 'PRESCRIPTION', patientId: 16, items: [warfarin] }, 'pharmacy.system')).status, 403);
    assert.deepEqual(await rows(), before);
  });

  test('a discharged patient takes no new orders (409)', async () => {
    const admitted = await t.http.put('/api/v1/patients/21/status', { status: 'ADMITTED', ward: '7병동', roomNumber: '701' }, { token: tokens['doctor.pulmo'] });
    assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
    const discharged = await t.http.put('/api/v1/patients/21/status', { status: 'DISCHARGED', dischargeDate: new Date().toISOString() }, { token: tokens['doctor.pulmo'] });
    assert.equal(discharged.status, 200, JSON.stringify(discharged.body));
    const before = await rows();
    const res = await order({ orderType: 'PRESCRIPTION', patientId: 21, items: [{ code: 'ERD300', dose: 1, frequency: 'TID', days: 5 }] });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.type, 'PATIENT_DISCHARGED');
    assert.deepEqual(await rows(), before);
  });

  test('lists filter by type, status and mine; worklist order puts STAT first; scopes hold', async () => {
    const stat = await order({ orderType: 'PRESCRIPTION', patientId: 16, priority: 'STAT', items: [{ code: 'SAL100', dose: 2, frequency: 'PRN', days: 7 }] });
    assert.equal(stat.status, 200, JSON.stringify(stat.body));
    const worklist = await t.http.get('/api/v1/ocs/orders?type=PRESCRIPTION&status=PENDING,IN_PROGRESS&sort=worklist', { token: tokens['pharmacy.system'] });
    assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
    assert.equal(worklist.body.items[0].priority, 'STAT');
    assert.ok(worklist.body.items.every((o: { status: string }) => ['PENDING', 'IN_PROGRESS'].includes(o.status)));
    const mine = await t.http.get('/api/v1/ocs/orders?mine=true', { token: tokens['doctor.pulmo'] });
    assert.ok(mine.body.total >= 5);
    assert.ok(mine.body.items.every((o: { ordering_doctor_id: number }) => o.ordering_doctor_id === pulmoUserId));
    assert.equal((await t.http.get('/api/v1/ocs/orders?status=FINISHED', { token: tokens['doctor.pulmo'] })).status, 400);

    assert.equal((await t.http.get(`/api/v1/ocs/orders/${stat.body.id}`, { token: tokens['doctor.neuro'] })).status, 404, 'outside doctor.neuro\'s scope');
    const neuroList = await t.http.get('/api/v1/ocs/orders?patientId=16', { token: tokens['doctor.neuro'] });
    assert.equal(neuroList.body.total, 0);
    assert.equal((await t.http.get('/api/v1/ocs/orders', { token: tokens.frontdesk })).status, 403);
    assert.equal((await t.http.get('/api/v1/pharmacy/worklist', { token: tokens['doctor.pulmo'] })).status, 403);
  });
});
