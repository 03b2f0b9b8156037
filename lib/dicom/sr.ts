import { createHash } from 'node:crypto';
import { codeItem, DCM, FINDING_SITE, KOREAN, MEASUREMENT_CODES, procedureCode, QUALITATIVE_EVALUATIONS, UNITS, type Code } from './codes.js';
import { derivedHeader, describeSeries, manufacturerOf, newUids, writePart10, type AlgorithmIdentity, type DerivedSeriesOptions } from './derived.js';
import { textValue } from './part10.js';
import { SEGMENTATION_STORAGE } from './seg.js';
import { uuidDerivedUid } from './uid.js';
import type { ImageSource } from './volume.js';
import { dicomText } from './worklist.js';

/**
 * AI findings and measurements as a DICOM Comprehensive SR following TID 1500 "Measurement
 * Report" (PS3.16) — the subset a viewer and a FHIR DiagnosticReport mapping need:
 *
 * TID 1500 root CONTAINER (126000 "Imaging Measurement Report"), template 1500
 * ├─ HAS CONCEPT MOD  121049 Language (ko-KR: free text may be Korean; UTF-8, ISO_IR 192)
 * ├─ HAS OBS CONTEXT  TID 1002/1004 device observer = the model: 121005 Observer Type = Device,
 * │                   121012 UID (stable per model id@version), 121013 name, 121014 manufacturer,
 * │                   121015 model name (id + version), 121016 serial (model file sha256)
 * ├─ HAS CONCEPT MOD  121058 Procedure reported (from the modality, or given)
 * ├─ CONTAINS         TID 1600 Image Library → one Image Library Group → IMAGE per referenced image
 * ├─ CONTAINS         126010 Imaging Measurements → one 125007 Measurement Group per finding:
 * │   ├─ 112039 Tracking Identifier (TEXT), 112040 Tracking UID (UIDREF)
 * │   ├─ 121071 Finding (CODE), 363698007 Finding Site (CODE)
 * │   ├─ with a SEG segment over a series (TID 1411 volumetric): 121191 Referenced Segment
 * │   │   (IMAGE → SEG + ReferencedSegmentNumber), 121232 Source series for segmentation (UIDREF);
 * │   │   over a single image (TID 1410 planar): 121214 Referenced Segmentation Frame + 121233
 * │   │   Source image for segmentation; without a segment: TID 1501 (no ROI)
 * │   ├─ NUM measurements (TID 300): value + UCUM unit (mm, mm3, ...), optional 370129005
 * │   │   Measurement Method, and INFERRED FROM 121112 Source of Measurement → IMAGE(s)
 * │   └─ qualitative evaluations: CODE (classification concept = class), followed by a NUM
 * │       99CDSS AI-PROB (unit '1') with the model's probability for that class
 * └─ CONTAINS         Qualitative Evaluations (UMLS C0034375): 121073 Impression (TEXT),
 *                     121075 Recommendation (TEXT, one per recommendation)
 *
 * Not implemented: SCOORD/SCOORD3D regions, TID 1419 ROI measurement derivations, time point
 * context (TID 1502), subject context (always the patient), person observers, predecessor
 * documents. The SR is COMPLETE, UNVERIFIED and PRELIMINARY: a radiologist has not signed it.
 * Evidence (CurrentRequestedProcedureEvidenceSequence): every source instance and the SEG.
 */

export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';

export interface ImageRef {
  sopClassUid: string;
  sopInstanceUid: string;
  frameNumber?: number | null;
}

export interface MeasurementInput {
  /** e.g. MEASUREMENT_CODES.longAxis. */
  concept: Code;
  value: number;
  /** UCUM, e.g. UNITS.mm, UNITS.mm3. */
  unit: Code;
  method?: Code;
  /** Images measured on (default: the finding's images). */
  images?: ImageRef[];
}

export interface EvaluationInput {
  /** Default MEASUREMENT_CODES.classification. */
  concept?: Code;
  /** The class, e.g. a BI-RADS category code or a local 99CDSS code. */
  value: Code;
  /** Model probability of this class, 0–1. */
  probability?: number;
}

