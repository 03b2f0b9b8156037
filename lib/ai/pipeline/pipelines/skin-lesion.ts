import { imageTensor } from '../../../dicom/volume.js';
import { skinLesionManagement } from '../../../rules/guidelines/skin-lesion.js';
import { classifyImage } from '../classify.js';
import { connectedComponents, threshold } from '../components.js';
import { findingsFromComponents } from '../findings.js';
import { measureComponent } from '../measure.js';
import { segmentImage } from '../segment.js';
import { SUSPICION_LEVELS, type Pipeline, type PipelineFinding, type PipelineResult, type Suspicion } from '../types.js';
import { modelsUsed, referenceModelWarnings } from '../result-parts.js';

/**
 * Skin lesion (DERMATOLOGY): a clinical photo (XC) in grey → the classification card
 * (normal / suspicious / high-risk) and, when a segmentation card is loaded, the lesions with
 * their diameter (mm when the photo carries PixelSpacing) → skinLesionManagement (ABCDE "D",
 * urgent referral for high risk, short-term monitoring for suspicious). The reference models are
 * not for clinical use.
 */
type RiskClass = 'normal' | 'suspicious' | 'high-risk';

/** Label codes as the reference card has them; another model's labels are read by position. */
function riskOf(code: string, index: number, count: number): RiskClass {
  if (code === 'normal' || code === 'suspicious' || code === 'high-risk') return code;
  return index === 0 ? 'normal' : index === count - 1 ? 'high-risk' : 'suspicious';
}

const URGENCY_SUSPICION: Record<'routine' | 'monitor' | 'urgent', Suspicion> = {
  routine: SUSPICION_LEVELS.NONE, monitor: SUSPICION_LEVELS.SUSPICIOUS, urgent: SUSPICION_LEVELS.HIGH,
};
const RISK_KO: Record<RiskClass, string> = { normal: '정상', suspicious: '의심', 'high-risk': '고위험' };

const skinLesion: Pipeline = {
  id: 'skin-lesion',
  analysisType: 'SKIN_CANCER_CLASSIFICATION',
  department: 'DERMATOLOGY',
  name: '피부 병변 위험도 분류 (skin lesion risk classification)',
  dimensions: '2d',
  requires: ['classification'],
  optional: ['segmentation'],
  async run(series, { cards, infer }) {
    const clsCard = cards.classification!;
    const segCard = cards.segmentation;
    const first = series.instances[0];
    if (!first) throw new RangeError('skin-lesion: the series has no image');
    const image = imageTensor(first, { grey: true });
    const shape: [number, number] = [image.rows, image.columns];
    const warnings = [...image.warnings];
    if (series.instances.length > 1) warnings.push(`첫 영상만 분석했습니다 (${series.instances.length}장 중 1장) (only the first of ${series.instances.length} images was analysed)`);

    const classification = await classifyImage(image.data, shape, clsCard, infer);
    const riskClass = riskOf(classification.code, clsCard.labels.findIndex((l) => l.code === classification.code), clsCard.labels.length);

    let findings: PipelineFinding[] = [];
    let segmentation: PipelineResult['segmentation'] = null;
    if (segCard) {
      if (!image.pixelSpacing) warnings.push('PixelSpacing이 없어 병변 직경을 mm로 잴 수 없습니다 (no PixelSpacing: lesion diameters in pixels only)');
      const probabilities = await segmentImage(image, segCard, infer);
      const { connectivity, minVoxels } = segCard.postprocessing.connectedComponents ?? { connectivity: 8 as const, minVoxels: 20 };
      const { components } = connectedComponents(threshold(probabilities, segCard.postprocessing.threshold ?? 0.5), [1, shape[0], shape[1]], connectivity, minVoxels);
      const grid = { shape: [1, shape[0], shape[1]] as [number, number, number], spacing: image.pixelSpacing ? [1, ...image.pixelSpacing] as [number, number, number] : null };
      const measures = components.map((c) => measureComponent(c, grid, probabilities, image.data));
      const result = findingsFromComponents(components, measures, { kind: 'lesion', label: (n) => `피부 병변 ${n} (skin lesion ${n})` });
      findings = result.findings;
      if (findings.length > 0) segmentation = { source: image, labels: result.labels };
    }

    // The largest lesion is the one the photo was taken of; its long axis is the ABCDE diameter.
    const main = findings[0] ?? null;
    const diameterMm = main?.longAxisMm ?? null;
    const management = skinLesionManagement({ riskClass, diameterMm, probability: classification.probability });
    for (const f of findings) f.attributes = { ...f.attributes, riskClass: f === main ? riskClass : null };
    if (main) { main.classification = classification; main.category = riskClass; }

    const percent = `${(classification.probability * 100).toFixed(1)}%`;
    const lesionText = main
      ? diameterMm !== null
        ? { ko: `병변 ${findings.length}개, 가장 큰 병변 직경 ${diameterMm.toFixed(1)} mm`, en: `${findings.length} lesion(s), largest ${diameterMm.toFixed(1)} mm across` }
        : { ko: `병변 ${findings.length}개 (크기 mm 미상)`, en: `${findings.length} lesion(s) (size in mm unknown)` }
      : segCard ? { ko: '분할된 병변 없음', en: 'no lesion segmented' } : { ko: '분할 모델 없음', en: 'no segmentation model' };
    return {
      pipelineId: 'skin-lesion', analysisType: 'SKIN_CANCER_CLASSIFICATION',
      findings, classification,
      guidelines: [{ name: 'Skin lesion management (ABCDE, NICE NG12)', citation: management.source, category: management.urgency, recommendation: management.text, details: management }],
      summary: {
        ko: `AI 피부 병변 위험도: ${RISK_KO[riskClass]} (${percent}); ${lesionText.ko}. ${management.text.ko}`,
        en: `AI skin lesion risk: ${riskClass} (${percent}); ${lesionText.en}. ${management.text.en}`,
      },
      recommendations: [management.text],
      confidence: classification.probability,
      suspicion: URGENCY_SUSPICION[management.urgency],
      segmentation, volume: null,
      models: modelsUsed(cards), warnings: [...warnings, ...referenceModelWarnings(cards)],
    } satisfies PipelineResult;
  },
};

export default skinLesion;
