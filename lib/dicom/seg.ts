import dcmjs from 'dcmjs';
import { codeFromItem, codeItem, DCM, SEGMENT_CODES, type Code } from './codes.js';
import { derivedHeader, describeSeries, manufacturerOf, newUids, writePart10, type AlgorithmIdentity, type DerivedSeriesOptions } from './derived.js';
import { extractFrames } from './frames.js';
import { DicomInputError, numberValue, textValue, type ParsedDicom } from './part10.js';
import { withSequenceText } from './sequence-text.js';
import { uuidDerivedUid } from './uid.js';
import type { ImageSource, Vec3 } from './volume.js';
import { dicomText } from './worklist.js';

/**
 * DICOM Segmentation (binary) from model masks over a source series (PS3.3 A.51, C.8.20).
 *
 * Built here with dcmjs's DicomDict rather than `dcmjs.derivations.Segmentation`. The derivation
 * does run in Node, but it wants the series first normalized into one enhanced multi-frame
 * dataset (a copy of every slice's pixel data), orders frames by its own sort (which must then
 * agree with the volume's), writes Manufacturer 'Unspecified' and a fixed 'NOT FOR CLINICAL USE'
 * ImageComments, no SpecificCharacterSet (Korean segment labels), and has no notion of omitted
 * empty frames. Writing the dataset ourselves keeps the frame ↔ source-slice mapping the volume's
 * own, which is what the SEG must get right.
 *
 * Layout, as highdicom writes it (compared with test/fixtures/dicom/SEG_ct_binary.dcm):
 * - frames ordered by segment, then by slice; empty frames omitted (a SEG where every mask is
 *   empty keeps one empty frame, since NumberOfFrames must be ≥ 1, and so still records "looked,
 *   found nothing");
 * - per frame: DerivationImageSequence → SourceImageSequence naming the source SOP instance (and
 *   frame, for multi-frame sources), FrameContent DimensionIndexValues [segment, slice index + 1],
 *   PlanePosition (the slice's ImagePositionPatient), SegmentIdentification;
 * - shared: PlaneOrientation, PixelMeasures (PixelSpacing, SliceThickness);
 * - pixel data 1 bit per pixel, packed LSB first across frame boundaries (PS3.5 8.1.1);
 * - ReferencedSeriesSequence listing every source instance; the source's patient and study, a
 *   new series.
 * Without plane geometry (ultrasound, photos) frames carry only the derivation reference.
 */

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** Tags for the Multi-frame Dimension module (AT values: group << 16 | element). */
const TAG = {
  segmentIdentificationSequence: 0x0062000a,
  referencedSegmentNumber: 0x0062000b,
  planePositionSequence: 0x00209113,
  imagePositionPatient: 0x00200032,
} as const;

export interface SegmentInput {
  /** SegmentLabel (LO, Korean allowed), e.g. '폐결절 (lung nodule)'. */
  label: string;
  /** On the source grid, z-y-x (slices × rows × columns); any non-zero value is inside. */
  mask: ArrayLike<number>;
  /** Default SCT 49755003 "Morphologically abnormal structure". */
  category?: Code;
  /** Default SCT 52988006 "Lesion". */
  type?: Code;
  anatomicRegion?: Code;
  description?: string;
  /** sRGB 0–255 → RecommendedDisplayCIELabValue (the colour a viewer such as OHIF uses). */
  color?: [number, number, number];
  trackingId?: string;
  trackingUid?: string;
}

export interface SegmentationInput extends DerivedSeriesOptions {
  source: ImageSource;
  segments: SegmentInput[];
  algorithm: AlgorithmIdentity;
  /** ContentLabel (CS: A–Z, 0–9, _; ≤ 16). Default 'AI_SEGMENTATION'. */
  contentLabel?: string;
  contentDescription?: string;
}

export interface SegmentationFrame {
  /** 1-based frame number in the SEG. */
  frameNumber: number;
  segmentNumber: number;
  /** z index in the source (ImageSource.slices). */
  sliceIndex: number;
}

