import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dcmjs from 'dcmjs';
import { SEGMENT_CODES, SITE_CODES } from '../../lib/dicom/codes.js';
import { NOT_FOR_CLINICAL_USE } from '../../lib/dicom/derived.js';
import { DicomInputError, parsePart10 } from '../../lib/dicom/part10.js';
import { resampleVolume } from '../../lib/dicom/resample.js';
import {
  labelMapToMasks, packBits, readSegmentation, segmentationMasks, SEGMENTATION_STORAGE, writeSegmentation, type SegmentInput,
} from '../../lib/dicom/seg.js';
import { repairUtf8 } from '../../lib/dicom/sequence-text.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import { buildVolume, imageTensor, type ImageSource, type Volume } from '../../lib/dicom/volume.js';
import { ctSeriesFixtures, dicomFixture } from '../fixtures/dicom/fixtures.js';

const ctVolume = () => buildVolume(ctSeriesFixtures().map((f) => parsePart10(f.bytes)));
const referenceModel = { name: 'ref-lung-nodule-3d', version: '0.1.0', clinicalUse: false, sha256: 'c0ffee'.padEnd(64, '0') };
const count = (mask: ArrayLike<number>) => { let n = 0; for (let i = 0; i < mask.length; i++) if (mask[i]) n++; return n; };

/** A box mask over the volume: slices [k0, k1), rows [j0, j1), columns [i0, i1). */
function box(volume: Pick<Volume, 'shape'>, [k0, k1]: number[], [j0, j1]: number[], [i0, i1]: number[]): Uint8Array {
  const [d, h, w] = volume.shape;
  const mask = new Uint8Array(d * h * w);
  for (let k = k0!; k < k1!; k++) for (let j = j0!; j < j1!; j++) for (let i = i0!; i < i1!; i++) mask[(k * h + j) * w + i] = 1;
  return mask;
}

function twoSegments(volume: Volume): SegmentInput[] {
  return [
    { label: '폐결절 (lung nodule)', mask: box(volume, [1, 3], [4, 9], [5, 11]), type: SEGMENT_CODES.nodule, anatomicRegion: SITE_CODES.lung, color: [255, 64, 0] },
    // Segment 2 touches only slice 3: slices 0–2 give no frame for it.
    { label: 'Mass', mask: box(volume, [3, 4], [0, 2], [0, 16]), category: SEGMENT_CODES.morphologicallyAbnormalStructure, type: SEGMENT_CODES.mass },
  ];
}

