import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import dcmjs from 'dcmjs';
import { dicomFixture } from '../fixtures/dicom/fixtures.js';
import { AiSuite, chestCt } from '../helpers/ai-analysis.js';
import { stepsThroughOverlay } from '../helpers/ai-overlay.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { axeViolations, launchBrowser, newContext, screenshot, signIn, watchErrors } from '../helpers/browser.js';

const { DicomDict, DicomMessage } = dcmjs.data;

/**
 * A copy of a Part-10 fixture with this patient's chart number and the booking's accession: the CT
 * as the modality writes it from its worklist (the fixtures carry their own patient, which the
 * upload refuses).
 */
function forBooking(bytes: Buffer, patientId: string, accession: string): Buffer {
  const read = DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  read.dict['00100020'] = { vr: 'LO', Value: [patientId] };
  read.dict['00080050'] = { vr: 'SH', Value: [accession] };
  const out = new DicomDict(read.meta);
  out.dict = read.dict;
  return Buffer.from(out.write());
}

/** Waits until a textarea shows `text` (a remote edit arriving), at most `timeout` ms. */
async function showsText(area: Locator, text: string, timeout = 10_000): Promise<void> {
  const handle = await area.elementHandle();
  await area.page().waitForFunction(([el, wanted]) => (el as HTMLTextAreaElement).value.includes(wanted as string), [handle, text] as const, { timeout });
}

/**
 * The radiology apps in Chromium against a whole node with demo data: the radiographer books a
 * doctor's CT order, uploads its images (a wrong patient's file first: refused with the server's
 * message) and sees them stored with their quality check; the radiologist reads from the worklist,
 * runs the AI, and two radiologists write the demo chest X-ray's report together live until one
 * finalizes it and both editors turn read-only on a FINAL report; then it is amended with a reason,
 * edited in the reopened document and signed again (AMENDED), and the statistics count it.
 */
