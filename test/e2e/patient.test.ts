import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/** The bytes a download delivered (the portal's PDFs come as blobs, saved by the browser). */
async function bytesOf(download: Download): Promise<Buffer> {
  const file = await download.path();
  assert.ok(file, `download ${download.suggestedFilename()} has no file`);
  return readFile(file);
}

/** Clicks a button and answers the file it makes the browser download. */
async function downloadBy(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}

/**
 * The patient's journey in Chromium against a whole node with demo data: the public site lists the
 * doctors of each department; a new patient signs up (linking a demo chart), signs in and requests
 * an appointment on a free slot; patient1 reads a signed record and downloads the 처방전 PDF; every
 * portal page opens without errors.
 */
describe('patient portal and public site (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let base: string;

  before(async () => {
    node = await startTestNode();
    base = node.http.baseUrl;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('the public site lists the doctors of every department, with hours, and the ways in', async () => {
    const context = await newContext(browser, base);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: '진료과와 의료진' }).waitFor();
    const expected = { 호흡기내과: '김호흡', 신경외과: '이신경', 유방외과: '박유방', 소화기내과: '최소화', 피부과: '정피부' };
    for (const [department, doctor] of Object.entries(expected)) {
      const section = page.getByRole('region', { name: new RegExp(`^${department}`) });
      await section.getByText(doctor, { exact: true }).waitFor();
      assert.match(await section.innerText(), /월–금 09:00–18:00/);
    }
    assert.equal(await page.getByRole('link', { name: '의료진 로그인' }).getAttribute('href'), '/login/medical');
    assert.equal(await page.getByRole('link', { name: '환자 로그인' }).getAttribute('href'), '/login');
    assert.equal(await page.getByRole('link', { name: '회원가입' }).first().getAttribute('href'), '/signup');
    await screenshot(page, 'public-doctors');
    // English second: the same page, the same doctors, in the other language.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Departments and doctors' }).waitFor();
    assert.match(await page.getByRole('region', { name: /^Pulmonology/ }).innerText(), /김호흡[\s\S]*Mon–Fri 09:00–18:00/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a new patient signs up (chart linked), signs in and requests an appointment on a free slot', async () => {
    // A demo chart without an account: the sign-up links it when number, name and birth date match.
    const { models } = await node.node.runtime.database();
    const chart = (await models.Patient.findOne({ where: { user_account_id: null }, order: [['id', 'ASC']] }))!;
    const accountId = `newpatient${Date.now() % 100000}`;

    const context = await newContext(browser, base, { phone: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/login');
    await page.getByRole('link', { name: /회원가입/ }).click();
    await page.getByRole('heading', { level: 1, name: '환자 회원가입' }).waitFor();
    const fill = async (fields: Record<string, string>) => {
      for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
    };
    await fill({
      아이디: accountId, 이메일: `${accountId}@example.com`, 이름: chart.name, 비밀번호: 'short1', '비밀번호 확인': 'short1',
      생년월일: String(chart.birth_date), '환자번호 (선택)': chart.patient_id,
    });
    await page.getByRole('button', { name: '가입하기' }).click();
    // The server's password policy (422) lands on the password field; nothing typed is lost.
    const passwordField = page.locator('.field', { has: page.getByLabel('비밀번호', { exact: true }) });
    await passwordField.getByRole('alert').filter({ hasText: '비밀번호는 10자 이상이어야 합니다' }).waitFor();
    assert.equal(await page.getByLabel('아이디', { exact: true }).inputValue(), accountId);
    assert.equal(await page.getByLabel('환자번호 (선택)', { exact: true }).inputValue(), chart.patient_id);

    const password = 'NewPatient2026';
    await fill({ 비밀번호: password, '비밀번호 확인': password });
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.waitForURL('**/login');
    await page.getByText(`환자번호 ${chart.patient_id}`).waitFor();
    assert.equal(await page.getByLabel('아이디 또는 이메일', { exact: true }).inputValue(), accountId);
    await page.getByLabel('비밀번호', { exact: true }).fill(password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.waitForURL('**/patient');
    await page.getByRole('heading', { level: 1, name: '내 건강' }).waitFor();

    await page.getByRole('button', { name: '메뉴' }).click();
    await page.getByRole('link', { name: '예약', exact: true }).click();
    await page.waitForURL('**/patient/appointments');
    await page.getByLabel('진료과', { exact: true }).selectOption({ label: '신경외과' });
    await page.getByLabel('의사', { exact: true }).selectOption({ label: '이신경' });
    await page.getByText(/진료 시간: 월 09:00–18:00/).waitFor();
    const firstSlot = page.getByRole('radio').first();
    await firstSlot.waitFor();
    const slotTime = (await firstSlot.locator('xpath=..').innerText()).trim();
    await firstSlot.check();
    await page.getByLabel('증상·요청 사항 (선택)').fill('두통이 2주째 계속됩니다');
    await page.getByRole('button', { name: '예약 신청하기' }).click();
    await page.getByRole('status').filter({ hasText: '이신경 선생님 진료가 신청되었습니다' }).waitFor();

    // The chart may hold older visits with the same doctor: the new row is the one with the memo.
    const row = page.getByRole('table', { name: '내 예약' }).getByRole('row').filter({ hasText: '두통이 2주째' });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /예약 신청/);
    assert.match(text, /신경외과/);
    assert.ok(text.includes(slotTime), `${text} shows ${slotTime}`);
    assert.match(text, /이신경/);
    await screenshot(page, 'patient-appointments');

    // The request is the new patient's own, on the linked chart.
    const stored = await models.Appointment.findOne({ where: { patient_id: chart.id, status: 'REQUESTED' } });
    assert.ok(stored, 'the request is stored on the linked chart');
    assert.equal(stored.memo, '두통이 2주째 계속됩니다');

    // Changed their mind: the patient cancels the request from the list.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: '예약 취소' }).click();
    await row.getByText('취소', { exact: true }).first().waitFor();
    assert.equal((await models.Appointment.findByPk(stored.id))!.status, 'CANCELLED');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('patient1 reads a signed record and downloads the 처방전 and 진단서 PDFs', async () => {
    const context = await newContext(browser, base);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/patient');
    await page.getByRole('link', { name: '진료 기록', exact: true }).click();
    await page.waitForURL('**/patient/records');
    const record = page.getByRole('table', { name: '진료 기록' }).getByRole('row').filter({ hasText: '서명됨' }).first();
    await record.waitFor();
    assert.match(await record.innerText(), /R91/);
    assert.match(await record.innerText(), /호흡기내과/);

    const prescription = await downloadBy(page, () => page.getByRole('button', { name: /^처방전 PDF/ }).first().click());
    assert.match(prescription.suggestedFilename(), /^처방전-\d+\.pdf$/);
    assert.equal((await bytesOf(prescription)).subarray(0, 4).toString('latin1'), '%PDF');

    await page.getByLabel('진단서 용도 (선택)').fill('보험 청구용');
    const certificate = await downloadBy(page, () => record.getByRole('button', { name: /^진단서 PDF/ }).click());
    assert.equal((await bytesOf(certificate)).subarray(0, 4).toString('latin1'), '%PDF');
    await page.getByRole('table', { name: '처방' }).getByText('에르도스테인캡슐 300mg').waitFor();
    await screenshot(page, 'patient-records');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a booking by the front desk reaches the open portal live: badge, dashboard, list, linked screen, all read', async () => {
    const { models } = await node.node.runtime.database();
    const account = (await models.PatientUser.findOne({ where: { account_id: 'patient1' } }))!;
    const chart = (await models.Patient.findOne({ where: { user_account_id: account.id } }))!;
    const pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!;
    const context = await newContext(browser, base);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/patient');
    const panel = page.getByRole('region', { name: '새 알림' });
    await panel.getByText('새 알림이 없습니다.').waitFor();

    // A Wednesday 10:00 KST, ten weeks ahead: inside the doctor's hours, free in the demo data.
    const start = new Date(Date.now() + 70 * 86_400_000);
    while (start.getUTCDay() !== 3) start.setUTCDate(start.getUTCDate() + 1);
    start.setUTCHours(1, 0, 0, 0);
    const frontdesk = await node.http.loginStaff('frontdesk', TEST_PASSWORD);
    const booked = await node.http.post('/api/v1/appointments', { patientId: chart.id, doctorId: pulmo.id, startTime: start.toISOString() }, { token: frontdesk.accessToken });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));

    // No reload: the live stream brings the badge and the dashboard line.
    await page.getByRole('link', { name: '알림 (읽지 않음 1건)' }).waitFor();
    await panel.getByRole('link', { name: '진료 예약이 등록되었습니다 (appointment booked)' }).waitFor();
    await screenshot(page, 'patient-dashboard-notice');
    await page.getByRole('link', { name: '알림 (읽지 않음 1건)' }).click();
    await page.waitForURL('**/patient/notifications');
    const row = page.getByRole('table', { name: '알림' }).getByRole('row').filter({ hasText: '진료 예약이 등록되었습니다' });
    await row.getByText('예약', { exact: true }).waitFor();
    // The title opens the screen it is about and counts as read.
    await row.getByRole('link').click();
    await page.waitForURL('**/patient/appointments');
    await page.getByRole('link', { name: '알림 (읽지 않음 0건)' }).waitFor();
    assert.equal((await models.PatientNotification.findOne({ where: { related_resource_id: booked.body.id } }))!.is_read, true);

    // A second notice, then 모두 읽음 on the list clears the badge.
    const moved = await node.http.request('PATCH', `/api/v1/appointments/${booked.body.id}`, { body: { startTime: new Date(start.getTime() + 3600_000).toISOString() }, token: frontdesk.accessToken });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await page.getByRole('link', { name: '알림 (읽지 않음 1건)' }).click();
    await page.getByRole('table', { name: '알림' }).getByText('진료 예약 시간이 변경되었습니다 (appointment rescheduled)').waitFor();
    await page.getByRole('button', { name: '모두 읽음' }).click();
    await page.getByRole('link', { name: '알림 (읽지 않음 0건)' }).waitFor();
    assert.equal(await models.PatientNotification.count({ where: { user_id: account.id, is_read: false } }), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('every portal page opens with live data: profile, labs, imaging, bills (receipt PDF), access log', async () => {
    // A doctor opens patient1's chart, so the access log has a line to show.
    const doctor = await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    assert.equal((await node.http.get('/api/v1/patients/1', { token: doctor.accessToken })).status, 200);
    await node.node.broker.call('audit.flush');

    const context = await newContext(browser, base);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/patient');
    await page.getByRole('table', { name: '다가오는 예약' }).getByText('김호흡').first().waitFor();

    await page.goto('/patient/profile');
    await page.getByRole('heading', { level: 1, name: '내 정보' }).waitFor();
    await page.getByText('P202600001').first().waitFor();

    await page.goto('/patient/labs');
    await page.getByText('확정된 검사 결과가 없습니다.').waitFor();

    await page.goto('/patient/images');
    const study = page.getByRole('table', { name: '내 영상 검사' }).getByRole('row').filter({ hasText: '흉부 CT (비조영)' });
    await study.getByText('판독 완료').waitFor();
    // Demo studies have no pictures in the archive in tests: the server's reason is shown.
    await study.getByRole('button', { name: /미리보기/ }).click();
    await study.getByRole('alert').filter({ hasText: /PACS/ }).waitFor();
    await page.getByText('공개된 판독 결과가 없습니다.', { exact: false }).waitFor();

    await page.goto('/patient/receipts');
    const receipt = await downloadBy(page, () => page.getByRole('button', { name: /^영수증 PDF/ }).first().click());
    assert.equal((await bytesOf(receipt)).subarray(0, 4).toString('latin1'), '%PDF');

    await page.goto('/patient/access-log');
    const access = page.getByRole('table', { name: '열람 기록' }).getByRole('row').filter({ hasText: '김호흡' }).first();
    await access.waitFor();
    assert.match(await access.innerText(), /의사/);
    assert.match(await access.innerText(), /환자 정보/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
