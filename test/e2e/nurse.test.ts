import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

const kstDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(d);
const kstTime = (iso: string) => new Intl.DateTimeFormat('ko-KR', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Seoul' }).format(new Date(iso));

interface Dose { patientId: number; patientName: string; prescriptionId: number; medicationIndex: number; drugName: string; scheduledTime: string; status: string | null }

/**
 * The ward nurse in Chromium against a whole node with demo data: vitals with an abnormal value
 * (the server's flag shown, an impossible value refused with its message), a due dose charted on
 * the MAR, a specimen collected from the task list, an admission and discharge, the ward overview
 * with its filters, and a nursing note written without vitals.
 */
describe('nurse (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let nurse: string;
  let dose: Dose;
  let doseDay: string;
  let orderNumber: string;

  before(async () => {
    node = await startTestNode();
    nurse = (await node.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    // The dose to chart: an uncharted one already due (a dose is charted as given at most an hour
    // ahead). The demo course starts at seeding, so at some hours none is due yet: a TID course of
    // patient 1's started yesterday morning has past doses at any time of day.
    const { models } = await node.node.runtime.database();
    const pulmo = (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!;
    const profile = (await models.Doctor.findOne({ where: { user_id: pulmo.id } }))!;
    const yesterday = kstDay(new Date(Date.now() - 86_400_000));
    await models.Prescription.create({
      patient_id: 1, doctor_id: profile.id, prescription_date: new Date(`${yesterday}T07:00:00+09:00`),
      medications: [{ code: 'AMX500', name: '아목시실린캡슐 500mg', dose: 1, doseUnit: '캡슐', route: 'PO', frequency: 'TID', days: 3 }],
    } as never);
    for (const day of [kstDay(new Date()), yesterday]) {
      const due = await node.http.get(`/api/v1/mar/due?date=${day}`, { token: nurse });
      const open = (due.body.items as Dose[]).find((d) => d.status === null && new Date(d.scheduledTime).getTime() <= Date.now());
      if (open) { dose = open; doseDay = day; break; }
    }
    assert.ok(dose, 'a dose is due');
    // A doctor's STAT blood test for the same patient puts a specimen on the nurse's task list.
    const doctor = (await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    const order = await node.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: dose.patientId, priority: 'STAT', items: [{ code: 'CBC' }] }, { token: doctor });
    assert.ok(order.status < 300, JSON.stringify(order.body));
    orderNumber = order.body.order_number;

    browser = await launchBrowser();
    page = await (await newContext(browser, node.http.baseUrl)).newPage();
    errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'nurse', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/nurse');
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('enters vitals: an impossible value is refused with the server message, an abnormal one is flagged', async () => {
    await page.getByRole('link', { name: '환자 목록' }).click();
    await page.getByRole('heading', { level: 1, name: '환자 목록' }).waitFor();
    await page.getByRole('searchbox', { name: '환자 검색' }).fill(dose.patientName);
    await page.getByRole('button', { name: '검색' }).click();
    await page.getByRole('link', { name: dose.patientName }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(dose.patientName) }).waitFor();

    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field('수축기 혈압 (mmHg)').fill('900');
    await page.getByRole('button', { name: '저장' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '측정 가능한 범위' }).first();
    await refused.waitFor();
    assert.equal(await field('수축기 혈압 (mmHg)').inputValue(), '900');

    await field('수축기 혈압 (mmHg)').fill('182');
    await field('이완기 혈압 (mmHg)').fill('96');
    await field('맥박 (/min)').fill('112');
    await field('체온 (°C)').fill('38.4');
    await field('산소포화도 (%)').fill('93');
    await field('증상').fill('기침, 오한');
    await field('간호 기록').fill('해열제 투여 전 활력징후 측정, 주치의에게 보고함');
    await page.getByRole('button', { name: '저장' }).click();
    const result = page.getByRole('status').filter({ hasText: '이상 소견' });
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, /수축기 혈압 182/);
    assert.match(text, /위험/);
    assert.match(text, /체온 38.4/);
    await page.locator('tbody tr', { hasText: '해열제 투여 전' }).waitFor();
    await page.getByRole('img', { name: '혈압' }).waitFor();
    await screenshot(page, 'nurse-vitals');

    const stored = await node.http.get(`/api/v1/patients/${dose.patientId}/vitals`, { token: nurse });
    const flags = stored.body.items[0].abnormal as { measure: string; critical: boolean }[];
    assert.ok(flags.some((f) => f.measure === 'systolic_bp' && f.critical));
  });

  test('charts a due dose on the MAR (a held dose needs a reason first)', async () => {
    await page.getByRole('link', { name: '투약 기록 (MAR)' }).click();
    await page.getByRole('region', { name: '투약 기록 (MAR)' }).waitFor();
    if (doseDay !== kstDay(new Date())) await page.getByLabel('날짜', { exact: true }).fill(doseDay);
    const time = kstTime(dose.scheduledTime);
    await page.getByRole('button', { name: `${dose.drugName} ${time} 기록` }).click();
    const form = page.getByRole('form', { name: `투약 기록: ${dose.drugName} (${time})` });
    await form.getByLabel('결과').selectOption('HELD');
    await form.getByRole('button', { name: '기록 저장' }).click();
    await form.getByRole('alert').filter({ hasText: '사유' }).waitFor();

    await form.getByLabel('결과').selectOption('GIVEN');
    await form.getByLabel('메모', { exact: true }).fill('식후 30분 복용 확인');
    await form.getByRole('button', { name: '기록 저장' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.locator('tbody tr', { hasText: time }).filter({ hasText: dose.drugName }).first();
    await row.getByText('투약', { exact: true }).waitFor();
    await screenshot(page, 'nurse-mar');

    const mar = await node.http.get(`/api/v1/patients/${dose.patientId}/mar?date=${doseDay}`, { token: nurse });
    const charted = (mar.body.items as Dose[]).find((d) => d.prescriptionId === dose.prescriptionId && d.medicationIndex === dose.medicationIndex && d.scheduledTime === dose.scheduledTime)!;
    assert.equal(charted.status, 'GIVEN');
  });

  test('collects the STAT specimen from the task list', async () => {
    await page.getByRole('link', { name: '간호 업무' }).click();
    await page.getByRole('heading', { level: 1, name: '간호 업무' }).waitFor();
    const collect = page.getByRole('button', { name: `${dose.patientName} ${orderNumber} 채취 완료` });
    await collect.waitFor();
    await screenshot(page, 'nurse-tasks');
    await collect.click();
    await page.getByText('채취할 검체가 없습니다.').waitFor();
    const orders = await node.http.get(`/api/v1/ocs/orders?type=LAB&patientId=${dose.patientId}`, { token: nurse });
    assert.equal(orders.body.items.find((o: { order_number: string }) => o.order_number === orderNumber).status, 'IN_PROGRESS');
  });

  test('admits the patient to a ward and room (both required), then discharges', async () => {
    await page.goto(`/nurse/patients/${dose.patientId}/status`);
    await page.getByRole('region', { name: '입원·퇴원 관리' }).waitFor();
    await page.getByLabel('변경할 상태').selectOption('ADMITTED');
    await page.getByRole('button', { name: '적용' }).click();
    await page.getByRole('alert').filter({ hasText: '병동' }).first().waitFor();
    await page.getByLabel('병동', { exact: true }).fill('71병동');
    await page.getByLabel('병실', { exact: true }).fill('7103');
    await page.getByRole('button', { name: '적용' }).click();
    await page.getByText('병동 71병동 · 병실 7103').waitFor();
    await page.getByLabel('변경할 상태').selectOption('DISCHARGED');
    await page.getByRole('button', { name: '적용' }).click();
    await page.getByRole('region', { name: '입원·퇴원 관리' }).locator('.badge', { hasText: '퇴원' }).waitFor();
    const status = await node.http.get(`/api/v1/patients/${dose.patientId}/status`, { token: nurse });
    assert.equal(status.body.current.status, 'DISCHARGED');
    assert.equal(status.body.items[1].room_number, '7103');
    assert.deepEqual(errors, []);
  });

  test('the ward overview shows the admitted patients room by room, the abnormal flag, and filters', async () => {
    const other = [6, 11].find((id) => id !== dose.patientId)!;
    const otherName = (await node.http.get(`/api/v1/patients/${other}`, { token: nurse })).body.name as string;
    for (const [patientId, ward, roomNumber] of [[dose.patientId, '71병동', '7105'], [other, '72병동', '7201']] as const) {
      const res = await node.http.request('PUT', `/api/v1/patients/${patientId}/status`, { token: nurse, body: { status: 'ADMITTED', ward, roomNumber } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const doctor = (await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    const stat = await node.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: other, priority: 'STAT', items: [{ code: 'CBC' }] }, { token: doctor });
    assert.ok(stat.status < 300, JSON.stringify(stat.body));
    await page.getByRole('link', { name: '병동 현황', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: '병동 현황' }).waitFor();
    const table = page.getByRole('region', { name: '입원 환자 목록' }).locator('table');
    const febrile = table.locator('tbody tr', { hasText: dose.patientName });
    await febrile.getByText('수축기 혈압 ▲ 위험').waitFor();
    assert.match(await febrile.innerText(), /7105[\s\S]*71병동[\s\S]*1일째[\s\S]*김호흡/);
    await table.locator('tbody tr', { hasText: otherName }).getByText('측정 기록 없음').waitFor();
    await table.locator('tbody tr', { hasText: otherName }).getByRole('link', { name: 'STAT 채혈 대기' }).waitFor();
    assert.equal(await febrile.getByText('STAT 채혈 대기').count(), 0, 'the collected draw no longer waits');
    await screenshot(page, 'nurse-ward');

    await page.getByLabel('이상 소견 환자만').check();
    await table.locator('tbody tr', { hasText: otherName }).waitFor({ state: 'detached' });
    assert.equal(await table.locator('tbody tr').count(), 1);
    await page.getByLabel('이상 소견 환자만').uncheck();
    await page.getByLabel('병동', { exact: true }).selectOption('72병동');
    await febrile.waitFor({ state: 'detached' });
    await table.locator('tbody tr', { hasText: otherName }).waitFor();

    await page.getByLabel('병동', { exact: true }).selectOption({ label: '전체 병동' });
    await febrile.getByRole('link', { name: dose.patientName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(dose.patientName) }).waitFor();
  });

  test('writes a nursing note without vitals and reads it on the notes timeline', async () => {
    await page.getByRole('link', { name: '간호기록', exact: true }).click();
    const form = page.getByRole('form', { name: '간호기록 작성' });
    await form.getByLabel('간호 기록', { exact: true }).fill('오후 3시 체위 변경, 천골 부위 발적 없음');
    await form.getByRole('button', { name: '간호기록 저장' }).click();
    await form.getByRole('status').filter({ hasText: '간호기록을 저장했습니다' }).waitFor();
    assert.equal(await form.getByLabel('간호 기록', { exact: true }).inputValue(), '', 'the form is cleared for the next note');

    const timeline = page.getByRole('region', { name: '간호기록 타임라인' });
    const entry = timeline.locator('li', { hasText: '오후 3시 체위 변경' });
    await entry.waitFor();
    assert.match(await entry.innerText(), /작성: 한간호/);
    assert.doesNotMatch(await entry.innerText(), /활력징후와 함께 기록/);
    // The note written with the vitals earlier is on the timeline too, with its flags.
    const withVitals = timeline.locator('li', { hasText: '해열제 투여 전' });
    assert.match(await withVitals.innerText(), /활력징후와 함께 기록[\s\S]*수축기 혈압 ▲ 위험/);
    await screenshot(page, 'nurse-notes');

    const notes = await node.http.get(`/api/v1/patients/${dose.patientId}/vitals?kind=notes`, { token: nurse });
    assert.equal(notes.body.items[0].nursing_notes, '오후 3시 체위 변경, 천골 부위 발적 없음');
    assert.equal(notes.body.items[0].vital_signs, null);
    // The vitals tab keeps to measurements: the note alone is not a row there.
    await page.getByRole('link', { name: '활력징후', exact: true }).click();
    await page.locator('tbody tr', { hasText: '해열제 투여 전' }).waitFor();
    assert.equal(await page.locator('tbody tr', { hasText: '오후 3시 체위 변경' }).count(), 0);
    assert.deepEqual(errors, []);
  });
});