export interface SegmentationResult {
  bytes: Uint8Array;
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  frames: SegmentationFrame[];
  segmentsOverlap: boolean;
}

/** Packs 0/1 bytes LSB first (PS3.5 8.1.1), padded to an even length. */
export function packBits(bits: Uint8Array): Uint8Array {
  const length = Math.ceil(bits.length / 8);
  const out = new Uint8Array(length + (length % 2));
  for (let i = 0; i < bits.length; i++) if (bits[i]) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

function codeString(text: string, fallback: string): string {
  const upper = text.trim().toUpperCase().replace(/[^A-Z0-9_ ]/g, '_');
  return /^[A-Z0-9 _]{1,16}$/.test(upper) ? upper : fallback;
}

function checkInput(input: SegmentationInput): number {
  const { source, segments } = input;
  if (segments.length === 0) throw new RangeError('a segmentation needs at least one segment');
  if (source.slices.length === 0) throw new RangeError('the source has no slices to reference (a resampled volume? map masks back with resampleToGrid first)');
  const voxels = source.slices.length * source.rows * source.columns;
  segments.forEach((s, n) => {
    if (s.mask.length !== voxels) {
      throw new RangeError(`segment ${n + 1} mask has ${s.mask.length} values; the source grid has ${source.slices.length}×${source.rows}×${source.columns} = ${voxels}`);
    }
  });
  return voxels;
}

function segmentItem(segment: SegmentInput, number: number, algorithm: AlgorithmIdentity): Record<string, unknown> {
  return {
    SegmentNumber: number,
    SegmentLabel: dicomText(segment.label, 64),
    ...(segment.description ? { SegmentDescription: dicomText(segment.description, 1024) } : {}),
    SegmentAlgorithmType: 'AUTOMATIC',
    SegmentAlgorithmName: dicomText(algorithm.name, 64),
    SegmentationAlgorithmIdentificationSequence: [{
      AlgorithmFamilyCodeSequence: [codeItem(DCM.artificialIntelligence)],
      AlgorithmName: dicomText(algorithm.name, 64),
      AlgorithmVersion: dicomText(algorithm.version, 64),
    }],
    SegmentedPropertyCategoryCodeSequence: [codeItem(segment.category ?? SEGMENT_CODES.morphologicallyAbnormalStructure)],
    SegmentedPropertyTypeCodeSequence: [codeItem(segment.type ?? SEGMENT_CODES.lesion)],
    ...(segment.anatomicRegion ? { AnatomicRegionSequence: [codeItem(segment.anatomicRegion)] } : {}),
    ...(segment.color ? { RecommendedDisplayCIELabValue: dcmjs.data.Colors.rgb82DICOMLAB(segment.color) } : {}),
    ...(segment.trackingId ? { TrackingID: dicomText(segment.trackingId, 64) } : {}),
    ...(segment.trackingUid ? { TrackingUID: segment.trackingUid } : {}),
  };
}

/** Writes a binary DICOM SEG; every frame references the source slice it was cut from. */
export function writeSegmentation(input: SegmentationInput): SegmentationResult {
  const voxels = checkInput(input);
  const { source, segments, algorithm } = input;
  const { rows, columns } = source;
  const plane = rows * columns;
  const geometry = !!source.orientation && source.slices.every((s) => s.position);

  // Which (segment, slice) pairs hold anything; also whether two segments claim one voxel.
  const frames: SegmentationFrame[] = [];
  const claimed = new Uint8Array(voxels);
  let overlap = false;
  segments.forEach((segment, s) => {
    for (let k = 0; k < source.slices.length; k++) {
      let any = false;
      for (let p = k * plane; p < (k + 1) * plane; p++) {
        if (!segment.mask[p]) continue;
        any = true;
        if (claimed[p]) overlap = true;
        claimed[p] = 1;
      }
      if (any) frames.push({ frameNumber: frames.length + 1, segmentNumber: s + 1, sliceIndex: k });
    }
  });
  if (frames.length === 0) frames.push({ frameNumber: 1, segmentNumber: 1, sliceIndex: 0 });

  const bits = new Uint8Array(frames.length * plane);
  frames.forEach((f, n) => {
    const mask = segments[f.segmentNumber - 1]!.mask;
    const start = f.sliceIndex * plane;
    for (let p = 0; p < plane; p++) if (mask[start + p]) bits[n * plane + p] = 1;
  });

  const perFrame = frames.map((f) => {
    const slice = source.slices[f.sliceIndex]!;
    return {
      DerivationImageSequence: [{
        SourceImageSequence: [{
          ReferencedSOPClassUID: slice.sopClassUid,
          ReferencedSOPInstanceUID: slice.sopInstanceUid,
          ...(slice.frameNumber ? { ReferencedFrameNumber: slice.frameNumber } : {}),
          PurposeOfReferenceCodeSequence: [codeItem(DCM.sourceImageForProcessing)],
          SpatialLocationsPreserved: 'YES',
        }],
        DerivationCodeSequence: [codeItem(DCM.segmentation)],
      }],
      FrameContentSequence: [{ DimensionIndexValues: geometry ? [f.segmentNumber, f.sliceIndex + 1] : [f.segmentNumber] }],
      ...(geometry ? { PlanePositionSequence: [{ ImagePositionPatient: [...slice.position!] }] } : {}),
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segmentNumber }],
    };
  });

  const shared: Record<string, unknown> = {};
  if (geometry) {
    shared.PlaneOrientationSequence = [{ ImageOrientationPatient: [...source.orientation!] }];
    shared.PixelMeasuresSequence = [{
      ...(source.pixelSpacing ? { PixelSpacing: [...source.pixelSpacing] } : {}),
      ...(source.sliceThickness ? { SliceThickness: source.sliceThickness } : {}),
    }];
  }

  const uids = newUids(input);
  const dimensionUid = uuidDerivedUid();
  const dimension = (pointer: number, group: number, label: string) => ({
    DimensionOrganizationUID: dimensionUid, DimensionIndexPointer: pointer, FunctionalGroupPointer: group, DimensionDescriptionLabel: label,
  });
  // One entry per distinct source instance, in slice order.
  const referenced = [...new Map(source.slices.map((s) => [s.sopInstanceUid, s])).values()];
  const dataset: Record<string, unknown> = {
    ...derivedHeader(source, algorithm, { sopClassUid: SEGMENTATION_STORAGE, modality: 'SEG', ...uids }, {
      ...input,
      seriesNumber: input.seriesNumber ?? 9001,
      seriesDescription: describeSeries('AI SEG', algorithm, input.seriesDescription),
    }),
    ImageType: ['DERIVED', 'PRIMARY'],
    ...(source.frameOfReferenceUid ? { FrameOfReferenceUID: source.frameOfReferenceUid, PositionReferenceIndicator: '' } : {}),
    ReferencedSeriesSequence: [{
      SeriesInstanceUID: source.context.seriesInstanceUid,
      ReferencedInstanceSequence: referenced.map((s) => ({ ReferencedSOPClassUID: s.sopClassUid, ReferencedSOPInstanceUID: s.sopInstanceUid })),
    }],
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionUid }],
    DimensionIndexSequence: [
      dimension(TAG.referencedSegmentNumber, TAG.segmentIdentificationSequence, 'Segment Number'),
      ...(geometry ? [dimension(TAG.imagePositionPatient, TAG.planePositionSequence, 'Image Position Patient')] : []),
    ],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    NumberOfFrames: frames.length,
    Rows: rows,
    Columns: columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    ContentLabel: codeString(input.contentLabel ?? 'AI_SEGMENTATION', 'AI_SEGMENTATION'),
    ContentDescription: dicomText(input.contentDescription ?? (algorithm.clinicalUse ? `AI segmentation ${algorithm.name}` : `AI 참조 모델 결과, 임상 사용 불가 (not for clinical use)`), 64),
    ContentCreatorName: [{ Alphabetic: manufacturerOf(algorithm) }],
    SegmentSequence: segments.map((s, n) => segmentItem(s, n + 1, algorithm)),
    SegmentsOverlap: overlap ? 'YES' : 'NO',
    SharedFunctionalGroupsSequence: [shared],
    PerFrameFunctionalGroupsSequence: perFrame,
  };
  const bytes = writePart10(dataset, { '7FE00010': { vr: 'OB', bytes: packBits(bits) } }, 'CDSS_SEG_1');
  return { bytes, sopClassUid: SEGMENTATION_STORAGE, ...uids, frames, segmentsOverlap: overlap };
}

