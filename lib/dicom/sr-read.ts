import { codeFromItem, DCM, FINDING_SITE, MEASUREMENT_CODES, QUALITATIVE_EVALUATIONS, sameCode, type Code } from './codes.js';
import { DicomInputError, numberValue, textValue, type ParsedDicom } from './part10.js';
import { withSequenceText } from './sequence-text.js';
import type { ImageRef } from './sr.js';

/**
 * Reads a TID 1500 measurement report back into plain data (the subset sr.ts writes; other
 * writers' reports of the same template read too, minus SCOORD regions). What a FHIR
 * DiagnosticReport needs: one Observation per finding with its measurements as components
 * (value, UCUM unit), the classification, the image and SEG references, the device observer.
 */

export interface ReadMeasurement {
  concept: Code | null;
  value: number | null;
  unit: Code | null;
  method: Code | null;
  images: ImageRef[];
}

export interface ReadEvaluation {
  concept: Code | null;
  value: Code | null;
  /** The AI-PROB measurement written right after the classification, if any. */
  probability: number | null;
}

export interface ReadFinding {
  trackingId: string | null;
  trackingUid: string | null;
  type: Code | null;
  site: Code | null;
  /** Probabilities are not repeated here: they are on `evaluations`. */
  measurements: ReadMeasurement[];
  evaluations: ReadEvaluation[];
  segment: { sopInstanceUid: string; segmentNumber: number | null; frameNumber: number | null } | null;
  sourceSeriesInstanceUid: string | null;
  sourceImages: ImageRef[];
}

export interface ReadMeasurementReport {
  sopInstanceUid: string;
  studyInstanceUid: string;
  title: Code | null;
  templateId: string | null;
  completion: string;
  verification: string;
  preliminary: string;
  language: Code | null;
  procedure: Code | null;
  observer: { type: Code | null; uid: string | null; name: string | null; manufacturer: string | null; modelName: string | null; serialNumber: string | null };
  imageLibrary: ImageRef[];
  findings: ReadFinding[];
  impression: string | null;
  recommendations: string[];
  evidence: { seriesInstanceUid: string; sopClassUid: string; sopInstanceUid: string }[];
}

type Node = Record<string, any>;

const children = (node: Node): Node[] => (Array.isArray(node.ContentSequence) ? node.ContentSequence : []);
const nameOf = (node: Node): Code | null => codeFromItem(node.ConceptNameCodeSequence);
const find = (nodes: Node[], concept: Code): Node | undefined => nodes.find((n) => sameCode(nameOf(n), concept));
const textOf = (node: Node | undefined): string | null => (node ? textValue(node.TextValue) || null : null);
const uidOf = (node: Node | undefined): string | null => (node ? textValue(node.UID) || null : null);

function imageRefs(node: Node): ImageRef[] {
  return ((node.ReferencedSOPSequence ?? []) as Node[]).map((r) => ({
    sopClassUid: textValue(r.ReferencedSOPClassUID),
    sopInstanceUid: textValue(r.ReferencedSOPInstanceUID),
    frameNumber: numberValue(r.ReferencedFrameNumber),
  }));
}

function readNum(node: Node): ReadMeasurement {
  const measured = node.MeasuredValueSequence?.[0] as Node | undefined;
  const inner = children(node);
  return {
    concept: nameOf(node),
    value: numberValue(measured?.FloatingPointValue) ?? numberValue(measured?.NumericValue),
    unit: codeFromItem(measured?.MeasurementUnitsCodeSequence),
    method: codeFromItem(inner.find((n) => sameCode(nameOf(n), { value: '370129005', scheme: 'SCT', meaning: '' }))?.ConceptCodeSequence),
    images: inner.filter((n) => n.ValueType === 'IMAGE').flatMap(imageRefs),
  };
}