export interface SegmentRef {
  /** The SEG instance and its series (SegmentationResult has both). */
  sopInstanceUid: string;
  seriesInstanceUid: string;
  segmentNumber: number;
  /** SEG frame numbers holding the segment (needed for a planar reference over one image). */
  frameNumbers?: number[];
}

export interface FindingInput {
  /** Human-readable tracking id, e.g. 'nodule-1' or '결절 1'. */
  trackingId: string;
  /** Default: a new UID. Keep it across follow-ups to track one lesion. */
  trackingUid?: string;
  /** 121071 Finding, e.g. SEGMENT_CODES.nodule. */
  type: Code;
  site?: Code;
  measurements?: MeasurementInput[];
  evaluations?: EvaluationInput[];
  /** Source image(s) the finding is seen on (slices of the source). */
  images?: ImageRef[];
  segment?: SegmentRef;
}

export interface MeasurementReportInput extends DerivedSeriesOptions {
  source: ImageSource;
  algorithm: AlgorithmIdentity;
  findings: FindingInput[];
  /** Default by modality (CT, MR, US, MG), else a local code. */
  procedure?: Code;
  /** Overall AI impression (Korean allowed). */
  impression?: string;
  recommendations?: string[];
  /** Default ko-KR. */
  language?: Code;
}

export interface MeasurementReportResult {
  bytes: Uint8Array;
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  /** Tracking UIDs in finding order (new ones included), to keep for follow-up studies. */
  trackingUids: string[];
}

type Item = Record<string, unknown>;

const item = (relationship: string, valueType: string, concept: Code | null, value: Item = {}): Item => ({
  RelationshipType: relationship,
  ValueType: valueType,
  ...(concept ? { ConceptNameCodeSequence: [codeItem(concept)] } : {}),
  ...value,
});
const text = (rel: string, concept: Code, value: string, max = 1024) => item(rel, 'TEXT', concept, { TextValue: dicomText(value, max) });
const code = (rel: string, concept: Code, value: Code) => item(rel, 'CODE', concept, { ConceptCodeSequence: [codeItem(value)] });
const uidRef = (rel: string, concept: Code, uid: string) => item(rel, 'UIDREF', concept, { UID: uid });
const sopRef = (ref: ImageRef, extra: Item = {}): Item => ({
  ReferencedSOPClassUID: ref.sopClassUid,
  ReferencedSOPInstanceUID: ref.sopInstanceUid,
  ...(ref.frameNumber ? { ReferencedFrameNumber: ref.frameNumber } : {}),
  ...extra,
});
const image = (rel: string, concept: Code | null, ref: ImageRef, extra: Item = {}) => item(rel, 'IMAGE', concept, { ReferencedSOPSequence: [sopRef(ref, extra)] });

/** A UID that is the same for every report of one model version: the device observer (TID 1004). */
export function deviceObserverUid(algorithm: Pick<AlgorithmIdentity, 'name' | 'version'>): string {
  const hex = createHash('sha256').update(`cdss-model:${algorithm.name}@${algorithm.version}`).digest('hex').slice(0, 32);
  // Name-based UUID (RFC 4122 version 5 layout) so the 2.25 UID is a well-formed UUID.
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return uuidDerivedUid(uuid);
}

function measurementItem(m: MeasurementInput, fallbackImages: ImageRef[]): Item {
  if (!Number.isFinite(m.value)) throw new RangeError(`measurement ${m.concept.meaning} is not a finite number: ${m.value}`);
  const children: Item[] = [];
  if (m.method) children.push(code('HAS CONCEPT MOD', { value: '370129005', scheme: 'SCT', meaning: 'Measurement Method' }, m.method));
  for (const ref of m.images ?? fallbackImages) children.push(image('INFERRED FROM', DCM.sourceOfMeasurement, ref));
  return item('CONTAINS', 'NUM', m.concept, {
    MeasuredValueSequence: [{ NumericValue: m.value, FloatingPointValue: m.value, MeasurementUnitsCodeSequence: [codeItem(m.unit)] }],
    ...(children.length ? { ContentSequence: children } : {}),
  });
}

