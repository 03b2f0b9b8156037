import { LOCAL_SCHEME, MEASUREMENT_CODES, SEGMENT_CODES, SITE_CODES, UNITS, type Code } from '../../lib/dicom/codes.js';
import type { AlgorithmIdentity } from '../../lib/dicom/derived.js';
import { labelMapToMasks, writeSegmentation, type SegmentationResult } from '../../lib/dicom/seg.js';
import { writeMeasurementReport, type FindingInput, type ImageRef, type MeasurementInput, type MeasurementReportResult } from '../../lib/dicom/sr.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import type { ImageSource } from '../../lib/dicom/volume.js';
import { bilingual } from '../../lib/rules/guidelines/common.js';
import type { PipelineFinding, PipelineId, PipelineResult } from '../../lib/ai/pipeline/types.js';

/**
 * A pipeline's answer as DICOM the PACS keeps beside the images (issue #6): a binary SEG with one
 * segment per segmented finding (the segmentation model as its algorithm) and a TID 1500
 * measurement report (SR) with every finding's axes, volume, classification and guideline
 * category, the impression (the summary) and the recommendations. A finding and its segment share
 * one Tracking UID, so a viewer links the SR's numbers to the SEG's outline.
 */

/** Where each pipeline looks (SR Finding Site, SEG Anatomic Region). */
const SITE: Record<PipelineId, Code> = {
  'lung-nodule': SITE_CODES.lung,
  'brain-lesion': SITE_CODES.brain,
  'breast-ultrasound': SITE_CODES.breast,
  'breast-pathology': SITE_CODES.breast,
  'breast-mri': SITE_CODES.breast,
  'pancreas-lesion': SITE_CODES.pancreas,
  'skin-lesion': SITE_CODES.skin,
};

const KIND_CODE: Record<PipelineFinding['kind'], Code> = { nodule: SEGMENT_CODES.nodule, mass: SEGMENT_CODES.mass, lesion: SEGMENT_CODES.lesion };
/** A finding that is the whole image (a classifier's answer without a region). */
const WHOLE_IMAGE: Code = { value: 'AI-IMAGE', scheme: LOCAL_SCHEME, meaning: 'Whole image classification' };
/** The concept a guideline category is reported under (no standard concept names "a guideline's category"). */
const GUIDELINE_CATEGORY: Code = { value: 'AI-GUIDELINE-CAT', scheme: LOCAL_SCHEME, meaning: 'Guideline category' };
/** Segment colours (sRGB) by finding number, repeating. */
const COLORS: [number, number, number][] = [[228, 87, 46], [41, 115, 178], [255, 201, 20], [118, 176, 65], [155, 89, 182], [23, 190, 207]];

export interface DerivedObjects {
  seg: SegmentationResult | null;
  sr: MeasurementReportResult;
}

const identity = (model: PipelineResult['models'][number] | undefined): AlgorithmIdentity | null =>
  model ? { name: model.id, version: model.version, clinicalUse: model.clinicalUse, sha256: model.sha256 } : null;

const classCode = (code: string, name: string): Code => ({ value: code.slice(0, 16), scheme: LOCAL_SCHEME, meaning: name.slice(0, 64) });
/** Four decimals: a DS value holds at most 16 characters (PS3.5 6.2). */
const probability = (p: number) => Math.round(p * 10_000) / 10_000;

function measurements(f: PipelineFinding): MeasurementInput[] {
  const out: MeasurementInput[] = [];
  const add = (concept: Code, value: number | null, unit: Code) => { if (value !== null && Number.isFinite(value)) out.push({ concept, value: Math.round(value * 100) / 100, unit }); };
  add(MEASUREMENT_CODES.longAxis, f.longAxisMm, UNITS.mm);
  add(MEASUREMENT_CODES.shortAxis, f.shortAxisMm, UNITS.mm);
  add(MEASUREMENT_CODES.diameter, f.meanDiameterMm, UNITS.mm);
  add(MEASUREMENT_CODES.volume, f.volumeMl, UNITS.ml);
  return out;
}

