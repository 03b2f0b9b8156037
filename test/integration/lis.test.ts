import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import type { SessionUser } from '../../services/context.js';

/**
 * The lab loop through OCS and the LIS: doctor.pulmo orders labs for patient 1 (PULMONOLOGY, the
 * portal account's chart) → the nurse collects → the lab system results them (a critical K) →
 * the doctor is notified and acknowledges → the lab verifies → the order completes → the doctor
 * sees results and trends, and the patient sees them in the portal only once verified.
 */
describe('LIS: lab orders from collection to verified results, with critical-value acknowledgement', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmoUserId: number;
  let pulmoSession: SessionUser;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'lab.system', 'frontdesk']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
    tokens.patient1 = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    const pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!;
    pulmoUserId = pulmo.id;
    pulmoSession = {
      id: pulmo.id, realm: 'staff', role: 'doctor', name: '폐의사', department: 'PULMONOLOGY', patientId: null, staffId: null, sessionId: 'lis-test',
    };
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  const resultRows = async () => (await models()).LabResult.count();
  const as = (login: string) => ({ token: tokens[login] });
  const placeOrder = async (items: { code: string }[], priority = 'ROUTINE', patientId = 1) => {
    const res = await t.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId, priority, items }, as('doctor.pulmo'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: number; order_number: string; status: string };
  };
  const collect = (orderId: number, login = 'nurse') => t.http.post(`/api/v1/lis/orders/${orderId}/specimens`, {}, as(login));
  const submit = (body: Record<string, unknown>) => t.http.post('/api/v1/lis/results', body, as('lab.system'));
  const verify = (orderId: number, body: Record<string, unknown> = {}) => t.http.post(`/api/v1/lis/orders/${orderId}/verify`, body, as('lab.system'));
  const electrolytes = [{ code: 'NA', value: 138 }, { code: 'K', value: '6.5', unit: 'mmol/L' }, { code: 'CL', value: 101 }, { code: 'CO2', value: 24 }];
  const cbc = [
    { code: 'WBC', value: 7.2 }, { code: 'RBC', value: 4.6 }, { code: 'HB', value: 14.1 }, { code: 'HCT', value: 42.3 },
    { code: 'MCV', value: 91.9 }, { code: 'MCH', value: 30.6 }, { code: 'MCHC', value: 33.3 }, { code: 'PLT', value: 251 },
  ];

  test('the routes are published with their permissions, and internal actions are not', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    const op = (path: string, method: string) => spec.body.paths[path]?.[method] as { operationId: string; 'x-permission': string } | undefined;
    assert.equal(op('/api/v1/lis/results', 'post')?.['x-permission'], 'lab.results.write');
    assert.equal(op('/api/v1/lis/orders/{orderId}/specimens', 'post')?.['x-permission'], 'lab.collect');
    assert.equal(op('/api/v1/lis/results/{id}/acknowledge', 'post')?.['x-permission'], 'lab.critical.ack');
    assert.equal(op('/api/v1/lis/patients/{patientId}/trends', 'get')?.operationId, 'lis.trend');
    assert.equal(op('/api/v1/portal/lab-results', 'get')?.['x-permission'], 'portal.self');
    const paths = JSON.stringify(spec.body.paths);
    for (const internal of ['lis.mine"', 'lis.unacknowledgedCriticals']) assert.ok(!paths.includes(internal), internal);
  });

  test('the catalogue is searched by Korean name and shows tubes, LOINC and units; the front desk may not (403)', async () => {
    const res = await t.http.get(`/api/v1/lis/tests?q=${encodeURIComponent('칼륨')}`, as('nurse'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.items.map((i: { code: string }) => i.code), ['CMP', 'ELEC', 'K']);
    const k = res.body.items[2];
    assert.equal(k.loinc, '2823-3');
    assert.equal(k.specimen.specimenType, 'SERUM_SST');
    assert.deepEqual(k.analytes[0].critical, { low: 2.8, high: 6.2 });
    assert.equal((await t.http.get('/api/v1/lis/tests', as('frontdesk'))).status, 403);
  });

  describe('the loop on one order (ELEC + CBC, STAT)', () => {
    let orderId: number;
    let barcodes: Record<string, string>;
    let potassiumId: number;
    let gender: string;

    test('the doctor orders; the order waits on the nurse\'s collection list with its tubes; results cannot come before collection (409)', async () => {
      const order = await placeOrder([{ code: 'ELEC' }, { code: 'CBC' }], 'STAT');
      orderId = order.id;
      assert.equal(order.status, 'PENDING');
      gender = (await (await models()).Patient.findByPk(1))!.gender!;

      const list = await t.http.get('/api/v1/lis/collections?pageSize=100', as('nurse'));
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const row = list.body.items.find((i: { id: number }) => i.id === orderId);
      assert.ok(row, 'the new order is on the collection list');
      assert.equal(list.body.items[0].priority, 'STAT', 'STAT first');
      assert.equal(row.patient.id, 1);
      assert.deepEqual(row.tubes.map((tube: { specimenType: string }) => tube.specimenType), ['EDTA_WB', 'SERUM_SST']);
      barcodes = Object.fromEntries(row.tubes.map((tube: { specimenType: string; barcode: string }) => [tube.specimenType, tube.barcode]));
      assert.equal((await t.http.get('/api/v1/lis/collections', as('lab.system'))).status, 403);

      const early = await submit({ orderId, results: electrolytes, idempotencyKey: `lis-test-early-${orderId}` });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.equal(early.body.error.type, 'NOT_COLLECTED');
    });

    test('the nurse collects: one labelled tube per kind, the order goes in progress; a second collection is 409', async () => {
      const res = await collect(orderId);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.order.status, 'IN_PROGRESS');
      assert.deepEqual(res.body.specimens.map((s: { barcode: string }) => s.barcode).sort(), Object.values(barcodes).sort());
      assert.ok(res.body.specimens.every((s: { status: string; collected_at: string }) => s.status === 'COLLECTED' && s.collected_at));
      const again = await collect(orderId);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.type, 'ALREADY_COLLECTED');
      assert.equal(await (await models()).LabSpecimen.count({ where: { order_id: orderId } }), 2);

      const worklist = await t.http.get('/api/v1/lis/worklist?pageSize=100', as('lab.system'));
      assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
      const row = worklist.body.items.find((i: { id: number }) => i.id === orderId);
      assert.deepEqual({ expected: row.progress.expected, resulted: row.progress.resulted }, { expected: 12, resulted: 0 });
      assert.equal(row.specimens.length, 2);

      const received = await t.http.post(`/api/v1/lis/specimens/${barcodes.SERUM_SST}/receive`, {}, as('lab.system'));
      assert.equal(received.status, 200, JSON.stringify(received.body));
      assert.equal(received.body.status, 'RECEIVED');
      assert.equal((await t.http.post(`/api/v1/lis/specimens/${barcodes.SERUM_SST}/receive`, {}, as('lab.system'))).status, 409);
    });

    test('the lab enters electrolytes with a critical K: flagged HH and the ordering doctor gets one unread alert', async () => {
      const res = await submit({ orderId, results: electrolytes, idempotencyKey: `lis-test-elec-${orderId}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.replayed, false);
      const byCode = Object.fromEntries(res.body.results.map((r: { analyte_code: string }) => [r.analyte_code, r]));
      assert.deepEqual(Object.keys(byCode).sort(), ['CL', 'CO2', 'K', 'NA']);
      assert.equal(byCode.K.flag, 'HH');
      assert.equal(byCode.K.critical, true);
      assert.equal(byCode.K.loinc, '2823-3');
      assert.equal(byCode.K.reference_text, '3.5–5.1');
      assert.equal(byCode.K.status, 'PRELIMINARY');
      assert.equal(byCode.NA.flag, 'N');
      assert.equal(byCode.NA.critical, false);
      potassiumId = byCode.K.id;

      const inbox = await t.http.get('/api/v1/notifications?unread=true&pageSize=100', as('doctor.pulmo'));
      assert.equal(inbox.status, 200);
      const alerts = inbox.body.items.filter((n: { related_resource_type: string; related_resource_id: string }) =>
        n.related_resource_type === 'LabResult' && n.related_resource_id === String(potassiumId));
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0].notification_type, 'ALERT');
      assert.match(alerts[0].title, /칼륨 6\.5 mmol\/L/);

      const criticals = await t.http.get('/api/v1/lis/criticals?unacknowledged=true', as('doctor.pulmo'));
      assert.equal(criticals.status, 200, JSON.stringify(criticals.body));
      const listed = criticals.body.items.find((r: { id: number }) => r.id === potassiumId);
      assert.ok(listed, 'the critical K is on the unacknowledged list');
      assert.equal(listed.patient.id, 1);
      const neuro = await t.http.get('/api/v1/lis/criticals?unacknowledged=true', as('doctor.neuro'));
      assert.ok(!neuro.body.items.some((r: { id: number }) => r.id === potassiumId), 'outside doctor.neuro\'s scope');

      const dashboard = await t.node.broker.call<{ total: number; items: { id: number }[] }, object>(
        'lis.unacknowledgedCriticals', { orderingDoctorId: pulmoUserId }, { meta: { user: pulmoSession } },
      );
      assert.ok(dashboard.items.some((r) => r.id === potassiumId));
      assert.ok(dashboard.total >= 1);
    });

    test('the same submission again answers the stored rows: no new rows, no second alert; other content under the key is 409', async () => {
      const before = await resultRows();
      const again = await submit({ orderId, results: electrolytes, idempotencyKey: `lis-test-elec-${orderId}` });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.replayed, true);
      assert.ok(again.body.results.some((r: { id: number }) => r.id === potassiumId));
      assert.equal(await resultRows(), before);
      const { models: m } = await t.node.runtime.database();
      assert.equal(await m.Notification.count({ where: { related_resource_type: 'LabResult', related_resource_id: String(potassiumId) } }), 1);

      const changed = await submit({ orderId, results: [{ code: 'K', value: 4.1 }], idempotencyKey: `lis-test-elec-${orderId}` });
      assert.equal(changed.status, 409);
      assert.equal(changed.body.error.type, 'IDEMPOTENCY_KEY_REUSED');
      const twice = await submit({ orderId, results: [{ code: 'K', value: 4.1 }], idempotencyKey: `lis-test-elec-rerun-${orderId}` });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.error.type, 'ALREADY_RESULTED');
      assert.equal(await resultRows(), before);
    });

    test('only a doctor in scope acknowledges, once: the nurse 403, doctor.neuro 404, a second acknowledgement 409', async () => {
      assert.equal((await t.http.post(`/api/v1/lis/results/${potassiumId}/acknowledge`, {}, as('nurse'))).status, 403);
      assert.equal((await t.http.post(`/api/v1/lis/results/${potassiumId}/acknowledge`, {}, as('doctor.neuro'))).status, 404);
      const ack = await t.http.post(`/api/v1/lis/results/${potassiumId}/acknowledge`, { note: '칼슘글루코네이트 투여, 재검 예정' }, as('doctor.pulmo'));
      assert.equal(ack.status, 200, JSON.stringify(ack.body));
      assert.equal(ack.body.critical_acknowledged_by_id, pulmoUserId);
      assert.ok(ack.body.critical_acknowledged_at);
      assert.equal(ack.body.critical_ack_note, '칼슘글루코네이트 투여, 재검 예정');

      const second = await t.http.post(`/api/v1/lis/results/${potassiumId}/acknowledge`, {}, as('doctor.pulmo'));
      assert.equal(second.status, 409);
      assert.equal(second.body.error.type, 'ALREADY_ACKNOWLEDGED');
      const normalNa = (await (await models()).LabResult.findOne({ where: { order_id: orderId, analyte_code: 'NA' } }))!;
      const notCritical = await t.http.post(`/api/v1/lis/results/${normalNa.id}/acknowledge`, {}, as('doctor.pulmo'));
      assert.equal(notCritical.body.error.type, 'NOT_CRITICAL');

      const { models: m } = await t.node.runtime.database();
      const notification = await m.Notification.findOne({ where: { related_resource_type: 'LabResult', related_resource_id: String(potassiumId) } });
      assert.equal(notification!.is_read, true);
      const criticals = await t.http.get('/api/v1/lis/criticals?unacknowledged=true', as('doctor.pulmo'));
      assert.ok(!criticals.body.items.some((r: { id: number }) => r.id === potassiumId));
      const all = await t.http.get('/api/v1/lis/criticals', as('doctor.pulmo'));
      assert.ok(all.body.items.some((r: { id: number }) => r.id === potassiumId), 'acknowledged criticals stay on the full list');
    });

    test('before verification: the EMR shows preliminary values to doctors only, and the portal shows nothing', async () => {
      const verifiedOnly = await t.http.get(`/api/v1/lis/patients/1/results?orderId=${orderId}`, as('doctor.pulmo'));
      assert.equal(verifiedOnly.status, 200, JSON.stringify(verifiedOnly.body));
      assert.equal(verifiedOnly.body.total, 0);
      const preliminary = await t.http.get(`/api/v1/lis/patients/1/results?orderId=${orderId}&includePreliminary=true`, as('doctor.pulmo'));
      assert.equal(preliminary.body.total, 4);
      assert.equal((await t.http.get(`/api/v1/lis/patients/1/results?includePreliminary=true`, as('nurse'))).status, 403);
      const portal = await t.http.get('/api/v1/portal/lab-results?pageSize=100', as('patient1'));
      assert.equal(portal.status, 200, JSON.stringify(portal.body));
      assert.ok(!portal.body.items.some((r: { order_id: number }) => r.order_id === orderId));
    });

    test('verifying part of the order keeps it in progress; the CBC by barcode and its verification complete it with a summary', async () => {
      const partial = await verify(orderId);
      assert.equal(partial.status, 200, JSON.stringify(partial.body));
      assert.equal(partial.body.verified.length, 4);
      assert.equal(partial.body.order.status, 'IN_PROGRESS');
      assert.deepEqual(partial.body.pending, ['WBC', 'RBC', 'HB', 'HCT', 'MCV', 'MCH', 'MCHC', 'PLT']);
      assert.equal((await verify(orderId)).body.error.type, 'NOTHING_TO_VERIFY');

      const wrongTube = await t.http.post('/api/v1/lis/results', { barcode: barcodes.SERUM_SST, results: [{ code: 'HB', value: 14 }], idempotencyKey: `lis-test-tube-${orderId}` }, as('lab.system'));
      assert.equal(wrongTube.status, 400, 'haemoglobin is not measured on the serum tube');
      const blood = await submit({ barcode: barcodes.EDTA_WB, results: cbc, idempotencyKey: `lis-test-cbc-${orderId}` });
      assert.equal(blood.status, 200, JSON.stringify(blood.body));
      const hb = blood.body.results.find((r: { analyte_code: string }) => r.analyte_code === 'HB');
      assert.equal(hb.reference_text, gender === 'M' ? '13.5–17.5' : '12.0–16.0', 'the interval follows the patient\'s sex');
      assert.equal(hb.flag, 'N');
      assert.equal(hb.specimen_id, (await (await models()).LabSpecimen.findOne({ where: { barcode: barcodes.EDTA_WB } }))!.id);

      const done = await verify(orderId);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.order.status, 'COMPLETED');
      assert.deepEqual(done.body.pending, []);
      assert.equal(done.body.order.result_summary, 'HH K 6.5 mmol/L');

      const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
      assert.equal(order.body.status, 'COMPLETED');
      assert.ok(order.body.completed_at);
      assert.deepEqual(order.body.events.map((e: { to_status: string }) => e.to_status), ['PENDING', 'IN_PROGRESS', 'COMPLETED']);
      assert.equal(order.body.events[1].note, '검체채취');
      const inbox = await t.http.get('/api/v1/notifications?unread=true&pageSize=100', as('doctor.pulmo'));
      assert.ok(inbox.body.items.some((n: { related_resource_type: string; related_resource_id: string; notification_type: string }) =>
        n.related_resource_type === 'OcsOrder' && n.related_resource_id === String(orderId) && n.notification_type === 'RESULT'));
    });

    test('the doctor sees the verified results and the K trend; the nurse sees them too', async () => {
      const results = await t.http.get(`/api/v1/lis/patients/1/results?orderId=${orderId}&pageSize=100`, as('doctor.pulmo'));
      assert.equal(results.body.total, 12);
      assert.ok(results.body.items.every((r: { status: string }) => r.status === 'VERIFIED'));
      const nurse = await t.http.get(`/api/v1/lis/patients/1/results?code=k`, as('nurse'));
      assert.equal(nurse.status, 200);
      assert.ok(nurse.body.items.some((r: { id: number }) => r.id === potassiumId));

      const trend = await t.http.get('/api/v1/lis/patients/1/trends?code=K', as('doctor.pulmo'));
      assert.equal(trend.status, 200, JSON.stringify(trend.body));
      assert.equal(trend.body.analyte.loinc, '2823-3');
      assert.equal(trend.body.analyte.unit, 'mmol/L');
      const point = trend.body.items.at(-1);
      assert.equal(point.id, potassiumId);
      assert.equal(point.value_numeric, 6.5);
      assert.equal(point.flag, 'HH');
      assert.equal(point.reference_low, 3.5);
      assert.equal(point.reference_high, 5.1);

      const view = await t.http.get(`/api/v1/lis/orders/${orderId}`, as('nurse'));
      assert.equal(view.status, 200, JSON.stringify(view.body));
      assert.equal(view.body.results.length, 12);
      assert.deepEqual(view.body.pending, []);
      assert.ok(view.body.specimens.every((s: { status: string }) => s.status === 'RECEIVED'), 'resulted tubes count as received');
    });

    test('after verification the patient sees the results in the portal, without who keyed them', async () => {
      const portal = await t.http.get('/api/v1/portal/lab-results?pageSize=100', as('patient1'));
      assert.equal(portal.status, 200);
      const mine = portal.body.items.filter((r: { order_id: number }) => r.order_id === orderId);
      assert.equal(mine.length, 12);
      const k = mine.find((r: { analyte_code: string }) => r.analyte_code === 'K');
      assert.equal(k.value_text, '6.5');
      assert.equal(k.flag, 'HH');
      for (const hidden of ['idempotency_key', 'entered_by_id', 'critical_ack_note', 'ordering_doctor_id']) assert.ok(!(hidden in k), hidden);
      // The completed order told the patient once, on the portal (not the preliminary values).
      const notices = await t.http.get('/api/v1/portal/notifications?pageSize=100', as('patient1'));
      const ready = notices.body.items.filter((n: { related_resource_type: string; related_resource_id: string }) => n.related_resource_type === 'OcsOrder' && n.related_resource_id === String(orderId));
      assert.equal(ready.length, 1, JSON.stringify(notices.body));
      assert.match(ready[0].title, /^검사 결과가 나왔습니다/);
      const onlyK = await t.http.get('/api/v1/portal/lab-results?code=K', as('patient1'));
      assert.ok(onlyK.body.items.every((r: { analyte_code: string }) => r.analyte_code === 'K'));
      assert.equal((await t.http.get('/api/v1/portal/lab-results', as('nurse'))).status, 401);
    });

    test('a completed order takes no more results (409); a correction keeps the earlier value, revises the order\'s summary and tells the doctor once', async () => {
      const late = await submit({ orderId, results: [{ code: 'K', value: 4.0 }], idempotencyKey: `lis-test-late-${orderId}` });
      assert.equal(late.status, 409);
      assert.equal(late.body.error.type, 'ORDER_COMPLETED');

      const m = await models();
      const notices = () => m.Notification.count({ where: { user_id: pulmoUserId } });
      const noticesBefore = await notices();
      const hb = (await m.LabResult.findOne({ where: { order_id: orderId, analyte_code: 'HB' } }))!;
      const corrected = await t.http.post(`/api/v1/lis/results/${hb.id}/correct`, { value: 10.5, reason: '검체 재측정 (용혈)' }, as('lab.system'));
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.equal(corrected.body.status, 'CORRECTED');
      assert.equal(corrected.body.value_text, '10.5');
      assert.equal(corrected.body.flag, 'L');
      assert.equal(corrected.body.corrections.length, 1);
      assert.equal(corrected.body.corrections[0].value_text, '14.1');

      const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
      assert.equal(order.status, 200, JSON.stringify(order.body));
      assert.equal(order.body.status, 'COMPLETED');
      assert.equal(order.body.result_summary, 'HH K 6.5 mmol/L, L HB 10.5 g/dL');
      const revision = order.body.events.at(-1);
      assert.equal(revision.note, '결과 수정: 혈색소 14.1 → 10.5 g/dL (검체 재측정 (용혈))');
      assert.deepEqual([revision.from_status, revision.to_status], ['COMPLETED', 'COMPLETED']);

      assert.equal(await notices(), noticesBefore + 1, 'exactly one notification of the correction');
      const notice = (await m.Notification.findOne({ where: { user_id: pulmoUserId }, order: [['id', 'DESC']] }))!;
      assert.equal(notice.notification_type, 'RESULT');
      assert.equal(notice.related_resource_type, 'OcsOrder');
      assert.equal(notice.related_resource_id, String(orderId));
      assert.match(notice.title, /결과 수정/);
      assert.match(notice.message ?? '', /HB 10\.5 g\/dL/);

      const same = await t.http.post(`/api/v1/lis/results/${hb.id}/correct`, { value: 10.5, reason: '중복' }, as('lab.system'));
      assert.equal(same.status, 400);
      assert.equal(await notices(), noticesBefore + 1);
      const portal = await t.http.get('/api/v1/portal/lab-results?code=HB', as('patient1'));
      assert.equal(portal.body.items.find((r: { id: number }) => r.id === hb.id).value_text, '10.5');
      assert.equal((await t.http.post(`/api/v1/lis/results/${hb.id}/correct`, { value: 12, reason: '수정' }, as('nurse'))).status, 403);
    });

    test('a correction whose order summary did not get through is brought up to date by sending it again', async () => {
      const m = await models();
      // As if OCS had failed right after the correction was stored.
      await m.OcsOrder.update({ result_summary: 'HH K 6.5 mmol/L' }, { where: { id: orderId } });
      const hb = (await m.LabResult.findOne({ where: { order_id: orderId, analyte_code: 'HB' } }))!;
      const again = await t.http.post(`/api/v1/lis/results/${hb.id}/correct`, { value: '10.5', reason: '검체 재측정 (용혈)' }, as('lab.system'));
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.corrections.length, 1, 'nothing new is stored on the result');
      const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
      assert.equal(order.body.result_summary, 'HH K 6.5 mmol/L, L HB 10.5 g/dL');
      assert.match(order.body.events.at(-1).note, /^결과 수정 반영: 혈색소 10\.5 g\/dL/);
      assert.equal((await t.http.post(`/api/v1/lis/results/${hb.id}/correct`, { value: 10.5, reason: '중복' }, as('lab.system'))).status, 400);
    });
  });

  test('a correction of a verified result on an order still in progress tells the doctor itself and leaves the order alone', async () => {
    const order = await placeOrder([{ code: 'ELEC' }]);
    assert.equal((await collect(order.id)).status, 200);
    const entered = await submit({ orderId: order.id, results: [{ code: 'NA', value: 140 }, { code: 'K', value: 4.4 }], idempotencyKey: `lis-test-partial-${order.id}` });
    assert.equal(entered.status, 200, JSON.stringify(entered.body));
    assert.equal((await verify(order.id, { codes: ['NA'] })).body.order.status, 'IN_PROGRESS');
    const m = await models();
    const noticesBefore = await m.Notification.count({ where: { user_id: pulmoUserId } });
    const sodium = entered.body.results.find((r: { analyte_code: string }) => r.analyte_code === 'NA');
    const corrected = await t.http.post(`/api/v1/lis/results/${sodium.id}/correct`, { value: 141, reason: '희석 오류' }, as('lab.system'));
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    assert.equal(corrected.body.status, 'CORRECTED');
    assert.equal(await m.Notification.count({ where: { user_id: pulmoUserId } }), noticesBefore + 1);
    const notice = (await m.Notification.findOne({ where: { user_id: pulmoUserId }, order: [['id', 'DESC']] }))!;
    assert.equal(notice.title, '검사 결과 수정: 나트륨 140 → 141 mmol/L');
    assert.deepEqual([notice.related_resource_type, notice.related_resource_id], ['LabResult', String(sodium.id)]);
    const after = await t.http.get(`/api/v1/ocs/orders/${order.id}`, as('doctor.pulmo'));
    assert.equal(after.body.status, 'IN_PROGRESS');
    assert.equal(after.body.result_summary, null);
    assert.deepEqual(after.body.events.map((e: { to_status: string }) => e.to_status), ['PENDING', 'IN_PROGRESS']);
  });

  describe('bad input', () => {
    let orderId: number;

    before(async () => {
      orderId = (await placeOrder([{ code: 'ELEC' }])).id;
      const res = await collect(orderId, 'doctor.pulmo');
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    test('unknown test codes are refused at ordering (400) and nothing is stored', async () => {
      const before = await (await models()).OcsOrder.count();
      const res = await t.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: 1, items: [{ code: 'NOPE' }] }, as('doctor.pulmo'));
      assert.equal(res.status, 400);
      assert.equal(await (await models()).OcsOrder.count(), before);
    });

    test('unknown, unordered, repeated, mis-unit, implausible and non-numeric results are 400 with the field, and nothing is stored', async () => {
      const before = await resultRows();
      const cases: [Record<string, unknown>[], string][] = [
        [[{ code: 'XYZ', value: 1 }], 'results[0].code'],
        [[{ code: 'NA', value: 140 }, { code: 'HB', value: 14 }], 'results[1].code'],
        [[{ code: 'NA', value: 140 }, { code: 'na', value: 141 }], 'results[1].code'],
        [[{ code: 'K', value: 4.2, unit: 'mEq/dL' }], 'results[0].unit'],
        [[{ code: 'K', value: 42 }], 'results[0].value'],
        [[{ code: 'K', value: 'hemolysed' }], 'results[0].value'],
      ];
      for (const [index, [results, field]] of cases.entries()) {
        const res = await submit({ orderId, results, idempotencyKey: `lis-test-bad-${orderId}-${index}` });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.ok(res.body.error.details.some((d: { field: string }) => d.field === field), `${field}: ${JSON.stringify(res.body.error.details)}`);
      }
      const shapes: Record<string, unknown>[] = [
        { results: [{ code: 'K', value: 4 }], idempotencyKey: 'no-order-0001' },
        { orderId, barcode: 'L0000000012', results: [{ code: 'K', value: 4 }], idempotencyKey: 'both-targets-1' },
        { orderId, results: [], idempotencyKey: 'empty-results-1' },
        { orderId, results: [{ code: 'K', value: 4 }], idempotencyKey: 'short' },
        { orderId, results: [{ code: 'K', value: 4 }], idempotencyKey: 'has spaces in it' },
        { orderId, results: [{ code: 'K', value: 4, extra: 1 }], idempotencyKey: 'extra-field-1' },
      ];
      for (const body of shapes) assert.equal((await submit(body)).status, 400, JSON.stringify(body));
      assert.equal(await resultRows(), before);
    });

    test('unknown orders, barcodes and analytes, and patients outside the scope are clear 4xx', async () => {
      assert.equal((await submit({ orderId: 999_999, results: [{ code: 'K', value: 4 }], idempotencyKey: 'unknown-order-1' })).status, 404);
      assert.equal((await submit({ barcode: 'L9999999991', results: [{ code: 'K', value: 4 }], idempotencyKey: 'unknown-barcode-1' })).status, 404);
      assert.equal((await collect(999_999)).status, 404);
      assert.equal((await t.http.get('/api/v1/lis/patients/1/trends?code=XYZ', as('doctor.pulmo'))).status, 400);
      assert.equal((await t.http.get('/api/v1/lis/patients/2/results', as('doctor.pulmo'))).status, 404);
      assert.equal((await t.http.get('/api/v1/lis/patients/999999/results', as('doctor.pulmo'))).status, 404);
      assert.equal((await verify(orderId, { codes: ['HB'] })).status, 400);
      assert.equal((await t.http.post('/api/v1/lis/results/999999/acknowledge', {}, as('doctor.pulmo'))).status, 404);
    });

    test('a cancelled order takes no collection, results or verification (409), and nothing is stored', async () => {
      const pending = await placeOrder([{ code: 'HBA1C' }]);
      const collected = await placeOrder([{ code: 'LIPID' }]);
      const future = await t.http.post(`/api/v1/lis/orders/${pending.id}/specimens`, { collectedAt: new Date(Date.now() + 3_600_000).toISOString() }, as('nurse'));
      assert.equal(future.status, 400, 'a collection time an hour ahead is an entry error');
      assert.equal((await t.http.post(`/api/v1/lis/orders/${pending.id}/specimens`, { collectedAt: '2001-01-01T00:00:00Z' }, as('nurse'))).status, 400);
      assert.equal(await (await models()).LabSpecimen.count({ where: { order_id: pending.id } }), 0);
      assert.equal((await collect(collected.id)).status, 200);
      for (const order of [pending, collected]) {
        const cancel = await t.http.post(`/api/v1/ocs/orders/${order.id}/cancel`, { reason: '중복 처방' }, as('doctor.pulmo'));
        assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
      }
      const before = await resultRows();
      const specimens = await (await models()).LabSpecimen.count();
      const again = await collect(pending.id);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.type, 'ORDER_CANCELLED');
      const results = await submit({ orderId: collected.id, results: [{ code: 'TCHOL', value: 180 }], idempotencyKey: `lis-test-cancelled-${collected.id}` });
      assert.equal(results.status, 409);
      assert.equal(results.body.error.type, 'ORDER_CANCELLED');
      assert.equal((await verify(collected.id)).body.error.type, 'ORDER_CANCELLED');
      assert.equal(await resultRows(), before);
      assert.equal(await (await models()).LabSpecimen.count(), specimens);
    });

    test('a normal panel completes with 정상 and raises no alert', async () => {
      const { models: m } = await t.node.runtime.database();
      const alertsBefore = await m.Notification.count({ where: { related_resource_type: 'LabResult' } });
      const res = await submit({ orderId, results: [{ code: 'NA', value: 140 }, { code: 'K', value: 4.2 }, { code: 'CL', value: 102 }, { code: 'CO2', value: '25' }], idempotencyKey: `lis-test-normal-${orderId}` });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.results.every((r: { flag: string; critical: boolean }) => r.flag === 'N' && !r.critical));
      const done = await verify(orderId);
      assert.equal(done.body.order.status, 'COMPLETED');
      assert.equal(done.body.order.result_summary, '정상 (4항목)');
      assert.equal(await m.Notification.count({ where: { related_resource_type: 'LabResult' } }), alertsBefore);
    });
  });
});