/** Splits a label map (0 = background, n = segment n) into one binary mask per label 1..count. */
export function labelMapToMasks(labels: ArrayLike<number>, count: number): Uint8Array[] {
  const masks = Array.from({ length: count }, () => new Uint8Array(labels.length));
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label >= 1 && label <= count) masks[label - 1]![i] = 1;
  }
  return masks;
}

// ---------------------------------------------------------------------------------------------
// Reading a SEG back (ours or another writer's): what it claims, and masks on a source grid.

export interface SegmentInfo {
  number: number;
  label: string;
  algorithmType: string;
  algorithmName: string | null;
  algorithmVersion: string | null;
  category: Code | null;
  type: Code | null;
}

export interface SegFrameInfo {
  frameNumber: number;
  segmentNumber: number;
  /** The source instances (and frames) this frame was derived from. */
  references: { sopClassUid: string; sopInstanceUid: string; frameNumber: number | null }[];
  position: Vec3 | null;
  dimensionIndexValues: number[];
}

export interface SegmentationInfo {
  sopInstanceUid: string;
  studyInstanceUid: string;
  rows: number;
  columns: number;
  segmentationType: string;
  segments: SegmentInfo[];
  frames: SegFrameInfo[];
  referencedSeries: { seriesInstanceUid: string; sopInstanceUids: string[] }[];
}

