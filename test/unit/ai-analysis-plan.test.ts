import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelZoo } from '../../lib/ai/model-zoo.js';
import type { CardChoice } from '../../lib/ai/pipeline/registry.js';
import { loadConfig } from '../../lib/config.js';
import type { StudyInfo } from '../../services/pacs/archive.js';
import { autoPlans, planAnalyses } from '../../services/ai/analysis-plan.js';

/** A series as `pacs.studyInfo` answers it, with `count` single-frame instances. */
function series(uid: string, modality: string, count: number): StudyInfo['series'][number] {
  return {
    seriesInstanceUid: uid, modality, seriesNumber: null,
    instances: Array.from({ length: count }, (_, n) => ({ sopInstanceUid: `${uid}.${n + 1}`, instanceNumber: n + 1, numberOfFrames: 1 })),
  };
}

function study(...list: StudyInfo['series']): StudyInfo {
  return { studyInstanceUid: '1.2.3', patientId: 'P1', accessionNumber: null, studyDate: null, modalities: [...new Set(list.map((s) => s.modality))], series: list };
}

const failsWith = (code: number, type: string) => (err: Error & { code: number; type: string }) => {
  assert.equal(err.type, type, err.message);
  assert.equal(err.code, code);
  return true;
};

describe('which pipeline reads which series', () => {
  let cards: CardChoice[];
  before(async () => {
    const quiet = { info() {}, warn() {}, error() {} };
    cards = (await loadModelZoo({ modelDir: null, logger: quiet })).map((m) => ({ card: m.card, source: m.source }));
  });

  const chest = study(series('1.1', 'CT', 2), series('1.2', 'CT', 48), series('1.3', 'SEG', 1), series('1.4', 'SR', 1));

  test('a chest CT: the lung pipeline on the largest CT series; our own SEG and SR are never read', () => {
    const plans = planAnalyses(chest, cards, 'CHEST');
    assert.deepEqual(plans.map((p) => [p.pipeline.id, p.series.seriesInstanceUid, p.bodyPart]), [['lung-nodule', '1.2', 'CHEST']]);
  });

  test('body part and modality pick the department: head CT → brain, abdomen MR → pancreas, breast US, skin photo', () => {
    const pick = (modality: string, bodyPart: string) => planAnalyses(study(series('2.1', modality, 20)), cards, bodyPart).map((p) => p.pipeline.id);
    assert.deepEqual(pick('CT', 'HEAD'), ['brain-lesion']);
    assert.deepEqual(pick('MR', 'ABDOMEN'), ['pancreas-lesion']);
    assert.deepEqual(pick('US', 'BREAST'), ['breast-ultrasound']);
    assert.deepEqual(pick('XC', 'SKIN'), ['skin-lesion']);
    assert.deepEqual(pick('MR', 'BREAST'), ['breast-mri']);
  });

  test('a study of an SR (or an ECG) alone is refused as unsupported input, and so is a named SEG series', () => {
    assert.throws(() => planAnalyses(study(series('3.1', 'SR', 1)), cards, 'CHEST'), failsWith(422, 'UNSUPPORTED_INPUT'));
    assert.throws(() => planAnalyses(study(series('3.2', 'ECG', 1)), cards, 'CHEST'), failsWith(422, 'UNSUPPORTED_INPUT'));
    assert.throws(() => planAnalyses(chest, cards, 'CHEST', { seriesInstanceUid: '1.3' }), failsWith(422, 'UNSUPPORTED_INPUT'));
  });

  test('images no pipeline has a model for are refused with NO_PIPELINE, and a missing body part asks for a pipeline', () => {
    assert.throws(() => planAnalyses(study(series('4.1', 'US', 1)), cards, 'CHEST'), failsWith(422, 'NO_PIPELINE'));
    assert.throws(() => planAnalyses(chest, cards, null), failsWith(422, 'NO_PIPELINE'));
    assert.throws(() => planAnalyses(study(series('4.2', 'MR', 30)), cards, 'CHEST', { pipeline: 'lung-nodule' }), failsWith(422, 'NO_PIPELINE'));
  });

  test('a named pipeline ignores the recorded body part (the requester says what the images show)', () => {
    const plans = planAnalyses(chest, cards, null, { pipeline: 'lung-nodule' });
    assert.deepEqual(plans.map((p) => [p.pipeline.id, p.series.seriesInstanceUid, p.bodyPart]), [['lung-nodule', '1.2', null]]);
  });

  test('a named series or instance narrows the choice; one not in the study is 404', () => {
    assert.equal(planAnalyses(chest, cards, 'CHEST', { seriesInstanceUid: '1.1' })[0]!.series.seriesInstanceUid, '1.1');
    assert.equal(planAnalyses(chest, cards, 'CHEST', { sopInstanceUid: '1.1.2' })[0]!.series.seriesInstanceUid, '1.1');
    assert.throws(() => planAnalyses(chest, cards, 'CHEST', { seriesInstanceUid: '9.9' }), failsWith(404, 'SERIES_NOT_FOUND'));
    assert.throws(() => planAnalyses(chest, cards, 'CHEST', { seriesInstanceUid: '1.2', sopInstanceUid: '1.1.1' }), failsWith(404, 'INSTANCE_NOT_FOUND'));
  });

  test('automatic analyses: every fitting image series except scouts, only the pipelines CDSS_AI_AUTO allows', () => {
    const plans = autoPlans(chest, cards, 'CHEST', 'all');
    assert.deepEqual(plans.map((p) => [p.pipeline.id, p.series.seriesInstanceUid]), [['lung-nodule', '1.2']]);
    assert.deepEqual(autoPlans(chest, cards, 'CHEST', 'none'), []);
    assert.deepEqual(autoPlans(chest, cards, 'CHEST', ['brain-lesion']), []);
    assert.deepEqual(autoPlans(chest, cards, null, 'all'), []);
    assert.deepEqual(autoPlans(study(series('5.1', 'SR', 1)), cards, 'CHEST', 'all'), []);
  });
});

describe('CDSS_AI_AUTO', () => {
  test('all by default; none; a list of pipeline ids; an unknown id is refused', () => {
    assert.equal(loadConfig({}).aiAuto, 'all');
    assert.equal(loadConfig({ CDSS_AI_AUTO: 'none' }).aiAuto, 'none');
    assert.deepEqual(loadConfig({ CDSS_AI_AUTO: ' lung-nodule, skin-lesion ' }).aiAuto, ['lung-nodule', 'skin-lesion']);
    assert.throws(() => loadConfig({ CDSS_AI_AUTO: 'lung-nodule,kidney' }), /CDSS_AI_AUTO: unknown pipeline\(s\) kidney/);
  });
});
