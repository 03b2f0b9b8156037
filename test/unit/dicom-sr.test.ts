import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dcmjs from 'dcmjs';
import { LOCAL_SCHEME, MEASUREMENT_CODES, SEGMENT_CODES, SITE_CODES, UNITS } from '../../lib/dicom/codes.js';
import { NOT_FOR_CLINICAL_USE } from '../../lib/dicom/derived.js';
import { DicomInputError, parsePart10 } from '../../lib/dicom/part10.js';
import { SEGMENTATION_STORAGE, writeSegmentation } from '../../lib/dicom/seg.js';
import { readMeasurementReport } from '../../lib/dicom/sr-read.js';
import { COMPREHENSIVE_SR_STORAGE, deviceObserverUid, writeMeasurementReport, type FindingInput } from '../../lib/dicom/sr.js';
import { buildVolume, imageTensor } from '../../lib/dicom/volume.js';
import { ctSeriesFixtures, dicomFixture } from '../fixtures/dicom/fixtures.js';

const volume = buildVolume(ctSeriesFixtures().map((f) => parsePart10(f.bytes)));
const algorithm = { name: 'ref-lung-nodule-3d', version: '0.1.0', clinicalUse: false, sha256: 'ab'.repeat(32) };
const mask = new Uint8Array(volume.data.length);
for (let k = 1; k < 3; k++) for (let j = 4; j < 9; j++) for (let i = 5; i < 11; i++) mask[(k * 16 + j) * 16 + i] = 1;
const seg = writeSegmentation({ source: volume, segments: [{ label: 'nodule', mask }], algorithm });
const solid = { value: 'SOLID', scheme: LOCAL_SCHEME, meaning: '고형 결절 (solid nodule)' };

const nodule: FindingInput = {
  trackingId: '결절 1 (nodule 1)',
  type: SEGMENT_CODES.nodule,
  site: SITE_CODES.lung,
  images: [volume.slices[1]!, volume.slices[2]!],
  segment: { sopInstanceUid: seg.sopInstanceUid, seriesInstanceUid: seg.seriesInstanceUid, segmentNumber: 1 },
  measurements: [
    { concept: MEASUREMENT_CODES.longAxis, value: 9.2, unit: UNITS.mm, images: [volume.slices[1]!] },
    { concept: MEASUREMENT_CODES.shortAxis, value: 7.123456789012345, unit: UNITS.mm },
    { concept: MEASUREMENT_CODES.volume, value: 401.5, unit: UNITS.mm3 },
  ],
  evaluations: [{ value: solid, probability: 0.87 }],
};
const classificationOnly: FindingInput = {
  trackingId: 'finding-2',
  type: SEGMENT_CODES.lesion,
  images: [volume.slices[3]!],
  evaluations: [{ value: { value: 'BENIGN', scheme: LOCAL_SCHEME, meaning: '양성 (benign)' }, probability: 0.6 }],
};

const report = writeMeasurementReport({
  source: volume,
  algorithm,
  findings: [nodule, classificationOnly],
  impression: '우상엽 9.2 mm 고형 결절 (9.2 mm solid nodule)',
  recommendations: ['6–12개월 후 CT 추적 검사 (Fleischner 2017)', '이전 영상과 비교'],
});
const parsed = parsePart10(report.bytes);
const read = readMeasurementReport(parsed);