const notSeg = (why: string) => new DicomInputError(`DICOM SEG가 아닙니다: ${why} (not a binary DICOM SEG)`, 'UNSUPPORTED');

function frameGroup(ds: Record<string, any>, index: number, sequence: string): Record<string, any> | null {
  return ds.PerFrameFunctionalGroupsSequence?.[index]?.[sequence]?.[0] ?? ds.SharedFunctionalGroupsSequence?.[0]?.[sequence]?.[0] ?? null;
}

/** The structure of a SEG: segments, each frame's segment and source references. */
export function readSegmentation(parsed: ParsedDicom): SegmentationInfo {
  const ds = withSequenceText(parsed.dataset);
  if (textValue(ds.SOPClassUID) !== SEGMENTATION_STORAGE) throw notSeg(`SOP Class ${textValue(ds.SOPClassUID) || '?'}`);
  const count = Math.max(1, numberValue(ds.NumberOfFrames) ?? 1);
  const frames: SegFrameInfo[] = [];
  for (let f = 0; f < count; f++) {
    const derivation = frameGroup(ds, f, 'DerivationImageSequence');
    const sources = (derivation?.SourceImageSequence ?? []) as Record<string, unknown>[];
    const position = frameGroup(ds, f, 'PlanePositionSequence')?.ImagePositionPatient;
    frames.push({
      frameNumber: f + 1,
      segmentNumber: numberValue(frameGroup(ds, f, 'SegmentIdentificationSequence')?.ReferencedSegmentNumber) ?? 0,
      references: sources.map((s) => ({
        sopClassUid: textValue(s.ReferencedSOPClassUID),
        sopInstanceUid: textValue(s.ReferencedSOPInstanceUID),
        frameNumber: numberValue(s.ReferencedFrameNumber),
      })),
      position: Array.isArray(position) && position.length === 3 ? position.map(Number) as Vec3 : null,
      // dcmjs naturalizes a one-value multi-valued attribute as a scalar.
      dimensionIndexValues: [frameGroup(ds, f, 'FrameContentSequence')?.DimensionIndexValues ?? []].flat().map(Number),
    });
  }
  const segments = ((ds.SegmentSequence ?? []) as Record<string, any>[]).map((s) => {
    const algorithm = s.SegmentationAlgorithmIdentificationSequence?.[0];
    return {
      number: numberValue(s.SegmentNumber) ?? 0,
      label: textValue(s.SegmentLabel),
      algorithmType: textValue(s.SegmentAlgorithmType),
      algorithmName: textValue(s.SegmentAlgorithmName) || textValue(algorithm?.AlgorithmName) || null,
      algorithmVersion: textValue(algorithm?.AlgorithmVersion) || null,
      category: codeFromItem(s.SegmentedPropertyCategoryCodeSequence),
      type: codeFromItem(s.SegmentedPropertyTypeCodeSequence),
    };
  });
  return {
    sopInstanceUid: textValue(ds.SOPInstanceUID),
    studyInstanceUid: textValue(ds.StudyInstanceUID),
    rows: numberValue(ds.Rows) ?? 0,
    columns: numberValue(ds.Columns) ?? 0,
    segmentationType: textValue(ds.SegmentationType),
    segments,
    frames,
    referencedSeries: ((ds.ReferencedSeriesSequence ?? []) as Record<string, any>[]).map((s) => ({
      seriesInstanceUid: textValue(s.SeriesInstanceUID),
      sopInstanceUids: ((s.ReferencedInstanceSequence ?? []) as Record<string, unknown>[]).map((i) => textValue(i.ReferencedSOPInstanceUID)),
    })),
  };
}

