import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/**
 * Chat in two browsers: a doctor starts a conversation with the ward nurse, and a patient one with
 * their doctor from the portal; replies arrive live on both sides.
 */
describe('staff chat (Chromium, two people)', () => {
  let node: TestNode;
  let browser: Browser;

  before(async () => {
    node = await startTestNode();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('a doctor writes to the nurse; the nurse sees it and answers; the doctor sees the answer without reloading', async () => {
    const doctor = await (await newContext(browser, node.http.baseUrl)).newPage();
    const nurse = await (await newContext(browser, node.http.baseUrl)).newPage();
    const errors = [...watchErrors(doctor), ...watchErrors(nurse)];
    await signIn(doctor, '/login/medical', { 아이디: 'doctor.pulmo', 비밀번호: TEST_PASSWORD });
    await doctor.waitForURL('**/doctor');
    await signIn(nurse, '/login/medical', { 아이디: 'nurse', 비밀번호: TEST_PASSWORD });
    await nurse.waitForURL('**/nurse');

    await doctor.getByRole('link', { name: '채팅' }).click();
    await doctor.getByLabel('동료 찾기 (이름)').fill('한간호');
    await doctor.getByRole('button', { name: /대화 시작: 한간호/ }).click();
    await doctor.waitForURL(/\/doctor\/chat\/\d+$/);
    await doctor.getByRole('textbox', { name: '메시지' }).fill('P202600001 산소포화도 확인 부탁드립니다');
    await doctor.getByRole('button', { name: '보내기' }).click();
    await doctor.locator('.chat-messages li.mine', { hasText: '산소포화도' }).waitFor();

    await nurse.getByRole('link', { name: '채팅' }).click();
    await nurse.getByText('안 읽음 1').waitFor();
    await nurse.getByRole('link', { name: /일대일/ }).click();
    await nurse.locator('.chat-text', { hasText: 'P202600001 산소포화도 확인 부탁드립니다' }).waitFor();
    await nurse.getByRole('textbox', { name: '메시지' }).fill('확인했습니다. 96% 입니다');
    await nurse.getByRole('button', { name: '보내기' }).click();

    // Live: the doctor's page was not reloaded.
    await doctor.locator('.chat-text', { hasText: '확인했습니다. 96% 입니다' }).waitFor({ timeout: 10_000 });
    await screenshot(doctor, 'doctor-chat');
    assert.deepEqual(errors, []);
  });

  test('a patient asks their doctor from the portal; the doctor answers; the patient sees it without reloading', async () => {
    const patient = await (await newContext(browser, node.http.baseUrl, { phone: true })).newPage();
    const doctor = await (await newContext(browser, node.http.baseUrl)).newPage();
    const errors = [...watchErrors(patient), ...watchErrors(doctor)];
    await signIn(patient, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await patient.waitForURL('**/patient');
    await patient.goto('/patient/chat');
    await patient.getByRole('heading', { level: 1, name: '상담 채팅' }).waitFor();
    await patient.getByText('아직 상담이 없습니다.').waitFor();
    // Only the care team is offered: 김호흡 (pulmonology), not a doctor of another department.
    const options = await patient.getByLabel('상담할 의료진').locator('option').allInnerTexts();
    assert.ok(options.some((o) => o.startsWith('김호흡 · 의사')), options.join(' | '));
    assert.ok(!options.some((o) => o.startsWith('이신경')), options.join(' | '));
    await patient.getByLabel('상담할 의료진').selectOption({ label: options.find((o) => o.startsWith('김호흡'))! });
    await patient.getByRole('button', { name: '상담 시작' }).click();
    await patient.waitForURL(/\/patient\/chat\/\d+$/);
    await patient.getByText('아직 메시지가 없습니다.').waitFor();
    await patient.getByRole('textbox', { name: '메시지' }).fill('약을 먹고 속이 쓰립니다');
    await patient.getByRole('button', { name: '보내기' }).click();
    await patient.locator('.chat-messages li.mine', { hasText: '속이 쓰립니다' }).waitFor();

    await signIn(doctor, '/login/medical', { 아이디: 'doctor.pulmo', 비밀번호: TEST_PASSWORD });
    await doctor.waitForURL('**/doctor');
    await doctor.getByRole('link', { name: '채팅' }).click();
    await doctor.getByRole('link', { name: /진료상담/ }).first().click();
    await doctor.locator('.chat-text', { hasText: '약을 먹고 속이 쓰립니다' }).waitFor();
    assert.match(await doctor.locator('.chat-messages li', { hasText: '속이 쓰립니다' }).innerText(), /환자/);
    await doctor.getByRole('textbox', { name: '메시지' }).fill('식후에 드시고 내일 외래에서 뵙겠습니다');
    await doctor.getByRole('button', { name: '보내기' }).click();

    // Live on the portal: the answer shows on the open page, from the doctor, not as the patient's own.
    const answer = patient.locator('.chat-messages li', { hasText: '식후에 드시고' });
    await answer.waitFor({ timeout: 10_000 });
    assert.equal(await answer.evaluate((li) => li.classList.contains('mine')), false);
    assert.match(await answer.innerText(), /김호흡/);
    await screenshot(patient, 'patient-chat');
    assert.deepEqual(errors, []);
  });
});