describe('writeMeasurementReport → readMeasurementReport (TID 1500 over the CT series)', () => {
  test('a Comprehensive SR that opens with dcmjs: root container 126000, template 1500, UTF-8', () => {
    const raw = dcmjs.data.DicomMessage.readFile(report.bytes.buffer.slice(report.bytes.byteOffset, report.bytes.byteOffset + report.bytes.byteLength) as ArrayBuffer);
    const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(raw.dict) as Record<string, any>;
    assert.equal(natural.SOPClassUID, COMPREHENSIVE_SR_STORAGE);
    assert.equal(natural.Modality, 'SR');
    assert.equal(natural.ValueType, 'CONTAINER');
    assert.equal(natural.SpecificCharacterSet, 'ISO_IR 192');
    assert.equal(natural.ContentTemplateSequence[0].TemplateIdentifier, '1500');
    assert.deepEqual([read.title?.value, read.templateId], ['126000', '1500']);
    assert.deepEqual([read.completion, read.verification, read.preliminary], ['COMPLETE', 'UNVERIFIED', 'PRELIMINARY']);
    assert.equal(read.sopInstanceUid, report.sopInstanceUid);
  });

  test('same patient and study as the images; a new series', () => {
    assert.equal(read.studyInstanceUid, volume.context.studyInstanceUid);
    assert.equal(parsed.dataset.PatientID, '77654033');
    assert.equal(parsed.dataset.AccessionNumber, '2');
    assert.equal(parsed.dataset.ReferencedRequestSequence[0].AccessionNumber, '2');
    assert.notEqual(parsed.dataset.SeriesInstanceUID, volume.context.seriesInstanceUid);
    assert.notEqual(parsed.dataset.SeriesInstanceUID, seg.seriesInstanceUid);
  });

  test('measurements come back with their values and UCUM units (mm, mm3)', () => {
    const finding = read.findings[0]!;
    assert.deepEqual(finding.measurements.map((m) => [m.concept?.value, m.concept?.scheme, m.value, m.unit?.value, m.unit?.scheme]), [
      ['103339001', 'SCT', 9.2, 'mm', 'UCUM'],
      ['103340004', 'SCT', 7.123456789012345, 'mm', 'UCUM'],
      ['118565006', 'SCT', 401.5, 'mm3', 'UCUM'],
    ]);
    // NumericValue (DS, 16 characters at most) carries the rounded value; FloatingPointValue the exact one.
    const num = parsed.dataset.ContentSequence.find((i: any) => i.ConceptNameCodeSequence[0].CodeValue === '126010')
      .ContentSequence[0].ContentSequence.find((i: any) => i.ValueType === 'NUM' && i.ConceptNameCodeSequence[0].CodeValue === '103340004');
    assert.ok(String(num.MeasuredValueSequence[0].NumericValue).length <= 16);
    assert.equal(num.MeasuredValueSequence[0].FloatingPointValue, 7.123456789012345);
  });

  test('finding codes, tracking, classification with probability, Korean text', () => {
    const [first, second] = read.findings;
    assert.equal(read.findings.length, 2);
    assert.deepEqual([first!.type?.value, first!.site?.value], ['27925004', '39607008']);
    assert.equal(first!.trackingId, '결절 1 (nodule 1)');
    assert.equal(first!.trackingUid, report.trackingUids[0]);
    assert.deepEqual(first!.evaluations, [{ concept: MEASUREMENT_CODES.classification, value: solid, probability: 0.87 }]);
    assert.deepEqual(second!.evaluations.map((e) => [e.value?.meaning, e.probability]), [['양성 (benign)', 0.6]]);
    assert.deepEqual(second!.measurements, [], 'the probability is not a measurement');
    assert.equal(read.impression, '우상엽 9.2 mm 고형 결절 (9.2 mm solid nodule)');
    assert.deepEqual(read.recommendations, ['6–12개월 후 CT 추적 검사 (Fleischner 2017)', '이전 영상과 비교']);
    assert.deepEqual(read.language, { value: 'ko-KR', scheme: 'RFC5646', meaning: 'Korean (Republic of Korea)' });
    assert.equal(read.procedure?.value, '77477000');
  });

  test('references: source images of the series, the SEG segment (TID 1411), evidence and image library', () => {
    const seriesSops = volume.slices.map((s) => s.sopInstanceUid);
    const first = read.findings[0]!;
    assert.deepEqual(first.segment, { sopInstanceUid: seg.sopInstanceUid, segmentNumber: 1, frameNumber: null });
    assert.equal(first.sourceSeriesInstanceUid, volume.context.seriesInstanceUid);
    assert.deepEqual(first.measurements[0]!.images.map((r) => r.sopInstanceUid), [seriesSops[1]]);
    assert.deepEqual(first.measurements[1]!.images.map((r) => r.sopInstanceUid), [seriesSops[1], seriesSops[2]], 'defaults to the finding images');
    assert.deepEqual(first.sourceImages.map((r) => r.sopInstanceUid), [seriesSops[1], seriesSops[2]]);
    assert.ok(first.sourceImages.every((r) => r.sopClassUid === '1.2.840.10008.5.1.4.1.1.2'));
    assert.equal(read.findings[1]!.segment, null, 'no segment: TID 1501 group');
    assert.deepEqual(read.findings[1]!.sourceImages.map((r) => r.sopInstanceUid), [seriesSops[3]]);
    assert.deepEqual(read.imageLibrary.map((r) => r.sopInstanceUid), [seriesSops[1], seriesSops[2], seriesSops[3]]);
    assert.deepEqual(read.evidence.filter((e) => e.seriesInstanceUid === volume.context.seriesInstanceUid).map((e) => e.sopInstanceUid), seriesSops);
    assert.deepEqual(read.evidence.filter((e) => e.sopClassUid === SEGMENTATION_STORAGE), [
      { seriesInstanceUid: seg.seriesInstanceUid, sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid: seg.sopInstanceUid },
    ]);
  });

  test('the observer is the algorithm: a device with the model id, version, manufacturer and file hash', () => {
    assert.deepEqual(read.observer, {
      type: { value: '121007', scheme: 'DCM', meaning: 'Device' },
      uid: deviceObserverUid(algorithm),
      name: 'ref-lung-nodule-3d',
      manufacturer: NOT_FOR_CLINICAL_USE,
      modelName: 'ref-lung-nodule-3d 0.1.0',
      serialNumber: 'ab'.repeat(32),
    });
    assert.equal(deviceObserverUid(algorithm), deviceObserverUid({ name: 'ref-lung-nodule-3d', version: '0.1.0' }), 'stable per model version');
    assert.notEqual(deviceObserverUid(algorithm), deviceObserverUid({ name: 'ref-lung-nodule-3d', version: '0.2.0' }));
    assert.match(deviceObserverUid(algorithm), /^2\.25\.\d+$/);
    assert.equal(parsed.dataset.Manufacturer, NOT_FOR_CLINICAL_USE);
  });
});

