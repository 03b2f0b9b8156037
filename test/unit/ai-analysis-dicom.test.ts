import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ctChestPhantom, photoPhantom } from '../../lib/ai/phantom-studies.js';
import type { PipelineFinding, PipelineResult } from '../../lib/ai/pipeline/types.js';
import { MEASUREMENT_CODES } from '../../lib/dicom/codes.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { readSegmentation, segmentationMasks } from '../../lib/dicom/seg.js';
import { readMeasurementReport } from '../../lib/dicom/sr-read.js';
import { buildVolume, imageTensor, voxelToPatient, type Vec3, type Volume } from '../../lib/dicom/volume.js';
import { bilingual } from '../../lib/rules/guidelines/common.js';
import { derivedObjects } from '../../services/ai/analysis-dicom.js';

/** A small chest phantom (64² × 16 slices at 1.2 × 1.2 × 2 mm) with one 9 mm nodule in the right lung. */
const NODULE: Vec3 = [-20, 0, 0];
const volume: Volume = buildVolume(ctChestPhantom({ nodules: [{ centerMm: NODULE, diameterMm: 9 }], size: 64, slices: 16, noise: 0 }).map((b) => parsePart10(new Uint8Array(b))));

/** The nodule's voxels, as a segmenter would label them: soft tissue within 6 mm of its centre. */
function noduleLabels(): { labels: Uint8Array; voxels: number; keySlice: number } {
  const labels = new Uint8Array(volume.data.length);
  const [d, h, w] = volume.shape;
  let voxels = 0;
  const perSlice = new Array<number>(d).fill(0);
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    const p = voxelToPatient(volume, [k, j, i]);
    const at = (k * h + j) * w + i;
    if (Math.hypot(p[0] - NODULE[0], p[1] - NODULE[1], p[2] - NODULE[2]) < 6 && volume.data[at]! > -400) {
      labels[at] = 1;
      voxels++;
      perSlice[k]!++;
    }
  }
  return { labels, voxels, keySlice: perSlice.indexOf(Math.max(...perSlice)) };
}

const MODEL = { role: 'segmentation' as const, id: 'reference-blob-seg2d', version: '1.0.0', sha256: 'a'.repeat(64), clinicalUse: false };

function finding(n: number, keySlice: number): PipelineFinding {
  return {
    number: n, label: `폐결절 ${n} (nodule ${n})`, kind: 'nodule', longAxisMm: 9.2, shortAxisMm: 8.4, meanDiameterMm: 8.8, volumeMl: 0.38, areaMm2: 61,
    meanProbability: 0.91, meanIntensity: 40, centroidMm: NODULE, keySlice, category: '4A',
  };
}

function lungResult(labels: Uint8Array, findings: PipelineFinding[]): PipelineResult {
  return {
    pipelineId: 'lung-nodule', analysisType: 'LUNG_CT', findings, classification: null,
    guidelines: [{ name: 'Lung-RADS v2022', citation: 'ACR Lung-RADS v2022', category: '4A', recommendation: { ko: '3개월 후 저선량 CT', en: 'LDCT in 3 months' }, details: {} }],
    summary: { ko: '우폐에 9 mm 고형 결절 1개', en: 'one 9 mm solid nodule in the right lung' },
    recommendations: [{ ko: '3개월 후 저선량 CT', en: 'LDCT in 3 months' }],
    confidence: 0.91, suspicion: 2, segmentation: { source: volume, labels }, volume: null, models: [MODEL], warnings: [],
  };
}