describe('writeSegmentation over the CT series fixture', () => {
  const volume = ctVolume();
  const segments = twoSegments(volume);
  const result = writeSegmentation({ source: volume, segments, algorithm: referenceModel });
  const parsed = parsePart10(result.bytes);
  const ds = parsed.dataset;
  const seriesSops = new Set(volume.slices.map((s) => s.sopInstanceUid));

  test('opens with dcmjs as a binary Segmentation Storage instance', () => {
    const raw = dcmjs.data.DicomMessage.readFile(result.bytes.buffer.slice(result.bytes.byteOffset, result.bytes.byteOffset + result.bytes.byteLength) as ArrayBuffer);
    const natural = dcmjs.data.DicomMetaDictionary.naturalizeDataset(raw.dict) as Record<string, any>;
    assert.equal(natural.SOPClassUID, SEGMENTATION_STORAGE);
    assert.equal(natural.Modality, 'SEG');
    assert.equal(natural.SegmentationType, 'BINARY');
    assert.equal(natural.BitsAllocated, 1);
    assert.equal(raw.meta['00020010']!.Value![0], '1.2.840.10008.1.2.1');
    assert.equal(ds.SOPInstanceUID, result.sopInstanceUid);
  });

  test('empty frames are omitted: 2 frames for the nodule (slices 1, 2) and 1 for the mass (slice 3)', () => {
    assert.equal(ds.NumberOfFrames, 3);
    assert.deepEqual(result.frames, [
      { frameNumber: 1, segmentNumber: 1, sliceIndex: 1 },
      { frameNumber: 2, segmentNumber: 1, sliceIndex: 2 },
      { frameNumber: 3, segmentNumber: 2, sliceIndex: 3 },
    ]);
    assert.equal(ds.SegmentsOverlap, 'NO');
    // 3 frames × 256 bits = 96 bytes of packed pixel data.
    assert.equal((parsed.dict['7FE00010']!.Value![0] as ArrayBuffer).byteLength, 96);
  });

  test('every frame references a SOP instance of the source series, and the slice it was cut from', () => {
    const frames = ds.PerFrameFunctionalGroupsSequence as Record<string, any>[];
    assert.equal(frames.length, 3);
    frames.forEach((frame, n) => {
      const source = frame.DerivationImageSequence[0].SourceImageSequence[0];
      assert.ok(seriesSops.has(source.ReferencedSOPInstanceUID), source.ReferencedSOPInstanceUID);
      const slice = volume.slices[result.frames[n]!.sliceIndex]!;
      assert.equal(source.ReferencedSOPInstanceUID, slice.sopInstanceUid);
      assert.equal(source.ReferencedSOPClassUID, '1.2.840.10008.5.1.4.1.1.2');
      assert.equal(source.PurposeOfReferenceCodeSequence[0].CodeValue, '121322');
      assert.equal(frame.DerivationImageSequence[0].DerivationCodeSequence[0].CodeValue, '113076');
      assert.deepEqual(frame.PlanePositionSequence[0].ImagePositionPatient, slice.position);
      assert.deepEqual(frame.FrameContentSequence[0].DimensionIndexValues, [result.frames[n]!.segmentNumber, result.frames[n]!.sliceIndex + 1]);
      assert.equal(frame.SegmentIdentificationSequence[0].ReferencedSegmentNumber, result.frames[n]!.segmentNumber);
    });
    const referenced = ds.ReferencedSeriesSequence[0];
    assert.equal(referenced.SeriesInstanceUID, volume.context.seriesInstanceUid);
    assert.deepEqual(referenced.ReferencedInstanceSequence.map((i: any) => i.ReferencedSOPInstanceUID), volume.slices.map((s) => s.sopInstanceUid));
    const shared = ds.SharedFunctionalGroupsSequence[0];
    assert.deepEqual(shared.PlaneOrientationSequence[0].ImageOrientationPatient, [1, 0, 0, 0, 1, 0]);
    assert.deepEqual(shared.PixelMeasuresSequence[0].PixelSpacing, [0.488281, 0.488281]);
    assert.equal(shared.PixelMeasuresSequence[0].SliceThickness, 1.25);
  });

  test('the masks round-trip: read back onto the source grid, voxel for voxel', () => {
    const masks = segmentationMasks(parsed, volume);
    assert.deepEqual([...masks.keys()], [1, 2]);
    assert.deepEqual(masks.get(1), Uint8Array.from(segments[0]!.mask));
    assert.deepEqual(masks.get(2), Uint8Array.from(segments[1]!.mask));
    assert.equal(count(masks.get(1)!), 2 * 5 * 6);
  });

  test('same patient and study, new series and instance; the model and "not for clinical use" are recorded', () => {
    assert.equal(ds.StudyInstanceUID, volume.context.studyInstanceUid);
    assert.equal(ds.PatientID, '77654033');
    assert.deepEqual(ds.PatientName, [{ Alphabetic: 'Doe^Archibald' }]);
    assert.equal(ds.AccessionNumber, '2');
    assert.equal(ds.SeriesInstanceUID, result.seriesInstanceUid);
    assert.notEqual(ds.SeriesInstanceUID, volume.context.seriesInstanceUid);
    assert.ok(!seriesSops.has(ds.SOPInstanceUID));
    assert.equal(ds.FrameOfReferenceUID, volume.frameOfReferenceUid);
    assert.equal(ds.Manufacturer, NOT_FOR_CLINICAL_USE);
    assert.deepEqual(ds.ContentCreatorName, [{ Alphabetic: NOT_FOR_CLINICAL_USE }]);
    assert.match(ds.SeriesDescription, /ref-lung-nodule-3d 0\.1\.0 \(not for clinical use\)/);
    assert.equal(ds.ManufacturerModelName, 'ref-lung-nodule-3d');
    assert.equal(ds.SoftwareVersions, '0.1.0');
    assert.equal(ds.DeviceSerialNumber, referenceModel.sha256);
    const clinical = parsePart10(writeSegmentation({ source: volume, segments, algorithm: { ...referenceModel, clinicalUse: true } }).bytes).dataset;
    assert.equal(clinical.Manufacturer, 'CDSS');
    assert.doesNotMatch(clinical.SeriesDescription, /not for clinical use/);
  });

  test('segments: label (Korean), AUTOMATIC with the model id/version, SCT category and type codes, colour', () => {
    const info = readSegmentation(parsed);
    assert.deepEqual(info.segments.map((s) => [s.number, s.label, s.algorithmType, s.algorithmName, s.algorithmVersion]), [
      [1, '폐결절 (lung nodule)', 'AUTOMATIC', 'ref-lung-nodule-3d', '0.1.0'],
      [2, 'Mass', 'AUTOMATIC', 'ref-lung-nodule-3d', '0.1.0'],
    ]);
    assert.deepEqual(info.segments[0]!.category, SEGMENT_CODES.morphologicallyAbnormalStructure);
    assert.deepEqual(info.segments[0]!.type, SEGMENT_CODES.nodule);
    assert.deepEqual(info.segments[1]!.type, { value: '4147007', scheme: 'SCT', meaning: 'Mass' });
    const item = ds.SegmentSequence[0];
    assert.equal(item.SegmentationAlgorithmIdentificationSequence[0].AlgorithmFamilyCodeSequence[0].CodeValue, '123110');
    assert.equal(item.AnatomicRegionSequence[0].CodeValue, '39607008');
    const rgb = dcmjs.data.Colors.dicomlab2RGB8(item.RecommendedDisplayCIELabValue);
    assert.ok(Math.abs(rgb[0]! - 255) <= 1 && Math.abs(rgb[1]! - 64) <= 1 && rgb[2]! <= 1, `${rgb}`);
    // The default codes: Morphologically abnormal structure / Lesion.
    const plain = readSegmentation(parsePart10(writeSegmentation({ source: volume, segments: [{ label: 'x', mask: segments[0]!.mask }], algorithm: referenceModel }).bytes));
    assert.deepEqual([plain.segments[0]!.category?.value, plain.segments[0]!.type?.value], ['49755003', '52988006']);
  });

  test('has the structure of the real highdicom SEG fixture over the same series', () => {
    const fixture = parsePart10(dicomFixture('SEG_ct_binary.dcm'));
    const f = fixture.dataset;
    const keys = (item: Record<string, unknown>) => Object.keys(item).filter((k) => k !== '_vrMap').sort();
    assert.deepEqual(keys(ds.PerFrameFunctionalGroupsSequence[0]), keys(f.PerFrameFunctionalGroupsSequence[0]));
    assert.deepEqual(keys(ds.SharedFunctionalGroupsSequence[0]), keys(f.SharedFunctionalGroupsSequence[0]));
    assert.deepEqual(keys(ds.PerFrameFunctionalGroupsSequence[0].DerivationImageSequence[0]), keys(f.PerFrameFunctionalGroupsSequence[0].DerivationImageSequence[0]));
    const pointers = (d: Record<string, any>) => d.DimensionIndexSequence.map((i: any) => [i.DimensionIndexPointer, i.FunctionalGroupPointer]);
    assert.deepEqual(pointers(ds), pointers(f));
    for (const keyword of ['SOPClassUID', 'Modality', 'SegmentationType', 'BitsAllocated', 'StudyInstanceUID', 'FrameOfReferenceUID', 'PatientID', 'Rows', 'Columns']) {
      assert.deepEqual(ds[keyword], f[keyword], keyword);
    }
    assert.deepEqual(ds.ImageType, f.ImageType);
    // Our reader on the fixture: its frames reference slices .94–.96, which are slices 1–3 of our volume.
    const info = readSegmentation(fixture);
    assert.deepEqual(info.frames.map((fr) => fr.references[0]!.sopInstanceUid.split('.').at(-1)), ['94', '95', '96']);
    const masks = segmentationMasks(fixture, volume);
    const perSlice = [0, 1, 2, 3].map((k) => count(masks.get(1)!.subarray(k * 256, (k + 1) * 256)));
    assert.equal(perSlice[0], 0);
    assert.ok(perSlice.slice(1).every((n) => n > 0), `${perSlice}`);
  });
});

