import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/**
 * The web apps in Chromium against a whole node with demo data: each staff role signs in at
 * /login/medical and lands on its own dashboard with live data; a patient signs in at /login;
 * the guards keep everyone on their own screens.
 */
describe('web apps: sign-in, role dashboards and guards (Chromium)', () => {
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

  const staff = [
    { login: 'doctor.pulmo', home: '/doctor', heading: '대시보드', shot: 'doctor-dashboard', text: '오늘 진료 예약' },
    { login: 'nurse', home: '/nurse', heading: '대시보드', shot: 'nurse-dashboard', text: '오늘 투약 일정' },
    { login: 'frontdesk', home: '/admin', heading: '대시보드', shot: 'front-desk-dashboard', text: '오늘 접수 현황' },
    { login: 'radtech', home: '/radiology-tech', heading: '대시보드', shot: 'radiographer-dashboard', text: '오늘 촬영 일정' },
    { login: 'radiologist', home: '/radiology-doctor', heading: '대시보드', shot: 'radiologist-dashboard', text: '판독 대기 목록' },
    { login: 'sysadmin', home: '/system', heading: '직원 계정', shot: 'system-admin', text: 'doctor.pulmo' },
  ];

  for (const role of staff) {
    test(`${role.login} signs in at /login/medical and lands on ${role.home} with live data`, async () => {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signIn(page, '/login/medical', { 아이디: role.login, 비밀번호: TEST_PASSWORD });
      await page.waitForURL(`**${role.home}`);
      await page.getByRole('heading', { level: 1, name: role.heading }).waitFor();
      await page.getByText(role.text).first().waitFor();
      await screenshot(page, role.shot);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('a nurse cannot open the front desk app; a signed-out visitor is sent to the staff login', async () => {
    const context = await newContext(browser, base);
    const page = await context.newPage();
    await page.goto('/admin');
    await page.waitForURL('**/login/medical?next=%2Fadmin');
    await signIn(page, '/login/medical?next=%2Fadmin', { 아이디: 'nurse', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/nurse');
    await page.goto('/admin');
    await page.getByRole('heading', { name: '접근 권한 없음' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '내 화면으로' }).getAttribute('href'), '/nurse');
    await context.close();
  });

  test('a patient signs in at /login and sees the portal; the patient session never opens a staff app', async () => {
    const context = await newContext(browser, base, { phone: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/patient');
    await page.getByRole('heading', { level: 1, name: '내 건강' }).waitFor();
    await screenshot(page, 'patient-dashboard');
    await page.goto('/doctor');
    await page.waitForURL('**/login/medical?next=%2Fdoctor');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a patient account is refused on the staff login with the server message', async () => {
    const context = await newContext(browser, base);
    const page = await context.newPage();
    await signIn(page, '/login/medical', { 아이디: 'patient1', 비밀번호: TEST_PASSWORD });
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /아이디 또는 비밀번호|invalid/i);
    assert.equal(new URL(page.url()).pathname, '/login/medical');
    await context.close();
  });

  test('the patient portal is installable: its page links a web manifest that starts at /patient', async () => {
    const context = await newContext(browser, base, { phone: true });
    const page = await context.newPage();
    await page.goto('/login');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(href!)).json() as { start_url: string; display: string; icons: { src: string }[] };
    assert.deepEqual([manifest.start_url, manifest.display], ['/patient', 'standalone']);
    assert.equal((await page.request.get(manifest.icons[0]!.src)).status(), 200);
    await context.close();
  });

  test('the public site shows the departments and the way in for staff', async () => {
    const context = await newContext(browser, base);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.getByRole('heading', { name: '진료과' }).waitFor();
    for (const department of ['호흡기내과', '신경외과', '유방외과', '소화기내과', '피부과']) await page.getByText(department, { exact: true }).first().waitFor();
    assert.equal(await page.getByRole('link', { name: '의료진 로그인' }).getAttribute('href'), '/login/medical');
    await screenshot(page, 'public-home');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
