import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { photoPhantom, usBreastPhantom, type PhantomPatient } from '../../lib/ai/phantom-studies.js';
import type { RadPathConcordance } from '../../lib/rules/guidelines/rad-path-concordance.js';
import type { AnalysisAnswer } from '../../services/ai/analysis.service.js';
import { AiSuite } from '../helpers/ai-analysis.js';
import { startTestNode, type TestNode } from '../helpers/node.js';

/**
 * A patient's AI analyses across images (GET /ai-analysis/patients/{id}/analyses), what the
 * doctor's chart shows as the breast work-up strip (ultrasound → MRI → pathology): a breast
 * ultrasound and a slide photo of the biopsy with the ultrasound's BI-RADS are analysed for real
 * (reference models), a skin photo beside them; `pipeline` narrows to the breast stages; outside
 * the caller's scope the patient does not exist (404, audited); an unknown pipeline is a 400.
 */
describe('AI analyses of one patient across images: the breast work-up', () => {
  let t: TestNode;
  let s: AiSuite;
  let patient: PhantomPatient;
  let ultrasound: AnalysisAnswer;
  let pathology: AnalysisAnswer;
  let skin: AnalysisAnswer;
  const BREAST = 'breast-ultrasound,breast-mri,breast-pathology';
  type Guidelines = { category: string | null; details: unknown }[];
  const guidelinesOf = (a: AnalysisAnswer) => a.results!.guidelines as Guidelines;
  const url = (patientId: number, query = '') => `/api/v1/ai-analysis/patients/${patientId}/analyses${query}`;

  /** Uploads one file for patient 1, asks `pipeline` of it as doctor.pulmo (patient 1's doctor), answers the finished analysis. */
  async function analysed(file: Buffer, pipeline: string, extra: Record<string, string> = {}): Promise<AnalysisAnswer> {
    const image = await s.upload({ patientId: 1 }, [file]);
    const asked = await t.http.post(`/api/v1/medical-images/${image.id}/analyze`, { pipeline, ...extra }, s.as('doctor.pulmo'));
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const [done] = await s.settled(image.id);
    assert.deepEqual([done!.status, done!.pipeline_id], ['DONE', pipeline], done!.error ?? '');
    return done!;
  }

  before(async () => {
    t = await startTestNode({ CDSS_PACS: 'builtin', CDSS_PACS_STABLE_SECONDS: '1' });
    s = new AiSuite(t);
    await s.start();
    patient = { ...(await s.patient(1)), sex: 'F' };
    // An irregular, spiculated, taller-than-wide hypoechoic mass with shadowing (BI-RADS 5 by its features).
    ultrasound = await analysed(usBreastPhantom({
      patient, lesion: { centerMm: [0, -3], widthMm: 9, heightMm: 12, margin: 'spiculated', posterior: 'shadowing' },
    }), 'breast-ultrasound');
    // The biopsy: dense staining over > 5 % of the slide (malignant), with the ultrasound's category as the prior.
    const purple: [number, number, number] = [90, 40, 120];
    pathology = await analysed(photoPhantom({
      patient, modality: 'SM', bodyPart: 'BREAST', background: [235, 200, 215],
      lesions: [{ centerPx: [130, 150], radiusPx: 45, color: purple }, { centerPx: [270, 150], radiusPx: 45, color: purple }],
    }), 'breast-pathology', { priorBirads: guidelinesOf(ultrasound)[0]!.category! });
    skin = await analysed(photoPhantom({
      patient, modality: 'XC', bodyPart: 'SKIN', background: [205, 170, 150], lesions: [{ centerPx: [128, 128], radiusPx: 40, color: [70, 45, 35] }], size: [256, 256], pixelSpacingMm: 0.1,
    }), 'skin-lesion');
  });
  after(() => t?.stop());

  test('every analysis of the patient, newest first, as the image lists answer them', async () => {
    const res = await t.http.get<{ items: AnalysisAnswer[]; total: number }>(url(1, '?pageSize=100'), s.as('doctor.pulmo'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const ids = res.body.items.map((a) => a.id);
    for (const a of [skin, pathology, ultrasound]) assert.ok(ids.includes(a.id), `analysis ${a.id} (${a.pipeline_id}) listed`);
    assert.ok(ids.indexOf(skin.id) < ids.indexOf(pathology.id) && ids.indexOf(pathology.id) < ids.indexOf(ultrasound.id), `newest first: ${ids}`);
    assert.ok(res.body.items.every((a) => a.patient_fk_id === 1));
    const listed = res.body.items.find((a) => a.id === ultrasound.id)!;
    assert.deepEqual([listed.pipeline_name, listed.status_label, listed.hasOverlay, listed.has3d], [ultrasound.pipeline_name, ultrasound.status_label, true, false]);
  });

  test('pipeline= narrows to the breast stages: the ultrasound\'s BI-RADS 5 and the pathology\'s concordance with it', async () => {
    const res = await t.http.get<{ items: AnalysisAnswer[]; total: number }>(url(1, `?pipeline=${BREAST}`), s.as('doctor.pulmo'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.items.map((a) => a.pipeline_id), ['breast-pathology', 'breast-ultrasound']);
    assert.equal(res.body.total, 2);
    const [path, us] = res.body.items;
    assert.equal(guidelinesOf(us!)[0]!.category, '5');
    const concordance = guidelinesOf(path!)[0]!.details as RadPathConcordance;
    assert.deepEqual([(path!.results!.classification as { code: string } | null)?.code, concordance.category, concordance.concordant, concordance.birads6], ['malignant', '5', true, true]);
    const one = await t.http.get<{ items: AnalysisAnswer[] }>(url(1, '?pipeline=skin-lesion'), s.as('doctor.pulmo'));
    assert.deepEqual(one.body.items.map((a) => a.id), [skin.id]);
  });

  test('the read is audited against the patient; an unknown pipeline is a 400 that names it', async () => {
    const res = await t.http.get(url(1, `?pipeline=${BREAST}`), s.as('nurse'));
    assert.equal(res.status, 200, 'a nurse of the ward reads the results too (images.read)');
    const rows = await s.auditRows(res.requestId);
    assert.ok(rows.some((r) => r.resource_type === 'AIAnalysisResult' && r.action_type === 'search' && r.outcome === 'success' && r.patient_id === 1),
      JSON.stringify(rows.map((r) => [r.resource_type, r.action_type, r.outcome, r.patient_id])));
    const bad = await t.http.get(url(1, '?pipeline=breast-ultrasound,mammography'), s.as('doctor.pulmo'));
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.equal(bad.body.error.type, 'BAD_PIPELINE');
    assert.match(bad.body.error.message, /^알 수 없는 파이프라인입니다 \(unknown pipeline\): mammography;/);
  });

  test('outside the caller\'s scope the patient\'s analyses do not exist (404, a denied audit row)', async () => {
    const res = await t.http.get(url(1, `?pipeline=${BREAST}`), s.as('doctor.neuro'));
    assert.equal(res.status, 404, JSON.stringify(res.body));
    assert.ok((await s.auditRows(res.requestId)).some((r) => r.outcome === 'denied'), 'a denied audit row');
    const nobody = await t.http.get(url(999_999), s.as('doctor.pulmo'));
    assert.equal(nobody.status, 404);
  });

  test('the OpenAPI document describes the route from its summary', async () => {
    const doc = await t.http.get('/api/v1/openapi.json');
    const route = (doc.body.paths as Record<string, { get?: { summary: string; 'x-permission'?: string } }>)['/api/v1/ai-analysis/patients/{patientId}/analyses']?.get;
    assert.match(route?.summary ?? '', /환자의 AI 분석 결과/);
    assert.equal(route?.['x-permission'], 'images.read');
  });
});