describe('writeSegmentation edge cases', () => {
  const volume = ctVolume();

  test('all-empty masks still give a valid SEG: one empty frame, every segment listed', () => {
    const result = writeSegmentation({ source: volume, segments: [{ label: 'a', mask: new Uint8Array(1024) }, { label: 'b', mask: new Uint8Array(1024) }], algorithm: referenceModel });
    const parsed = parsePart10(result.bytes);
    assert.equal(parsed.dataset.NumberOfFrames, 1);
    assert.equal(parsed.dataset.SegmentSequence.length, 2);
    assert.equal(count(segmentationMasks(parsed, volume).get(1)!), 0);
  });

  test('overlapping segments set SegmentsOverlap YES and keep both masks', () => {
    const a = box(volume, [0, 2], [0, 8], [0, 8]);
    const b = box(volume, [1, 4], [4, 12], [4, 12]);
    const result = writeSegmentation({ source: volume, segments: [{ label: 'a', mask: a }, { label: 'b', mask: b }], algorithm: referenceModel });
    assert.equal(result.segmentsOverlap, true);
    const masks = segmentationMasks(parsePart10(result.bytes), volume);
    assert.deepEqual([masks.get(1), masks.get(2)], [a, b]);
  });

  test('frames of rows × columns not a multiple of 8 are packed across byte boundaries and read back', () => {
    // A 3 × 5 × 5 source (25 bits a frame) with made-up UIDs: only ImageSource matters to the writer.
    const series = uuidDerivedUid();
    const source: ImageSource = {
      context: { studyInstanceUid: uuidDerivedUid(), seriesInstanceUid: series, modality: 'MR', attributes: { PatientID: 'P1', PatientName: [{ Alphabetic: '김민수' }] } },
      frameOfReferenceUid: uuidDerivedUid(), rows: 5, columns: 5, orientation: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1], sliceThickness: 3,
      slices: [0, 1, 2].map((k) => ({ sopInstanceUid: uuidDerivedUid(), sopClassUid: '1.2.840.10008.5.1.4.1.1.4', frameNumber: null, instanceNumber: k + 1, position: [0, 0, 3 * k] as [number, number, number] })),
    };
    const mask = Uint8Array.from({ length: 75 }, (_, p) => (p * 7) % 5 === 0 ? 1 : 0);
    const result = writeSegmentation({ source, segments: [{ label: 'odd', mask }], algorithm: referenceModel });
    const parsed = parsePart10(result.bytes);
    assert.equal(parsed.dataset.NumberOfFrames, 3);
    assert.equal((parsed.dict['7FE00010']!.Value![0] as ArrayBuffer).byteLength, 10, 'ceil(75 / 8) = 10 bytes, already even');
    assert.deepEqual(segmentationMasks(parsed, source).get(1), mask);
    assert.deepEqual(parsed.dataset.PatientName, [{ Alphabetic: '김민수' }]);
  });

  test('a single ultrasound image (no plane geometry): frames carry only the derivation reference', () => {
    const image = imageTensor(parsePart10(dicomFixture('US_rgb_single.dcm')));
    const mask = new Uint8Array(240 * 320);
    for (let p = 1000; p < 1500; p++) mask[p] = 1;
    const result = writeSegmentation({ source: image, segments: [{ label: '종괴 (mass)', mask, type: SEGMENT_CODES.mass, anatomicRegion: SITE_CODES.breast }], algorithm: referenceModel });
    const parsed = parsePart10(result.bytes);
    const frame = parsed.dataset.PerFrameFunctionalGroupsSequence[0];
    assert.equal(frame.PlanePositionSequence, undefined);
    assert.equal(frame.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID, image.slices[0]!.sopInstanceUid);
    assert.equal(parsed.dataset.DimensionIndexSequence.length, 1);
    assert.equal(parsed.dataset.FrameOfReferenceUID, undefined);
    assert.deepEqual(segmentationMasks(parsed, image).get(1), mask);
  });

  test('refuses masks of the wrong size and resampled volumes; readers refuse a SEG of another series', () => {
    assert.throws(() => writeSegmentation({ source: volume, segments: [{ label: 'x', mask: new Uint8Array(10) }], algorithm: referenceModel }), /mask has 10 values/);
    const resampled = resampleVolume(volume, { shape: [4, 8, 8] });
    assert.throws(() => writeSegmentation({ source: resampled, segments: [{ label: 'x', mask: new Uint8Array(256) }], algorithm: referenceModel }), /resampleToGrid/);
    assert.throws(() => writeSegmentation({ source: volume, segments: [], algorithm: referenceModel }), RangeError);
    const seg = parsePart10(writeSegmentation({ source: volume, segments: [{ label: 'x', mask: box(volume, [0, 1], [0, 1], [0, 1]) }], algorithm: referenceModel }).bytes);
    const other: ImageSource = { ...volume, slices: volume.slices.map((s) => ({ ...s, sopInstanceUid: uuidDerivedUid(), position: null })) };
    assert.throws(() => segmentationMasks(seg, other), (err: unknown) => err instanceof DicomInputError && err.reason === 'INCONSISTENT_SERIES');
    assert.throws(() => readSegmentation(parsePart10(dicomFixture('CT_small.dcm'))), (err: unknown) => err instanceof DicomInputError && err.reason === 'UNSUPPORTED');
  });
});

