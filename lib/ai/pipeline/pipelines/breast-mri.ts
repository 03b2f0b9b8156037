import { buildVolume } from '../../../dicom/volume.js';
import {
  BIRADS_5, BIRADS_SUGGESTION_DISCLAIMER, BIRADS_SUSPICION, BIRADS_TABLE, biradsFromMalignancyProbability,
  type BiradsProbabilityCategory,
} from '../../../rules/guidelines/birads5.js';
import { breastMriExtent } from '../../../rules/guidelines/breast-extent.js';
import { connectedComponents, threshold, type Component } from '../components.js';
import { findingsFromComponents } from '../findings.js';
import { measureComponent } from '../measure.js';
import { segmentVolume } from '../segment.js';
import type { GuidelineOutcome, Pipeline, PipelineResult } from '../types.js';
import { classifyLesion } from './breast-mri-lesion.js';
import { biradsSuspicion, maxOf, modelsUsed, referenceModelWarnings } from '../result-parts.js';

/**
 * Breast MRI (BREAST_SURGERY): the series as a volume → the 3-D segmentation card → enhancing
 * lesions (26-connected components) with their measures → each lesion's key-slice patch through
 * the classification card (probability of its last label = malignant) → a BI-RADS suggestion per
 * lesion (biradsFromMalignancyProbability), the highest one overall → breastMriExtent over the
 * lesions (multifocal / multicentric, the span for surgical planning). Suggestions only; the
 * reference models are not for clinical use.
 */
/**
 * A bright component that reaches the in-plane edge of the field of view, or runs through every
 * slice of a multi-slice series, is enhancing tissue (chest wall, heart, a whole breast when the
 * normalisation makes all tissue bright), not a focal lesion.
 */
function isTissueNotLesion(c: Component, [depth, rows, columns]: [number, number, number]): boolean {
  const inPlaneEdge = c.min[1] === 0 || c.min[2] === 0 || c.max[1] === rows - 1 || c.max[2] === columns - 1;
  return inPlaneEdge || (depth > 2 && c.min[0] === 0 && c.max[0] === depth - 1);
}

const breastMri: Pipeline = {
  id: 'breast-mri',
  analysisType: 'BREAST_MRI_SEGMENTATION',
  department: 'BREAST_SURGERY',
  name: '유방 MRI 병변 분할·분류 (breast MRI lesion segmentation and classification)',
  dimensions: '3d',
  requires: ['segmentation', 'classification'],
  optional: [],
  async run(series, { cards, infer }) {
    const segCard = cards.segmentation!;
    const clsCard = cards.classification!;
    const volume = buildVolume(series.instances);
    const warnings = [...volume.warnings, ...referenceModelWarnings(cards)];
    const probabilities = await segmentVolume(volume, segCard, infer);
    const cutoff = segCard.postprocessing.threshold ?? 0.5;
    const { connectivity, minVoxels } = segCard.postprocessing.connectedComponents ?? { connectivity: 26 as const, minVoxels: 27 };
    const { components: all } = connectedComponents(threshold(probabilities, cutoff), volume.shape, connectivity, minVoxels);
    const components = all.filter((c) => !isTissueNotLesion(c, volume.shape));
    if (components.length < all.length) {
      warnings.push(`영상 경계에 닿거나 전 슬라이스에 걸친 고신호 영역 ${all.length - components.length}개는 병변으로 보지 않았습니다 (${all.length - components.length} bright region(s) touching the in-plane edge or spanning every slice ignored: tissue, not a lesion)`);
    }
    const measures = components.map((c) => measureComponent(c, volume, probabilities, volume.data));
    const { findings, labels } = findingsFromComponents(components, measures, { kind: 'lesion', label: (n) => `유방 병변 ${n} (breast lesion ${n})`, shape: volume.shape });

    const suggestions = [];
    for (const finding of findings) {
      const { classification, patchMm } = await classifyLesion(volume, labels, finding, clsCard, infer);
      const malignancyProbability = classification.probabilities[clsCard.labels[clsCard.labels.length - 1]!.code] ?? 0;
      const suggestion = biradsFromMalignancyProbability(malignancyProbability);
      finding.classification = classification;
      finding.category = suggestion.category;
      finding.attributes = { ...finding.attributes, malignancyProbability, patchMm };
      suggestions.push(suggestion);
    }
    if (components.length > findings.length) warnings.push(`병변 ${components.length}개 중 ${findings.length}개만 기록했습니다 (only ${findings.length} of ${components.length} lesions recorded)`);

    const grid = { shape: volume.shape, spacing: volume.spacing, origin: volume.origin, direction: volume.direction, slicePositions: volume.slicePositions };
    const common = {
      pipelineId: 'breast-mri', analysisType: 'BREAST_MRI_SEGMENTATION', classification: null,
      volume: { grid, values: volume.data }, models: modelsUsed(cards), warnings,
    } as const;
    if (findings.length === 0) {
      const negative = BIRADS_TABLE['1'];
      return {
        ...common, findings,
        guidelines: [{ name: 'BI-RADS 5th ed.', citation: BIRADS_5, category: '1', recommendation: negative.management, details: { category: '1', info: negative } }],
        summary: { ko: '유방 MRI에서 조영 병변이 검출되지 않았습니다. BI-RADS 1 (음성) 제안.', en: 'No enhancing lesion detected on breast MRI. Suggested BI-RADS 1 (negative).' },
        recommendations: [negative.management],
        confidence: 1 - maxOf(probabilities),
        suspicion: biradsSuspicion('1'),
        segmentation: null,
      } satisfies PipelineResult;
    }

    // The most suspicious lesion governs the study (BI-RADS: one assessment per examination).
    const worst = suggestions.reduce((a, b) => (BIRADS_SUSPICION[b.category] > BIRADS_SUSPICION[a.category] ? b : a));
    const overall: BiradsProbabilityCategory = worst.category;
    const main = findings[suggestions.indexOf(worst)]!;
    const extent = breastMriExtent(findings.map((f) => ({ centroidMm: f.centroidMm, longAxisMm: f.longAxisMm })));
    const guidelines: GuidelineOutcome[] = [
      { name: 'BI-RADS 5th ed.', citation: BIRADS_5, category: overall, recommendation: BIRADS_TABLE[overall].management, details: { overall, lesions: suggestions } },
      {
        name: 'Breast MRI extent', citation: extent.source,
        category: extent.multicentric ? 'multicentric' : extent.multifocal ? 'multifocal' : 'unifocal',
        recommendation: extent.text, details: extent,
      },
    ];
    const largest = Math.max(...findings.map((f) => f.longAxisMm ?? 0));
    return {
      ...common, findings, guidelines,
      summary: {
        ko: `유방 MRI 조영 병변 ${findings.length}개 (최대 ${largest.toFixed(1)} mm). ${extent.text.ko} 가장 의심되는 병변 ${main.number}: ${worst.text.ko}`,
        en: `${findings.length} enhancing breast lesion(s) on MRI (largest ${largest.toFixed(1)} mm). ${extent.text.en} Most suspicious, lesion ${main.number}: ${worst.text.en}`,
      },
      recommendations: [BIRADS_TABLE[overall].management, extent.text, BIRADS_SUGGESTION_DISCLAIMER],
      confidence: main.meanProbability,
      suspicion: biradsSuspicion(overall),
      segmentation: { source: volume, labels },
    } satisfies PipelineResult;
  },
};

export default breastMri;
