import { imageTensor } from '../../../dicom/volume.js';
import { radPathConcordance } from '../../../rules/guidelines/rad-path-concordance.js';
import { classifyImage } from '../classify.js';
import { SUSPICION_LEVELS, type Pipeline, type PipelineResult, type Suspicion } from '../types.js';
import { modelsUsed, referenceModelWarnings } from '../result-parts.js';

/**
 * Breast pathology (BREAST_SURGERY): a slide photo (SM, also XC/OT) → the classification card
 * (benign / atypia / malignant) → radiology–pathology concordance with the BI-RADS category of the
 * imaging that led to the biopsy (patient.priorBirads). The model is a concordance check for the
 * surgeon, never the pathologist's diagnosis; the reference model is not for clinical use.
 */
type Pathology = 'benign' | 'atypia' | 'malignant';
const PATHOLOGY_KO: Record<Pathology, string> = { benign: '양성', atypia: '비정형', malignant: '악성' };

/**
 * The card's labels are read by position (first benign, middle atypia, last malignant) so that a
 * hospital's model with other label codes still maps; known codes are taken as they are.
 */
function pathologyOf(code: string, index: number, count: number): Pathology {
  if (code === 'benign' || code === 'atypia' || code === 'malignant') return code;
  return index === 0 ? 'benign' : index === count - 1 ? 'malignant' : 'atypia';
}

const breastPathology: Pipeline = {
  id: 'breast-pathology',
  analysisType: 'BREAST_PATHOLOGY',
  department: 'BREAST_SURGERY',
  name: '유방 병리 분류 (breast pathology classification)',
  dimensions: '2d',
  requires: ['classification'],
  optional: [],
  async run(series, { cards, infer, patient }) {
    const card = cards.classification!;
    const first = series.instances[0];
    if (!first) throw new RangeError('breast-pathology: the series has no image');
    const image = imageTensor(first, { grey: true });
    const warnings = [...image.warnings];
    if (series.instances.length > 1) warnings.push(`첫 영상만 분석했습니다 (${series.instances.length}장 중 1장) (only the first of ${series.instances.length} images was analysed)`);

    const classification = await classifyImage(image.data, [image.rows, image.columns], card, infer);
    const index = card.labels.findIndex((l) => l.code === classification.code);
    const pathology = pathologyOf(classification.code, index, card.labels.length);
    const priorBirads = patient.priorBirads ?? null;
    const concordance = radPathConcordance({ birads: priorBirads, pathology });

    // Malignant → HIGH; atypia (excision advised) or benign histology discordant with the imaging →
    // SUSPICIOUS; benign that the radiologist must still correlate (BI-RADS 4/4B) → LOW.
    const suspicion: Suspicion = pathology === 'malignant' ? SUSPICION_LEVELS.HIGH
      : pathology === 'atypia' || concordance.concordant === false ? SUSPICION_LEVELS.SUSPICIOUS
        : concordance.concordant === null && concordance.category !== null ? SUSPICION_LEVELS.LOW : SUSPICION_LEVELS.NONE;
    const percent = `${(classification.probability * 100).toFixed(1)}%`;
    return {
      pipelineId: 'breast-pathology', analysisType: 'BREAST_PATHOLOGY',
      findings: [], classification,
      guidelines: [{
        name: 'Radiology–pathology concordance', citation: concordance.source,
        category: concordance.birads6 ? '6' : null, recommendation: concordance.management, details: concordance,
      }],
      summary: {
        ko: `AI 병리 분류: ${PATHOLOGY_KO[pathology]} (${percent}). ${concordance.text.ko} 병리의사의 진단을 대신하지 않습니다.`,
        en: `AI pathology class: ${pathology} (${percent}). ${concordance.text.en} Not a substitute for the pathologist's diagnosis.`,
      },
      recommendations: [concordance.management],
      confidence: classification.probability,
      suspicion,
      segmentation: null, volume: null,
      models: modelsUsed(cards), warnings: [...warnings, ...referenceModelWarnings(cards)],
    } satisfies PipelineResult;
  },
};

export default breastPathology;