function sliceRef(source: ImageSource, index: number): ImageRef[] {
  const slice = source.slices[Math.min(Math.max(0, index), source.slices.length - 1)];
  return slice ? [{ sopClassUid: slice.sopClassUid, sopInstanceUid: slice.sopInstanceUid, frameNumber: slice.frameNumber }] : [];
}

/** The findings that have voxels in the label map (≤ 255, the label map's range), each with its mask. */
function segmentedFindings(result: PipelineResult): { finding: PipelineFinding; mask: Uint8Array }[] {
  const seg = result.segmentation;
  if (!seg || result.findings.length === 0) return [];
  const numbered = result.findings.filter((f) => f.number >= 1 && f.number <= 255);
  const masks = labelMapToMasks(seg.labels, Math.max(0, ...numbered.map((f) => f.number)));
  return numbered.map((finding) => ({ finding, mask: masks[finding.number - 1]! })).filter(({ mask }) => mask.some((v) => v !== 0));
}

/**
 * The SEG (null when nothing was segmented) and the SR of one result. `fallbackSource` is the
 * series as read, for results that segment nothing (a classifier, or no finding).
 */
export function derivedObjects(pipelineId: PipelineId, result: PipelineResult, fallbackSource: () => ImageSource, createdAt = new Date()): DerivedObjects {
  const source = result.segmentation?.source ?? fallbackSource();
  const site = SITE[pipelineId];
  const trackingUids = new Map(result.findings.map((f) => [f.number, uuidDerivedUid()]));
  const segmenter = identity(result.models.find((m) => m.role === 'segmentation'));
  const main = segmenter ?? identity(result.models[0]);
  if (!main) throw new Error(`${pipelineId}: the result names no model`);

  const segmented = segmentedFindings(result);
  const seg = segmented.length && segmenter ? writeSegmentation({
    source, algorithm: segmenter, createdAt,
    segments: segmented.map(({ finding, mask }) => ({
      label: finding.label, mask, type: KIND_CODE[finding.kind], anatomicRegion: site,
      color: COLORS[(finding.number - 1) % COLORS.length], trackingId: finding.label, trackingUid: trackingUids.get(finding.number),
    })),
  }) : null;
  const segmentOf = new Map(segmented.map(({ finding }, n) => [finding.number, n + 1]));

  const findings: FindingInput[] = result.findings.map((f) => {
    const segmentNumber = segmentOf.get(f.number);
    const evaluations: FindingInput['evaluations'] = [];
    if (f.classification) evaluations.push({ value: classCode(f.classification.code, f.classification.name), probability: probability(f.classification.probability) });
    if (f.category) evaluations.push({ concept: GUIDELINE_CATEGORY, value: classCode(f.category, `${result.guidelines[0]?.name ?? 'category'} ${f.category}`) });
    return {
      trackingId: f.label, trackingUid: trackingUids.get(f.number), type: KIND_CODE[f.kind], site,
      measurements: measurements(f), evaluations, images: sliceRef(source, f.keySlice),
      ...(seg && segmentNumber ? {
        segment: {
          sopInstanceUid: seg.sopInstanceUid, seriesInstanceUid: seg.seriesInstanceUid, segmentNumber,
          frameNumbers: seg.frames.filter((fr) => fr.segmentNumber === segmentNumber).map((fr) => fr.frameNumber),
        },
      } : {}),
    };
  });
  if (result.classification && !result.findings.some((f) => f.classification)) {
    const c = result.classification;
    findings.push({
      trackingId: '영상 분류 (image classification)', type: WHOLE_IMAGE, site, images: sliceRef(source, 0),
      evaluations: [{ value: classCode(c.code, c.name), probability: probability(c.probability) }],
    });
  }
  const sr = writeMeasurementReport({
    source, algorithm: main, createdAt, findings,
    impression: bilingual(result.summary),
    recommendations: result.recommendations.map(bilingual),
  });
  return { seg, sr };
}
