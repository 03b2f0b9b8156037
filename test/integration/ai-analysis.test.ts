import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { photoPhantom, type PhantomPatient } from '../../lib/ai/phantom-studies.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { readSegmentation } from '../../lib/dicom/seg.js';
import { writeMeasurementReport } from '../../lib/dicom/sr.js';
import { readMeasurementReport } from '../../lib/dicom/sr-read.js';
import { buildVolume } from '../../lib/dicom/volume.js';
import type { AnalysisAnswer } from '../../services/ai/analysis.service.js';
import type { StudyInfo } from '../../services/pacs/archive.js';
import { AiSuite, chestCt, until } from '../helpers/ai-analysis.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/**
 * The department AI analyses end to end (issue #6) on a whole node: phantom chest CTs uploaded
 * against RIS orders are analysed on their own (CDSS_AI_AUTO=lung-nodule), written back to the
 * PACS as SEG and SR, flag the reading worklist and notify; doctors ask for analyses over HTTP;
 * scope, permissions and bad input are refused with the right answer and audited.
 */
describe('AI analysis: triggers, results, DICOM SEG/SR, worklist, notifications, access', () => {
  let t: TestNode;
  let s: AiSuite;
  let patient: PhantomPatient;
  const entries: Record<'clean' | 'nodule', { id: number; accession_number: string }> = {} as never;
  const images: Record<'clean' | 'nodule', { id: number; study_instance_uid: string }> = {} as never;
  let nodule: AnalysisAnswer;
  let clean: AnalysisAnswer;

  before(async () => {
    t = await startTestNode({ CDSS_PACS: 'builtin', CDSS_PACS_STABLE_SECONDS: '1', CDSS_AI_AUTO: 'lung-nodule' });
    s = new AiSuite(t);
    await s.start();
    patient = await s.patient(1);
    // The clean study is booked first (older), the one with a nodule second.
    entries.clean = await s.scheduledChestCt(1);
    entries.nodule = await s.scheduledChestCt(1);
    images.clean = await s.upload({ patientId: 1, accessionNumber: entries.clean.accession_number }, chestCt(patient, [], entries.clean.accession_number));
    images.nodule = await s.upload({ patientId: 1, accessionNumber: entries.nodule.accession_number }, chestCt(patient, [{ centerMm: [-40, 0, 0], diameterMm: 9 }], entries.nodule.accession_number));
  });
  after(() => t?.stop());

  test('arriving chest CTs are analysed on their own: a 9 mm nodule → Fleischner and Lung-RADS 4A, a clean one → nothing', async () => {
    [nodule] = await s.settled(images.nodule.id);
    [clean] = await s.settled(images.clean.id);
    assert.equal(nodule.status, 'DONE', nodule.error ?? '');
    assert.deepEqual([nodule.trigger, nodule.pipeline_id, nodule.analysis_type, nodule.suspicion, nodule.patient_fk_id], ['auto', 'lung-nodule', 'LUNG_CT', 2, 1]);
    const findings = nodule.results!.findings as { longAxisMm: number; category: string }[];
    assert.equal(findings.length, 1);
    assert.ok(Math.abs(findings[0]!.longAxisMm - 9) <= 1.5, `long axis ${findings[0]!.longAxisMm} mm`);
    assert.equal(findings[0]!.category, '4A');
    assert.match(nodule.findings!, /Fleischner 2017/);
    assert.match(nodule.recommendations!, /PET\/CT/);
    assert.equal(nodule.model_version, 'reference-blob-seg2d@1.0.0');
    assert.equal(nodule.results!.notForClinicalUse, true);
    assert.ok(nodule.seg_sop_instance_uid && nodule.sr_sop_instance_uid);
    assert.equal(clean.status, 'DONE', clean.error ?? '');
    assert.deepEqual([clean.suspicion, (clean.results!.findings as unknown[]).length, clean.seg_sop_instance_uid], [0, 0, null]);
    assert.ok(clean.sr_sop_instance_uid, 'a clean result is reported too');
  });

  test('the SEG in the PACS names the source slices; the SR carries the nodule, the impression and the SEG', async () => {
    const info = (await t.node.broker.call<StudyInfo | null, object>('pacs.studyInfo', { studyInstanceUid: images.nodule.study_instance_uid }))!;
    assert.deepEqual([...info.modalities].sort(), ['CT', 'SEG', 'SR']);
    const dicom = nodule.results!.dicom as Record<'seg' | 'sr', { seriesInstanceUid: string; sopInstanceUid: string }>;
    const read = async (ref: { seriesInstanceUid: string; sopInstanceUid: string }) => parsePart10(new Uint8Array(await t.node.broker.call<Buffer, object>('pacs.instanceBytes', { studyInstanceUid: images.nodule.study_instance_uid, ...ref })));
    const seg = readSegmentation(await read(dicom.seg));
    const source = new Set(info.series.find((x) => x.seriesInstanceUid === nodule.series_instance_uid)!.instances.map((i) => i.sopInstanceUid));
    assert.equal(seg.segments.length, 1);
    assert.equal(seg.segments[0]!.label, '폐결절 1 (nodule 1)');
    assert.ok(seg.frames.length > 0 && seg.frames.every((f) => f.references.length > 0 && f.references.every((r) => source.has(r.sopInstanceUid))));
    const sr = readMeasurementReport(await read(dicom.sr));
    assert.equal(sr.findings.length, 1);
    assert.equal(sr.impression, nodule.findings);
    assert.equal(sr.findings[0]!.segment?.sopInstanceUid, dicom.seg.sopInstanceUid);
  });

  test('the reading worklist puts the suspicious routine study above the older clean one', async () => {
    const res = await t.http.get('/api/v1/radiology-doctor/worklist?pageSize=100', s.as('radiologist'));
    assert.equal(res.status, 200);
    const items = res.body.items as { id: number; priority: string; ai_suspicion: number; ai_analysis_id: number | null }[];
    const at = (id: number) => items.findIndex((i) => i.id === id);
    assert.ok(at(entries.nodule.id) >= 0 && at(entries.clean.id) >= 0);
    assert.ok(at(entries.nodule.id) < at(entries.clean.id), 'suspicious first');
    assert.deepEqual([items[at(entries.nodule.id)]!.priority, items[at(entries.nodule.id)]!.ai_suspicion, items[at(entries.nodule.id)]!.ai_analysis_id], ['ROUTINE', 2, nodule.id]);
    assert.deepEqual([items[at(entries.clean.id)]!.priority, items[at(entries.clean.id)]!.ai_suspicion], ['ROUTINE', 0]);
  });

  test('the ordering doctor hears of both analyses, every radiologist of the suspicious one only', async () => {
    const about = (list: { notification_type: string; related_resource_id: string | null }[], id: number) => list.filter((n) => n.notification_type === 'ANALYSIS_DONE' && n.related_resource_id === String(id)).length;
    const doctor = await s.notifications('doctor.pulmo');
    const radiologist = await s.notifications('radiologist');
    assert.deepEqual([about(doctor, nodule.id), about(doctor, clean.id)], [1, 1]);
    assert.deepEqual([about(radiologist, nodule.id), about(radiologist, clean.id)], [1, 0]);
  });

  test('our own SEG and SR make the study stable again without starting another analysis', async () => {
    await until('the study made stable again by the SEG/SR', async () => s.recorded.find((r) => r.trigger === 'study.stable'
      && r.image.study_instance_uid === images.nodule.study_instance_uid && /SEG/.test(r.image.modality ?? '')));
    await new Promise((r) => setTimeout(r, 2500));
    const res = await s.analyses(images.nodule.id);
    assert.equal(res.body.total, 1);
    assert.equal(s.done.filter((d) => d.analysis.id === nodule.id).length, 1);
  });

  test('a doctor asks again with the screening context: 202 QUEUED, asking twice is one analysis, Lung-RADS governs', async () => {
    const ask = () => t.http.post(`/api/v1/medical-images/${images.nodule.id}/analyze`, { lungContext: 'screening' }, s.as('doctor.pulmo'));
    const first = await ask();
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const [queued] = first.body.analyses as AnalysisAnswer[];
    assert.deepEqual([queued!.status, queued!.trigger, queued!.pipeline_id], ['QUEUED', 'manual', 'lung-nodule']);
    const again = await ask();
    assert.equal(again.body.analyses[0].id, queued!.id);
    const early = await t.http.get(`/api/v1/medical-images/${images.nodule.id}/analyze/${queued!.id}/visualization`, s.as('doctor.pulmo'));
    assert.equal(early.status, 409, JSON.stringify(early.body));
    const [latest] = await s.settled(images.nodule.id, 2);
    assert.equal(latest!.id, queued!.id);
    assert.equal(latest!.status, 'DONE', latest!.error ?? '');
    assert.match((latest!.results!.guidelines as { name: string }[])[0]!.name, /Lung-RADS/);
    const doctor = await s.notifications('doctor.pulmo');
    assert.ok(doctor.some((n) => n.related_resource_id === String(queued!.id)));
  });

  test('the 3-D view: a Plotly figure with the mesh (kept under ai-cache); 422 where nothing was segmented', async () => {
    const res = await t.http.get(`/api/v1/medical-images/${images.nodule.id}/analyze/${nodule.id}/visualization`, s.as('radiologist'));
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
    const mesh = (res.body.data as { type: string; x: number[]; i: number[] }[]).find((d) => d.type === 'mesh3d');
    assert.ok(mesh && mesh.x.length > 0 && mesh.i.length > 0);
    assert.ok(existsSync(path.join(t.config.dataDir, 'ai-cache', `${nodule.id}.json`)));
    const none = await t.http.get(`/api/v1/medical-images/${images.clean.id}/analyze/${clean.id}/visualization`, s.as('radiologist'));
    assert.equal(none.status, 422);
    assert.equal(none.body.error.type, 'NO_SEGMENTATION');
    // The lists say beforehand which analyses have a 3-D view, so no screen asks in vain.
    const has3d = async (imageId: number, id: number) => (await s.analyses(imageId)).body.items.find((a) => a.id === id)!.has3d;
    assert.equal(await has3d(images.nodule.id, nodule.id), true);
    assert.equal(await has3d(images.clean.id, clean.id), false);
  });

  test('a study without an order is 촬영완료 until analysed, then 판독대기', async () => {
    const image = await s.upload({ patientId: 1 }, chestCt(patient, []));
    assert.equal(image.status, 'TAKEN');
    const [done] = await s.settled(image.id);
    assert.equal(done!.status, 'DONE', done!.error ?? '');
    const row = await t.http.get(`/api/v1/medical-images/${image.id}`, s.as('radiologist'));
    assert.equal(row.body.status, 'AWAITING_READ');
  });

  test('a study of an SR alone is refused: 422 UNSUPPORTED_INPUT', async () => {
    const [slice] = chestCt(patient, []).slice(0, 1);
    const source = buildVolume([parsePart10(new Uint8Array(slice!))]);
    const sr = writeMeasurementReport({ source, algorithm: { name: 'test-report', version: '1', clinicalUse: false }, findings: [], impression: '시험 (test)' });
    const image = await s.upload({ patientId: 1 }, [Buffer.from(sr.bytes)]);
    const res = await t.http.post(`/api/v1/medical-images/${image.id}/analyze`, {}, s.as('doctor.pulmo'));
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.error.type, 'UNSUPPORTED_INPUT');
  });

  test('the model cards behind the results: intended use, limitations, not for clinical use', async () => {
    const res = await t.http.get('/api/v1/ai/models', s.as('doctor.pulmo'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const lung = (res.body.items as { id: string; intendedUse: string; clinicalUse: boolean; pipeline: { id: string }; sha256: string }[])
      .find((card) => card.pipeline?.id === 'lung-nodule');
    assert.ok(lung, 'a lung-nodule card is loaded');
    assert.match(lung.intendedUse, /임상 사용 불가/);
    assert.equal(lung.clinicalUse, false);
    assert.match(lung.sha256, /^[0-9a-f]{64}$/);
    const frontDesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
    assert.equal((await t.http.get('/api/v1/ai/models', { token: frontDesk })).status, 403);
  });

  test('the patient sees the AI results in plain words only once the doctor has released the reading', async () => {
    const patientToken = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const mine = (path: string) => t.http.get(`/api/v1/portal/images/${images.nodule.id}${path}`, { token: patientToken });
    const hidden = await mine('/analyses');
    assert.equal(hidden.status, 404, JSON.stringify(hidden.body));
    assert.equal(hidden.body.error.type, 'NOT_RELEASED');

    const started = await t.http.post('/api/v1/radiology-doctor/reports', { scheduleId: entries.nodule.id }, s.as('radiologist'));
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const signed = await t.http.put(`/api/v1/radiology-doctor/reports/${started.body.id}`,
      { action: 'final', findings: '우상엽 9 mm 고형 결절.', conclusion: 'Lung-RADS 4A.' }, s.as('radiologist'));
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    assert.equal((await t.http.post(`/api/v1/radiology-reports/${started.body.id}/release`, {}, s.as('doctor.pulmo'))).status, 200);

    const shown = await mine('/analyses');
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    const result = (shown.body.items as { id: number; plain: string; findings: string; notForClinicalUse: boolean; has3d: boolean }[]).find((a) => a.id === nodule.id)!;
    assert.equal(result.has3d, true);
    assert.match(result.plain, /추가 검사/);
    assert.match(result.findings, /폐결절/);
    assert.equal(result.notForClinicalUse, true);
    assert.match(shown.body.notice, /진단이 아닙니다/);
    const figure = await mine(`/analyses/${nodule.id}/visualization`);
    assert.equal(figure.status, 200);
    assert.ok(Array.isArray(figure.body.data));
    // The patient's other study has no released reading: its results stay hidden, and the attempt is audited.
    const unreleased = await t.http.get(`/api/v1/portal/images/${images.clean.id}/analyses`, { token: patientToken });
    assert.equal(unreleased.status, 404);
    assert.ok((await s.auditRows(unreleased.requestId)).some((r) => r.outcome === 'denied'));
  });

  test('a nurse reads the results but may not ask for an analysis (403, audited)', async () => {
    const res = await t.http.post(`/api/v1/medical-images/${images.nodule.id}/analyze`, {}, s.as('nurse'));
    assert.equal(res.status, 403);
    assert.equal((await s.auditRows(res.requestId)).filter((r) => r.outcome === 'denied').length, 1);
    assert.equal((await s.analyses(images.nodule.id, 'nurse')).status, 200);
  });

  test('outside the caller\'s scope the study\'s analyses do not exist (404), and the attempt is audited', async () => {
    for (const res of [
      await t.http.post(`/api/v1/medical-images/${images.nodule.id}/analyze`, {}, s.as('doctor.neuro')),
      await s.analyses(images.nodule.id, 'doctor.neuro'),
      await t.http.get(`/api/v1/medical-images/${images.nodule.id}/analyze/${nodule.id}/visualization`, s.as('doctor.neuro')),
    ]) {
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.ok((await s.auditRows(res.requestId)).some((r) => r.outcome === 'denied'), 'a denied audit row');
    }
  });

  test('the radiologist\'s route answers the same analyses', async () => {
    const res = await t.http.get(`/api/v1/radiology-doctor/images/${images.nodule.id}/analyze`, s.as('radiologist'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((a: AnalysisAnswer) => a.id), (await s.analyses(images.nodule.id)).body.items.map((a) => a.id));
  });

  test('a 2-D pipeline: a skin photo is classified, reported as SR, and has no 3-D view (422)', async () => {
    const photo = photoPhantom({ patient, modality: 'XC', bodyPart: 'SKIN', background: [205, 170, 150], lesions: [{ centerPx: [128, 128], radiusPx: 40, color: [70, 45, 35] }], size: [256, 256], pixelSpacingMm: 0.1 });
    const image = await s.upload({ patientId: 1 }, [photo]);
    const res = await t.http.post(`/api/v1/medical-images/${image.id}/analyze`, {}, s.as('doctor.pulmo'));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const [done] = await s.settled(image.id);
    assert.deepEqual([done!.status, done!.pipeline_id, done!.analysis_type], ['DONE', 'skin-lesion', 'SKIN_CANCER_CLASSIFICATION'], done!.error ?? '');
    assert.ok(done!.sr_sop_instance_uid);
    assert.ok((done!.results!.classification as { code: string } | null)?.code);
    const view = await t.http.get(`/api/v1/medical-images/${image.id}/analyze/${done!.id}/visualization`, s.as('doctor.pulmo'));
    assert.equal(view.status, 422);
    assert.equal(view.body.error.type, 'NOT_3D');
  });
});