describe('radiology apps: radiographer upload, reading worklist, live report editor (Chromium)', () => {
  let node: TestNode;
  let browser: Browser;
  let base: string;
  let chart: string;
  let orderNumber: string;
  const contexts: BrowserContext[] = [];

  before(async () => {
    node = await startTestNode();
    base = node.http.baseUrl;
    browser = await launchBrowser();
    const token = async (login: string) => ({ token: (await node.http.loginStaff(login, TEST_PASSWORD)).accessToken });
    // What the other apps do before this one: the pulmonologist orders a chest CT for patient 1,
    // the system administrator opens an account for a second radiologist.
    const order = await node.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId: 1, priority: 'URGENT', items: [{ code: 'CT-CHEST' }] }, await token('doctor.pulmo'));
    assert.equal(order.status, 200, JSON.stringify(order.body));
    orderNumber = order.body.order_number;
    const second = await node.http.post('/api/v1/staff', { username: 'radiologist.two', role: 'radiologist', name: '이판독', password: TEST_PASSWORD }, await token('sysadmin'));
    assert.equal(second.status, 200, JSON.stringify(second.body));
    chart = (await node.http.get('/api/v1/patients/1', await token('doctor.pulmo'))).body.patient_id;
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await node?.stop();
  });

  async function staffPage(login: string): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, base);
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, '/login/medical', { 아이디: login, 비밀번호: TEST_PASSWORD });
    await page.waitForURL(/\/radiology-(tech|doctor)$/);
    return { page, errors };
  }

  test('the radiographer books the CT order, starts it, is refused another patient\'s file, uploads the CT and sees it stored with its QC', async () => {
    const { page, errors } = await staffPage('radtech');
    await page.getByRole('link', { name: '촬영 일정' }).click();
    await page.getByRole('heading', { level: 1, name: '촬영 일정·작업목록' }).waitFor();
    await page.getByRole('button', { name: `예약하기: ${orderNumber}` }).click();
    // The rooms arrive after the form is drawn: wait for them, then the procedure's room is the one chosen.
    await page.getByLabel('촬영실').locator('option[value="CT1"]').waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel('촬영실').inputValue(), 'CT1');
    await page.getByRole('button', { name: '예약 확정' }).click();
    const booked = await page.getByText(/예약되었습니다: 접수번호 A\d+/).innerText();
    const accession = /A\d+/.exec(booked)![0];
    // At the modality: started (촬영중), then the images go up from the entry.
    const entry = page.getByRole('row').filter({ hasText: accession });
    await entry.getByText('촬영대기').waitFor();
    await page.getByRole('button', { name: `촬영 시작: ${accession}` }).click();
    await entry.getByText('촬영중').waitFor();
    await page.getByRole('link', { name: `영상 업로드: ${accession}` }).click();

    // The form comes filled from the booking.
    await page.getByRole('heading', { level: 1, name: '영상 업로드 (DICOM·사진)' }).waitFor();
    await page.getByText(`예약 ${accession}`).waitFor();
    assert.equal(await page.getByLabel('접수번호').inputValue(), accession);
    assert.match(await page.getByLabel('환자', { exact: true }).locator('option:checked').innerText(), new RegExp(chart));

    // The fixture as it comes (its own PatientID): the server refuses it, the form stays filled.
    const raw = dicomFixture('CT_small.dcm');
    await page.getByLabel(/^파일/).setInputFiles({ name: 'CT_small.dcm', mimeType: 'application/dicom', buffer: raw });
    await page.getByRole('button', { name: '업로드', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'PatientID' });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), new RegExp(`${chart}와 다릅니다`));
    assert.equal(await page.getByLabel('접수번호').inputValue(), accession);

    await page.getByLabel(/^파일/).setInputFiles({ name: 'CT_chest.dcm', mimeType: 'application/dicom', buffer: forBooking(raw, chart, accession) });
    await page.getByRole('button', { name: '업로드', exact: true }).click();
    await page.getByText(/업로드 완료: 검사 1건, 새로 저장한 파일 1개/).waitFor();
    const result = page.getByRole('region', { name: '업로드 결과와 품질 검사(QC)' });
    await result.getByText('정상', { exact: true }).waitFor();
    await result.getByText('품질 검사를 통과했습니다.').waitFor();
    await result.getByText('판독대기').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'the earlier refusal is gone');
    await screenshot(page, 'radiographer-upload');

    // The study is in the history, and its booking moved on to reading.
    await page.getByRole('link', { name: '촬영 이력' }).click();
    await page.getByRole('link', { name: '흉부 CT (비조영)', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '검사 상세' }).waitFor();
    await page.getByText(/시리즈 번호 .* 영상 수 1/).waitFor();
    await page.getByRole('link', { name: '촬영 일정' }).click();
    await page.getByRole('row').filter({ hasText: accession }).getByText('판독대기').waitFor();
    assert.deepEqual(errors, []);
  });

  test('the radiologist opens the uploaded CT from the worklist, runs the AI (queued → done, not for clinical use) and starts its report', async () => {
    const { page, errors } = await staffPage('radiologist');
    await page.getByRole('link', { name: '판독 대기 목록' }).click();
    await page.getByRole('heading', { level: 1, name: '판독 대기 목록' }).waitFor();
    // STAT/URGENT first: the urgent CT leads the routine demo X-ray.
    const rows = page.getByRole('row').filter({ has: page.getByRole('link', { name: /판독 열기/ }) });
    await rows.first().waitFor();
    assert.match(await rows.nth(0).innerText(), /흉부 CT/);
    assert.match(await rows.nth(1).innerText(), /흉부 X-ray/);
    await rows.nth(0).getByRole('link', { name: /판독 열기/ }).click();
    await page.getByRole('heading', { level: 1, name: '판독: 흉부 CT (비조영)' }).waitFor();

    await page.getByRole('button', { name: 'AI 분석 실행' }).click();
    const analysis = page.getByRole('article', { name: /폐결절 검출/ });
    await analysis.getByText(/^임상 사용 불가:/).waitFor({ timeout: 60_000 });
    assert.equal(await analysis.locator('[aria-current="step"]').innerText(), '완료');
    await analysis.getByText('Lung-RADS v2022').first().waitFor();
    // The panel the doctors share: the guideline table, the model card, and asking again.
    await analysis.getByRole('cell', { name: 'Fleischner 2017', exact: true }).waitFor();
    await analysis.getByText('사용한 AI 모델').click();
    await analysis.getByText('참고용 모델 — 임상 사용 불가').first().waitFor();
    await page.getByRole('button', { name: 'AI 분석 다시 실행' }).waitFor();
    // The fixture's one slice holds no nodule: nothing segmented, so no overlay to show.
    assert.equal(await analysis.getByRole('region', { name: '영상 위 AI 분할 (2D)' }).count(), 0);

    await page.getByRole('button', { name: '판독 시작' }).click();
    await page.getByTestId('report-status').filter({ hasText: '작성 중' }).waitFor();
    // The new document starts with the AI's summary, shown read-only next to the radiologist's text.
    const ai = page.getByLabel('AI 소견 (참고, 읽기 전용)');
    await showsText(ai, '폐결절');
    assert.equal(await ai.getAttribute('readonly'), '');
    assert.equal(await page.getByLabel('소견 (Findings)').isEditable(), true);
    assert.deepEqual(errors, []);
  });

  test('two radiologists write the demo chest X-ray report together live; finalizing locks both editors on a FINAL report', async () => {
    const first = await staffPage('radiologist');
    const second = await staffPage('radiologist.two');
    for (const { page } of [first, second]) {
      await page.getByRole('link', { name: '판독 대기 목록' }).click();
      await page.getByRole('row').filter({ hasText: '흉부 X-ray' }).getByRole('link', { name: /판독 열기/ }).click();
      await page.getByRole('heading', { level: 1, name: '판독: 흉부 X-ray (PA)' }).waitFor();
      await page.getByText('실시간 연결됨 · 동기화됨').waitFor();
    }
    // Presence: each sees both people.
    for (const { page } of [first, second]) {
      await page.getByTestId('presence').filter({ hasText: '장판독' }).waitFor();
      await page.getByTestId('presence').filter({ hasText: '이판독' }).waitFor();
    }
    // The draft's findings came from the report row.
    assert.equal(await second.page.getByLabel('소견 (Findings)').inputValue(), '양측 폐야에 활동성 병변 없음.');

    await first.page.getByLabel('결론 (Impression)').pressSequentially('활동성 폐병변 없음.');
    await showsText(second.page.getByLabel('결론 (Impression)'), '활동성 폐병변 없음.');
    assert.equal(await second.page.getByLabel('결론 (Impression)').inputValue(), '활동성 폐병변 없음.');

    await second.page.getByLabel('권고 (Recommendations)').pressSequentially('추적 검사 불필요.');
    await showsText(first.page.getByLabel('권고 (Recommendations)'), '추적 검사 불필요.');
    assert.equal(await first.page.getByLabel('권고 (Recommendations)').inputValue(), '추적 검사 불필요.');
    // Both in the findings: text inserted before the other's caret moves that caret along with it.
    const findings = (page: Page) => page.getByLabel('소견 (Findings)');
    await findings(second.page).click();
    await findings(second.page).press('Control+End');
    await findings(first.page).click();
    await findings(first.page).press('Control+Home');
    await findings(first.page).pressSequentially('흉부 PA: ');
    await showsText(findings(second.page), '흉부 PA: 양측');
    await findings(second.page).pressSequentially(' 심비대 없음.');
    const both = '흉부 PA: 양측 폐야에 활동성 병변 없음. 심비대 없음.';
    await showsText(findings(first.page), both);
    assert.equal(await findings(second.page).inputValue(), both);
    await screenshot(first.page, 'radiologist-report-editor');

    await first.page.getByRole('button', { name: '최종 서명 (Finalize)' }).click();
    for (const { page } of [first, second]) {
      await page.getByTestId('report-status').filter({ hasText: '최종' }).waitFor();
      await page.getByText(/읽기 전용: /).waitFor();
      for (const label of ['소견 (Findings)', '결론 (Impression)', '권고 (Recommendations)']) {
        assert.equal(await page.getByLabel(label).isEditable(), false, `${label} is read-only`);
      }
    }
    // The history has the signature, and who wrote the document.
    await first.page.getByRole('cell', { name: '최종판독' }).waitFor();
    await first.page.getByRole('button', { name: '새로 고침' }).click();
    await first.page.getByText(/이판독 · 변경 \d+회/).waitFor();
    const report = await node.http.get('/api/v1/radiology-doctor/reports/2', { token: (await node.http.loginStaff('radiologist', TEST_PASSWORD)).accessToken });
    assert.deepEqual(
      [report.body.status, report.body.findings, report.body.conclusion, report.body.recommendations],
      ['FINAL', '흉부 PA: 양측 폐야에 활동성 병변 없음. 심비대 없음.', '활동성 폐병변 없음.', '추적 검사 불필요.'],
    );
    assert.deepEqual(first.errors, []);
    assert.deepEqual(second.errors, []);
  });

  test('the final report is amended with a reason; the reopened document is edited and signed again as AMENDED; the statistics count it', async () => {
    const { page, errors } = await staffPage('radiologist');
    const token = { token: (await node.http.loginStaff('radiologist', TEST_PASSWORD)).accessToken };
    await page.getByRole('link', { name: '판독서', exact: true }).click();
    await page.getByRole('link', { name: '흉부 X-ray (PA)' }).click();
    await page.getByRole('heading', { level: 1, name: '판독서 #2' }).waitFor();
    await page.getByTestId('report-status').filter({ hasText: '최종' }).waitFor();
    await page.getByText(/읽기 전용: /).waitFor();

    // Amending needs a reason: the server's 400, with the corrected text kept.
    await page.getByRole('button', { name: '수정판독', exact: true }).click();
    const amend = page.getByRole('form', { name: '수정판독' });
    assert.equal(await amend.getByLabel('수정할 결론').inputValue(), '활동성 폐병변 없음.');
    await amend.getByLabel('수정할 결론').fill('활동성 폐병변 없음. 경도 심비대.');
    await amend.getByRole('button', { name: '수정판독 서명' }).click();
    await amend.getByRole('alert').filter({ hasText: /사유|reason/ }).first().waitFor();
    assert.equal(await amend.getByLabel('수정할 결론').inputValue(), '활동성 폐병변 없음. 경도 심비대.');
    await amend.getByLabel('수정판독 사유 (필수)').fill('심비대 소견 누락');
    await amend.getByRole('button', { name: '수정판독 서명' }).click();

    // Signed as an amendment, and the live document is open again with the corrected text.
    await page.getByTestId('report-status').filter({ hasText: '정정됨' }).waitFor();
    await page.getByText('수정판독으로 다시 열린 문서입니다.').waitFor();
    const impression = page.getByLabel('결론 (Impression)');
    await showsText(impression, '경도 심비대.');
    assert.equal(await impression.isEditable(), true);

    // The second radiologist opens it now and watches the edit arrive (so it is stored before signing).
    const watcher = await staffPage('radiologist.two');
    await watcher.page.goto('/radiology-doctor/reports/2');
    await watcher.page.getByText('실시간 연결됨 · 동기화됨').waitFor();
    await impression.click();
    await impression.press('Control+End');
    await impression.pressSequentially(' 추적 불필요.');
    await showsText(watcher.page.getByLabel('결론 (Impression)'), '경도 심비대. 추적 불필요.');

    await page.getByLabel('재서명 사유 (필수)').fill('결론 보완');
    await page.getByRole('button', { name: '수정판독 다시 서명' }).click();
    await page.getByText(/읽기 전용: /).waitFor();
    assert.equal(await impression.isEditable(), false);
    await page.getByRole('cell', { name: '결론 보완' }).waitFor();
    await screenshot(page, 'radiologist-amendment');

    const report = (await node.http.get('/api/v1/radiology-doctor/reports/2', token)).body;
    assert.deepEqual([report.status, report.conclusion, report.amendment_reason], ['AMENDED', '활동성 폐병변 없음. 경도 심비대. 추적 불필요.', '결론 보완']);
    const history = (await node.http.get('/api/v1/radiology-doctor/reports/2/history', token)).body as { kind: string; reason: string | null }[];
    assert.deepEqual(history.filter((h) => h.kind === 'AMEND').map((h) => h.reason), ['심비대 소견 누락', '결론 보완']);

    // The statistics: my amendments today, against everyone's.
    await page.getByRole('link', { name: '판독 통계' }).click();
    await page.getByRole('heading', { level: 1, name: '판독 통계' }).waitFor();
    const today = page.getByRole('table', { name: '오늘: 나와 전체 비교' });
    const dashboard = (await node.http.get('/api/v1/radiology-doctor/dashboard', token)).body;
    assert.equal(dashboard.today.mine.signed.AMEND, 2);
    const amendments = today.getByRole('row', { name: /수정판독 서명/ });
    // The screen shows the cached numbers first, then the fresh ones.
    await amendments.getByRole('cell').first().filter({ hasText: /^\s*2\s*$/ }).waitFor();
    assert.deepEqual((await amendments.getByRole('cell').allInnerTexts()).map((text) => text.trim()), ['2', String(dashboard.today.all.signed.AMEND)]);
    await screenshot(page, 'radiologist-statistics');
    assert.deepEqual(errors, []);
    assert.deepEqual(watcher.errors, []);
  });

  test('the radiologist runs the AI on a chest CT with a nodule: steps to 완료, then the nodule over the image, slice by slice', async () => {
    // The pulmonologist's order, booked and acquired: a phantom chest CT (24 slices of 160²) with a 9 mm nodule.
    const suite = new AiSuite(node);
    await suite.start();
    const entry = await suite.scheduledChestCt(1);
    await suite.upload({ patientId: 1, accessionNumber: entry.accession_number }, chestCt(await suite.patient(1), [{ centerMm: [-40, 0, 0], diameterMm: 9 }], entry.accession_number));

    const { page, errors } = await staffPage('radiologist');
    await page.getByRole('link', { name: '판독 대기 목록' }).click();
    await page.getByRole('link', { name: new RegExp(`판독 열기: .*${entry.accession_number}`) }).click();
    await page.getByRole('heading', { level: 1, name: '판독: 흉부 CT (비조영)' }).waitFor();
    const panel = page.getByRole('region', { name: 'AI 분석' });
    await panel.getByText('아직 AI 분석이 없습니다.').waitFor();
    await panel.getByRole('button', { name: 'AI 분석 실행' }).click();
    const analysis = panel.getByRole('article', { name: /폐결절 검출/ });
    await analysis.locator('[aria-current="step"]').filter({ hasText: '완료' }).waitFor({ timeout: 60_000 });
    assert.deepEqual(await analysis.getByRole('list', { name: '분석 진행 상태' }).getByRole('listitem').allInnerTexts(), ['대기', '분석 중', '완료']);
    await analysis.getByRole('note').filter({ hasText: /^임상 사용 불가:/ }).waitFor();
    await analysis.getByRole('cell', { name: '폐결절 1 (nodule 1)' }).waitFor();
    assert.ok(await stepsThroughOverlay(analysis, /폐결절 검출/, 160) <= 7);
    await screenshot(page, 'radiologist-ai-overlay');
    // WCAG 2.1 AA on the AI panel (the page's shell is other screens' business).
    const violations = await axeViolations(page);
    const inPanel = await page.evaluate((found) => found.filter((v) => v.nodes.some((selector) => document.querySelector(selector)?.closest('section[aria-label="AI 분석"]'))), violations);
    assert.deepEqual(inPanel, []);
    assert.deepEqual(errors, []);
  });
});
