import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_PASSWORD, startTestNode, type TestNode } from '../helpers/node.js';
import { until } from '../helpers/ai-analysis.js';

/**
 * `npm start` on an empty machine (CDSS_DEMO and CDSS_DEMO_IMAGING on, CDSS_AI_AUTO all): the demo
 * chest CT goes into the archive as a modality would send it, becomes an image record, and the lung
 * pipeline analyses it — the path a real study takes.
 */
describe('demo imaging: a synthetic chest CT analysed on first start', () => {
  let t: TestNode;
  let token: string;

  before(async () => {
    t = await startTestNode({ CDSS_DEMO_IMAGING: '1', CDSS_AI_AUTO: 'all', CDSS_PACS_STABLE_SECONDS: '1' });
    token = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
  });
  after(() => t?.stop());

  test('the first demo patient has the CT, and its lung nodule analysis is done with the Fleischner recommendation', async () => {
    const image = await until('the demo image record', async () => {
      const list = await t.http.get('/api/v1/medical-images?patientId=1', { token });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return list.body.items.find((i: { description: string | null }) => i.description?.includes('demo phantom'));
    }, 60_000);
    const analysis = await until('the demo analysis', async () => {
      const list = await t.http.get(`/api/v1/medical-images/${image.id}/analyze`, { token });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const first = list.body.items[0];
      return first && (first.status === 'DONE' || first.status === 'FAILED') ? first : undefined;
    }, 120_000);
    assert.equal(analysis.status, 'DONE', analysis.error);
    assert.equal(analysis.pipeline_id, 'lung-nodule');
    assert.match(analysis.findings, /폐결절 1개 검출/);
    assert.match(analysis.recommendations, /PET\/CT/);
    assert.ok(analysis.seg_sop_instance_uid && analysis.sr_sop_instance_uid, 'SEG and SR stored');
  });

  test('a restart stores nothing again: the archive already holds the study', async () => {
    const before = await t.node.broker.call<{ instances: number }>('pacs.archiveStats');
    const pacs = t.node.broker.getLocalService('pacs')!;
    const { storeDemoStudies } = await import('../../services/pacs/demo-studies.js');
    await storeDemoStudies(pacs as never);
    const after = await t.node.broker.call<{ instances: number }>('pacs.archiveStats');
    assert.equal(after.instances, before.instances);
    assert.ok(before.instances >= 24, `24 CT slices plus the SEG and SR, got ${before.instances}`);
  });
});