function groupItem(finding: FindingInput, trackingUid: string, source: ImageSource): Item {
  const content: Item[] = [
    text('HAS OBS CONTEXT', DCM.trackingIdentifier, finding.trackingId, 64),
    uidRef('HAS OBS CONTEXT', DCM.trackingUid, trackingUid),
    code('CONTAINS', DCM.finding, finding.type),
  ];
  if (finding.site) content.push(code('HAS CONCEPT MOD', FINDING_SITE, finding.site));
  const images = finding.images ?? [];
  if (finding.segment) {
    const seg: ImageRef = { sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid: finding.segment.sopInstanceUid };
    const planar = source.slices.length === 1 && finding.segment.frameNumbers?.length === 1;
    if (planar) {
      // TID 1410: one SEG frame over one source image.
      content.push(image('CONTAINS', DCM.referencedSegmentationFrame, { ...seg, frameNumber: finding.segment.frameNumbers![0] }, { ReferencedSegmentNumber: finding.segment.segmentNumber }));
      const s = source.slices[0]!;
      content.push(image('CONTAINS', DCM.sourceImageForSegmentation, { sopClassUid: s.sopClassUid, sopInstanceUid: s.sopInstanceUid, frameNumber: s.frameNumber }));
    } else {
      // TID 1411: the whole segment, over the source series.
      content.push(image('CONTAINS', DCM.referencedSegment, seg, { ReferencedSegmentNumber: finding.segment.segmentNumber }));
      content.push(uidRef('CONTAINS', DCM.sourceSeriesForSegmentation, source.context.seriesInstanceUid));
    }
  }
  for (const m of finding.measurements ?? []) content.push(measurementItem(m, images));
  for (const e of finding.evaluations ?? []) {
    content.push(code('CONTAINS', e.concept ?? MEASUREMENT_CODES.classification, e.value));
    if (e.probability !== undefined) {
      if (!(e.probability >= 0 && e.probability <= 1)) throw new RangeError(`probability must be within 0–1, got ${e.probability}`);
      content.push(measurementItem({ concept: MEASUREMENT_CODES.probability, value: e.probability, unit: UNITS.ratio }, images));
    }
  }
  return item('CONTAINS', 'CONTAINER', DCM.measurementGroup, { ContinuityOfContent: 'SEPARATE', ContentSequence: content });
}

/** Every image the content references, once each, for the Image Library. */
function referencedImages(findings: FindingInput[]): ImageRef[] {
  const all = findings.flatMap((f) => [...(f.images ?? []), ...(f.measurements ?? []).flatMap((m) => m.images ?? [])]);
  return [...new Map(all.map((r) => [`${r.sopInstanceUid}#${r.frameNumber ?? ''}`, r])).values()];
}