describe('writeMeasurementReport: other shapes and refusals', () => {
  test('a segment over one image is a planar reference (TID 1410): SEG frame + source image', () => {
    const ct = imageTensor(parsePart10(dicomFixture('CT_small.dcm')));
    const oneMask = new Uint8Array(128 * 128);
    oneMask.fill(1, 4000, 4100);
    const oneSeg = writeSegmentation({ source: ct, segments: [{ label: 'lesion', mask: oneMask }], algorithm });
    const planar = readMeasurementReport(parsePart10(writeMeasurementReport({
      source: ct, algorithm,
      findings: [{
        trackingId: 'l1', type: SEGMENT_CODES.lesion,
        segment: { sopInstanceUid: oneSeg.sopInstanceUid, seriesInstanceUid: oneSeg.seriesInstanceUid, segmentNumber: 1, frameNumbers: oneSeg.frames.map((f) => f.frameNumber) },
        measurements: [{ concept: MEASUREMENT_CODES.diameter, value: 12, unit: UNITS.mm }],
      }],
    }).bytes));
    const finding = planar.findings[0]!;
    assert.deepEqual(finding.segment, { sopInstanceUid: oneSeg.sopInstanceUid, segmentNumber: 1, frameNumber: 1 });
    assert.deepEqual(finding.sourceImages.map((r) => r.sopInstanceUid), [ct.slices[0]!.sopInstanceUid]);
    assert.equal(finding.sourceSeriesInstanceUid, null);
  });

  test('a report with no findings still says who looked at what (evidence, observer)', () => {
    const empty = readMeasurementReport(parsePart10(writeMeasurementReport({ source: volume, algorithm: { ...algorithm, clinicalUse: true }, findings: [], impression: '이상 소견 없음 (no finding)' }).bytes));
    assert.deepEqual(empty.findings, []);
    assert.equal(empty.evidence.length, 4);
    assert.equal(empty.observer.manufacturer, 'CDSS');
    assert.equal(empty.impression, '이상 소견 없음 (no finding)');
  });

  test('refuses impossible numbers, and reading a non-SR', () => {
    const bad = (finding: Partial<FindingInput>) => () => writeMeasurementReport({ source: volume, algorithm, findings: [{ trackingId: 'x', type: SEGMENT_CODES.lesion, ...finding }] });
    assert.throws(bad({ measurements: [{ concept: MEASUREMENT_CODES.volume, value: Number.NaN, unit: UNITS.mm3 }] }), /not a finite number/);
    assert.throws(bad({ evaluations: [{ value: solid, probability: 1.2 }] }), /probability must be within 0–1/);
    assert.throws(() => readMeasurementReport(parsePart10(dicomFixture('CT_small.dcm'))), (err: unknown) => err instanceof DicomInputError && err.reason === 'UNSUPPORTED');
    assert.throws(() => readMeasurementReport(parsePart10(seg.bytes)), DicomInputError);
  });
});
