import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { SessionUser } from '../../services/context.js';
import type { CollabLoadResult } from '../../services/realtime/collab.service.js';
import { readReportDocument, REPORT_MAP } from '../../lib/realtime/report-document.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { upgradeStatus, wsBase } from '../helpers/collab.js';

type Row = Record<string, any>;

/** Polls until `check` holds (live updates arrive asynchronously); fails with `what` after 5 s. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * The collaborative radiology report (issue #7 §3) over real sockets with the y-websocket
 * provider: the radiologist writes, the ordering doctor (doctor.pulmo, patient 1 PULMONOLOGY)
 * watches read-only, `finalize` signs the document's text and locks it, an amendment reopens it.
 */
describe('collaborative radiology report: edited live, finalized from the document, reopened by an amendment', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  /** The providers a test opened; closed at its end, so no client's local leftovers outlive it. */
  let providers: WebsocketProvider[] = [];
  let reportId: number;
  let orderId: number;

  const as = (login: string) => ({ token: tokens[login] });
  const models = async () => (await t.node.runtime.database()).models;
  const sessionOf = (login: string): SessionUser => {
    const claims = JSON.parse(Buffer.from(tokens[login].split('.')[1], 'base64url').toString()) as SessionUser & { sub: string };
    return { ...claims, id: Number(claims.sub) };
  };
  const report = async () => (await (await models()).RadiologyReport.findByPk(reportId))!;
  /** The document as stored (not as any client holds it). */
  const stored = async () => {
    const loaded = await t.node.broker.call<CollabLoadResult, object>('collab.load', { docName: `report:${reportId}` }, { meta: { user: sessionOf('radiologist') } });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(loaded.state, 'base64'));
    return { ...readReportDocument(doc)!, locked: loaded.locked };
  };

  /** The HTTP status a plain socket gets when it asks for the document (no socket is opened when refused). */
  const statusFor = (login: string) => upgradeStatus(`${wsBase(t.http)}/report:${reportId}?token=${tokens[login]}`);

  /** A y-websocket client of `report:<id>` signed in as `login`, synced. */
  async function open(login: string): Promise<{ doc: Y.Doc; text: (field: string) => Y.Text; provider: WebsocketProvider }> {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(wsBase(t.http), `report:${reportId}`, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: tokens[login] }, disableBc: true,
    });
    providers.push(provider);
    await until(`${login} synced`, () => provider.synced);
    const text = (field: string) => doc.getMap(REPORT_MAP).get(field) as Y.Text;
    return { doc, text, provider };
  }

  before(async () => {
    t = await startTestNode();
    for (const login of ['radiologist', 'doctor.pulmo', 'doctor.neuro', 'nurse', 'radtech', 'sysadmin']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
    const created = await t.http.post('/api/v1/staff', { username: 'radiologist.collab', role: 'radiologist', name: '공판독', password: 'Reader2Pass123' }, as('sysadmin'));
    assert.equal(created.status, 200, JSON.stringify(created.body));
    tokens['radiologist.collab'] = (await t.http.loginStaff('radiologist.collab', 'Reader2Pass123')).accessToken;

    const order = await t.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId: 1, priority: 'ROUTINE', items: [{ code: 'CT-CHEST' }] }, as('doctor.pulmo'));
    assert.equal(order.status, 200, JSON.stringify(order.body));
    orderId = order.body.id;
    // Tomorrow, 10:00 KST: the only booking on this fresh database.
    const tomorrow = new Date(Date.now() + 9 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const booked = await t.http.post('/api/v1/ris/schedules', { orderId, room: 'CT1', scheduledAt: `${tomorrow}T10:00:00+09:00` }, as('radtech'));
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    for (const step of ['start', 'complete']) assert.equal((await t.http.post(`/api/v1/ris/schedules/${booked.body.id}/${step}`, {}, as('radtech'))).status, 200);
    const draft = await t.http.post('/api/v1/radiology-doctor/reports', { scheduleId: booked.body.id, findings: '우하엽 결절.' }, as('radiologist'));
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    reportId = draft.body.id;
    // The study's AI analysis, finished (the pipeline itself is ai-analysis.test.ts's subject).
    await (await models()).AIAnalysisResult.create({
      image_id: draft.body.image_id, patient_fk_id: 1, analysis_type: 'LUNG_CT', status: 'DONE', findings: '우하엽 21mm 고형 결절', recommendations: 'Lung-RADS 4B',
    });
  });

  afterEach(() => {
    // The doc too: its awareness keeps a timer running until the doc is destroyed.
    for (const provider of providers) {
      provider.destroy();
      provider.doc.destroy();
    }
    providers = [];
  });
  after(() => t.stop());

  test('who may open it: radiologists and the ordering doctor; a doctor out of scope 404, a nurse 403', async () => {
    assert.equal(await statusFor('doctor.neuro'), 404, 'the draft of a study someone else ordered, outside the scope');
    assert.equal(await statusFor('nurse'), 403);
    assert.equal(await statusFor('doctor.pulmo'), 101);
  });

  test('the document starts as the report stands, with the study\'s AI findings', async () => {
    const { text } = await open('radiologist');
    assert.equal(text('findings').toString(), '우하엽 결절.');
    assert.equal(text('impression').toString(), '');
    assert.match(text('aiFindings').toString(), /우하엽 21mm 고형 결절[\s\S]*Lung-RADS 4B/);
  });

  test('two radiologists write together; the ordering doctor sees it live but cannot edit', async () => {
    const reader = await open('radiologist');
    const colleague = await open('radiologist.collab');
    const doctor = await open('doctor.pulmo');
    reader.text('findings').insert(reader.text('findings').length, ' 21mm, 분엽상.');
    colleague.text('recommendations').insert(0, '조직검사 권고.');
    await until('the doctor sees both edits', () =>
      doctor.text('findings').toString() === '우하엽 결절. 21mm, 분엽상.' && doctor.text('recommendations').toString() === '조직검사 권고.');
    await until('the writers see each other', () => reader.text('recommendations').toString() === '조직검사 권고.');
    doctor.text('impression').insert(0, '의사가 쓴 결론');
    await settle();
    assert.equal(reader.text('impression').toString(), '', 'the reader\'s edit reaches nobody');
    assert.equal((await stored()).conclusion, '', 'and is not stored');
  });

  test('contributors: who wrote the document, with update counts', async () => {
    const res = await t.http.get(`/api/v1/radiology-doctor/reports/${reportId}/contributors`, as('radiologist'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const byId = new Map((res.body as Row[]).map((c) => [c.userId, c]));
    assert.ok(byId.get(sessionOf('radiologist').id)?.updates >= 1, JSON.stringify(res.body));
    assert.equal(byId.get(sessionOf('radiologist.collab').id)?.name, '공판독');
    assert.ok(!byId.has(sessionOf('doctor.pulmo').id), 'the reader wrote nothing');
    assert.equal((await t.http.get(`/api/v1/radiology-doctor/reports/${reportId}/contributors`, as('doctor.pulmo'))).status, 200);
    assert.equal((await t.http.get(`/api/v1/radiology-doctor/reports/${reportId}/contributors`, as('nurse'))).status, 403);
  });

  test('finalize without a conclusion is refused (400) and the document stays editable', async () => {
    const res = await t.http.post(`/api/v1/radiology-doctor/reports/${reportId}/finalize`, {}, as('radiologist'));
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.details[0].field, 'conclusion');
    assert.equal((await report()).status, 'DRAFT');
    assert.equal((await stored()).locked, false);
    assert.equal((await t.http.post(`/api/v1/radiology-doctor/reports/${reportId}/finalize`, {}, as('doctor.pulmo'))).status, 403, 'doctors do not sign');
  });

  test('finalize signs the document\'s text as the FINAL report and locks the document', async () => {
    const reader = await open('radiologist');
    reader.text('impression').insert(0, '원발성 폐암 의심 (Lung-RADS 4B).');
    await until('the conclusion is stored', async () => (await stored()).conclusion === '원발성 폐암 의심 (Lung-RADS 4B).');
    const res = await t.http.post(`/api/v1/radiology-doctor/reports/${reportId}/finalize`, {}, as('radiologist'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const row = await report();
    assert.deepEqual([row.status, row.findings, row.conclusion, row.recommendations],
      ['FINAL', '우하엽 결절. 21mm, 분엽상.', '원발성 폐암 의심 (Lung-RADS 4B).', '조직검사 권고.']);
    const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
    assert.equal(order.body.status, 'REPORTED', 'the ordinary final workflow ran');
    const revisions = await (await models()).RadiologyReportRevision.findAll({ where: { report_id: reportId, kind: 'FINAL' } });
    assert.equal(revisions.length, 1);

    assert.equal((await stored()).locked, true);
    reader.text('findings').insert(0, '서명 후 수정 ');
    await settle();
    assert.equal((await stored()).findings, '우하엽 결절. 21mm, 분엽상.', 'edits after the signature are not applied');
    const again = await t.http.post(`/api/v1/radiology-doctor/reports/${reportId}/finalize`, {}, as('radiologist'));
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.type, 'REPORT_LOCKED');
  });

  test('an amendment reopens the document with the amended text; finalize then signs the next amendment', async () => {
    const watcher = await open('radiologist.collab');
    const amend = await t.http.put(`/api/v1/radiology-doctor/reports/${reportId}`,
      { action: 'amend', conclusion: '원발성 폐암 의심 (Lung-RADS 4B). 좌상엽 4mm 결절.', reason: '좌상엽 결절 누락' }, as('radiologist'));
    assert.equal(amend.status, 200, JSON.stringify(amend.body));
    assert.equal((await stored()).locked, false);
    await until('the open document shows the amended conclusion', () => watcher.text('impression').toString() === '원발성 폐암 의심 (Lung-RADS 4B). 좌상엽 4mm 결절.');

    watcher.text('recommendations').insert(watcher.text('recommendations').length, ' 3개월 후 추적 CT.');
    await until('the edit is stored', async () => (await stored()).recommendations === '조직검사 권고. 3개월 후 추적 CT.');
    const noReason = await t.http.post(`/api/v1/radiology-doctor/reports/${reportId}/finalize`, {}, as('radiologist.collab'));
    assert.equal(noReason.status, 400, 'signing a reopened report is an amendment: it needs a reason');
    assert.equal((await stored()).locked, false);
    const res = await t.http.post(`/api/v1/radiology-doctor/reports/${reportId}/finalize`, { reason: '추적 권고 추가' }, as('radiologist.collab'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const row = await report();
    assert.deepEqual([row.status, row.recommendations, row.amendment_reason], ['AMENDED', '조직검사 권고. 3개월 후 추적 CT.', '추적 권고 추가']);
    assert.equal((await stored()).locked, true);
  });

  test('a report signed FINAL before its document existed opens locked, with the signed text', async () => {
    const signed = await (await models()).RadiologyReport.findOne({ where: { status: 'FINAL' }, order: [['id', 'ASC']] });
    assert.ok(signed && signed.id !== reportId, 'the demo has a final report whose document was never opened');
    const loaded = await t.node.broker.call<CollabLoadResult, object>('collab.load', { docName: `report:${signed.id}` }, { meta: { user: sessionOf('radiologist') } });
    assert.equal(loaded.locked, true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(loaded.state, 'base64'));
    assert.equal(readReportDocument(doc)!.conclusion, signed.conclusion ?? '');
  });
});