describe('helpers', () => {
  test('packBits is LSB first and pads to an even length', () => {
    assert.deepEqual(Array.from(packBits(Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1, 1]))), [0x81, 0x01]);
    assert.deepEqual(Array.from(packBits(Uint8Array.from([0, 1, 1]))), [0x06, 0x00]);
  });

  test('labelMapToMasks splits a label map into one binary mask per label', () => {
    const [one, two] = labelMapToMasks(Uint8Array.from([0, 1, 2, 2, 1, 0, 3]), 2);
    assert.deepEqual(Array.from(one!), [0, 1, 0, 0, 1, 0, 0]);
    assert.deepEqual(Array.from(two!), [0, 0, 1, 1, 0, 0, 0]);
  });

  test('repairUtf8 undoes dcmjs reading UTF-8 inside sequences as cp1252, and leaves correct text alone', () => {
    const utf8Bytes = new TextEncoder().encode('폐결절 – 9 mm');
    const mojibake = new TextDecoder('latin1').decode(utf8Bytes);
    assert.notEqual(mojibake, '폐결절 – 9 mm');
    assert.equal(repairUtf8(mojibake), '폐결절 – 9 mm');
    assert.equal(repairUtf8('폐결절'), '폐결절');
    assert.equal(repairUtf8('plain ASCII'), 'plain ASCII');
    assert.equal(repairUtf8('café'), 'café', 'not valid UTF-8 as bytes: kept');
  });
});
