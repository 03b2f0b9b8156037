import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/**
 * The doctor's day in Chromium against a whole node with demo data (seed §4.1): find a patient by
 * 초성, read the chart, write and sign a record, prescribe warfarin with ibuprofen (a major
 * interaction that needs an override reason), order labs, and acknowledge a critical result in
 * the results inbox. Each step is checked on screen and in the server's state.
 */
describe('doctor app: search, chart, record, prescription with safety alerts, lab order, results (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const tokens: Record<string, string> = {};
  let recordId = 0;
  let labOrderId = 0;
  let rxOrder: { id: number; order_number: string; prescription_id: number } | null = null;
  const as = (login: string) => ({ token: tokens[login] });

  before(async () => {
    node = await startTestNode();
    for (const login of ['doctor.pulmo', 'nurse', 'lab.system', 'frontdesk']) tokens[login] = (await node.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    // The ward has charted vitals for 박서연 (patient 1), so the chart has trends to draw.
    for (const vitals of [
      { systolicBp: 128, diastolicBp: 82, pulse: 76, temperature: 36.8 },
      { systolicBp: 146, diastolicBp: 92, pulse: 104, temperature: 37.9 },
      { systolicBp: 134, diastolicBp: 85, pulse: 88, temperature: 37.2, nursingNotes: '해열제 투여 후 재측정' },
    ]) {
      const res = await node.http.post('/api/v1/patients/1/vitals', vitals, as('nurse'));
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    browser = await launchBrowser();
    page = await (await newContext(browser, node.http.baseUrl)).newPage();
    errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'doctor.pulmo', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/doctor');
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  /** Console errors other than the refusals these scenarios provoke on purpose (400, 422). */
  const unexpectedErrors = () => errors.filter((e) => !/status of (400|422)/.test(e));

  test('finds 박서연 by her initials (ㅂㅅㅇ) and opens the chart: header, allergies, records, vitals with trends', async () => {
    await page.getByRole('link', { name: '환자 검색' }).click();
    await page.getByRole('heading', { level: 1, name: '환자 검색' }).waitFor();
    await page.getByLabel('이름, 초성, 등록번호').fill('ㅂㅅㅇ');
    await page.getByRole('heading', { name: '검색 결과 1명' }).waitFor();
    assert.deepEqual(await page.locator('tbody tr').allInnerTexts().then((rows) => rows.map((r) => r.includes('P202600001'))), [true]);

    await page.getByLabel('이름, 초성, 등록번호').fill('없는환자이름');
    await page.getByText('조건에 맞는 환자가 없습니다.').waitFor();
    await page.getByLabel('이름, 초성, 등록번호').fill('서연');
    await page.getByRole('link', { name: '박서연' }).click();

    await page.waitForURL('**/doctor/patients/1');
    await page.getByRole('heading', { level: 1, name: '박서연 환자 차트' }).waitFor();
    const header = page.getByRole('region', { name: '박서연 P202600001' });
    await header.getByText('알려진 알레르기 없음').waitFor();
    await page.getByText('R91 폐의 진단영상상 이상소견').waitFor();

    await page.getByRole('link', { name: '활력징후' }).click();
    await page.getByRole('img', { name: '혈압 추이' }).waitFor();
    await page.getByRole('img', { name: '맥박 추이' }).waitFor();
    await page.getByRole('img', { name: '체온 추이' }).waitFor();
    await page.getByText('해열제 투여 후 재측정').waitFor();
    assert.ok(await page.getByText('146 H').count() > 0, 'the high systolic pressure is flagged');
    await screenshot(page, 'doctor-patient-chart');

    await page.getByRole('link', { name: '오더', exact: true }).click();
    await page.getByText('흉부 CT (비조영)').waitFor();
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('writes a record: signing without a diagnosis shows the server\'s message and keeps the text; with J18.9 it is signed', async () => {
    await page.getByRole('link', { name: '진료 기록 작성' }).click();
    await page.getByRole('heading', { level: 1, name: '진료 기록 작성' }).waitFor();
    await page.getByLabel('증상', { exact: true }).fill('3일 전부터 발열, 기침, 누런 가래');
    await page.getByLabel('치료', { exact: true }).fill('경구 항생제, 해열진통제, 3일 후 재진');
    await page.getByRole('button', { name: '서명', exact: true }).click();
    await page.getByText(/서명하려면 진단 코드가 필요합니다/).first().waitFor();
    assert.equal(await page.getByLabel('증상', { exact: true }).inputValue(), '3일 전부터 발열, 기침, 누런 가래');

    await page.getByLabel('진단 코드 검색 (KCD)').fill('폐렴');
    await page.getByRole('button', { name: 'J18.9 상세불명의 폐렴' }).click();
    await page.getByTestId('chosen-diagnosis').filter({ hasText: 'J18.9' }).waitFor();
    await page.getByRole('button', { name: '서명', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '서명했습니다' }).waitFor();

    const records = await node.http.get('/api/v1/patients/1/records', as('doctor.pulmo'));
    const signed = records.body.items.find((r: { diagnosis_code: string }) => r.diagnosis_code === 'J18.9');
    assert.ok(signed, JSON.stringify(records.body.items));
    assert.equal(signed.status, 'SIGNED');
    assert.equal(signed.symptoms, '3일 전부터 발열, 기침, 누런 가래');
    assert.equal(records.body.items.filter((r: { status: string }) => r.status === 'DRAFT').length, 0, 'the draft became the signed record');
    recordId = signed.id;
  });

  test('prescribes warfarin with ibuprofen: the interaction shows live, the order needs a reason, then it is placed', async () => {
    await page.getByRole('link', { name: '처방', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '처방' }).waitFor();
    assert.match(page.url(), new RegExp(`recordId=${recordId}`));

    await page.getByLabel('약품 검색').fill('와파린');
    await page.getByRole('button', { name: '와파린나트륨정 5mg 추가' }).click();
    await page.getByRole('group', { name: '와파린나트륨정 5mg' }).waitFor();
    await page.getByText('경고 없음', { exact: false }).waitFor();

    await page.getByLabel('약품 검색').fill('ibuprofen');
    await page.getByRole('button', { name: '이부프로펜정 400mg 추가' }).click();
    const ibuprofen = page.getByRole('group', { name: '이부프로펜정 400mg' });
    await ibuprofen.getByLabel('투약 일수').fill('5');
    const alert = page.locator('.alert-list li', { hasText: '와파린과 NSAID 병용' }).first();
    await alert.waitFor();
    assert.match((await alert.getAttribute('class')) ?? '', /major/);
    assert.match(await alert.innerText(), /중대/);
    await screenshot(page, 'doctor-prescribe');

    await page.getByRole('button', { name: '처방 전송' }).click();
    const dialog = page.getByRole('dialog', { name: '중대한 경고: 처방 사유 필요' });
    await dialog.waitFor();
    await dialog.getByLabel(/^사유: 와파린과 NSAID 병용/).fill('급성 통증 단기 조절, INR 3일 후 재검');
    await dialog.getByRole('button', { name: '사유와 함께 처방' }).click();
    await page.getByRole('status').filter({ hasText: /오더 O\d+이\(가\) 전송되었습니다/ }).waitFor();
    assert.equal(await dialog.isVisible(), false);

    const orders = await node.http.get('/api/v1/ocs/orders?patientId=1&type=PRESCRIPTION', as('doctor.pulmo'));
    const placed = orders.body.items[0];
    assert.equal(placed.medical_record_id, recordId);
    assert.deepEqual(placed.items.map((i: { code: string; days: number }) => [i.code, i.days]), [['WRF5', 7], ['IBU400', 5]]);
    const override = placed.safety_alerts.find((a: { key: string }) => a.key === 'drug-drug:ibuprofen+warfarin');
    assert.equal(override.overrideReason, '급성 통증 단기 조절, INR 3일 후 재검');
    rxOrder = placed;

    await page.getByRole('link', { name: '차트로 돌아가기' }).click();
    await page.getByText(placed.order_number).waitFor();
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('orders an electrolyte panel from the lab catalogue', async () => {
    await page.getByRole('link', { name: '검사 오더', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '검사 오더' }).waitFor();
    await page.getByLabel('검사 검색').fill('전해질');
    await page.getByRole('checkbox', { name: '전해질검사' }).check();
    await page.getByLabel('우선순위').selectOption('STAT');
    await page.getByRole('button', { name: '검사 오더 전송' }).click();
    const done = page.getByRole('status').filter({ hasText: /오더 O\d+이\(가\) 전송되었습니다/ });
    await done.waitFor();

    const orders = await node.http.get('/api/v1/ocs/orders?patientId=1&type=LAB', as('doctor.pulmo'));
    const lab = orders.body.items[0];
    assert.deepEqual(lab.items.map((i: { code: string }) => i.code), ['ELEC']);
    assert.equal(lab.priority, 'STAT');
    assert.equal(lab.status, 'PENDING');
    assert.match(await done.innerText(), new RegExp(lab.order_number));
    labOrderId = lab.id;
  });

  test('orders a chest CT with the clinical information for the radiologist', async () => {
    await page.goto('/doctor/patients/1');
    await page.getByRole('link', { name: '영상검사 오더' }).click();
    await page.getByRole('heading', { level: 1, name: '영상검사 오더' }).waitFor();
    await page.getByRole('button', { name: '영상검사 오더 전송' }).isDisabled().then((disabled) => assert.ok(disabled, 'nothing chosen yet'));
    await page.getByLabel('영상검사 검색').fill('흉부 CT');
    const procedure = page.getByRole('radio', { name: /^흉부 CT/ }).first();
    await procedure.check();
    const name = (await procedure.locator('xpath=..').innerText()).trim();
    await page.getByLabel('임상 정보 (판독의에게)').fill('우하엽 결절 추적, 흡연력 30갑년');
    await page.getByRole('button', { name: '영상검사 오더 전송' }).click();
    const done = page.getByRole('status').filter({ hasText: /오더 O\d+이\(가\) 전송되었습니다/ });
    await done.waitFor();

    const orders = await node.http.get('/api/v1/ocs/orders?patientId=1&type=IMAGING', as('doctor.pulmo'));
    const imaging = orders.body.items[0];
    assert.equal(imaging.items.length, 1);
    assert.equal(imaging.items[0].name, name);
    assert.equal(imaging.notes, '우하엽 결절 추적, 흡연력 30갑년');
    assert.equal(imaging.status, 'PENDING');
    assert.match(await done.innerText(), new RegExp(imaging.order_number));
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('a critical potassium arrives in the results inbox and is acknowledged there; the chart shows it', async () => {
    assert.equal((await node.http.post(`/api/v1/lis/orders/${labOrderId}/specimens`, {}, as('nurse'))).status, 200);
    const resulted = await node.http.post('/api/v1/lis/results', {
      orderId: labOrderId, idempotencyKey: `doctor-e2e-${labOrderId}`,
      results: [{ code: 'NA', value: 138 }, { code: 'K', value: '6.5', unit: 'mmol/L' }, { code: 'CL', value: 101 }, { code: 'CO2', value: 24 }],
    }, as('lab.system'));
    assert.equal(resulted.status, 200, JSON.stringify(resulted.body));
    const potassium = resulted.body.results.find((r: { analyte_code: string }) => r.analyte_code === 'K');

    await page.getByRole('link', { name: '결과 수신함' }).click();
    await page.getByRole('heading', { level: 1, name: '결과 수신함' }).waitFor();
    const row = page.locator('tr', { hasText: '칼륨' });
    await row.getByText('6.5 mmol/L HH').waitFor();
    await row.getByLabel('조치 메모 (선택): 칼륨').fill('칼슘글루코네이트 투여, 재검 예정');
    await row.getByRole('button', { name: '박서연 칼륨 위급값 확인' }).click();
    await page.getByText('확인할 위급값이 없습니다.').waitFor();

    const criticals = await node.http.get('/api/v1/lis/criticals?unacknowledged=true', as('doctor.pulmo'));
    assert.ok(!criticals.body.items.some((r: { id: number }) => r.id === potassium.id));
    const order = await node.http.get(`/api/v1/lis/orders/${labOrderId}?includePreliminary=true`, as('doctor.pulmo'));
    const acknowledged = order.body.results.find((r: { id: number }) => r.id === potassium.id);
    assert.equal(acknowledged.critical_ack_note, '칼슘글루코네이트 투여, 재검 예정');

    await page.goto('/doctor/patients/1?tab=labs');
    await page.getByLabel('추이 볼 항목').selectOption('K');
    await page.getByRole('img', { name: '칼륨 추이' }).waitFor();
    await page.locator('td', { hasText: '6.5 mmol/L HH' }).first().waitFor();
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('a contraindicated drug (amoxicillin for a penicillin allergy) is a hard stop and nothing is ordered', async () => {
    await page.goto('/doctor/patients/26/prescribe');
    await page.getByRole('region', { name: /P202600026/ }).getByText('페니실린', { exact: false }).waitFor();
    await page.getByLabel('약품 검색').fill('아목시실린');
    await page.getByRole('button', { name: '아목시실린캡슐 500mg 추가' }).click();
    await page.locator('.alert-list li.contraindicated').first().waitFor();
    await page.getByRole('button', { name: '처방 전송' }).click();
    const stop = page.getByRole('alert').filter({ hasText: '금기: 처방할 수 없습니다' });
    await stop.waitFor();
    assert.match(await stop.innerText(), /페니실린/);
    assert.equal(await page.getByRole('dialog').count(), 0);
    const orders = await node.http.get('/api/v1/ocs/orders?patientId=26&type=PRESCRIPTION', as('doctor.pulmo'));
    assert.equal(orders.body.total, 0);
    assert.deepEqual(unexpectedErrors(), []);
  });

  /** The first bytes of a file the page offered for download after `click`. */
  async function downloaded(click: () => Promise<void>): Promise<{ name: string; head: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    const bytes = await readFile((await download.path())!);
    return { name: download.suggestedFilename(), head: bytes.subarray(0, 5).toString('latin1') };
  }
  const kstDay = (instant: string | Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(instant));

  test('the week calendar shows 박서연\'s booked visit; the doctor checks her in, then starts the consultation; month and day views', async () => {
    const booked = await node.http.get('/api/v1/appointments?patientId=1&status=BOOKED', as('doctor.pulmo'));
    const visit = booked.body.items[0];
    assert.ok(visit, JSON.stringify(booked.body));

    await page.getByRole('link', { name: '예약 관리' }).click();
    await page.getByRole('heading', { level: 1, name: '예약 관리' }).waitFor();
    assert.equal(await page.getByRole('button', { name: '주', exact: true }).getAttribute('aria-pressed'), 'true');
    // The demo visit is three days ahead: in this week, or the next one.
    const today = kstDay(new Date());
    const monday = new Date(`${today}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const sunday = new Date(monday.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
    if (kstDay(visit.start_time) > sunday) await page.getByRole('button', { name: '다음 주' }).click();

    const item = page.getByRole('listitem').filter({ hasText: 'P202600001' }).filter({ has: page.getByRole('link', { name: '박서연' }) });
    await item.getByText('예약', { exact: true }).waitFor();
    const time = new Intl.DateTimeFormat('ko-KR', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Seoul' }).format(new Date(visit.start_time));
    assert.match(await item.innerText(), new RegExp(time));
    await screenshot(page, 'doctor-appointments');

    await item.getByRole('button', { name: /접수$/ }).click();
    // The next step's button appears once the server has answered (the badge and the old button read alike).
    await item.getByRole('button', { name: /진료 시작$/ }).waitFor();
    await item.locator('.badge', { hasText: '접수' }).waitFor();
    let row = await node.http.get(`/api/v1/appointments/${visit.id}`, as('doctor.pulmo'));
    assert.equal(row.body.status, 'CHECKED_IN');
    await item.getByRole('button', { name: /진료 시작$/ }).click();
    await item.getByText('진료 중', { exact: true }).waitFor();
    row = await node.http.get(`/api/v1/appointments/${visit.id}`, as('doctor.pulmo'));
    assert.equal(row.body.status, 'IN_CONSULTATION');

    // The month shows the visit too; its day opens the day view.
    await page.getByRole('button', { name: '월', exact: true }).click();
    await page.getByRole('table', { name: /년 \d+월/ }).getByRole('link', { name: '박서연' }).first().waitFor();
    const [, month, date] = kstDay(visit.start_time).split('-').map(Number);
    await page.getByRole('button', { name: new RegExp(`^${date}\\s?일 \\(${month}월\\) 예약 \\d+건 보기$`) }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`${month}월 ${date}일`) }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'P202600001' }).getByRole('button', { name: /진료 완료$/ }).waitFor();

    // The whole department's day names each visit's doctor.
    await page.getByLabel('의사', { exact: true }).selectOption('all');
    await page.getByRole('listitem').filter({ hasText: 'P202600001' }).getByText('담당 김호흡', { exact: false }).waitFor();
    assert.match(page.url(), /doctor=all/);
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('books a follow-up for 박서연 from the calendar: a slot she already has elsewhere is the server\'s conflict, typed text stays, a slot taken meanwhile greys out live; then moves and cancels it', async () => {
    // A Tuesday three weeks ahead: past every seeded visit, inside the default hours.
    const day = new Date(`${kstDay(new Date())}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 21);
    while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
    const tuesday = day.toISOString().slice(0, 10);
    const at = (time: string) => new Date(`${tuesday}T${time}:00+09:00`).toISOString();
    const me = (await node.http.get('/api/v1/auth/me', as('doctor.pulmo'))).body.id as number;
    const neuro = (await node.http.get('/api/v1/doctors?department=NEUROSURGERY', as('frontdesk'))).body[0].id as number;
    const myVisitsOf = async (patientId: number) =>
      (await node.http.get(`/api/v1/appointments?patientId=${patientId}&doctorId=${me}&from=${at('00:00')}&to=${at('23:59')}`, as('doctor.pulmo'))).body.items;

    await page.getByRole('link', { name: '예약 관리' }).click();
    await page.getByRole('heading', { level: 1, name: '예약 관리' }).waitFor();
    await page.getByRole('button', { name: '새 예약' }).click();
    const form = page.getByRole('region', { name: /^새 예약: .+ 진료$/ });
    await form.getByLabel('환자 찾기 (이름, 초성, 등록번호)').fill('ㅂㅅㅇ');
    await form.getByRole('button', { name: '선택: 박서연 (P202600001)' }).click();
    await form.getByTestId('booking-patient').filter({ hasText: '박서연 (P202600001)' }).waitFor();
    const slotsAnswered = page.waitForResponse((r) => r.url().includes(`/slots?date=${tuesday}`));
    await form.getByLabel('날짜', { exact: true }).fill(tuesday);
    await slotsAnswered;
    const slots = form.getByRole('group', { name: '예약 가능 시간' });
    await slots.getByRole('button', { name: '10:00 예약 가능' }).click();
    await form.getByLabel('예약 사유').fill('흉부 CT 결과 설명');

    // 박서연 already sees the neurosurgeon at 10:00 that day: free in my calendar, refused by the server.
    const elsewhere = await node.http.post('/api/v1/appointments', { patientId: 1, doctorId: neuro, startTime: at('10:00') }, as('frontdesk'));
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
    await form.getByRole('button', { name: '예약', exact: true }).click();
    const conflict = form.getByRole('alert').filter({ hasText: '이미' });
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /환자에게 이미 .*10:00–10:30 \(KST\) 예약이 있습니다/);
    await form.getByText('예약 충돌: 환자에게 그 시간에 다른 예약이 있습니다.', { exact: false }).waitFor();
    assert.equal(await form.getByLabel('예약 사유').inputValue(), '흉부 CT 결과 설명', 'the reason typed stays');
    await form.getByTestId('booking-patient').filter({ hasText: '박서연' }).waitFor();
    assert.equal(await slots.getByRole('button', { name: '10:00 예약 가능' }).getAttribute('aria-pressed'), 'true', 'the slot chosen stays chosen');
    await screenshot(page, 'doctor-booking-conflict');
    assert.deepEqual(await myVisitsOf(1), []);

    // Meanwhile the front desk gives 10:30 to another patient in my calendar: the notification
    // refreshes the slots, and 10:30 is no longer offered.
    const taken = await node.http.post('/api/v1/appointments', { patientId: 6, doctorId: me, startTime: at('10:30') }, as('frontdesk'));
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    await slots.getByRole('button', { name: '10:30 예약 불가' }).waitFor();

    await slots.getByRole('button', { name: '11:00 예약 가능' }).click();
    await form.getByRole('button', { name: '예약', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '예약했습니다: 박서연' }).waitFor();
    const visit = page.getByRole('listitem').filter({ hasText: 'P202600001' }).filter({ hasText: '11:00' });
    await visit.getByText('흉부 CT 결과 설명', { exact: false }).waitFor();
    let mine = await myVisitsOf(1);
    assert.deepEqual(mine.map((a: { start_time: string; type: string; memo: string; status: string }) => [a.start_time, a.type, a.memo, a.status]),
      [[at('11:00'), 'FOLLOW_UP', '흉부 CT 결과 설명', 'BOOKED']]);

    // Moved to 11:30 from the visit itself.
    await visit.getByRole('button', { name: '예약 변경: 박서연 11:00' }).click();
    const move = page.getByRole('region', { name: /^예약 변경: 박서연/ });
    await move.getByRole('group', { name: '예약 가능 시간' }).getByRole('button', { name: '11:30 예약 가능' }).click();
    await move.getByRole('button', { name: '이 시간으로 변경' }).click();
    await page.getByRole('status').filter({ hasText: '예약을 옮겼습니다: 박서연' }).waitFor();
    const moved = page.getByRole('listitem').filter({ hasText: 'P202600001' }).filter({ hasText: '11:30' });
    await moved.waitFor();
    mine = await myVisitsOf(1);
    assert.deepEqual(mine.map((a: { start_time: string; memo: string }) => [a.start_time, a.memo]), [[at('11:30'), '흉부 CT 결과 설명']]);

    // Cancelled after a second, explicit click.
    await moved.getByRole('button', { name: '예약 취소: 박서연 11:30' }).click();
    await moved.getByRole('button', { name: '취소 확정' }).click();
    await moved.locator('.badge', { hasText: '취소' }).waitFor();
    assert.equal((await node.http.get(`/api/v1/appointments/${mine[0].id}`, as('doctor.pulmo'))).body.status, 'CANCELLED');
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('my outpatient hours: a Saturday clinic off the slot grid is refused with the server\'s message, then saved', async () => {
    await page.getByRole('link', { name: '내 진료 시간' }).click();
    await page.getByRole('heading', { level: 1, name: '내 외래 진료 시간' }).waitFor();
    await page.getByText('기본 시간표가 적용 중입니다', { exact: false }).waitFor();
    await page.getByRole('checkbox', { name: '토요일 진료' }).check();
    await page.getByLabel('토요일 시작').fill('09:00');
    await page.getByLabel('토요일 종료').fill('12:45');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByRole('alert').filter({ hasText: '토요일: 시작·종료는 30분 단위여야 합니다' }).waitFor();
    assert.equal(await page.getByLabel('토요일 종료').inputValue(), '12:45', 'what was typed stays');

    await page.getByLabel('토요일 종료').fill('13:00');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByRole('status').filter({ hasText: '진료 시간을 저장했습니다.' }).waitFor();
    await screenshot(page, 'doctor-hours');
    const me = await node.http.get('/api/v1/auth/me', as('doctor.pulmo'));
    const schedule = await node.http.get(`/api/v1/doctors/${me.body.id}/schedule`, as('doctor.pulmo'));
    assert.equal(schedule.body.custom, true);
    assert.deepEqual(schedule.body.days.find((d: { weekday: number }) => d.weekday === 6), { weekday: 6, label: '토', open: '09:00', close: '13:00' });
    assert.equal(schedule.body.days.length, 6);
    assert.deepEqual(unexpectedErrors().filter((e) => !/status of 400/.test(e)), []);
  });

  test('orders tab: the 처방전 PDF of the warfarin order downloads, the prescription is discontinued and a new lab order cancelled, each with a reason', async () => {
    assert.ok(rxOrder, 'the prescription test ran');
    const cbc = await node.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: 1, items: [{ code: 'CBC' }] }, as('doctor.pulmo'));
    assert.ok([200, 201].includes(cbc.status), JSON.stringify(cbc.body));
    const cbcOrder = cbc.body.order ?? cbc.body;

    await page.goto('/doctor/patients/1');
    await page.getByRole('link', { name: '오더', exact: true }).click();
    const pdfButton = page.getByRole('button', { name: `${rxOrder!.order_number} 처방전 PDF 받기` });
    const file = await downloaded(() => pdfButton.click());
    assert.equal(file.head, '%PDF-');
    assert.match(file.name, new RegExp(`${rxOrder!.order_number}\\.pdf$`));
    await page.getByRole('button', { name: `${rxOrder!.order_number} 처방전 PDF 받기` }).and(page.locator(':enabled')).waitFor();

    await page.getByRole('button', { name: `${rxOrder!.order_number} 처방 중단` }).click();
    const stopDialog = page.getByRole('dialog', { name: `처방 중단: ${rxOrder!.order_number}` });
    await stopDialog.getByLabel('사유').fill('위장관 출혈 의심으로 중단');
    await stopDialog.getByRole('button', { name: '처방 중단' }).click();
    await page.getByRole('status').filter({ hasText: `${rxOrder!.order_number} 처방을 중단했습니다.` }).waitFor();
    const prescription = await node.http.get(`/api/v1/prescriptions/${rxOrder!.prescription_id}`, as('doctor.pulmo'));
    assert.equal(prescription.body.status, 'DISCONTINUED');
    assert.equal(prescription.body.discontinued_reason, '위장관 출혈 의심으로 중단');
    const order = await node.http.get(`/api/v1/ocs/orders/${rxOrder!.id}`, as('doctor.pulmo'));
    assert.equal(order.body.status, 'CANCELLED', 'the pharmacy no longer fills it');

    await page.getByRole('button', { name: `${cbcOrder.order_number} 오더 취소` }).click();
    const cancelDialog = page.getByRole('dialog', { name: `오더 취소: ${cbcOrder.order_number}` });
    await cancelDialog.getByLabel('사유').fill('중복 처방');
    await cancelDialog.getByRole('button', { name: '오더 취소' }).click();
    await page.getByRole('status').filter({ hasText: `${cbcOrder.order_number} 오더를 취소했습니다.` }).waitFor();
    const cancelled = await node.http.get(`/api/v1/ocs/orders/${cbcOrder.id}`, as('doctor.pulmo'));
    assert.equal(cancelled.body.status, 'CANCELLED');
    assert.equal(cancelled.body.cancelled_reason, '중복 처방');
    await screenshot(page, 'doctor-orders');
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('filters the patient search by department: all by default, neurosurgery\'s patients of mine, then my own department in one click', async () => {
    // Patient 6 (pulmonology) is also booked with the neurosurgeon, so neurosurgery cares for them too.
    const neuro = (await node.http.get('/api/v1/doctors?department=NEUROSURGERY', as('frontdesk'))).body[0];
    const day = new Date(`${kstDay(new Date())}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 28);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const startTime = `${day.toISOString().slice(0, 10)}T14:00:00+09:00`;
    const booked = await node.http.post('/api/v1/appointments', { patientId: 6, doctorId: neuro.id, startTime }, as('frontdesk'));
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const chart6 = (await node.http.get('/api/v1/patients/6', as('doctor.pulmo'))).body.patient_id as string;
    const all = (await node.http.get('/api/v1/patients?pageSize=1', as('doctor.pulmo'))).body.total as number;
    const pulmonology = (await node.http.get('/api/v1/patients?pageSize=1&department=PULMONOLOGY', as('doctor.pulmo'))).body.total as number;
    // Mine that neurosurgery also cares for: patient 6, and 박서연 (booked there by the calendar test).
    const neuroCharts = (await node.http.get('/api/v1/patients?pageSize=100&department=NEUROSURGERY', as('doctor.pulmo'))).body.items
      .map((p: { patient_id: string }) => p.patient_id) as string[];
    assert.ok(neuroCharts.includes(chart6) && neuroCharts.length < all, JSON.stringify(neuroCharts));

    await page.getByRole('link', { name: '환자 검색' }).click();
    await page.getByRole('heading', { level: 1, name: '환자 검색' }).waitFor();
    const department = page.getByLabel('진료과', { exact: true });
    assert.equal(await department.inputValue(), '', 'every department by default');
    await page.getByRole('heading', { name: `검색 결과 ${all}명`, exact: true }).waitFor();

    await department.selectOption('NEUROSURGERY');
    await page.getByRole('heading', { name: `검색 결과 ${neuroCharts.length}명`, exact: true }).waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    assert.deepEqual(rows.map((r) => /P\d{9}/.exec(r)?.[0]).sort(), [...neuroCharts].sort());
    assert.match(page.url(), /department=NEUROSURGERY/);

    await page.getByRole('button', { name: '내 진료과만 (호흡기내과)' }).click();
    await page.getByRole('heading', { name: `검색 결과 ${pulmonology}명`, exact: true }).waitFor();
    assert.equal(await department.inputValue(), 'PULMONOLOGY');
    assert.equal(await page.getByRole('button', { name: '내 진료과만 (호흡기내과)' }).count(), 0, 'the quick pick hides once chosen');
    await screenshot(page, 'doctor-search-department');
    assert.deepEqual(unexpectedErrors(), []);
  });

  test('amends the signed J18.9 record with a reason: version 2 in the history, and its 진단서 PDF', async () => {
    await page.goto('/doctor/patients/1');
    const row = page.locator('tbody tr', { hasText: 'J18.9' });
    await row.getByRole('link', { name: /기록 보기$/ }).click();
    await page.getByRole('heading', { level: 1, name: /진료 기록/ }).waitFor();
    await page.getByRole('link', { name: '정정', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '진료 기록 정정' }).waitFor();
    await page.getByTestId('chosen-diagnosis').filter({ hasText: 'J18.9' }).waitFor();

    // Nothing changed: the server says so, and the reason typed stays.
    await page.getByLabel('정정 사유').fill('항생제 용량 기재 누락 보완');
    await page.getByRole('button', { name: '정정 서명' }).click();
    await page.getByRole('alert').filter({ hasText: '정정할 항목이 없습니다' }).first().waitFor();
    assert.equal(await page.getByLabel('정정 사유').inputValue(), '항생제 용량 기재 누락 보완');

    await page.getByLabel('치료', { exact: true }).fill('아목시실린 대신 레보플록사신 500mg 1일 1회 7일, 해열진통제, 3일 후 재진');
    await page.getByRole('button', { name: '정정 서명' }).click();
    await page.waitForURL((url) => new RegExp(`/doctor/patients/1/records/(?!${recordId}$)\\d+$`).test(url.pathname));
    const history = page.getByRole('table', { name: '버전 이력' });
    await history.locator('tr', { hasText: 'v2' }).getByText('항생제 용량 기재 누락 보완').waitFor();
    await history.locator('tr', { hasText: 'v1' }).getByText('정정됨').waitFor();
    await screenshot(page, 'doctor-record-history');

    const versions = await node.http.get(`/api/v1/medical-records/${recordId}/history`, as('doctor.pulmo'));
    assert.deepEqual(versions.body.map((v: { version: number; status: string }) => [v.version, v.status]), [[2, 'SIGNED'], [1, 'AMENDED']]);
    assert.equal(versions.body[0].amendment_reason, '항생제 용량 기재 누락 보완');
    assert.match(versions.body[0].treatment, /레보플록사신/);
    assert.ok(page.url().endsWith(`/records/${versions.body[0].id}`));

    await page.getByLabel('용도').fill('보험 청구용');
    const certificate = await downloaded(() => page.getByRole('button', { name: '진단서 PDF 발급' }).click());
    assert.equal(certificate.head, '%PDF-');
    await page.getByRole('status').filter({ hasText: '진단서를 내려받았습니다.' }).waitFor();

    // The superseded version says so and offers no amendment.
    await history.getByRole('link', { name: 'v1 보기' }).click();
    await page.getByText('이 버전은 정정되어 더 이상 최신이 아닙니다.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('link', { name: '정정', exact: true }).count(), 0);
    assert.deepEqual(unexpectedErrors(), []);
  });
});
