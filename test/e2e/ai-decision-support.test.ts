import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

/**
 * AI decision support in the browser: the demo chest CT (a 9 mm nodule) is analysed on arrival; the
 * pulmonologist opens the study and reads the finding, the Fleischner/Lung-RADS categories and
 * recommendation, the model card's intended use, and the 3-D view.
 */
describe('AI decision support on a study (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let imageId: number;

  before(async () => {
    node = await startTestNode({ CDSS_DEMO_IMAGING: '1', CDSS_AI_AUTO: 'lung-nodule', CDSS_PACS_STABLE_SECONDS: '1' });
    browser = await launchBrowser();
    const token = (await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    // The demo CT arrives in the archive at start; wait for its analysis to finish.
    for (let tries = 0; ; tries++) {
      const images = await node.http.get('/api/v1/medical-images?patientId=1&modality=CT', { token });
      const stored = (images.body.items as { id: number; status: string; description: string | null }[]).find((i) => i.status !== 'REQUESTED');
      if (stored) {
        const analyses = await node.http.get(`/api/v1/medical-images/${stored.id}/analyze`, { token });
        if ((analyses.body.items as { status: string }[]).some((a) => a.status === 'DONE')) {
          imageId = stored.id;
          break;
        }
      }
      assert.ok(tries < 240, 'the demo CT was analysed within 2 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
  });
  after(async () => {
    await browser?.close();
    await node?.stop();
  });

  test('once the reading is released, the patient reads the AI result in plain words and opens the 3-D view', async () => {
    // The released reading of the demo CT, as the report workflow leaves it (signed FINAL, released).
    const { models } = await node.node.runtime.database();
    const now = new Date();
    await models.RadiologyReport.create({
      image_id: imageId, patient_id: 1, status: 'FINAL', findings: '우상엽 9 mm 고형 결절.', conclusion: 'Lung-RADS 4A. 3개월 후 추적 CT.',
      study_description: '흉부 CT (demo phantom)', report_date: now, signed_at: now, released_at: now,
    });
    const page = await (await newContext(browser, node.http.baseUrl, { phone: true })).newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login', { '아이디 또는 이메일': 'patient1', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/patient');
    await page.goto('/patient/images');
    const ai = page.getByRole('region', { name: 'AI 분석 결과' });
    await ai.getByText(/추가 검사가 필요할 수 있는 소견/).waitFor();
    await ai.getByText(/진단이 아닙니다/).waitFor();
    await ai.getByRole('button', { name: '3D로 보기' }).click();
    await page.locator('.viewer-3d .main-svg, .viewer-3d canvas').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'patient-ai-results');
    assert.deepEqual(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e)), []);
  });

  test('the doctor reads the finding, the guideline categories, the model card and opens the 3-D view', async () => {
    const page = await (await newContext(browser, node.http.baseUrl)).newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'doctor.pulmo', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/doctor');
    await page.goto(`/doctor/images/${imageId}`);
    const panel = page.getByRole('region', { name: 'AI 분석' });
    await panel.getByText('참고용 모델 — 임상 사용 불가').first().waitFor();
    await panel.getByRole('cell', { name: 'Fleischner 2017' }).waitFor();
    await panel.getByRole('cell', { name: /Lung-RADS/ }).first().waitFor();
    await panel.getByText(/폐결절 1/).first().waitFor();
    await panel.getByText('사용한 AI 모델').click();
    await panel.getByText(/사용 목적/).first().waitFor();
    await panel.getByRole('button', { name: '3D 보기' }).click();
    // Plotly draws the mesh into a WebGL canvas (swiftshader in headless Chromium).
    await page.locator('.viewer-3d .main-svg, .viewer-3d canvas').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'doctor-ai-decision-support');
    assert.deepEqual(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e)), []);
  });
});
