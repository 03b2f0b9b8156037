import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/** The system administrator's screens in Chromium: staff accounts and the audit log. */
describe('system administration (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    node = await startTestNode();
    browser = await launchBrowser();
    page = await (await newContext(browser, node.http.baseUrl)).newPage();
    errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'sysadmin', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/system');
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('creates a staff account (temporary password shown once) and disables it', async () => {
    const form = page.getByRole('region', { name: '계정 만들기' });
    await form.getByLabel('아이디', { exact: true }).fill('nurse.kim');
    await form.getByLabel('이름', { exact: true }).fill('김간호');
    await form.getByLabel('직군').selectOption('nurse');
    await form.getByRole('button', { name: '계정 만들기' }).click();
    await form.getByRole('status').filter({ hasText: '임시 비밀번호' }).waitFor();
    const row = page.locator('tr', { hasText: 'nurse.kim' });
    await row.waitFor();
    await row.getByRole('button', { name: '사용 중지' }).click();
    await row.getByText('중지', { exact: true }).waitFor();
    const stored = await node.http.get('/api/v1/staff?q=nurse.kim', { token: (await node.http.loginStaff('sysadmin', TEST_PASSWORD)).accessToken });
    assert.equal(stored.body.items[0].isActive, false);
    await screenshot(page, 'system-staff-accounts');
  });

  test('a bad username shows the server\'s message and keeps the form', async () => {
    const form = page.getByRole('region', { name: '계정 만들기' });
    await form.getByLabel('아이디', { exact: true }).fill('Bad Name!');
    await form.getByLabel('이름', { exact: true }).fill('홍길동');
    await form.getByRole('button', { name: '계정 만들기' }).click();
    await form.getByRole('alert').waitFor();
    assert.match(await form.getByRole('alert').innerText(), /아이디/);
    assert.equal(await form.getByLabel('이름', { exact: true }).inputValue(), '홍길동');
  });

  test('the audit log lists denied access when filtered', async () => {
    // A denied attempt to audit: a nurse asking for the audit log.
    const nurse = (await node.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    assert.equal((await node.http.get('/api/v1/audit', { token: nurse })).status, 403);
    await page.getByRole('link', { name: '감사 로그' }).click();
    await page.getByRole('heading', { level: 1, name: '감사 로그' }).waitFor();
    await page.getByLabel('결과').selectOption('denied');
    await page.getByRole('button', { name: '조회' }).click();
    await page.locator('tbody tr', { hasText: '거부' }).first().waitFor();
    await screenshot(page, 'system-audit-log');
    assert.deepEqual(errors, []);
  });
});
