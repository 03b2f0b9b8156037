import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { axeViolations, launchBrowser, newContext, signIn } from '../helpers/browser.js';

/**
 * WCAG 2.1 AA in practice: axe-core on every audience's main screens, with live demo data, desktop
 * and phone. Serious and critical violations (contrast, missing labels and names, landmarks,
 * ARIA misuse) fail the test with the elements that break the rule.
 */
describe('accessibility of the main screens (axe-core, WCAG 2.1 AA)', () => {
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

  /** Visits each path and collects its violations; waits for the screen's heading (data loaded). */
  async function audit(page: Page, paths: string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      // Every screen names itself with one h1 (how a screen reader user knows where they are).
      const titled = await page.locator('h1').first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
      if (!titled) problems.push(`${path}: no h1 heading`);
      await page.waitForLoadState('networkidle');
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
    }
    return problems;
  }

  const staff: [string, string[]][] = [
    ['doctor.pulmo', ['/doctor', '/doctor/patients', '/doctor/patients/1', '/doctor/results', '/doctor/chat', '/doctor/notifications']],
    ['nurse', ['/nurse', '/nurse/patients', '/nurse/tasks', '/nurse/ward', '/nurse/patients/1/notes']],
    ['frontdesk', ['/admin', '/admin/inquiries']],
    ['radtech', ['/radiology-tech', '/radiology-tech/upload']],
    ['radiologist', ['/radiology-doctor', '/radiology-doctor/worklist']],
    ['sysadmin', ['/system', '/system/audit']],
  ];

  for (const [login, paths] of staff) {
    test(`${login}: ${paths.join(', ')}`, async () => {
      const page = await (await newContext(browser, node.http.baseUrl)).newPage();
      await signIn(page, '/login/medical', { 아이디: login, 비밀번호: TEST_PASSWORD });
      await page.waitForURL(`**${paths[0]}`);
      assert.deepEqual(await audit(page, paths), []);
    });
  }

  test('the public site, the sign-in pages and the patient portal (phone)', async () => {
    const page = await (await newContext(browser, node.http.baseUrl, { phone: true })).newPage();
    const problems = await audit(page, ['/', '/login', '/signup', '/login/medical']);
    await signIn(page, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/patient');
    problems.push(...await audit(page, ['/patient', '/patient/records', '/patient/appointments', '/patient/notifications', '/patient/chat']));
    assert.deepEqual(problems, []);
  });
});
