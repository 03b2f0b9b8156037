import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

const kstDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(d);

/**
 * The front desk's day in Chromium against a whole node with demo data: register a new patient
 * (and see the duplicate refused), book a free slot, check the patient in, bill the visit, take a
 * card payment and download the receipt PDF, refund part of it, correct the patient's phone number,
 * then read the day's settlement.
 */
describe('front desk (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;
  const name = '한예진';
  let chartNumber = '';
  let bookedDay = '';

  before(async () => {
    node = await startTestNode();
    browser = await launchBrowser();
    page = await (await newContext(browser, node.http.baseUrl)).newPage();
    errors = watchErrors(page);
    token = (await node.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
    await signIn(page, '/login/medical', { 아이디: 'frontdesk', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/admin');
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('registers a new patient; the same resident number again is refused naming the chart', async () => {
    await page.getByRole('link', { name: '신규 환자 등록' }).click();
    await page.getByRole('heading', { level: 1, name: '신규 환자 등록' }).waitFor();
    const fill = async (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
    await fill('이름 (필수)', name);
    await fill('생년월일 (필수)', '1988-03-15');
    await page.getByLabel('성별 (필수)').selectOption('F');
    await fill('주민등록번호', '880315-2345678');
    await fill('전화번호', '010-5555-0101');
    await page.getByRole('button', { name: '신규 환자 등록' }).click();
    const done = page.getByRole('status').filter({ hasText: '등록되었습니다' });
    await done.waitFor();
    chartNumber = /P\d{9}/.exec(await done.innerText())![0];
    await screenshot(page, 'front-desk-registration');

    // The same resident number again: 409 naming the existing chart, and the form keeps what was typed.
    await fill('이름 (필수)', '한예진2');
    await fill('생년월일 (필수)', '1988-03-15');
    await page.getByLabel('성별 (필수)').selectOption('F');
    await fill('주민등록번호', '880315-2345678');
    await page.getByRole('button', { name: '신규 환자 등록' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '이미 등록된 환자' });
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(chartNumber));
    assert.equal(await page.getByLabel('이름 (필수)', { exact: true }).inputValue(), '한예진2');

    const stored = await node.http.get(`/api/v1/patients?q=${encodeURIComponent(name)}`, { token });
    assert.equal(stored.body.items.filter((p: { patient_id: string }) => p.patient_id === chartNumber).length, 1);
  });

  test('books a free slot for the new patient (today when one is left)', async () => {
    await page.getByRole('link', { name: '진료 예약하기' }).click();
    await page.getByRole('heading', { level: 1, name: '예약 관리' }).waitFor();
    await page.getByText(`${name} (${chartNumber})`).waitFor();
    const slots = page.getByRole('group', { name: '예약 가능 시간' });
    // Today has no free slot late in the day or at weekends: the next day with one is chosen then.
    let day = new Date();
    for (let tries = 0; tries < 10; tries++, day = new Date(day.getTime() + 86_400_000)) {
      if (tries > 0) {
        const answered = page.waitForResponse((r) => r.url().includes(`/slots?date=${kstDay(day)}`));
        await page.getByLabel('날짜', { exact: true }).fill(kstDay(day));
        await answered;
      }
      await slots.or(page.getByText('이 날은 진료 시간이 없습니다.')).waitFor();
      if (await slots.getByRole('button', { name: /예약 가능/ }).count() > 0) break;
    }
    bookedDay = kstDay(day);
    const slot = slots.getByRole('button', { name: /예약 가능/ }).first();
    const time = (await slot.innerText()).trim();
    await slot.click();
    await page.getByRole('button', { name: '예약', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '예약되었습니다' }).waitFor();
    await page.locator('tr', { hasText: chartNumber }).waitFor();

    // The same patient at the same time with another department's doctor: 409 SLOT_TAKEN, named.
    const neuroSlots = page.waitForResponse((r) => r.url().includes(`/slots?date=${bookedDay}`));
    await page.getByLabel('진료과').selectOption('NEUROSURGERY');
    await neuroSlots;
    const same = slots.getByRole('button', { name: `${time} 예약 가능` });
    await slots.or(page.getByText('이 날은 진료 시간이 없습니다.')).waitFor();
    if (await same.count() > 0) {
      await same.click();
      await page.getByRole('button', { name: '예약', exact: true }).click();
      const conflict = page.getByRole('alert').filter({ hasText: '예약 충돌' });
      await conflict.waitFor();
      assert.match(await conflict.innerText(), /환자에게/);
      await screenshot(page, 'front-desk-appointments');
    }
    await page.getByLabel('진료과').selectOption('PULMONOLOGY');
    await page.locator('tr', { hasText: chartNumber }).waitFor();
    const appointments = await node.http.get(`/api/v1/appointments?patientId=${encodeURIComponent((await patientId()).toString())}`, { token });
    assert.equal(appointments.body.items.length, 1);
    assert.equal(appointments.body.items[0].status, 'BOOKED');
  });

  test('the week and month views count the booking on its day, for the doctor or the whole department; a day opens its day view', async () => {
    const [booking] = (await node.http.get(`/api/v1/appointments?patientId=${await patientId()}`, { token })).body.items;
    const countOn = async (view: string, filter: string) => {
      const answer = (await node.http.get(`/api/v1/appointments/calendar?view=${view}&date=${bookedDay}&${filter}`, { token })).body;
      return answer.days.find((d: { date: string }) => d.date === bookedDay).count as number;
    };
    const [, month, date] = bookedDay.split('-').map(Number);
    // The day's number, then (hidden) what opening it shows: "27일 (11월) 예약 2건 보기".
    const dayButton = (n: number) => page.getByRole('button', { name: new RegExp(`^${date}\\s?일 \\(${month}월\\) 예약 ${n}건 보기$`) });

    await page.getByRole('button', { name: '주', exact: true }).click();
    assert.match(page.url(), /view=week/);
    const week = page.getByRole('table', { name: /–/ });
    await week.waitFor();
    const byDoctor = await countOn('week', `doctorId=${booking.doctor_id}`);
    assert.ok(byDoctor >= 1);
    await dayButton(byDoctor).waitFor();
    await week.locator('td', { has: dayButton(byDoctor) }).getByRole('link', { name }).waitFor();
    await screenshot(page, 'front-desk-week');

    await page.getByRole('button', { name: '월', exact: true }).click();
    await page.getByRole('table', { name: new RegExp(`${month}월$`) }).waitFor();
    await dayButton(await countOn('month', `doctorId=${booking.doctor_id}`)).waitFor();
    // The whole department: every doctor's visits that day, each named with its doctor.
    await page.getByLabel('의사 선택').selectOption('all');
    const byDepartment = await countOn('month', 'department=PULMONOLOGY');
    assert.ok(byDepartment >= byDoctor);
    await dayButton(byDepartment).waitFor();
    await screenshot(page, 'front-desk-month');

    await dayButton(byDepartment).click();
    assert.match(page.url(), /view=day/);
    await page.getByRole('group', { name: '예약 가능 시간' }).or(page.getByText('이 날은 진료 시간이 없습니다.')).waitFor();
    await page.locator('tr', { hasText: chartNumber }).waitFor();
    assert.equal(await page.getByLabel('날짜', { exact: true }).inputValue(), bookedDay);
    assert.deepEqual(errors, []);
  });

  test('checks the patient in from the reception queue', async () => {
    if (bookedDay === kstDay(new Date())) {
      await page.getByRole('link', { name: '접수 대기' }).click();
      await page.getByRole('heading', { level: 1, name: '접수 대기' }).waitFor();
    }
    // Not today (after clinic hours): the queue is today's only, so the day's list checks in.
    await page.getByRole('button', { name: `접수: ${name}` }).click();
    await page.getByRole('button', { name: `접수: ${name}` }).waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: chartNumber }).getByText('접수', { exact: true }).waitFor();
    const appointments = await node.http.get(`/api/v1/appointments?patientId=${await patientId()}`, { token });
    assert.equal(appointments.body.items[0].status, 'CHECKED_IN');
  });

  test('bills the visit, takes a card payment and downloads the receipt PDF', async () => {
    if (bookedDay === kstDay(new Date())) {
      await page.locator('tr', { hasText: chartNumber }).getByRole('link', { name: '청구서 작성' }).click();
    } else {
      await page.goto(`/admin/patients/${await patientId()}`);
      await page.getByRole('link', { name: '청구서 작성' }).click();
    }
    await page.getByRole('heading', { level: 1, name: '새 청구서' }).waitFor();
    await page.getByText(`${name} (${chartNumber})`).waitFor();
    await page.getByText('건강보험').first().waitFor();
    await page.getByRole('searchbox', { name: '수가 검색' }).fill('진찰');
    await page.getByRole('button', { name: '검색' }).click();
    await page.getByRole('button', { name: '추가: 초진 진찰료 (종합병원)' }).click();
    await page.getByRole('searchbox', { name: '수가 검색' }).fill('G2101');
    await page.getByRole('button', { name: '검색' }).click();
    await page.getByRole('button', { name: /^추가: 흉부 단순촬영/ }).click();
    await page.getByRole('button', { name: '청구서 작성' }).click();
    await page.getByRole('heading', { level: 1, name: /청구서 B/ }).waitFor();

    await page.getByLabel('승인 번호', { exact: true }).fill('30012345');
    await page.getByRole('button', { name: '수납하기' }).click();
    await page.getByRole('status').filter({ hasText: '수납되었습니다' }).waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('수납 완료').waitFor();
    await screenshot(page, 'front-desk-billing');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '영수증 PDF 내려받기' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    assert.match(download.suggestedFilename(), /^receipt-B.*\.pdf$/);

    const bills = await node.http.get(`/api/v1/bills?patientId=${await patientId()}`, { token });
    assert.equal(bills.body.items[0].status, 'PAID');
    assert.equal(bills.body.items[0].paid_amount, bills.body.items[0].patient_amount);
  });

  test('refunds part of the card payment with a reason; the server refuses a refund without a reason or above what was paid', async () => {
    // Still on the paid bill.
    const refund = page.getByRole('form', { name: '환불' });
    const amount = refund.getByLabel('환불 금액 (₩)');
    // No reason: the server's 400, next to the form; what was typed stays.
    await amount.fill('1000');
    await refund.getByRole('button', { name: '환불하기' }).click();
    await refund.getByRole('alert').first().waitFor();
    assert.match(await refund.getByRole('alert').first().innerText(), /reason|사유/);
    assert.equal(await amount.inputValue(), '1000');
    // More than was paid: the server's message names what may be refunded.
    const [paid] = (await node.http.get(`/api/v1/bills?patientId=${await patientId()}`, { token })).body.items;
    await amount.fill(String(paid.paid_amount + 10));
    await refund.getByLabel('환불 사유 (필수)').fill('검사 일부 취소');
    await refund.getByRole('button', { name: '환불하기' }).click();
    await refund.getByRole('alert').filter({ hasText: '환불 가능액' }).waitFor();
    assert.equal(await refund.getByLabel('환불 사유 (필수)').inputValue(), '검사 일부 취소');

    await amount.fill('1000');
    await refund.getByLabel('환불 승인 번호').fill('30012399');
    await refund.getByRole('button', { name: '환불하기' }).click();
    await page.getByRole('status').filter({ hasText: '₩1,000 환불되었습니다' }).waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('부분 수납').waitFor();
    await page.getByRole('cell', { name: '검사 일부 취소' }).waitFor();
    await screenshot(page, 'front-desk-refund');

    const bill = (await node.http.get(`/api/v1/bills/${paid.id}`, { token })).body;
    assert.deepEqual(bill.items.map((l: { name: string; quantity: number }) => [l.name.slice(0, 5), l.quantity]), [['초진 진찰', 1], ['흉부 단순', 1]]);
    assert.equal(bill.status, 'PARTIALLY_PAID');
    assert.equal(bill.paid_amount, bill.patient_amount);
    assert.equal(bill.refunded_amount, 1000);
    const refunds = bill.payments.filter((p: { kind: string }) => p.kind === 'REFUND');
    assert.deepEqual(refunds.map((p: { method: string; amount: number; reason: string; approval_number: string }) => [p.method, p.amount, p.reason, p.approval_number]),
      [['CARD', 1000, '검사 일부 취소', '30012399']]);
  });

  test('changes the patient\'s phone number (a malformed one is refused by the server, as worded)', async () => {
    const id = await patientId();
    await page.goto(`/admin/patients/${id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
    await page.getByRole('button', { name: '인적사항 수정' }).click();
    const form = page.getByRole('form', { name: '인적사항 수정' });
    const phone = form.getByLabel('전화번호', { exact: true });
    assert.equal(await phone.inputValue(), '010-5555-0101');
    await phone.fill('공일공');
    await form.getByRole('button', { name: '변경 내용 저장' }).click();
    await form.getByRole('alert').first().waitFor();
    assert.equal(await phone.inputValue(), '공일공');

    await phone.fill('010-5555-0202');
    await form.getByRole('button', { name: '변경 내용 저장' }).click();
    await page.getByRole('status').filter({ hasText: '인적사항을 저장했습니다.' }).waitFor();
    await page.getByText('010-5555-0202').waitFor();
    await screenshot(page, 'front-desk-patient-edit');
    const stored = (await node.http.get(`/api/v1/patients/${id}`, { token })).body;
    assert.equal(stored.phone, '010-5555-0202');
    assert.equal(stored.name, name, 'only what changed was sent');
  });

  test('the daily settlement counts the payment; statistics show the week', async () => {
    await page.getByRole('link', { name: '정산·통계' }).click();
    await page.getByRole('heading', { level: 1, name: '정산·통계' }).waitFor();
    await page.getByRole('table', { name: '일별 예약 건수' }).waitFor();
    const settlement = await node.http.get('/api/v1/billing/settlement', { token });
    assert.ok(settlement.body.payments.CARD.count >= 1);
    await page.getByText(new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' }).format(settlement.body.net.total)).first().waitFor();
    await screenshot(page, 'front-desk-reports');
    assert.deepEqual(errors, []);
  });

  async function patientId(): Promise<number> {
    const found = await node.http.get(`/api/v1/patients?q=${chartNumber}`, { token });
    return found.body.items[0].id;
  }
});