describe('AI analysis results as DICOM SEG and SR', () => {
  test('one nodule: a SEG whose only segment covers exactly the labelled voxels, on the source slices', () => {
    const { labels, voxels, keySlice } = noduleLabels();
    assert.ok(voxels > 100, `the phantom nodule has ${voxels} voxels`);
    const { seg } = derivedObjects('lung-nodule', lungResult(labels, [finding(1, keySlice)]), () => volume);
    assert.ok(seg);
    const parsed = parsePart10(seg.bytes);
    const info = readSegmentation(parsed);
    assert.deepEqual(info.segments.map((s) => [s.number, s.label, s.algorithmName, s.type?.value]), [[1, '폐결절 1 (nodule 1)', 'reference-blob-seg2d', '27925004']]);
    assert.equal(info.studyInstanceUid, volume.context.studyInstanceUid);
    const sourceSops = new Set(volume.slices.map((s) => s.sopInstanceUid));
    assert.ok(info.frames.every((f) => f.references.every((r) => sourceSops.has(r.sopInstanceUid))), 'every frame names a source slice');
    const mask = segmentationMasks(parsed, volume).get(1)!;
    assert.equal(mask.reduce((n, v) => n + v, 0), voxels);
    assert.ok(mask.every((v, i) => v === labels[i]));
  });

  test('the SR carries the measurements, the category, the SEG reference, the impression and the recommendation', () => {
    const { labels, keySlice } = noduleLabels();
    const result = lungResult(labels, [finding(1, keySlice)]);
    const { seg, sr } = derivedObjects('lung-nodule', result, () => volume);
    const report = readMeasurementReport(parsePart10(sr.bytes));
    assert.equal(report.findings.length, 1);
    const [f] = report.findings;
    const value = (meaning: string) => f!.measurements.find((m) => m.concept?.meaning === meaning);
    assert.deepEqual([value(MEASUREMENT_CODES.longAxis.meaning)?.value, value(MEASUREMENT_CODES.longAxis.meaning)?.unit?.value], [9.2, 'mm']);
    assert.equal(value(MEASUREMENT_CODES.shortAxis.meaning)?.value, 8.4);
    assert.deepEqual([value(MEASUREMENT_CODES.volume.meaning)?.value, value(MEASUREMENT_CODES.volume.meaning)?.unit?.value], [0.38, 'ml']);
    assert.equal(f!.evaluations.find((e) => e.concept?.value === 'AI-GUIDELINE-CAT')?.value?.value, '4A');
    assert.deepEqual([f!.segment?.sopInstanceUid, f!.segment?.segmentNumber], [seg!.sopInstanceUid, 1]);
    assert.equal(f!.measurements[0]!.images[0]!.sopInstanceUid, volume.slices[keySlice]!.sopInstanceUid, 'measured on the key slice');
    assert.equal(report.impression, bilingual(result.summary));
    assert.deepEqual(report.recommendations, ['3개월 후 저선량 CT (LDCT in 3 months)']);
    assert.equal(report.observer.name, 'reference-blob-seg2d');
    assert.ok(report.evidence.some((e) => e.sopInstanceUid === seg!.sopInstanceUid), 'the SEG is in the evidence');
  });

  test('a finding with no voxels in the label map stays in the SR without a segment; no segmented finding, no SEG', () => {
    const empty = new Uint8Array(volume.data.length);
    const { seg, sr } = derivedObjects('lung-nodule', lungResult(empty, [finding(1, 3)]), () => volume);
    assert.equal(seg, null);
    const report = readMeasurementReport(parsePart10(sr.bytes));
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0]!.segment, null);
  });

  test('a classifier result on a photo: no SEG, the SR reports the whole-image class with its probability', () => {
    const photo = parsePart10(new Uint8Array(photoPhantom({ modality: 'XC', bodyPart: 'SKIN', background: [200, 160, 140], lesions: [{ centerPx: [64, 64], radiusPx: 20, color: [60, 40, 30] }], size: [128, 128] })));
    const result: PipelineResult = {
      pipelineId: 'skin-lesion', analysisType: 'SKIN_CANCER_CLASSIFICATION', findings: [],
      classification: { code: 'high-risk', name: '고위험 (high risk)', probability: 0.8, probabilities: { normal: 0.05, suspicious: 0.15, 'high-risk': 0.8 }, modelId: 'reference-lesion-cls' },
      guidelines: [], summary: { ko: '고위험 병변', en: 'high-risk lesion' }, recommendations: [], confidence: 0.8, suspicion: 3,
      segmentation: null, volume: null, models: [{ role: 'classification', id: 'reference-lesion-cls', version: '1.0.0', sha256: 'b'.repeat(64), clinicalUse: false }], warnings: [],
    };
    const { seg, sr } = derivedObjects('skin-lesion', result, () => imageTensor(photo, { grey: true }));
    assert.equal(seg, null);
    const report = readMeasurementReport(parsePart10(sr.bytes));
    assert.equal(report.findings.length, 1);
    const [evaluation] = report.findings[0]!.evaluations;
    assert.deepEqual([evaluation?.value?.value, evaluation?.probability], ['high-risk', 0.8]);
    assert.equal(report.observer.name, 'reference-lesion-cls');
  });
});
