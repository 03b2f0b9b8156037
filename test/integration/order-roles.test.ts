import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/**
 * The role actors over orders: the doctor's order catalogue, dashboard and results inbox, the
 * nurse's tasks. Patient 11 is PULMONOLOGY (doctor.pulmo's and the nurse's scope).
 */
describe('orders in the doctor\'s and the nurse\'s day', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  const as = (login: string) => ({ token: tokens[login] });
  let labOrderId: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'lab.system', 'frontdesk']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
  });
  after(() => t.stop());

  test('the order catalogue searches drugs, lab tests and imaging procedures in one place', async () => {
    const potassium = await t.http.get(`/api/v1/ocs/catalogue?type=LAB&q=${encodeURIComponent('칼륨')}`, as('doctor.pulmo'));
    assert.equal(potassium.status, 200, JSON.stringify(potassium.body));
    assert.ok(potassium.body.items.some((e: { code: string }) => e.code === 'ELEC'));
    assert.ok(potassium.body.items.every((e: { type: string }) => e.type === 'LAB'));
    const chest = await t.http.get(`/api/v1/ocs/catalogue?type=IMAGING&q=${encodeURIComponent('흉부')}`, as('doctor.pulmo'));
    assert.ok(chest.body.items.some((e: { code: string; detail: string }) => e.code === 'CT-CHEST-C' && e.detail.includes('조영제')));
    const everything = await t.http.get(`/api/v1/ocs/catalogue?q=${encodeURIComponent('warfarin')}`, as('doctor.pulmo'));
    assert.deepEqual(everything.body.items.map((e: { code: string }) => e.code), ['WRF5']);
    const paged = await t.http.get('/api/v1/ocs/catalogue?pageSize=5&page=2', as('nurse'));
    assert.equal(paged.body.items.length, 5);
    assert.ok(paged.body.total > 50);
    assert.equal((await t.http.get('/api/v1/ocs/catalogue', as('frontdesk'))).status, 403);
  });

  test('a STAT lab order is the nurse\'s task and the doctor\'s open order', async () => {
    const placed = await t.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: 11, priority: 'STAT', items: [{ code: 'ELEC' }] }, as('doctor.pulmo'));
    assert.equal(placed.status, 200, JSON.stringify(placed.body));
    labOrderId = placed.body.id;

    const tasks = await t.http.get('/api/v1/nurse/tasks', as('nurse'));
    assert.equal(tasks.status, 200, JSON.stringify(tasks.body));
    assert.equal(tasks.body.specimenCollection.items[0].id, labOrderId, 'STAT first');
    assert.ok(tasks.body.specimenCollection.items[0].tubes.length > 0);
    assert.equal(tasks.body.medicationsDue.date, tasks.body.date);
    assert.equal(typeof tasks.body.medicationsDue.summary.due, 'number');
    const nurseBoard = await t.http.get('/api/v1/nurse/dashboard', as('nurse'));
    assert.ok(nurseBoard.body.specimensToCollect.stat >= 1);

    const board = await t.http.get('/api/v1/doctor/dashboard', as('doctor.pulmo'));
    assert.equal(board.status, 200, JSON.stringify(board.body));
    assert.ok(board.body.openOrders.byType.LAB >= 1);
    assert.equal(board.body.unacknowledgedCriticals.total, 0);
    assert.equal((await t.http.get('/api/v1/nurse/tasks', as('doctor.pulmo'))).status, 403);
  });

  test('a critical result shows on both dashboards until the doctor acknowledges it; the inbox marks the new result', async () => {
    assert.equal((await t.http.post(`/api/v1/lis/orders/${labOrderId}/specimens`, {}, as('nurse'))).status, 200);
    const results = [{ code: 'NA', value: 139 }, { code: 'K', value: 6.9 }, { code: 'CL', value: 101 }, { code: 'CO2', value: 24 }];
    const entered = await t.http.post('/api/v1/lis/results', { orderId: labOrderId, results, idempotencyKey: `order-roles-${labOrderId}` }, as('lab.system'));
    assert.equal(entered.status, 200, JSON.stringify(entered.body));

    const board = await t.http.get('/api/v1/doctor/dashboard', as('doctor.pulmo'));
    assert.equal(board.body.unacknowledgedCriticals.total, 1);
    assert.equal(board.body.unacknowledgedCriticals.items[0].analyte_code, 'K');
    const nurseBoard = await t.http.get('/api/v1/nurse/dashboard', as('nurse'));
    assert.ok(nurseBoard.body.unacknowledgedCriticals.items.some((r: { order_id: number }) => r.order_id === labOrderId));
    const otherDoctor = await t.http.get('/api/v1/doctor/dashboard', as('doctor.neuro'));
    assert.equal(otherDoctor.body.unacknowledgedCriticals.total, 0, 'only the ordering doctor\'s criticals');

    assert.equal((await t.http.post(`/api/v1/lis/orders/${labOrderId}/verify`, {}, as('lab.system'))).status, 200);
    const inbox = await t.http.get('/api/v1/doctor/results-inbox', as('doctor.pulmo'));
    assert.equal(inbox.status, 200, JSON.stringify(inbox.body));
    const result = inbox.body.results.items.find((o: { id: number }) => o.id === labOrderId);
    assert.equal(result.status, 'COMPLETED');
    assert.equal(result.isNew, true);
    assert.ok(result.result_summary.includes('K'));
    assert.equal(result.patient.id, result.patient_id, 'each result names its patient');
    assert.match(result.patient.patient_id, /^P\d+/);
    assert.ok(result.patient.name);
    assert.equal(inbox.body.criticals.total, 1);

    const critical = inbox.body.criticals.items[0];
    assert.equal((await t.http.post(`/api/v1/lis/results/${critical.id}/acknowledge`, { note: '재검 및 치료' }, as('doctor.pulmo'))).status, 200);
    const after = await t.http.get('/api/v1/doctor/dashboard', as('doctor.pulmo'));
    assert.equal(after.body.unacknowledgedCriticals.total, 0);
    assert.equal((await t.http.get('/api/v1/doctor/results-inbox', as('nurse'))).status, 403);
  });
});
