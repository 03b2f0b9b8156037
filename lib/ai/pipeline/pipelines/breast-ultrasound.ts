import { imageTensor } from '../../../dicom/volume.js';
import { BIRADS_5, BIRADS_SUGGESTION_DISCLAIMER, BIRADS_TABLE } from '../../../rules/guidelines/birads5.js';
import { suggestBiradsFromUltrasound } from '../../../rules/guidelines/birads-ultrasound.js';
import { classifyImage } from '../classify.js';
import { measureComponent } from '../measure.js';
import { findingsFromComponents } from '../findings.js';
import { segmentImage } from '../segment.js';
import { SUSPICION_LEVELS, type Pipeline, type PipelineResult } from '../types.js';
import { describeUltrasoundMass, measureUltrasoundMass } from './breast-ultrasound-features.js';
import { classifierInput, findMass } from './breast-ultrasound-mass.js';
import { biradsSuspicion, maxOf, modelsUsed, referenceModelWarnings } from '../result-parts.js';

/**
 * Breast ultrasound (BREAST_SURGERY): the first image of the series → the segmentation card's
 * probability map → the mass (the largest dark region inside the image) → the BI-RADS lexicon
 * descriptors measured on its mask (breast-ultrasound-features.ts) → the classification card's
 * probability of its last label (malignant) → suggestBiradsFromUltrasound, where the more
 * suspicious of the descriptor and the probability suggestion wins. Always a suggestion for the
 * radiologist; the reference models are not for clinical use.
 */
const breastUltrasound: Pipeline = {
  id: 'breast-ultrasound',
  analysisType: 'BREAST_ULTRASOUND_ANALYSIS',
  department: 'BREAST_SURGERY',
  name: '유방 초음파 종괴 분석 (breast ultrasound mass analysis)',
  dimensions: '2d',
  requires: ['segmentation', 'classification'],
  optional: [],
  async run(series, { cards, infer }) {
    const segCard = cards.segmentation!;
    const clsCard = cards.classification!;
    const first = series.instances[0];
    if (!first) throw new RangeError('breast-ultrasound: the series has no image');
    const image = imageTensor(first, { grey: true });
    const shape: [number, number] = [image.rows, image.columns];
    const warnings = [...image.warnings, ...referenceModelWarnings(cards)];
    if (series.instances.length > 1) warnings.push(`첫 영상만 분석했습니다 (${series.instances.length}장 중 1장) (only the first of ${series.instances.length} images was analysed)`);
    if (!image.pixelSpacing) warnings.push('PixelSpacing이 없어 크기를 픽셀로만 잽니다 (no PixelSpacing: sizes in pixels only)');

    const probabilities = await segmentImage(image, segCard, infer);
    const mass = findMass(image.data, shape, probabilities, segCard, image.pixelSpacing);
    warnings.push(...mass.warnings);
    const classification = await classifyImage(classifierInput(image.data, shape, image.pixelSpacing), shape, clsCard, infer);
    const malignant = clsCard.labels[clsCard.labels.length - 1]!.code;
    const malignancyProbability = classification.probabilities[malignant] ?? 0;

    const models = modelsUsed(cards);
    if (!mass.component) {
      // No mass to describe. A model that still calls the image malignant (a mass cut by the image
      // edge, say) must not be talked down to "negative": then the study is incomplete (BI-RADS 0).
      const unexplained = malignancyProbability > 0.5;
      const category = unexplained ? '0' : '1';
      const info = BIRADS_TABLE[category];
      if (unexplained) warnings.push('국소화된 종괴 없이 분류 모델이 악성 의심으로 판단했습니다 (the classifier calls the image suspicious for malignancy, but no mass was localised)');
      return {
        pipelineId: 'breast-ultrasound', analysisType: 'BREAST_ULTRASOUND_ANALYSIS',
        findings: [], classification,
        guidelines: [{ name: 'BI-RADS 5th ed.', citation: BIRADS_5, category, recommendation: info.management, details: { category, info, malignancyProbability } }],
        summary: unexplained
          ? { ko: '종괴는 국소화되지 않았으나 AI 분류가 악성 의심입니다. BI-RADS 0 (추가 영상 평가 필요) 제안.', en: 'No mass localised, but the AI classifier suggests malignancy. Suggested BI-RADS 0 (additional imaging evaluation needed).' }
          : { ko: '유방 초음파에서 종괴가 검출되지 않았습니다. BI-RADS 1 (음성) 제안.', en: 'No mass detected on breast ultrasound. Suggested BI-RADS 1 (negative).' },
        recommendations: [info.management, BIRADS_SUGGESTION_DISCLAIMER],
        confidence: unexplained ? classification.probability : 1 - maxOf(probabilities),
        suspicion: unexplained ? SUSPICION_LEVELS.SUSPICIOUS : SUSPICION_LEVELS.NONE,
        segmentation: null, volume: null, models, warnings,
      } satisfies PipelineResult;
    }

    const measuresOfMass = measureUltrasoundMass(mass.mask, image.data, shape, image.pixelSpacing);
    const features = describeUltrasoundMass(measuresOfMass);
    const suggestion = suggestBiradsFromUltrasound(features, malignancyProbability);
    const grid = { shape: [1, shape[0], shape[1]] as [number, number, number], spacing: image.pixelSpacing ? [1, ...image.pixelSpacing] as [number, number, number] : null };
    const measures = measureComponent(mass.component, grid, probabilities, image.data);
    const { findings, labels } = findingsFromComponents([mass.component], [measures], { kind: 'mass', label: (n) => `유방 종괴 ${n} (breast mass ${n})` });
    const finding = findings[0]!;
    finding.classification = classification;
    finding.category = suggestion.category;
    finding.attributes = { ...finding.attributes, features, measures: measuresOfMass, echoLevels: mass.levels, malignancyProbability, biradsByFeatures: suggestion.byFeatures, biradsByProbability: suggestion.byProbability?.category ?? null };

    const size = finding.longAxisMm !== null ? `${finding.longAxisMm.toFixed(1)} × ${finding.shortAxisMm!.toFixed(1)} mm` : `${measures.voxels} px`;
    return {
      pipelineId: 'breast-ultrasound', analysisType: 'BREAST_ULTRASOUND_ANALYSIS',
      findings, classification,
      guidelines: [{ name: 'BI-RADS 5th ed.', citation: BIRADS_5, category: suggestion.category, recommendation: suggestion.info.management, details: suggestion }],
      summary: {
        ko: `유방 종괴 1개 (${size}): ${suggestion.text.ko}`,
        en: `One breast mass (${size}): ${suggestion.text.en}`,
      },
      recommendations: [suggestion.info.management, suggestion.disclaimer],
      confidence: measures.meanProbability,
      suspicion: biradsSuspicion(suggestion.category),
      segmentation: { source: image, labels },
      volume: null, models, warnings,
    } satisfies PipelineResult;
  },
};

export default breastUltrasound;
