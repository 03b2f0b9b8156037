import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const kstDate = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/**
 * Appointment inquiries: a visitor without an account leaves one on the public site (consent,
 * a real phone number and day, a rate limit per address); only the front desk reads them, audited,
 * and records the call-back.
 */
describe('appointment inquiries', () => {
  let t: TestNode;
  let frontdesk: string;
  let doctor: string;
  const valid = () => ({ name: '홍길동', phone: '010-1234-5678', department: 'PULMONOLOGY', preferredDate: kstDate(7), message: '기침이 오래 갑니다', consent: true });
  const count = async () => (await t.node.runtime.database()).models.AppointmentInquiry.count();

  before(async () => {
    // Behind an ingress the client address comes from X-Forwarded-For: each test can speak from its own.
    t = await startTestNode({ CDSS_TRUST_PROXY: '1' });
    frontdesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
    doctor = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
  });
  after(() => t.stop());

  // Each test speaks from its own address, so the rate limit of one does not spill into the next.
  const submit = (body: Record<string, unknown>, ip: string) => t.http.post('/api/v1/public/inquiries', body, { headers: { 'x-forwarded-for': ip } });

  test('a visitor leaves an inquiry without signing in and gets a reference', async () => {
    const res = await submit(valid(), '198.51.100.1');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.body.reference, /^Q\d{6}$/);
    const row = (await (await t.node.runtime.database()).models.AppointmentInquiry.findByPk(Number(res.body.reference.slice(1))))!;
    assert.deepEqual([row.name, row.phone, row.department, row.status, row.preferred_date], ['홍길동', '010-1234-5678', 'PULMONOLOGY', 'NEW', kstDate(7)]);
    assert.ok(row.consented_at);
  });

  test('bad input is a 400 naming the field, and nothing is stored', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ consent: false }, 'consent', /동의/],
      [{ consent: undefined }, 'consent', /동의|필수|required/],
      [{ phone: '12345' }, 'phone', /전화번호/],
      [{ name: '  ' }, 'name', /이름/],
      [{ preferredDate: kstDate(-1) }, 'preferredDate', /오늘 이후/],
      [{ preferredDate: kstDate(400) }, 'preferredDate', /이내/],
      [{ preferredDate: '2026-02-30' }, 'preferredDate', /없는 날짜/],
      [{ department: 'CARDIOLOGY' }, 'department', /./],
      [{ patientId: 1 }, '', /허용되지 않은|unknown/],
    ];
    for (const [change, field, message] of cases) {
      const res = await submit({ ...valid(), ...change }, '198.51.100.2');
      assert.equal(res.status, 400, `${JSON.stringify(change)} → ${res.status} ${JSON.stringify(res.body)}`);
      const details = res.body.error.details as { field?: string; message: string }[];
      assert.ok(details.some((d) => (field === '' || d.field === field) && message.test(d.message)), `${JSON.stringify(change)}: ${JSON.stringify(details)}`);
    }
    assert.equal(await count(), before);
  });

  test('a filled hidden field (a bot) is answered like anyone but stores nothing', async () => {
    const before = await count();
    const res = await submit({ ...valid(), website: 'http://spam.example' }, '198.51.100.3');
    assert.equal(res.status, 200);
    assert.equal(await count(), before);
  });

  test('one address may leave five inquiries in ten minutes; the sixth is 429 with the wait', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await submit(valid(), '203.0.113.9')).status, 200);
    const refused = await submit(valid(), '203.0.113.9');
    assert.equal(refused.status, 429);
    assert.ok(refused.body.error.details.retryAfter > 0);
    assert.equal((await submit(valid(), '203.0.113.10')).status, 200, 'another address is not affected');
  });

  test('the front desk lists new inquiries (audited) and records the call-back; others are refused', async () => {
    const dashboard = await t.http.get('/api/v1/front-desk/dashboard', { token: frontdesk });
    assert.equal(dashboard.status, 200, JSON.stringify(dashboard.body));
    assert.deepEqual(dashboard.body.inquiries, { NEW: await (await t.node.runtime.database()).models.AppointmentInquiry.count({ where: { status: 'NEW' } }), CONTACTED: 0 });
    const list = await t.http.get('/api/v1/inquiries?status=NEW', { token: frontdesk });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.ok(list.body.total >= 7);
    const first = list.body.items[0];
    assert.equal(first.status, 'NEW');
    assert.ok(!('client_ip' in first), 'the address stays with abuse review');
    await t.node.broker.call('audit.flush');
    const { models } = await t.node.runtime.database();
    assert.ok(await models.ActivityLog.findOne({ where: { resource_type: 'AppointmentInquiry', action_type: 'read', outcome: 'success' } }), 'reading visitors\' details is audited');

    const contacted = await t.http.request('PATCH', `/api/v1/inquiries/${first.id}`, { body: { status: 'CONTACTED', note: '3월 5일 10시 예약 안내' }, token: frontdesk });
    assert.equal(contacted.status, 200, JSON.stringify(contacted.body));
    assert.deepEqual([contacted.body.status, contacted.body.staff_note], ['CONTACTED', '3월 5일 10시 예약 안내']);
    assert.ok(contacted.body.handled_by_id);
    const closed = await t.http.request('PATCH', `/api/v1/inquiries/${first.id}`, { body: { status: 'CLOSED' }, token: frontdesk });
    assert.equal(closed.body.status, 'CLOSED');
    const reopen = await t.http.request('PATCH', `/api/v1/inquiries/${first.id}`, { body: { status: 'NEW' }, token: frontdesk });
    assert.equal(reopen.status, 409);
    assert.equal(reopen.body.error.type, 'INVALID_TRANSITION');
    assert.equal((await t.http.request('PATCH', `/api/v1/inquiries/${first.id}`, { body: {}, token: frontdesk })).status, 400);
    assert.equal((await t.http.request('PATCH', '/api/v1/inquiries/999999', { body: { status: 'CLOSED' }, token: frontdesk })).status, 404);

    assert.equal((await t.http.get('/api/v1/inquiries', { token: doctor })).status, 403, 'a doctor does not read visitors\' numbers');
    assert.equal((await t.http.get('/api/v1/inquiries')).status, 401);
    const patient = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    assert.equal((await t.http.get('/api/v1/inquiries', { token: patient })).status, 401);
  });
});