/** Writes the measurement report as DICOM Comprehensive SR bytes (Explicit VR Little Endian, UTF-8). */
export function writeMeasurementReport(input: MeasurementReportInput): MeasurementReportResult {
  const { source, algorithm } = input;
  const uids = newUids(input);
  const trackingUids = input.findings.map((f) => f.trackingUid ?? uuidDerivedUid());
  const library = referencedImages(input.findings);

  const observer: Item[] = [
    code('HAS OBS CONTEXT', DCM.observerType, DCM.device),
    uidRef('HAS OBS CONTEXT', DCM.deviceObserverUid, deviceObserverUid(algorithm)),
    text('HAS OBS CONTEXT', DCM.deviceObserverName, algorithm.name, 64),
    text('HAS OBS CONTEXT', DCM.deviceObserverManufacturer, manufacturerOf(algorithm), 64),
    text('HAS OBS CONTEXT', DCM.deviceObserverModelName, `${algorithm.name} ${algorithm.version}`, 64),
    ...(algorithm.sha256 ? [text('HAS OBS CONTEXT', DCM.deviceObserverSerialNumber, algorithm.sha256, 64)] : []),
  ];
  const qualitative: Item[] = [
    ...(input.impression ? [text('CONTAINS', DCM.impression, input.impression)] : []),
    ...(input.recommendations ?? []).map((r) => text('CONTAINS', DCM.recommendation, r)),
  ];
  const content: Item[] = [
    code('HAS CONCEPT MOD', DCM.languageOfContent, input.language ?? KOREAN),
    ...observer,
    code('HAS CONCEPT MOD', DCM.procedureReported, input.procedure ?? procedureCode(source.context.modality)),
    item('CONTAINS', 'CONTAINER', DCM.imageLibrary, {
      ContinuityOfContent: 'SEPARATE',
      ContentSequence: library.length === 0 ? [] : [item('CONTAINS', 'CONTAINER', DCM.imageLibraryGroup, {
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: library.map((ref) => image('CONTAINS', null, ref)),
      })],
    }),
    item('CONTAINS', 'CONTAINER', DCM.imagingMeasurements, {
      ContinuityOfContent: 'SEPARATE',
      ContentSequence: input.findings.map((f, n) => groupItem(f, trackingUids[n]!, source)),
    }),
    ...(qualitative.length ? [item('CONTAINS', 'CONTAINER', QUALITATIVE_EVALUATIONS, { ContinuityOfContent: 'SEPARATE', ContentSequence: qualitative })] : []),
  ];

  // Evidence: the analysed series (all of it) and each SEG the findings point to.
  const sourceInstances = [...new Map(source.slices.map((s) => [s.sopInstanceUid, s])).values()];
  const evidence = new Map<string, Item[]>([[
    source.context.seriesInstanceUid,
    sourceInstances.map((s) => ({ ReferencedSOPClassUID: s.sopClassUid, ReferencedSOPInstanceUID: s.sopInstanceUid })),
  ]]);
  const seenSegs = new Set<string>();
  for (const f of input.findings) {
    if (!f.segment || seenSegs.has(f.segment.sopInstanceUid)) continue;
    seenSegs.add(f.segment.sopInstanceUid);
    const list = evidence.get(f.segment.seriesInstanceUid) ?? [];
    list.push({ ReferencedSOPClassUID: SEGMENTATION_STORAGE, ReferencedSOPInstanceUID: f.segment.sopInstanceUid });
    evidence.set(f.segment.seriesInstanceUid, list);
  }
  const evidenceSeries: Item[] = [...evidence].map(([series, refs]) => ({ SeriesInstanceUID: series, ReferencedSOPSequence: refs }));
  const accession = textValue(source.context.attributes.AccessionNumber);
  const dataset: Record<string, unknown> = {
    ...derivedHeader(source, algorithm, { sopClassUid: COMPREHENSIVE_SR_STORAGE, modality: 'SR', ...uids }, {
      ...input,
      seriesNumber: input.seriesNumber ?? 9002,
      seriesDescription: describeSeries('AI SR', algorithm, input.seriesDescription),
    }),
    ReferencedPerformedProcedureStepSequence: [],
    PerformedProcedureCodeSequence: [],
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PreliminaryFlag: 'PRELIMINARY',
    ...(accession ? {
      ReferencedRequestSequence: [{
        StudyInstanceUID: source.context.studyInstanceUid, AccessionNumber: accession, ReferencedStudySequence: [],
        RequestedProcedureDescription: '', RequestedProcedureCodeSequence: [], RequestedProcedureID: '',
        PlacerOrderNumberImagingServiceRequest: '', FillerOrderNumberImagingServiceRequest: '',
      }],
    } : {}),
    CurrentRequestedProcedureEvidenceSequence: [{ StudyInstanceUID: source.context.studyInstanceUid, ReferencedSeriesSequence: evidenceSeries }],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(DCM.imagingMeasurementReport)],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: content,
  };
  const bytes = writePart10(dataset, {}, 'CDSS_SR_1');
  return { bytes, sopClassUid: COMPREHENSIVE_SR_STORAGE, ...uids, trackingUids };
}