function readGroup(group: Node): ReadFinding {
  const items = children(group);
  const finding: ReadFinding = {
    trackingId: textOf(find(items, DCM.trackingIdentifier)),
    trackingUid: uidOf(find(items, DCM.trackingUid)),
    type: codeFromItem(find(items, DCM.finding)?.ConceptCodeSequence),
    site: codeFromItem(find(items, FINDING_SITE)?.ConceptCodeSequence),
    measurements: [],
    evaluations: [],
    segment: null,
    sourceSeriesInstanceUid: uidOf(find(items, DCM.sourceSeriesForSegmentation)),
    sourceImages: [],
  };
  const segmentItem = find(items, DCM.referencedSegment) ?? find(items, DCM.referencedSegmentationFrame);
  const segRef = segmentItem?.ReferencedSOPSequence?.[0] as Node | undefined;
  if (segRef) {
    finding.segment = {
      sopInstanceUid: textValue(segRef.ReferencedSOPInstanceUID),
      segmentNumber: numberValue(segRef.ReferencedSegmentNumber),
      frameNumber: numberValue(segRef.ReferencedFrameNumber),
    };
  }
  const sourceImage = find(items, DCM.sourceImageForSegmentation);
  const images = new Map<string, ImageRef>();
  for (const ref of sourceImage ? imageRefs(sourceImage) : []) images.set(`${ref.sopInstanceUid}#${ref.frameNumber ?? ''}`, ref);
  for (const node of items) {
    if (node.RelationshipType !== 'CONTAINS') continue;
    if (node.ValueType === 'NUM') {
      const m = readNum(node);
      for (const ref of m.images) images.set(`${ref.sopInstanceUid}#${ref.frameNumber ?? ''}`, ref);
      const last = finding.evaluations[finding.evaluations.length - 1];
      // Our encoding: a probability NUM right after the classification CODE it qualifies.
      if (sameCode(m.concept, MEASUREMENT_CODES.probability) && last && last.probability === null) last.probability = m.value;
      else finding.measurements.push(m);
    } else if (node.ValueType === 'CODE' && !sameCode(nameOf(node), DCM.finding)) {
      finding.evaluations.push({ concept: nameOf(node), value: codeFromItem(node.ConceptCodeSequence), probability: null });
    }
  }
  finding.sourceImages = [...images.values()];
  return finding;
}

/** Parses a TID 1500 SR; refuses (DicomInputError UNSUPPORTED) other documents. */
export function readMeasurementReport(parsed: ParsedDicom): ReadMeasurementReport {
  const ds = withSequenceText(parsed.dataset);
  const title = codeFromItem(ds.ConceptNameCodeSequence);
  if (textValue(ds.Modality) !== 'SR' || !sameCode(title, DCM.imagingMeasurementReport)) {
    throw new DicomInputError(
      `TID 1500 측정 보고서가 아닙니다 (not a TID 1500 measurement report: ${textValue(ds.Modality) || '?'} ${title?.meaning ?? ''})`, 'UNSUPPORTED',
    );
  }
  const root = children(ds);
  const measurements = find(root, DCM.imagingMeasurements);
  const qualitative = children(find(root, QUALITATIVE_EVALUATIONS) ?? {});
  const library = children(find(root, DCM.imageLibrary) ?? {});
  const libraryImages = [...library.filter((n) => n.ValueType === 'IMAGE'), ...library.flatMap(children).filter((n) => n.ValueType === 'IMAGE')].flatMap(imageRefs);
  return {
    sopInstanceUid: textValue(ds.SOPInstanceUID),
    studyInstanceUid: textValue(ds.StudyInstanceUID),
    title,
    templateId: textValue(ds.ContentTemplateSequence?.[0]?.TemplateIdentifier) || null,
    completion: textValue(ds.CompletionFlag),
    verification: textValue(ds.VerificationFlag),
    preliminary: textValue(ds.PreliminaryFlag),
    language: codeFromItem(find(root, DCM.languageOfContent)?.ConceptCodeSequence),
    procedure: codeFromItem(find(root, DCM.procedureReported)?.ConceptCodeSequence),
    observer: {
      type: codeFromItem(find(root, DCM.observerType)?.ConceptCodeSequence),
      uid: uidOf(find(root, DCM.deviceObserverUid)),
      name: textOf(find(root, DCM.deviceObserverName)),
      manufacturer: textOf(find(root, DCM.deviceObserverManufacturer)),
      modelName: textOf(find(root, DCM.deviceObserverModelName)),
      serialNumber: textOf(find(root, DCM.deviceObserverSerialNumber)),
    },
    imageLibrary: libraryImages,
    findings: children(measurements ?? {}).filter((n) => sameCode(nameOf(n), DCM.measurementGroup)).map(readGroup),
    impression: textOf(find(qualitative, DCM.impression)),
    recommendations: qualitative.filter((n) => sameCode(nameOf(n), DCM.recommendation)).map((n) => textOf(n) ?? ''),
    evidence: ((ds.CurrentRequestedProcedureEvidenceSequence ?? ds.PertinentOtherEvidenceSequence ?? []) as Node[]).flatMap((study) =>
      ((study.ReferencedSeriesSequence ?? []) as Node[]).flatMap((series) =>
        ((series.ReferencedSOPSequence ?? []) as Node[]).map((r) => ({
          seriesInstanceUid: textValue(series.SeriesInstanceUID),
          sopClassUid: textValue(r.ReferencedSOPClassUID),
          sopInstanceUid: textValue(r.ReferencedSOPInstanceUID),
        })))),
  };
}
