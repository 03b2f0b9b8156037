import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Op } from 'sequelize';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { pdfText } from '../helpers/pdf.js';
import { kstDateOf } from '../../lib/rules/kst-dates.js';
import type { DailySettlement, DayPayments } from '../../services/billing/settlement.js';

type Item = [code: string, quantity: number];

describe('front desk billing (수납)', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let patient1Id: number;
  const today = kstDateOf(new Date());

  before(async () => {
    t = await startTestNode();
    for (const login of ['frontdesk', 'doctor.pulmo', 'nurse']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    tokens.patient1 = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const { models } = await t.node.runtime.database();
    patient1Id = (await models.Patient.findOne({ where: { user_account_id: { [Op.ne]: null } } }))!.id;
  });
  after(() => t.stop());

  const desk = { get token() { return tokens.frontdesk; } };
  const setInsurance = (patientId: number, body: Record<string, unknown>) =>
    t.http.request('PUT', `/api/v1/patients/${patientId}/insurance`, { token: desk.token, body });
  const createBill = (patientId: number, items: Item[], careSetting = 'OUTPATIENT', extra: Record<string, unknown> = {}) =>
    t.http.post('/api/v1/bills', { patientId, careSetting, items: items.map(([code, quantity]) => ({ code, quantity })), ...extra }, { token: desk.token });
  const pay = (billId: number, body: Record<string, unknown>) => t.http.post(`/api/v1/bills/${billId}/payments`, body, { token: desk.token });
  const refund = (billId: number, body: Record<string, unknown>) => t.http.post(`/api/v1/bills/${billId}/refunds`, body, { token: desk.token });
  const counts = async () => {
    const { models } = await t.node.runtime.database();
    return { bills: await models.Bill.count(), items: await models.BillItem.count(), payments: await models.Payment.count() };
  };
  const auditRows = async (requestId: string) => (await t.node.runtime.database()).models.ActivityLog.findAll({ where: { request_id: requestId } });
  const settlement = async (): Promise<DailySettlement> => {
    const res = await t.http.get(`/api/v1/billing/settlement?date=${today}`, { token: desk.token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  test('the fee schedule is searchable by name, initial consonants and category', async () => {
    const ct = await t.http.get('/api/v1/fee-schedule?q=CT', { token: desk.token });
    assert.equal(ct.status, 200);
    assert.ok(ct.body.items.some((f: { code: string }) => f.code === 'HA401'));
    const endoscopy = await t.http.get(`/api/v1/fee-schedule?q=${encodeURIComponent('ㄴㅅㄱ')}`, { token: desk.token });
    assert.deepEqual(endoscopy.body.items.map((f: { code: string }) => f.code), ['E7611', 'E7660', 'EZ760']);
    const uninsured = await t.http.get('/api/v1/fee-schedule?category=IMAGING&covered=false', { token: desk.token });
    assert.ok(uninsured.body.items.length > 0 && uninsured.body.items.every((f: { covered: boolean }) => !f.covered));
  });

  test('insurance: the default before any record, then recorded and read back; bad dates 400, unknown patient 404', async () => {
    const created = await t.http.post('/api/v1/patients', { name: '보험검사', birthDate: '1985-05-05', gender: 'F' }, { token: desk.token });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const id = created.body.id;
    const before = await t.http.get(`/api/v1/patients/${id}/insurance`, { token: desk.token });
    assert.equal(before.status, 200);
    assert.deepEqual([before.body.recorded, before.body.insurance_type], [false, 'NHI']);
    const put = await setInsurance(id, { insuranceType: 'MEDICAL_AID_2', insurer: '서울특별시', cardNumber: '12345678901', validFrom: '2024-01-01' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const after = await t.http.get(`/api/v1/patients/${id}/insurance`, { token: desk.token });
    assert.deepEqual([after.body.recorded, after.body.insurance_type, after.body.card_number, after.body.label], [true, 'MEDICAL_AID_2', '12345678901', '의료급여 2종']);
    assert.equal((await setInsurance(id, { insuranceType: 'NHI', validFrom: '2024-05-01', validTo: '2024-04-30' })).status, 400);
    assert.equal((await setInsurance(id, { insuranceType: 'NHI', validFrom: '2024-02-30' })).status, 400);
    assert.equal((await setInsurance(id, { insuranceType: 'PRIVATE' })).status, 400);
    assert.equal((await setInsurance(999_999, { insuranceType: 'NHI' })).status, 404);
    const row = (await auditRows(put.requestId)).find((r) => r.resource_type === 'PatientInsurance');
    assert.deepEqual([row?.action_type, row?.outcome, row?.patient_id], ['update', 'success', id]);
  });

  test('NHI outpatient: 50% of covered care, truncated to 10 won, lines add up to the totals', async () => {
    assert.equal((await setInsurance(12, { insuranceType: 'NHI' })).status, 200);
    const res = await createBill(12, [['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1]]);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const bill = res.body;
    assert.deepEqual([bill.total_amount, bill.patient_amount, bill.insurer_amount, bill.status, bill.insurance_type], [43_110, 21_550, 21_560, 'OPEN', 'NHI']);
    assert.match(bill.bill_number, /^B\d{8}-\d{6}$/);
    assert.equal(bill.items.length, 4);
    assert.equal(bill.items.reduce((sum: number, i: { patient_share: number }) => sum + i.patient_share, 0), 21_550);
    assert.deepEqual(bill.items[0], { ...bill.items[0], fee_code: 'AA154', unit_price: 21_850, quantity: 1, amount: 21_850, covered: true });
  });

  test('NHI with 비급여: the uninsured line is the patient\'s in full', async () => {
    const res = await createBill(12, [['AA254', 1], ['EZ760', 1], ['E7611', 1]]);
    assert.deepEqual([res.body.total_amount, res.body.patient_amount, res.body.insurer_amount], [124_250, 92_120, 32_130]);
    const sleep = res.body.items.find((i: { fee_code: string }) => i.fee_code === 'EZ760');
    assert.deepEqual([sleep.covered, sleep.patient_share, sleep.insurer_share], [false, 60_000, 0]);
  });

  test('NHI inpatient: 20%', async () => {
    const res = await createBill(12, [['AB220', 3], ['HA401', 1], ['AB900', 3]], 'INPATIENT');
    assert.deepEqual([res.body.total_amount, res.body.patient_amount, res.body.insurer_amount, res.body.care_setting], [775_940, 515_180, 260_760, 'INPATIENT']);
  });

  test('의료급여 1종: 1,500원 per outpatient visit plus 비급여; nothing for covered inpatient care (paid from the start)', async () => {
    assert.equal((await setInsurance(7, { insuranceType: 'MEDICAL_AID_1', validFrom: '2020-01-01', validTo: '2099-12-31' })).status, 200);
    const visit = await createBill(7, [['AA254', 1], ['G2101', 1], ['VZ001', 1]]);
    assert.deepEqual([visit.body.insurance_type, visit.body.total_amount, visit.body.patient_amount, visit.body.insurer_amount], ['MEDICAL_AID_1', 65_380, 41_500, 23_880]);
    const stay = await createBill(7, [['AB220', 5], ['HA401', 1]], 'INPATIENT');
    assert.deepEqual([stay.body.patient_amount, stay.body.insurer_amount, stay.body.status], [0, 470_620, 'PAID']);
  });

  test('의료급여 2종: 15% outpatient, 10% inpatient', async () => {
    assert.equal((await setInsurance(8, { insuranceType: 'MEDICAL_AID_2' })).status, 200);
    const outpatient = await createBill(8, [['AA154', 1], ['EB441', 1], ['HA311', 1]]);
    assert.deepEqual([outpatient.body.patient_amount, outpatient.body.insurer_amount], [16_750, 94_920]);
    const inpatient = await createBill(8, [['AB220', 2]], 'INPATIENT');
    assert.deepEqual([inpatient.body.patient_amount, inpatient.body.insurer_amount], [14_460, 130_220]);
  });

  test('no insurance: every line in full', async () => {
    assert.equal((await setInsurance(9, { insuranceType: 'NONE' })).status, 200);
    const res = await createBill(9, [['AA154', 1], ['B1010', 1], ['SZ511', 1]]);
    assert.deepEqual([res.body.total_amount, res.body.patient_amount, res.body.insurer_amount], [76_060, 76_060, 0]);
  });

  test('a lapsed insurance record is 409 until it is updated; nothing is stored', async () => {
    assert.equal((await setInsurance(13, { insuranceType: 'NHI', validFrom: '2015-01-01', validTo: '2020-12-31' })).status, 200);
    const before = await counts();
    const res = await createBill(13, [['AA254', 1]]);
    assert.equal(res.status, 409);
    assert.equal(res.body.error.type, 'INSURANCE_NOT_VALID');
    assert.deepEqual(await counts(), before);
  });

  test('unknown codes, bad quantities, unknown patients and foreign appointments are refused; nothing is stored', async () => {
    const before = await counts();
    const refusals: [Promise<{ status: number }>, number][] = [
      [createBill(12, [['AA254', 1], ['NOPE1', 1]]), 400],
      [createBill(12, [['AA254', 0]]), 400],
      [createBill(12, [['AA254', -1]]), 400],
      [createBill(12, [['AA254', 1.5]]), 400],
      [createBill(12, []), 400],
      [createBill(12, [['AA254', 1]], 'EMERGENCY'), 400],
      [createBill(12, [['AA254', 1]], 'OUTPATIENT', { totalAmount: 1 }), 400],
      [createBill(999_999, [['AA254', 1]]), 404],
    ];
    for (const [call, status] of refusals) assert.equal((await call).status, status);
    const { models } = await t.node.runtime.database();
    const foreign = await models.Appointment.findOne({ where: { patient_id: 6 } });
    const wrongVisit = await createBill(12, [['AA254', 1]], 'OUTPATIENT', { appointmentId: foreign!.id });
    assert.equal(wrongVisit.status, 400);
    assert.deepEqual(await counts(), before);
    const own = await createBill(6, [['AA254', 1]], 'OUTPATIENT', { appointmentId: foreign!.id });
    assert.equal(own.body.appointment_id, foreign!.id);
  });

  test('zero, negative, fractional and excess payments are 400 and store nothing', async () => {
    const bill = (await createBill(12, [['AA254', 1], ['B1010', 1]])).body; // 19,830 → 9,915 → 9,910
    assert.equal(bill.patient_amount, 9_910);
    const before = await counts();
    for (const body of [
      { method: 'CASH', amount: 0 }, { method: 'CASH', amount: -1_000 }, { method: 'CASH', amount: 100.5 }, { method: 'CASH', amount: '1000' },
      { method: 'CHEQUE', amount: 1_000 }, { method: 'CASH', amount: 9_911 }, { method: 'CASH', amount: 1_000, approvalNumber: '123456' },
    ]) {
      const res = await pay(bill.id, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}`);
    }
    assert.deepEqual(await counts(), before);
    const after = await t.http.get(`/api/v1/bills/${bill.id}`, { token: desk.token });
    assert.deepEqual([after.body.paid_amount, after.body.status, after.body.payments.length], [0, 'OPEN', 0]);
    assert.equal((await pay(999_999, { method: 'CASH', amount: 1_000 })).status, 404);
  });

  test('partial then full payment: OPEN → PARTIALLY_PAID → PAID, then nothing more is taken', async () => {
    const bill = (await createBill(12, [['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1]])).body;
    const first = await pay(bill.id, { method: 'CASH', amount: 10_000 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.bill.paid_amount, first.body.bill.status, first.body.payment.kind, first.body.payment.amount], [10_000, 'PARTIALLY_PAID', 'PAYMENT', 10_000]);
    const second = await pay(bill.id, { method: 'CARD', amount: 11_550, approvalNumber: 'A1234567' });
    assert.deepEqual([second.body.bill.paid_amount, second.body.bill.status, second.body.payment.approval_number], [21_550, 'PAID', 'A1234567']);
    assert.equal((await pay(bill.id, { method: 'CASH', amount: 10 })).status, 400);
    const detail = await t.http.get(`/api/v1/bills/${bill.id}`, { token: desk.token });
    assert.deepEqual(detail.body.payments.map((p: { method: string; amount: number }) => [p.method, p.amount]), [['CASH', 10_000], ['CARD', 11_550]]);
  });

  test('two payments of the whole balance at the same moment: one is taken, the other is 400', async () => {
    const bill = (await createBill(12, [['AA254', 1]])).body;
    const results = await Promise.all([1, 2].map(() => pay(bill.id, { method: 'CASH', amount: bill.patient_amount })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400]);
    const detail = await t.http.get(`/api/v1/bills/${bill.id}`, { token: desk.token });
    assert.deepEqual([detail.body.paid_amount, detail.body.payments.length], [bill.patient_amount, 1]);
  });

  test('refunds: reason required, never more than paid or than paid by that method; partial then full', async () => {
    const bill = (await createBill(12, [['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1]])).body; // 21,550
    await pay(bill.id, { method: 'CARD', amount: 20_000, approvalNumber: 'A7654321' });
    await pay(bill.id, { method: 'CASH', amount: 1_550 });
    const before = await counts();
    assert.equal((await refund(bill.id, { method: 'CARD', amount: 1_000 })).status, 400, 'no reason');
    assert.equal((await refund(bill.id, { method: 'CARD', amount: 1_000, reason: '   ' })).status, 400, 'blank reason');
    assert.equal((await refund(bill.id, { method: 'CARD', amount: 21_551, reason: '검사 취소' })).status, 400, 'more than paid');
    const byCash = await refund(bill.id, { method: 'CASH', amount: 2_000, reason: '검사 취소' });
    assert.equal(byCash.status, 400, 'more than was paid in cash');
    assert.equal(byCash.body.error.type, 'REFUND_EXCEEDS_PAID');
    assert.equal((await refund(bill.id, { method: 'CARD', amount: 0, reason: '검사 취소' })).status, 400);
    assert.deepEqual(await counts(), before);

    const partial = await refund(bill.id, { method: 'CARD', amount: 7_290, reason: 'CRP 검사 미시행' });
    assert.equal(partial.status, 200, JSON.stringify(partial.body));
    assert.deepEqual([partial.body.bill.refunded_amount, partial.body.bill.status, partial.body.refund.kind, partial.body.refund.reason],
      [7_290, 'PARTIALLY_PAID', 'REFUND', 'CRP 검사 미시행']);
    assert.equal((await refund(bill.id, { method: 'CARD', amount: 12_711, reason: '진료 취소' })).status, 400, 'only 12,710 left by card');
    await refund(bill.id, { method: 'CARD', amount: 12_710, reason: '진료 취소' });
    const full = await refund(bill.id, { method: 'CASH', amount: 1_550, reason: '진료 취소' });
    assert.deepEqual([full.body.bill.refunded_amount, full.body.bill.status], [21_550, 'REFUNDED']);
    assert.equal((await refund(bill.id, { method: 'CASH', amount: 10, reason: '진료 취소' })).status, 400);
  });

  test('a bill holding no money can be cancelled; a cancelled bill takes no payment and prints no receipt', async () => {
    const kept = (await createBill(12, [['AA254', 1]])).body;
    await pay(kept.id, { method: 'CASH', amount: 1_000 });
    assert.equal((await t.http.post(`/api/v1/bills/${kept.id}/cancel`, {}, { token: desk.token })).status, 409);
    const bill = (await createBill(12, [['AA254', 1]])).body;
    const cancelled = await t.http.post(`/api/v1/bills/${bill.id}/cancel`, {}, { token: desk.token });
    assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'CANCELLED']);
    assert.equal((await pay(bill.id, { method: 'CASH', amount: 1_000 })).status, 409);
    assert.equal((await t.http.download(`/api/v1/bills/${bill.id}/receipt`, desk.token)).status, 409);
  });

  test('the receipt PDF names the patient and prints the totals, the payment and the method', async () => {
    const patient = (await t.http.get('/api/v1/patients/12', { token: desk.token })).body;
    const bill = (await createBill(12, [['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1], ['EZ760', 1]])).body; // 103,110; patient 81,550
    assert.equal(bill.patient_amount, 81_550);
    await pay(bill.id, { method: 'CARD', amount: 81_550, approvalNumber: 'R9876543' });
    const res = await t.http.download(`/api/v1/bills/${bill.id}/receipt`, desk.token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="receipt-${bill.bill_number}\\.pdf"`));
    const text = pdfText(res.bytes);
    if (text !== null) {
      for (const expected of ['영수증', patient.name, patient.patient_id, '103,110원', '81,550원', '21,560원', '60,000원', '카드', 'R9876543', '건강보험', '외래', bill.bill_number]) {
        assert.ok(text.includes(expected), `receipt lacks ${expected}`);
      }
    }
    const read = (await auditRows(res.requestId)).find((r) => r.resource_type === 'Bill');
    assert.deepEqual([read?.action_type, read?.outcome, read?.patient_id], ['read', 'success', 12]);
  });

  test('lists filter by patient, KST day and status', async () => {
    const res = await t.http.get(`/api/v1/bills?patientId=12&date=${today}&status=PAID&pageSize=100`, { token: desk.token });
    assert.equal(res.status, 200);
    assert.ok(res.body.items.length >= 2);
    assert.ok(res.body.items.every((b: { patient_id: number; status: string }) => b.patient_id === 12 && b.status === 'PAID'));
    // Each bill names its patient, so the list needs no chart read per row.
    assert.ok(res.body.items.every((b: { patient: { id: number; patient_id: string; name: string } }) => b.patient.id === 12 && /^P\d+$/.test(b.patient.patient_id) && b.patient.name));
    const one = await t.http.get(`/api/v1/bills/${res.body.items[0].id}`, { token: desk.token });
    assert.equal(one.body.patient.id, 12);
    assert.equal((await t.http.get('/api/v1/bills?date=2026-02-30', { token: desk.token })).status, 400);
    const past = await t.http.get('/api/v1/bills?patientId=12&date=2001-01-01', { token: desk.token });
    assert.equal(past.body.total, 0);
  });

  test('the daily settlement moves by exactly the bills, payments and refunds made; the day summary agrees', async () => {
    const before = await settlement();
    const bill = (await createBill(12, [['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1]])).body; // 43,110 / 21,550 / 21,560
    await pay(bill.id, { method: 'CARD', amount: 15_000, approvalNumber: 'S1111111' });
    await pay(bill.id, { method: 'CASH', amount: 6_550 });
    await refund(bill.id, { method: 'CASH', amount: 2_000, reason: '할인 적용' });
    const after = await settlement();
    assert.equal(after.date, today);
    assert.deepEqual(
      [after.bills.count - before.bills.count, after.bills.total - before.bills.total, after.bills.patient - before.bills.patient, after.bills.insurer - before.bills.insurer],
      [1, 43_110, 21_550, 21_560],
    );
    assert.deepEqual([after.payments.CARD.amount - before.payments.CARD.amount, after.payments.CARD.count - before.payments.CARD.count], [15_000, 1]);
    assert.deepEqual([after.payments.CASH.amount - before.payments.CASH.amount, after.refunds.CASH.amount - before.refunds.CASH.amount], [6_550, 2_000]);
    assert.equal(after.net.total - before.net.total, 19_550);
    assert.equal(after.net.total, after.payments.total.amount - after.refunds.total.amount);

    // The settlement equals the ledger of the day, row by row.
    const { models } = await t.node.runtime.database();
    const ledger = await models.Payment.findAll();
    const ofToday = ledger.filter((p) => kstDateOf(p.created_at) === today);
    const sum = (kind: string) => ofToday.filter((p) => p.kind === kind).reduce((a, p) => a + p.amount, 0);
    assert.deepEqual([after.payments.total.amount, after.refunds.total.amount], [sum('PAYMENT'), sum('REFUND')]);

    const days = await t.node.broker.call<DayPayments[], object>('billing.daySummary', { from: today, to: today });
    assert.deepEqual(days, [{ date: today, payments: sum('PAYMENT'), refunds: sum('REFUND'), net: after.net.total, count: after.payments.total.count }]);
    const settlementRow = (await auditRows((await t.http.get(`/api/v1/billing/settlement?date=${today}`, { token: desk.token })).requestId))[0];
    assert.deepEqual([settlementRow?.resource_type, settlementRow?.outcome], ['Settlement', 'success']);
  });

  test('doctors and nurses are refused billing (403, audited as denied)', async () => {
    const bill = (await createBill(12, [['AA254', 1]])).body;
    const before = await counts();
    for (const who of ['doctor.pulmo', 'nurse']) {
      for (const res of [
        await t.http.post('/api/v1/bills', { patientId: 1, careSetting: 'OUTPATIENT', items: [{ code: 'AA254', quantity: 1 }] }, { token: tokens[who] }),
        await t.http.get(`/api/v1/bills/${bill.id}`, { token: tokens[who] }),
        await t.http.post(`/api/v1/bills/${bill.id}/payments`, { method: 'CASH', amount: 1_000 }, { token: tokens[who] }),
        await t.http.get('/api/v1/billing/settlement', { token: tokens[who] }),
      ]) {
        assert.equal(res.status, 403, `${who}: ${JSON.stringify(res.body)}`);
        const rows = await auditRows(res.requestId);
        assert.deepEqual(rows.map((r) => r.outcome), ['denied'], who);
      }
      assert.equal((await t.http.download(`/api/v1/bills/${bill.id}/receipt`, tokens[who])).status, 403);
    }
    assert.deepEqual(await counts(), before);
  });

  test('the patient lists their own bills and downloads their receipt; another patient\'s is 404', async () => {
    const list = await t.http.get('/api/v1/portal/receipts', { token: tokens.patient1 });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.ok(list.body.items.length >= 1, 'the demo seed gives patient1 a paid bill');
    assert.ok(list.body.items.every((b: { patient_id: number }) => b.patient_id === patient1Id));
    assert.ok(list.body.items.every((b: Record<string, unknown>) => !('created_by_id' in b)), 'patients do not see which staff member billed');
    const paid = list.body.items.find((b: { status: string }) => b.status === 'PAID');
    assert.ok(paid);
    const own = await t.http.download(`/api/v1/portal/receipts/${paid.id}/pdf`, tokens.patient1);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('content-type'), 'application/pdf');
    const me = await t.http.get('/api/v1/portal/me', { token: tokens.patient1 });
    const text = pdfText(own.bytes);
    if (text !== null) assert.ok(text.includes(me.body.patient.name) && text.includes('영수증'));

    const other = (await createBill(12, [['AA254', 1]])).body;
    const refused = await t.http.download(`/api/v1/portal/receipts/${other.id}/pdf`, tokens.patient1);
    assert.equal(refused.status, 404);
    const denied = (await auditRows(refused.requestId)).find((r) => r.resource_type === 'Bill');
    assert.deepEqual([denied?.outcome, denied?.patient_id], ['denied', 12]);
    assert.equal((await t.http.get('/api/v1/portal/receipts', { token: desk.token })).status, 401);
  });

  test('진료기간: the visit day for outpatient care, the admission to today for a stay, or as given; bad periods 400 and nothing stored', async () => {
    const created = await t.http.post('/api/v1/patients', { name: '입원정산', birthDate: '1970-03-03', gender: 'M' }, { token: desk.token });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const id = created.body.id;
    const outpatient = await createBill(id, [['AA154', 1]]);
    assert.equal(outpatient.status, 200, JSON.stringify(outpatient.body));
    assert.deepEqual([outpatient.body.service_from, outpatient.body.service_to], [today, today]);

    const admitted = new Date(Date.now() - 3 * 86_400_000);
    const admit = await t.http.request('PUT', `/api/v1/patients/${id}/status`, {
      token: desk.token, body: { status: 'ADMITTED', ward: '7W', roomNumber: '701', admissionDate: admitted.toISOString() },
    });
    assert.equal(admit.status, 200, JSON.stringify(admit.body));
    const stay = await createBill(id, [['AA154', 1]], 'INPATIENT');
    assert.equal(stay.status, 200, JSON.stringify(stay.body));
    assert.deepEqual([stay.body.service_from, stay.body.service_to], [kstDateOf(admitted), today]);
    const receipt = await t.http.download(`/api/v1/bills/${stay.body.id}/receipt`, desk.token);
    const text = pdfText(receipt.bytes);
    if (text !== null) assert.match(text, new RegExp(`진료기간 ${kstDateOf(admitted)} ~ ${today}`));

    const given = await createBill(id, [['AA154', 1]], 'INPATIENT', { serviceFrom: '2026-01-02', serviceTo: '2026-01-09' });
    assert.deepEqual([given.body.service_from, given.body.service_to], ['2026-01-02', '2026-01-09']);
    const before = await counts();
    for (const period of [{ serviceFrom: '2026-01-09', serviceTo: '2026-01-02' }, { serviceFrom: '2026-02-30' }, { serviceFrom: '2099-01-01', serviceTo: '2099-01-02' }]) {
      const bad = await createBill(id, [['AA154', 1]], 'INPATIENT', period);
      assert.equal(bad.status, 400, JSON.stringify(period));
    }
    assert.deepEqual(await counts(), before);
  });
});