/**
 * The SEG's masks on the source grid, one Uint8Array (z-y-x, 0/1) per segment number. Each frame
 * goes to the slice it references by SOP Instance UID (and frame); a frame without a usable
 * reference is placed by ImagePositionPatient. A frame that matches no slice is refused: the SEG
 * belongs to another series.
 */
export function segmentationMasks(parsed: ParsedDicom, source: ImageSource): Map<number, Uint8Array> {
  const info = readSegmentation(parsed);
  if (info.segmentationType !== 'BINARY') throw notSeg(`SegmentationType ${info.segmentationType} (only BINARY is read)`);
  if (info.rows !== source.rows || info.columns !== source.columns) {
    throw new DicomInputError(`SEG 크기 ${info.columns}×${info.rows}가 원본 ${source.columns}×${source.rows}와 다릅니다 (SEG size differs from the source)`, 'INCONSISTENT_SERIES');
  }
  const plane = source.rows * source.columns;
  const bySop = new Map(source.slices.map((s, k) => [`${s.sopInstanceUid}#${s.frameNumber ?? ''}`, k]));
  const masks = new Map<number, Uint8Array>(info.segments.map((s) => [s.number, new Uint8Array(source.slices.length * plane)]));
  const packed = extractFrames(parsed, info.frames.map((f) => f.frameNumber)).frames;
  info.frames.forEach((frame, n) => {
    let k: number | undefined;
    for (const ref of frame.references) {
      k = bySop.get(`${ref.sopInstanceUid}#${ref.frameNumber ?? ''}`) ?? bySop.get(`${ref.sopInstanceUid}#`);
      if (k !== undefined) break;
    }
    if (k === undefined && frame.position) {
      const p = frame.position;
      k = source.slices.findIndex((s) => s.position && Math.hypot(s.position[0] - p[0], s.position[1] - p[1], s.position[2] - p[2]) < 1e-2);
      if (k < 0) k = undefined;
    }
    if (k === undefined) {
      throw new DicomInputError(`SEG 프레임 ${frame.frameNumber}이(가) 원본 시리즈의 어느 영상도 가리키지 않습니다 (SEG frame references no slice of this series)`, 'INCONSISTENT_SERIES', {
        frameNumber: frame.frameNumber, references: frame.references,
      });
    }
    const mask = masks.get(frame.segmentNumber) ?? new Uint8Array(source.slices.length * plane);
    masks.set(frame.segmentNumber, mask);
    const bits = packed[n]!;
    for (let p = 0; p < plane; p++) if ((bits[p >> 3]! >> (p & 7)) & 1) mask[k * plane + p] = 1;
  });
  return masks;
}
