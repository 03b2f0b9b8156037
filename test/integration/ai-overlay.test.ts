import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { photoPhantom, type PhantomPatient } from '../../lib/ai/phantom-studies.js';
import type { AnalysisAnswer } from '../../services/ai/analysis.service.js';
import type { OverlayInfo } from '../../services/ai/analysis-overlay.js';
import { AiSuite, chestCt } from '../helpers/ai-analysis.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Pixels whose channels differ: the overlay's colour (the source is always shown in grey). */
function coloured(png: { width: number; height: number; data: Buffer }): { count: number; cx: number; cy: number } {
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const p = (y * png.width + x) * 4;
      if (png.data[p] !== png.data[p + 1] || png.data[p + 1] !== png.data[p + 2]) { count++; sx += x; sy += y; }
    }
  }
  return { count, cx: count ? sx / count : NaN, cy: count ? sy / count : NaN };
}

/**
 * The 2-D overlay preview of a finished analysis (issue #8) on a whole node: the stored SEG read
 * back from the PACS onto its source slice, blended in colour as a PNG, for a chest CT volume and
 * a single skin photo; the slices to step through; the refusals (not done 409, nothing segmented
 * 422, outside the scope or another realm), each audited like the other analysis reads.
 */
describe('AI analysis overlay preview: PNG of a slice with the SEG in colour, the slices with findings, access', () => {
  let t: TestNode;
  let s: AiSuite;
  let patient: PhantomPatient;
  let ct: { id: number };
  let cleanCt: { id: number };
  let nodule: AnalysisAnswer;
  let clean: AnalysisAnswer;
  let info: OverlayInfo;
  const base = (imageId: number, analysisId: number) => `/api/v1/medical-images/${imageId}/analyze/${analysisId}/overlay`;

  before(async () => {
    t = await startTestNode({ CDSS_PACS: 'builtin', CDSS_PACS_STABLE_SECONDS: '1' });
    s = new AiSuite(t);
    await s.start();
    patient = await s.patient(1);
    ct = await s.upload({ patientId: 1 }, chestCt(patient, [{ centerMm: [-40, 0, 0], diameterMm: 9 }]));
    cleanCt = await s.upload({ patientId: 1 }, chestCt(patient, []));
  });
  after(() => t?.stop());

  test('while the analysis is queued the overlay answers 409 ANALYSIS_NOT_DONE; once done the list says it has one', async () => {
    const asked = await t.http.post(`/api/v1/medical-images/${ct.id}/analyze`, { pipeline: 'lung-nodule' }, s.as('doctor.pulmo'));
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const queued = (asked.body.analyses as AnalysisAnswer[])[0]!;
    assert.equal(queued.hasOverlay, false);
    const early = await t.http.get(`${base(ct.id, queued.id)}/info`, s.as('radiologist'));
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.error.type, 'ANALYSIS_NOT_DONE');
    [nodule] = await s.settled(ct.id);
    assert.equal(nodule.status, 'DONE', nodule.error ?? '');
    assert.ok(nodule.seg_sop_instance_uid);
    assert.equal(nodule.hasOverlay, true);
  });

  test('the info lists the 24 slices, the few that hold the 9 mm nodule, and starts where it is widest', async () => {
    const res = await t.http.get<OverlayInfo>(`${base(ct.id, nodule.id)}/info`, s.as('radiologist'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    info = res.body;
    assert.deepEqual([info.analysisId, info.sliceCount, info.rows, info.columns], [nodule.id, 24, 160, 160]);
    // 9 mm across 2 mm slices: a handful of slices, consecutive.
    const slices = info.findingSlices.map((f) => f.index);
    assert.ok(slices.length >= 3 && slices.length <= 7, `finding slices ${slices}`);
    assert.deepEqual(slices, Array.from({ length: slices.length }, (_, n) => slices[0]! + n));
    const widest = info.findingSlices.reduce((a, b) => (b.pixels > a.pixels ? b : a));
    assert.equal(info.defaultSlice, widest.index);
    assert.deepEqual(info.segments.map((x) => x.label), ['폐결절 1 (nodule 1)']);
    assert.match(info.segments[0]!.color, /^#[0-9a-f]{6}$/);
  });

  test('the default slice is a 160×160 PNG with the nodule in colour where the phantom put it; a slice without findings is all grey', async () => {
    const res = await t.http.download(base(ct.id, nodule.id), s.as('radiologist').token);
    assert.equal(res.status, 200, res.bytes.toString().slice(0, 300));
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.deepEqual(res.bytes.subarray(0, 8), PNG_SIGNATURE);
    assert.equal(res.headers.get('x-overlay-slice'), String(info.defaultSlice));
    assert.equal(res.headers.get('x-overlay-slices'), '24');
    const image = PNG.sync.read(res.bytes);
    assert.deepEqual([image.width, image.height], [160, 160]);
    const nodulePixels = coloured(image);
    // About π·(4.5 mm / 1.2 mm)² ≈ 44 px at the widest cut (the outline included).
    assert.ok(nodulePixels.count >= 20 && nodulePixels.count <= 120, `${nodulePixels.count} coloured pixels`);
    // The nodule is 40 mm to the patient's right of the centre: left of the middle column in the image.
    assert.ok(nodulePixels.cx < 80 - 20, `centre column ${nodulePixels.cx}`);
    assert.ok(Math.abs(nodulePixels.cy - 80) < 15, `centre row ${nodulePixels.cy}`);

    const same = await t.http.download(`${base(ct.id, nodule.id)}?slice=${info.defaultSlice}`, s.as('doctor.pulmo').token);
    assert.deepEqual(same.bytes, res.bytes, 'the slice asked for by number is the same picture');

    const empty = [...Array(24).keys()].find((k) => !info.findingSlices.some((f) => f.index === k))!;
    const plain = await t.http.download(`${base(ct.id, nodule.id)}?slice=${empty}`, s.as('radiologist').token);
    assert.equal(plain.status, 200);
    assert.equal(coloured(PNG.sync.read(plain.bytes)).count, 0, `slice ${empty} has no finding`);

    const beyond = await t.http.get(`${base(ct.id, nodule.id)}?slice=24`, s.as('radiologist'));
    assert.equal(beyond.status, 400);
    assert.equal(beyond.body.error.type, 'SLICE_RANGE');
  });

  test('reading the overlay is audited as a read of the analysis', async () => {
    const res = await t.http.download(`${base(ct.id, nodule.id)}?slice=${info.findingSlices[0]!.index}`, s.as('radiologist').token);
    assert.equal(res.status, 200);
    const rows = await s.auditRows(res.requestId);
    assert.ok(rows.some((r) => r.resource_type === 'AIAnalysisResult' && r.resource_id === String(nodule.id) && r.outcome === 'success'), JSON.stringify(rows));
  });

  test('nothing segmented: 422 NO_SEGMENTATION, and the list says so beforehand', async () => {
    const asked = await t.http.post(`/api/v1/medical-images/${cleanCt.id}/analyze`, { pipeline: 'lung-nodule' }, s.as('doctor.pulmo'));
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    [clean] = await s.settled(cleanCt.id);
    assert.equal(clean.status, 'DONE', clean.error ?? '');
    assert.equal(clean.hasOverlay, false);
    for (const path of [base(cleanCt.id, clean.id), `${base(cleanCt.id, clean.id)}/info`]) {
      const res = await t.http.get(path, s.as('radiologist'));
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'NO_SEGMENTATION');
      assert.match(res.body.error.message, /^분할된 소견이 없어 .*\(nothing was segmented to overlay\)$/);
    }
  });

  test('outside the caller\'s scope, under another image or in the patient realm the overlay does not exist', async () => {
    for (const res of [
      await t.http.get(base(ct.id, nodule.id), s.as('doctor.neuro')),
      await t.http.get(`${base(ct.id, nodule.id)}/info`, s.as('doctor.neuro')),
    ]) {
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.ok((await s.auditRows(res.requestId)).some((r) => r.outcome === 'denied'), 'a denied audit row');
    }
    const elsewhere = await t.http.get(base(cleanCt.id, nodule.id), s.as('radiologist'));
    assert.equal(elsewhere.status, 404, 'an analysis asked for under another image');
    const patientToken = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
    const portal = await t.http.download(base(ct.id, nodule.id), patientToken);
    assert.equal(portal.status, 401, 'a patient\'s token opens no staff route, even for their own study');
    assert.notDeepEqual(portal.bytes.subarray(0, 8), PNG_SIGNATURE);
  });

  test('a 2-D pipeline: a skin photo\'s SEG over the photo in grey, one slice, the lesion in colour at its centre', async () => {
    const photo = photoPhantom({ patient, modality: 'XC', bodyPart: 'SKIN', background: [205, 170, 150], lesions: [{ centerPx: [128, 96], radiusPx: 40, color: [70, 45, 35] }], size: [192, 256], pixelSpacingMm: 0.1 });
    const image = await s.upload({ patientId: 1 }, [photo]);
    assert.equal((await t.http.post(`/api/v1/medical-images/${image.id}/analyze`, {}, s.as('doctor.pulmo'))).status, 202);
    const [done] = await s.settled(image.id);
    assert.deepEqual([done!.status, done!.pipeline_id], ['DONE', 'skin-lesion'], done!.error ?? '');
    assert.ok(done!.seg_sop_instance_uid, 'the skin segmenter stored a SEG');
    assert.deepEqual([done!.hasOverlay, done!.has3d], [true, false]);

    const meta = await t.http.get<OverlayInfo>(`${base(image.id, done!.id)}/info`, s.as('doctor.pulmo'));
    assert.equal(meta.status, 200, JSON.stringify(meta.body));
    assert.deepEqual([meta.body.sliceCount, meta.body.defaultSlice, meta.body.findingSlices.map((f) => f.index), meta.body.rows, meta.body.columns], [1, 0, [0], 192, 256]);
    const res = await t.http.download(base(image.id, done!.id), s.as('doctor.pulmo').token);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const png = PNG.sync.read(res.bytes);
    assert.deepEqual([png.width, png.height], [256, 192]);
    const lesion = coloured(png);
    assert.ok(lesion.count > 2000, `the 40 px lesion is coloured: ${lesion.count} px`);
    assert.ok(Math.abs(lesion.cx - 128) < 6 && Math.abs(lesion.cy - 96) < 6, `centred at (${lesion.cx}, ${lesion.cy})`);
    const corner = [...png.data.subarray(0, 3)];
    assert.ok(corner[0] === corner[1] && corner[1] === corner[2], `the skin around it is grey: ${corner}`);
  });

  test('the OpenAPI document describes both routes from their summaries', async () => {
    const doc = await t.http.get('/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    const paths = doc.body.paths as Record<string, { get?: { summary: string; 'x-permission'?: string } }>;
    const png = paths['/api/v1/medical-images/{id}/analyze/{analysisId}/overlay']?.get;
    const meta = paths['/api/v1/medical-images/{id}/analyze/{analysisId}/overlay/info']?.get;
    assert.match(png?.summary ?? '', /2D 겹쳐 보기/);
    assert.match(meta?.summary ?? '', /소견이 있는 슬라이스/);
    assert.equal(png?.['x-permission'], 'images.read');
  });
});
