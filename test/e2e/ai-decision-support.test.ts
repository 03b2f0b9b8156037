import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { stepsThroughOverlay } from '../helpers/ai-overlay.js';
import { photoPhantom, usBreastPhantom, type PhantomPatient } from '../../lib/ai/phantom-studies.js';
import { BIRADS_TABLE } from '../../lib/rules/guidelines/birads5.js';

/**
 * AI decision support in the browser: the demo chest CT (a 9 mm nodule) is analysed on arrival; the
 * pulmonologist opens the study and reads the finding, the Fleischner/Lung-RADS categories and
 * recommendation, the model card's intended use, the nodule over the image slice by slice, and the
 * 3-D view; the lung view's next step (Fleischner category and follow-up interval), each nodule's
 * attenuation and Lung-RADS category, the risk assessment and recommended tests. A breast
 * ultrasound and a biopsy slide analysed for the same patient make the chart's breast work-up strip
 * (ultrasound → MRI → pathology, with the rad–path concordance) and the ultrasound's BI-RADS view.
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

  test('the doctor reads the finding, the guideline categories, the model card, steps through the nodule over the image and opens the 3-D view', async () => {
    const page = await (await newContext(browser, node.http.baseUrl)).newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'doctor.pulmo', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/doctor');
    await page.goto(`/doctor/images/${imageId}`);
    const panel = page.getByRole('region', { name: 'AI 분석' });
    const analysis = panel.getByRole('article', { name: /폐결절 검출/ }).first();
    assert.equal(await analysis.locator('[aria-current="step"]').innerText(), '완료');
    await analysis.getByRole('note').filter({ hasText: /^임상 사용 불가:/ }).waitFor();
    await analysis.getByRole('cell', { name: 'Fleischner 2017' }).waitFor();
    await analysis.getByRole('cell', { name: /Lung-RADS/ }).first().waitFor();
    await analysis.getByText(/폐결절 1/).first().waitFor();
    // The pulmonologist's view: the governing guideline's next step with its interval, then each nodule.
    const lung = analysis.getByRole('region', { name: '폐결절: 호흡기내과 판독 요점' });
    const next = await lung.getByTestId('ai-next-step').innerText();
    assert.match(next, /^다음 단계 \(Fleischner 2017 고형 · 단발 · 8 mm 초과 · (저|고)위험\): 고형 결절 \d+ mm: 3개월 후 CT, PET\/CT 또는 조직검사 고려/, next);
    assert.match(next, /추적 CT 3개월$/, next);
    const nodule = lung.getByRole('row').filter({ hasText: '폐결절 1' });
    assert.deepEqual((await nodule.getByRole('cell').allInnerTexts()).map((c) => c.trim()).filter((_, i) => [0, 5, 7].includes(i)), ['폐결절 1 (nodule 1)', '고형', '4A']);
    assert.match(await analysis.getByTestId('ai-risk').innerText(), /AI 의심도: 의심[\s\S]*Fleischner 2017: 고형 · 단발 · 8 mm 초과 · (저|고)위험 \(적용 기준\)[\s\S]*Lung-RADS v2022: 4A/);
    assert.match(await analysis.getByRole('region', { name: '권고 검사' }).innerText(), /Fleischner 2017: 고형 결절 \d+ mm: 3개월 후 CT[\s\S]*Lung-RADS v2022: Lung-RADS 4A .*3개월 후 LDCT/);
    await analysis.getByText('사용한 AI 모델').click();
    await analysis.getByText('참고용 모델 — 임상 사용 불가').first().waitFor();
    await analysis.getByText(/사용 목적/).first().waitFor();
    assert.ok(await stepsThroughOverlay(analysis, /폐결절 검출/, null) >= 2);
    await analysis.getByRole('button', { name: '3D 보기' }).click();
    // Plotly draws the mesh into a WebGL canvas (swiftshader in headless Chromium).
    await page.locator('.viewer-3d .main-svg, .viewer-3d canvas').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'doctor-ai-decision-support');
    assert.deepEqual(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e)), []);
  });

  test('the breast work-up: the chart shows ultrasound → MRI → pathology with BI-RADS and the concordance; the ultrasound opens on its BI-RADS view', async () => {
    const { models } = await node.node.runtime.database();
    const chart = (await models.Patient.findByPk(1))!;
    const patient: PhantomPatient = { chartNumber: chart.patient_id, name: chart.name, birthDate: '19600101', sex: 'F' };
    const radtech = (await node.http.loginStaff('radtech', TEST_PASSWORD)).accessToken;
    const token = (await node.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    /** Uploads the file for patient 1 as the radiographer, asks for `pipeline` as the doctor, answers the finished analysis. */
    async function analysed(file: Buffer, pipeline: string, extra: Record<string, string> = {}) {
      const form = new FormData();
      form.append('patientId', '1');
      form.append('files', new Blob([new Uint8Array(file)], { type: 'application/dicom' }), '0.dcm');
      const res = await fetch(`${node.http.baseUrl}/api/v1/medical-images`, { method: 'POST', headers: { authorization: `Bearer ${radtech}` }, body: form });
      const body = await res.json() as { studies: { id: number }[] };
      assert.equal(res.status, 201, JSON.stringify(body));
      const imageId = body.studies[0]!.id;
      const asked = await node.http.post(`/api/v1/medical-images/${imageId}/analyze`, { pipeline, ...extra }, { token });
      assert.equal(asked.status, 202, JSON.stringify(asked.body));
      for (let tries = 0; ; tries++) {
        const list = await node.http.get(`/api/v1/medical-images/${imageId}/analyze`, { token });
        const done = (list.body.items as { status: string; error: string | null; results: { guidelines: { category: string | null }[] } }[])[0];
        if (done?.status === 'DONE') return done;
        assert.notEqual(done?.status, 'FAILED', done?.error ?? '');
        assert.ok(tries < 240, `${pipeline} finished within 2 minutes`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const us = await analysed(usBreastPhantom({ patient, lesion: { centerMm: [0, -3], widthMm: 9, heightMm: 12, margin: 'spiculated', posterior: 'shadowing' } }), 'breast-ultrasound');
    const category = us.results.guidelines[0]!.category!;
    const purple: [number, number, number] = [90, 40, 120];
    await analysed(photoPhantom({
      patient, modality: 'SM', bodyPart: 'BREAST', background: [235, 200, 215],
      lesions: [{ centerPx: [130, 150], radiusPx: 45, color: purple }, { centerPx: [270, 150], radiusPx: 45, color: purple }],
    }), 'breast-pathology', { priorBirads: category });

    const page = await (await newContext(browser, node.http.baseUrl)).newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: 'doctor.pulmo', 비밀번호: TEST_PASSWORD });
    await page.waitForURL('**/doctor');
    await page.goto('/doctor/patients/1?tab=images');
    const strip = page.getByRole('region', { name: '유방 3단계 정밀검사' });
    const stage = (pipeline: string) => strip.getByTestId(`workup-${pipeline}`);
    await stage('breast-ultrasound').getByText(`BI-RADS ${category} — ${BIRADS_TABLE[category as '5'].name.ko}`).waitFor();
    assert.match(await stage('breast-ultrasound').innerText(), /^1\. 초음파\s+완료/);
    assert.match(await stage('breast-mri').innerText(), /^2\. MRI\s+미시행$/);
    assert.match(await stage('breast-pathology').getByTestId('workup-concordance').innerText(), new RegExp(`^영상–병리 일치 여부: 일치 생검 전 영상 BI-RADS ${category}$`));
    assert.match(await stage('breast-pathology').innerText(), /AI 병리 분류: 악성/);
    await screenshot(page, 'doctor-breast-workup');

    await stage('breast-ultrasound').getByRole('link', { name: '영상 열기' }).click();
    const analysis = page.getByRole('article', { name: /유방 초음파/ });
    const breast = analysis.getByRole('region', { name: '유방: 유방외과 판독 요점' });
    assert.match(await breast.getByTestId('ai-birads').innerText(), new RegExp(`^BI-RADS ${category} ${BIRADS_TABLE[category as '5'].name.ko}`));
    assert.match(await breast.getByTestId('ai-next-step').innerText(), new RegExp(`^다음 단계 \\(BI-RADS 5th ed\\.\\): ${BIRADS_TABLE[category as '5'].management.ko}`));
    await breast.getByRole('list', { name: '판단 근거' }).waitFor();
    assert.deepEqual(errors, []);
  });
});
