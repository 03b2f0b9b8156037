import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionUser } from '../../services/context.js';
import type { ReportSummary } from '../../services/ris/radiology-reports.service.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const kstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
let slots = 0;
/** A fresh hour-long slot from tomorrow on (KST), so bookings never overlap. */
function nextSlot(): string {
  const hour = slots++;
  return new Date(`${addDays(kstToday(), 1 + Math.floor(hour / 24))}T${String(hour % 24).padStart(2, '0')}:00:00+09:00`).toISOString();
}

type Row = Record<string, any>;

/**
 * The end of the imaging loop: a doctor's imaging order is scheduled, acquired and read — a
 * draft, a preliminary and a final report with the study and the order closed, the ordering
 * doctor notified at each signature — released to the patient, then amended with the old text
 * kept in the history. Patients 1 and 6 are PULMONOLOGY (doctor.pulmo's scope).
 */
describe('radiology reports: draft → preliminary → final → amended, released to the patient', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  let pulmoId: number;

  before(async () => {
    t = await startTestNode();
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'frontdesk', 'radtech', 'radiologist', 'sysadmin']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
    tokens.patient1 = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    // A second radiologist, to show that a draft is its author's alone.
    const created = await t.http.post('/api/v1/staff', { username: 'radiologist.two', role: 'radiologist', name: '오판독', password: 'Reader2Pass123' }, as('sysadmin'));
    assert.equal(created.status, 200, JSON.stringify(created.body));
    tokens['radiologist.two'] = (await t.http.loginStaff('radiologist.two', 'Reader2Pass123')).accessToken;
    pulmoId = sessionOf('doctor.pulmo').id;
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  function as(login: string) {
    return { token: tokens[login] };
  }
  function sessionOf(login: string): SessionUser {
    const claims = JSON.parse(Buffer.from(tokens[login].split('.')[1], 'base64url').toString()) as SessionUser & { sub: string };
    return { ...claims, id: Number(claims.sub) };
  }
  const put = (path: string, body: unknown, login: string) => t.http.request('PUT', path, { body, token: tokens[login] });
  const write = (id: number, body: Row, login = 'radiologist') => put(`/api/v1/radiology-doctor/reports/${id}`, body, login);
  const startReport = (body: Row, login = 'radiologist') => t.http.post('/api/v1/radiology-doctor/reports', body, as(login));
  const scheduleOf = async (id: number) => (await (await models()).RisSchedule.findByPk(id))!;
  const reportNotices = async (reportId: number) => (await models()).Notification.findAll({
    where: { user_id: pulmoId, related_resource_type: 'RadiologyReport', related_resource_id: String(reportId) }, order: [['id', 'ASC']],
  });
  const orderNotices = async (orderId: number) => (await models()).Notification.findAll({
    where: { user_id: pulmoId, related_resource_type: 'OcsOrder', related_resource_id: String(orderId) }, order: [['id', 'ASC']],
  });
  /** The outcomes of the report audit rows one request wrote. */
  async function reportAudit(requestId: string): Promise<string[]> {
    await t.node.broker.call('audit.flush');
    const rows = await (await models()).ActivityLog.findAll({ where: { request_id: requestId, resource_type: 'RadiologyReport' }, order: [['id', 'ASC']] });
    return rows.map((a) => `${a.action_type}:${a.outcome}`);
  }

  /** A doctor's imaging order, booked by the radiographer; `acquire` also starts and completes it. */
  async function study(patientId: number, code: string, acquire = true, priority = 'ROUTINE'): Promise<{ orderId: number; scheduleId: number }> {
    const order = await t.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId, priority, items: [{ code }] }, as('doctor.pulmo'));
    assert.equal(order.status, 200, JSON.stringify(order.body));
    const room = code.startsWith('CT') ? 'CT1' : 'XR1';
    const booked = await t.http.post('/api/v1/ris/schedules', { orderId: order.body.id, room, scheduledAt: nextSlot() }, as('radtech'));
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    if (acquire) {
      for (const step of ['start', 'complete']) {
        const res = await t.http.post(`/api/v1/ris/schedules/${booked.body.id}/${step}`, {}, as('radtech'));
        assert.equal(res.status, 200, JSON.stringify(res.body));
      }
    }
    return { orderId: order.body.id, scheduleId: booked.body.id };
  }

  test('the routes are published with their permissions; the workflow\'s inner actions are internal', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    const op = (p: string, method: string) => spec.body.paths[p]?.[method] as { operationId: string; 'x-permission': string } | undefined;
    assert.equal(op('/api/v1/radiology-doctor/reports', 'post')?.['x-permission'], 'reports.write');
    assert.equal(op('/api/v1/radiology-doctor/reports/{id}', 'put')?.operationId, 'radiologist.update');
    assert.equal(op('/api/v1/radiology-doctor/worklist', 'get')?.['x-permission'], 'reports.read');
    assert.equal(op('/api/v1/radiology-doctor/dashboard', 'get')?.['x-permission'], 'dashboard.radiologist');
    assert.equal(op('/api/v1/radiology-reports/{id}/release', 'post')?.['x-permission'], 'reports.release');
    assert.equal(op('/api/v1/radiology-reports/{id}/history', 'get')?.operationId, 'radiology-reports.history');
    assert.equal(op('/api/v1/portal/radiology-reports/{id}', 'get')?.['x-permission'], 'portal.self');
    const published = JSON.stringify(spec.body.paths);
    for (const inner of ['radiology-reports.create', 'radiology-reports.update', 'radiology-reports.mine', 'radiology-reports.forOrders', 'radiology-reports.statistics']) {
      assert.ok(!published.includes(`"${inner}"`), inner);
    }
  });

  describe('the loop for patient 1', () => {
    let orderId: number;
    let scheduleId: number;
    let reportId: number;
    let imageId: number;

    test('a study not yet acquired cannot be reported (409); once acquired it is on the reading worklist', async () => {
      ({ orderId, scheduleId } = await study(1, 'CT-CHEST', false));
      const early = await startReport({ scheduleId, findings: '성급한 판독' });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.equal(early.body.error.type, 'STUDY_NOT_READY');
      assert.equal(await (await models()).RadiologyReport.count({ where: { schedule_id: scheduleId } }), 0);
      assert.equal((await t.http.post(`/api/v1/ris/schedules/${scheduleId}/start`, {}, as('radtech'))).status, 200);
      assert.equal((await t.http.post(`/api/v1/ris/schedules/${scheduleId}/complete`, { seriesCount: 2 }, as('radtech'))).status, 200);

      const worklist = await t.http.get('/api/v1/radiology-doctor/worklist?pageSize=100', as('radiologist'));
      assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
      const entry = worklist.body.items.find((s: Row) => s.id === scheduleId);
      assert.ok(entry, 'the acquired study waits for its reading');
      assert.equal(entry.status, 'AWAITING_READ');
      assert.ok(worklist.body.items.every((s: Row) => ['AWAITING_READ', 'READING'].includes(s.status)));
      imageId = entry.medical_image_id;
      assert.ok(imageId);
    });

    test('the radiologist starts a draft: linked to the study, image, order and patient; RIS moves to 판독중', async () => {
      const res = await startReport({ scheduleId, findings: '우하엽에 경계가 불분명한 음영.' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      reportId = res.body.id;
      const schedule = await scheduleOf(scheduleId);
      assert.deepEqual(
        [res.body.status, res.body.version, res.body.image_id, res.body.patient_id, res.body.order_id, res.body.schedule_id, res.body.accession_number, res.body.study_description],
        ['DRAFT', 1, imageId, 1, orderId, scheduleId, schedule.accession_number, '흉부 CT (비조영)'],
      );
      const reader = await (await models()).RadiologyDoctor.findOne({ where: { user_id: sessionOf('radiologist').id } });
      assert.equal(res.body.radiologist_id, reader!.id);
      assert.equal(schedule.status, 'READING');
      assert.equal((await (await models()).MedicalImage.findByPk(imageId))!.status, 'READING');
      await t.node.broker.call('audit.flush');
      const audit = await (await models()).ActivityLog.findAll({ where: { request_id: res.requestId, resource_type: 'RadiologyReport' } });
      assert.ok(audit.some((a) => a.action_type === 'create' && a.outcome === 'success' && a.patient_id === 1), 'the creation is audited');
    });

    test('one report per study: a second one is refused (409)', async () => {
      const again = await startReport({ scheduleId }, 'radiologist.two');
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal(again.body.error.type, 'REPORT_EXISTS');
      assert.equal(again.body.error.details.reportId, reportId);
    });

    test('a draft is the reading room\'s own: the doctor gets 404, another radiologist may read but not edit it (403)', async () => {
      const hidden = await t.http.get(`/api/v1/radiology-reports/${reportId}`, as('doctor.pulmo'));
      assert.equal(hidden.status, 404);
      assert.deepEqual(await reportAudit(hidden.requestId), ['read:denied'], 'the refused read is audited as a denial, not a read');
      const hiddenHistory = await t.http.get(`/api/v1/radiology-reports/${reportId}/history`, as('doctor.pulmo'));
      assert.equal(hiddenHistory.status, 404);
      assert.deepEqual(await reportAudit(hiddenHistory.requestId), ['read:denied']);
      const listed = await t.http.get('/api/v1/radiology-reports?patientId=1&pageSize=100', as('doctor.pulmo'));
      assert.equal(listed.status, 200);
      assert.ok(!listed.body.items.some((r: Row) => r.id === reportId));
      assert.ok(listed.body.items.every((r: Row) => r.status !== 'DRAFT'));
      const colleague = await t.http.get(`/api/v1/radiology-doctor/reports/${reportId}`, as('radiologist.two'));
      assert.equal(colleague.status, 200);
      assert.deepEqual(await reportAudit(colleague.requestId), ['read:success']);
      const edit = await write(reportId, { action: 'save', findings: '남의 초안 수정' }, 'radiologist.two');
      assert.equal(edit.status, 403, JSON.stringify(edit.body));
      assert.equal(edit.body.error.type, 'NOT_REPORT_OWNER');
      const sign = await write(reportId, { action: 'final', findings: 'x', conclusion: 'y' }, 'radiologist.two');
      assert.equal(sign.status, 403);
      assert.equal((await (await models()).RadiologyReport.findByPk(reportId))!.findings, '우하엽에 경계가 불분명한 음영.');
    });

    test('nurses may not write reports (403) nor read them; the front desk neither', async () => {
      const res = await startReport({ scheduleId }, 'nurse');
      assert.equal(res.status, 403);
      assert.equal((await write(reportId, { action: 'save', findings: '간호사' }, 'nurse')).status, 403);
      assert.equal((await t.http.get(`/api/v1/radiology-reports/${reportId}`, as('nurse'))).status, 403);
      assert.equal((await t.http.get('/api/v1/radiology-doctor/reports', as('frontdesk'))).status, 403);
      assert.equal((await startReport({ scheduleId }, 'frontdesk')).status, 403);
    });

    test('the author saves the draft many times; each save is a version', async () => {
      const first = await write(reportId, { action: 'save', findings: '우하엽에 2.1cm 크기의 경계가 불분명한 결절.' });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const second = await write(reportId, { action: 'save', recommendations: '조직검사 고려.' });
      assert.equal(second.status, 200);
      assert.deepEqual([second.body.status, second.body.version, second.body.findings, second.body.recommendations],
        ['DRAFT', 3, '우하엽에 2.1cm 크기의 경계가 불분명한 결절.', '조직검사 고려.']);
      assert.equal((await reportNotices(reportId)).length, 0, 'drafts notify nobody');
    });

    test('a signature needs a conclusion (400); a reason belongs only to amendments (400)', async () => {
      const unsigned = await write(reportId, { action: 'preliminary' });
      assert.equal(unsigned.status, 400, JSON.stringify(unsigned.body));
      assert.equal(unsigned.body.error.details[0].field, 'conclusion');
      const reasoned = await write(reportId, { action: 'save', reason: '왜?' });
      assert.equal(reasoned.status, 400);
      const row = (await (await models()).RadiologyReport.findByPk(reportId))!;
      assert.deepEqual([row.status, row.version], ['DRAFT', 3], 'nothing stored');
    });

    test('signed preliminary: the ordering doctor is notified and reads it marked preliminary', async () => {
      const res = await write(reportId, { action: 'preliminary', conclusion: '우하엽 결절, 폐암 가능성.' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'PRELIMINARY');
      assert.equal(res.body.signed_by_id, sessionOf('radiologist').id);
      assert.equal(res.body.report_date, null, '판독일 is the final reading\'s');
      const notices = await reportNotices(reportId);
      assert.equal(notices.length, 1);
      assert.equal(notices[0].notification_type, 'RESULT');
      assert.match(notices[0].title, /예비판독/);
      const seen = await t.http.get(`/api/v1/radiology-reports/${reportId}`, as('doctor.pulmo'));
      assert.equal(seen.status, 200);
      assert.equal(seen.body.status, 'PRELIMINARY');
      const inbox = await t.node.broker.call<ReportSummary[], object>('radiology-reports.forOrders', { orderIds: [orderId] }, { meta: { user: sessionOf('doctor.pulmo') } });
      assert.deepEqual(inbox.map((r) => [r.id, r.order_id, r.status, r.preliminary]), [[reportId, orderId, 'PRELIMINARY', true]]);
      assert.equal((await scheduleOf(scheduleId)).status, 'READING', 'a preliminary reading does not close the study');
    });

    test('a preliminary report is not reopened as a draft (409) and cannot be released yet (409)', async () => {
      const res = await write(reportId, { action: 'save', findings: '되돌리기' });
      assert.equal(res.status, 409, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'ILLEGAL_TRANSITION');
      assert.deepEqual(res.body.error.details, { from: 'PRELIMINARY', action: 'save', allowed: ['final'] });
      const release = await t.http.post(`/api/v1/radiology-reports/${reportId}/release`, {}, as('doctor.pulmo'));
      assert.equal(release.status, 409);
      assert.equal(release.body.error.type, 'REPORT_NOT_FINAL');
    });

    test('signed final: the study is 판독완료, the image READ, the order REPORTED with the conclusion; the doctor is notified', async () => {
      const res = await write(reportId, { action: 'final', conclusion: '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B).' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'FINAL');
      assert.ok(res.body.report_date);
      const schedule = await scheduleOf(scheduleId);
      assert.equal(schedule.status, 'READ');
      assert.equal((await (await models()).MedicalImage.findByPk(imageId))!.status, 'READ');
      const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
      assert.equal(order.body.status, 'REPORTED');
      assert.equal(order.body.result_summary, '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B).');
      const notices = await reportNotices(reportId);
      assert.equal(notices.length, 2);
      assert.match(notices[1].title, /최종판독/);
      assert.match(notices[1].message!, /Lung-RADS 4B/);
      const reading = await t.http.get(`/api/v1/radiology-reports?patientId=1&status=FINAL`, as('doctor.pulmo'));
      assert.ok(reading.body.items.some((r: Row) => r.id === reportId));
      const mine = await t.http.get('/api/v1/radiology-reports?mine=true&pageSize=100', as('doctor.pulmo'));
      assert.ok(mine.body.items.some((r: Row) => r.id === reportId), 'the results of the doctor\'s own orders');
      assert.ok(!(await t.http.get('/api/v1/radiology-doctor/worklist?pageSize=100', as('radiologist'))).body.items.some((s: Row) => s.id === scheduleId));
    });

    test('a final report is locked: saving or signing again is 409, an amendment without a reason 400', async () => {
      for (const body of [{ action: 'save', findings: '수정' }, { action: 'final', conclusion: '다시' }, { action: 'preliminary' }]) {
        const res = await write(reportId, body);
        assert.equal(res.status, 409, JSON.stringify(res.body));
        assert.equal(res.body.error.type, 'ILLEGAL_TRANSITION');
      }
      const noReason = await write(reportId, { action: 'amend', conclusion: '사유 없는 수정' });
      assert.equal(noReason.status, 400, JSON.stringify(noReason.body));
      assert.equal(noReason.body.error.details[0].field, 'reason');
      const row = (await (await models()).RadiologyReport.findByPk(reportId))!;
      assert.deepEqual([row.status, row.conclusion], ['FINAL', '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B).']);
    });

    test('the patient does not see the report until a doctor releases it; the radiologist may not release (403)', async () => {
      const before = await t.http.get('/api/v1/portal/radiology-reports', as('patient1'));
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.ok(!before.body.items.some((r: Row) => r.id === reportId));
      const unreleased = await t.http.get(`/api/v1/portal/radiology-reports/${reportId}`, as('patient1'));
      assert.equal(unreleased.status, 404);
      assert.deepEqual(await reportAudit(unreleased.requestId), ['read:denied'], 'the patient\'s refused read is a denial');
      assert.equal((await t.http.post(`/api/v1/radiology-reports/${reportId}/release`, {}, as('radiologist'))).status, 403);
      assert.equal((await t.http.post(`/api/v1/radiology-reports/${reportId}/release`, {}, as('doctor.neuro'))).status, 404, 'outside the doctor\'s scope');
    });

    test('a doctor releases the final report (again: unchanged); the patient then reads it without its history', async () => {
      const release = await t.http.post(`/api/v1/radiology-reports/${reportId}/release`, {}, as('doctor.pulmo'));
      assert.equal(release.status, 200, JSON.stringify(release.body));
      assert.ok(release.body.released_at);
      assert.equal(release.body.released_by_id, pulmoId);
      const again = await t.http.post(`/api/v1/radiology-reports/${reportId}/release`, {}, as('doctor.pulmo'));
      assert.equal(again.status, 200);
      assert.equal(again.body.released_at, release.body.released_at, 'releasing is idempotent');
      const notices = await t.http.get('/api/v1/portal/notifications', as('patient1'));
      const released = notices.body.items.filter((n: Row) => n.related_resource_type === 'RadiologyReport' && n.related_resource_id === String(reportId));
      assert.equal(released.length, 1, 'the patient is told once, not again on the idempotent repeat');
      assert.match(released[0].title, /^영상 검사 결과가 공개되었습니다/);

      const list = await t.http.get('/api/v1/portal/radiology-reports', as('patient1'));
      const listed = list.body.items.find((r: Row) => r.id === reportId);
      assert.ok(listed);
      assert.equal(listed.conclusion, '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B).');
      const one = await t.http.get(`/api/v1/portal/radiology-reports/${reportId}`, as('patient1'));
      assert.equal(one.status, 200);
      assert.deepEqual(await reportAudit(one.requestId), ['read:success']);
      assert.deepEqual([one.body.study_description, one.body.status, one.body.amended], ['흉부 CT (비조영)', 'FINAL', false]);
      for (const hidden of ['radiologist_id', 'amendment_reason', 'version', 'signed_by_id', 'released_by_id', 'revisions']) assert.ok(!(hidden in one.body), hidden);
    });

    test('an amendment needs a reason, keeps the old text in the history, reaches the patient and notifies the doctor again', async () => {
      const res = await write(reportId, { action: 'amend', conclusion: '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B). 좌상엽 4mm 결절 추가.', reason: '좌상엽 결절 누락' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.status, res.body.amendment_reason, res.body.version], ['AMENDED', '좌상엽 결절 누락', 6]);
      const notices = await reportNotices(reportId);
      assert.equal(notices.length, 3, 'the doctor hears of the amended report');
      assert.match(notices[2].title, /수정판독/);
      const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
      assert.equal(order.status, 200, JSON.stringify(order.body));
      assert.equal(order.body.status, 'REPORTED');
      assert.equal(order.body.result_summary, '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B). 좌상엽 4mm 결절 추가.', 'the order\'s result line is the amended conclusion');
      const revised = order.body.events.filter((e: Row) => e.note === '수정판독: 좌상엽 결절 누락');
      assert.equal(revised.length, 1, JSON.stringify(order.body.events));
      assert.deepEqual([revised[0].from_status, revised[0].to_status], ['REPORTED', 'REPORTED']);
      assert.ok((await orderNotices(orderId)).some((n) => /결과 수정/.test(n.title)), 'and of the revised order');
      const patient = await t.http.get(`/api/v1/portal/radiology-reports/${reportId}`, as('patient1'));
      assert.match(patient.body.conclusion, /좌상엽 4mm 결절 추가/);
      assert.equal(patient.body.amended, true);
      assert.equal((await scheduleOf(scheduleId)).status, 'READ', 'the study stays read');

      const history = await t.http.get(`/api/v1/radiology-doctor/reports/${reportId}/history`, as('radiologist'));
      assert.equal(history.status, 200, JSON.stringify(history.body));
      const rows = history.body as Row[];
      assert.deepEqual(rows.map((r) => [r.kind, r.status, r.version]), [
        ['CREATE', 'DRAFT', 1], ['SAVE', 'DRAFT', 2], ['SAVE', 'DRAFT', 3], ['PRELIMINARY', 'PRELIMINARY', 4],
        ['FINAL', 'FINAL', 5], ['RELEASE', 'FINAL', 5], ['AMEND', 'AMENDED', 6],
      ]);
      assert.equal(rows[0].findings, '우하엽에 경계가 불분명한 음영.');
      assert.equal(rows[4].conclusion, '우하엽 2.1cm 결절, 원발성 폐암 의심 (Lung-RADS 4B).', 'the final text before the amendment is kept');
      assert.equal(rows[6].reason, '좌상엽 결절 누락');
      assert.equal(rows[5].author_id, pulmoId, 'the release is the doctor\'s');
      assert.ok(rows.filter((r) => r.kind !== 'RELEASE').every((r) => r.author_id === sessionOf('radiologist').id));
      // Each version names its author (the doctor's release, the radiologist's signatures).
      assert.equal(rows[5].author_name, '김호흡');
      assert.ok(rows[6].author_name && rows[6].author_name !== '김호흡');

      const doctorsView = await t.http.get(`/api/v1/radiology-reports/${reportId}/history`, as('doctor.pulmo'));
      assert.deepEqual(doctorsView.body.map((r: Row) => r.kind), ['PRELIMINARY', 'FINAL', 'RELEASE', 'AMEND'], 'doctors see the signed versions');

      const twice = await write(reportId, { action: 'amend', recommendations: '3개월 후 추적 CT.', reason: '권고사항 보완' });
      assert.equal(twice.status, 200);
      assert.equal(twice.body.version, 7);
      const nothing = await write(reportId, { action: 'amend', recommendations: '3개월 후 추적 CT.', reason: '같은 내용' });
      assert.equal(nothing.status, 400, 'an amendment must change something');
    });

    test('the radiologist\'s lists and dashboard count the day\'s readings', async () => {
      const mine = await t.http.get('/api/v1/radiology-doctor/reports?mine=true&status=AMENDED', as('radiologist'));
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.ok(mine.body.items.some((r: Row) => r.id === reportId));
      const theirs = await t.http.get('/api/v1/radiology-doctor/reports?mine=true', as('radiologist.two'));
      assert.ok(!theirs.body.items.some((r: Row) => r.id === reportId));
      const one = await t.http.get(`/api/v1/radiology-doctor/reports/${reportId}`, as('radiologist'));
      assert.deepEqual(one.body.allowedActions, ['amend']);

      const dashboard = await t.http.get('/api/v1/radiology-doctor/dashboard', as('radiologist'));
      assert.equal(dashboard.status, 200, JSON.stringify(dashboard.body));
      assert.equal(dashboard.body.date, kstToday());
      const today = dashboard.body.today.mine;
      assert.ok(today.signed.PRELIMINARY >= 1 && today.signed.FINAL >= 1 && today.signed.AMEND >= 2, JSON.stringify(today));
      assert.equal(dashboard.body.today.mine.signed.AMEND, dashboard.body.today.all.signed.AMEND, 'only this radiologist amended today');
      assert.ok(dashboard.body.statistics.all.signed.FINAL >= today.signed.FINAL);
      const worklist = dashboard.body.readingWorklist;
      assert.equal(worklist.awaitingRead + worklist.reading, worklist.total);
      assert.ok(worklist.items.every((s: Row) => ['AWAITING_READ', 'READING'].includes(s.status)));
      assert.equal((await t.http.get('/api/v1/radiology-doctor/dashboard', as('doctor.pulmo'))).status, 403);
    });
  });

  test('a draft goes straight to final; another patient\'s released report is 404 in patient 1\'s portal', async () => {
    const { scheduleId } = await study(6, 'XR-CHEST-PA');
    const draft = await startReport({ scheduleId, findings: '양측 폐야 깨끗함.', conclusion: '정상 흉부 X-ray.' });
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    const final = await write(draft.body.id, { action: 'final' });
    assert.equal(final.status, 200, JSON.stringify(final.body));
    assert.equal(final.body.status, 'FINAL');
    assert.equal((await scheduleOf(scheduleId)).status, 'READ');
    assert.equal((await t.http.post(`/api/v1/radiology-reports/${draft.body.id}/release`, {}, as('doctor.pulmo'))).status, 200);
    const foreign = await t.http.get(`/api/v1/portal/radiology-reports/${draft.body.id}`, as('patient1'));
    assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
    assert.ok(!(await t.http.get('/api/v1/portal/radiology-reports', as('patient1'))).body.items.some((r: Row) => r.id === draft.body.id));
  });

  test('bad input: unknown study 404, unknown action 400, unknown report 404, nothing stored', async () => {
    const count = async () => (await models()).RadiologyReport.count();
    const before = await count();
    assert.equal((await startReport({ scheduleId: 999_999 })).status, 404);
    assert.equal((await startReport({ scheduleId: 1, extra: true })).status, 400);
    assert.equal((await write(999_999, { action: 'save', findings: 'x' })).status, 404);
    const { scheduleId } = await study(1, 'XR-CHEST-PA');
    const draft = await startReport({ scheduleId });
    assert.equal(draft.status, 200);
    assert.equal((await write(draft.body.id, { action: 'publish' })).status, 400);
    assert.equal(await count(), before + 1);
  });

  test('the reading worklist puts STAT first, then URGENT, then ROUTINE; the dashboard counts the STAT studies', async () => {
    const routine = await study(6, 'XR-CHEST-PA');
    const urgent = await study(6, 'XR-CHEST-PA', true, 'URGENT');
    const stat = await study(1, 'CT-CHEST', true, 'STAT');
    const worklist = await t.http.get('/api/v1/radiology-doctor/worklist?pageSize=100', as('radiologist'));
    assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
    const items = worklist.body.items as Row[];
    assert.ok(worklist.body.total <= items.length, 'the whole worklist fits one page here');
    const position = (scheduleId: number) => items.findIndex((s) => s.id === scheduleId);
    assert.ok(position(stat.scheduleId) >= 0 && position(stat.scheduleId) < position(urgent.scheduleId), 'STAT before URGENT');
    assert.ok(position(urgent.scheduleId) < position(routine.scheduleId), 'URGENT before ROUTINE, though scheduled later');
    const rank = { STAT: 0, URGENT: 1, ROUTINE: 2 } as Record<string, number>;
    const ranks = items.map((s) => rank[s.priority as string]);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), JSON.stringify(items.map((s) => [s.id, s.priority])));

    const dashboard = await t.http.get('/api/v1/radiology-doctor/dashboard', as('radiologist'));
    assert.equal(dashboard.status, 200, JSON.stringify(dashboard.body));
    const stats = items.filter((s) => s.priority === 'STAT').length;
    assert.ok(stats >= 1);
    assert.equal(dashboard.body.readingWorklist.stat, stats);
    assert.equal(dashboard.body.readingWorklist.items[0].priority, 'STAT');
  });
});
