import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/** Staff chat in two browsers: a doctor starts a conversation with the ward nurse; replies arrive live. */
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
});
