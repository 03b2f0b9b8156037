import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { axeViolations, launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/**
 * An appointment inquiry in Chromium: a visitor on the public site (phone) leaves one — refused
 * without consent, nothing typed lost — and the front desk finds it on its dashboard, calls back
 * and records it.
 */
describe('appointment inquiry (Chromium)', () => {
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

  test('a visitor leaves an inquiry; the front desk sees it, calls back and notes it', async () => {
    const visitor = await newContext(browser, node.http.baseUrl, { phone: true });
    const site = await visitor.newPage();
    const siteErrors = watchErrors(site);
    await site.goto('/');
    const form = site.getByRole('form', { name: '예약 문의' });
    await form.getByLabel('이름', { exact: true }).fill('김방문');
    await form.getByLabel('연락처', { exact: true }).fill('010-2222-3333');
    await form.getByLabel('진료과 (선택)').selectOption({ label: '피부과' });
    await form.getByLabel('문의 내용 (선택)').fill('점이 커졌어요');
    await form.getByRole('button', { name: '문의 남기기' }).click();
    // No consent: the server's message stands by the checkbox and the form keeps what was typed.
    await form.getByRole('alert').filter({ hasText: '개인정보 수집·이용에 동의해야' }).waitFor();
    assert.equal(await form.getByLabel('이름', { exact: true }).inputValue(), '김방문');
    assert.equal(await node.node.runtime.database().then((db) => db.models.AppointmentInquiry.count()), 0);

    await form.getByLabel('위 내용에 동의합니다').check();
    await form.getByRole('button', { name: '문의 남기기' }).click();
    const receipt = site.getByRole('status').filter({ hasText: '문의가 접수되었습니다' });
    await receipt.waitFor();
    const reference = /접수번호 (Q\d{6})/.exec(await receipt.innerText())![1];
    assert.equal(await form.getByLabel('이름', { exact: true }).inputValue(), '', 'the form is cleared for the next visitor');
    await screenshot(site, 'public-inquiry');
    assert.deepEqual(await axeViolations(site), [], 'the form meets WCAG 2.1 AA');
    assert.deepEqual(siteErrors, []);
    await visitor.close();

    const desk = await newContext(browser, node.http.baseUrl);
    const page = await desk.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'frontdesk', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/admin');
    await page.getByRole('link', { name: /새 예약 문의/ }).filter({ hasText: '1' }).click();
    await page.waitForURL('**/admin/inquiries');
    const row = page.getByRole('table', { name: '예약 문의' }).getByRole('row').filter({ hasText: reference });
    await row.getByText('김방문').waitFor();
    assert.match(await row.innerText(), /010-2222-3333[\s\S]*피부과[\s\S]*점이 커졌어요[\s\S]*새 문의/);
    await row.getByLabel(`처리 메모 ${reference}`).fill('내일 10시 피부과 예약 안내함');
    await row.getByRole('button', { name: `연락함 ${reference}` }).click();
    // The list shows new ones: the handled inquiry leaves it; under 전체 it is 연락함 with the note.
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('상태', { exact: true }).selectOption({ label: '전체' });
    const handled = page.getByRole('table', { name: '예약 문의' }).getByRole('row').filter({ hasText: reference });
    await handled.getByText('연락함', { exact: true }).waitFor();
    assert.equal(await handled.getByLabel(`처리 메모 ${reference}`).inputValue(), '내일 10시 피부과 예약 안내함');
    await screenshot(page, 'front-desk-inquiries');
    assert.deepEqual(errors, []);
    await desk.close();
  });
});
