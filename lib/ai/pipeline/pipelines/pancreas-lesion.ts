import { buildVolume } from '../../../dicom/volume.js';
import { PANCREAS_LESION_CITATION, pancreaticLesionRecommendation, type PancreaticLesionCategory } from '../../../rules/guidelines/pancreas-lesion.js';
import { findingsFromComponents } from '../findings.js';
import { segmentVolume } from '../segment.js';
import { SUSPICION_LEVELS, type GuidelineOutcome, type Pipeline, type PipelineContext, type PipelineResult, type SeriesInput, type Suspicion } from '../types.js';
import { lesionCandidates, type LesionRule } from '../volume-lesions.js';
import { ageFromDicom, mm, referenceModelWarnings, segmentationCard, volumeLesionResult } from '../result-parts.js';

/**
 * Pancreatic lesions on abdominal CT or MR (소화기내과): the 3-D segmenter (enhancing lesions on
 * abdomen-windowed CT, fluid-bright lesions on T2 MR), minus structures cut by the field of view and
 * bone; each lesion typed cystic or solid (CT: below 20 HU is fluid; T2-bright on MR is fluid) and
 * managed by the ACR incidental pancreatic cyst algorithm or, when solid, the NCCN work-up.
 */

/** Simple fluid stays below about 20 HU on CT; enhancing solid tissue is well above it. */
const CYST_MAX_HU = 20;
/**
 * Seeds at 0.9: the abdominal window puts soft tissue (40 HU) at the model's 0.5 edge, so the card's
 * threshold alone marks the whole body; an enhancing lesion reaches 1. Bone (spine, ribs, dense
 * calcification) is a seed averaging above 300 HU, which no pancreatic lesion does.
 */
const rule = (modality: 'CT' | 'MR'): LesionRule => ({ seedProbability: 0.9, maxMeanHu: modality === 'CT' ? 300 : null, searchMm: 4, backgroundMm: 4, rimMm: 4 });

/** How each category pulls the study up the reading list; also which lesion governs (the highest, then the largest). */
const CATEGORY_SUSPICION: Record<PancreaticLesionCategory, Suspicion> = {
  'solid': SUSPICION_LEVELS.HIGH,
  'cyst-high-risk': SUSPICION_LEVELS.HIGH,
  'cyst-worrisome': SUSPICION_LEVELS.SUSPICIOUS,
  'cyst-surveillance': SUSPICION_LEVELS.LOW,
};

/** The guideline a recommendation row comes from (its id's prefix). */
const GUIDELINE_NAME = {
  nccn: 'NCCN 췌장암 (NCCN pancreatic adenocarcinoma)',
  fukuoka: 'Fukuoka 2017 (revised international consensus, IPMN)',
  acr: 'ACR 우연발견 췌장낭종 2017 (ACR incidental pancreatic cyst 2017)',
} as const;

async function run(series: SeriesInput, context: PipelineContext): Promise<PipelineResult> {
  const card = segmentationCard(context, 'pancreas-lesion');
  const volume = buildVolume(series.instances);
  const modality: 'CT' | 'MR' = (volume.context.modality || series.modality) === 'MR' ? 'MR' : 'CT';
  const warnings = [...volume.warnings, ...referenceModelWarnings(context.cards)];
  const ageYears = context.patient.ageYears ?? ageFromDicom(volume.context.attributes);

  const probabilities = await segmentVolume(volume, card, context.infer);
  const candidates = lesionCandidates(volume, card, probabilities, rule(modality));
  const lesions = candidates.lesions;

  const { findings, labels } = findingsFromComponents(lesions.map((l) => l.component), lesions.map((l) => l.measures), {
    shape: volume.shape, kind: 'lesion', label: (n) => `췌장 병변 ${n} (pancreatic lesion ${n})`,
  });
  const kinds = lesions.map(({ measures }): 'cystic' | 'solid' => (modality === 'MR' || (measures.meanIntensity ?? 0) < CYST_MAX_HU ? 'cystic' : 'solid'));
  const recommendations = lesions.map(({ measures }, i) => pancreaticLesionRecommendation({ sizeMm: measures.longAxisMm ?? 0, kind: kinds[i]!, ageYears }));
  findings.forEach((f, i) => {
    f.category = recommendations[i]!.category;
    f.attributes = { ...f.attributes, composition: kinds[i], row: recommendations[i]!.row, urgent: recommendations[i]!.urgent, followUp: recommendations[i]!.followUp };
  });

  // The most demanding lesion governs (a small solid one before a large cyst); of equals the largest (components come largest first).
  const governingIndex = recommendations.reduce((best, r, i) => (CATEGORY_SUSPICION[r.category] > CATEGORY_SUSPICION[recommendations[best]!.category] ? i : best), 0);
  const governing = recommendations[governingIndex] ?? null;
  const guidelines: GuidelineOutcome[] = governing
    ? [{
      name: GUIDELINE_NAME[governing.row.split('-')[0] as keyof typeof GUIDELINE_NAME],
      citation: PANCREAS_LESION_CITATION,
      category: governing.category,
      recommendation: governing.text,
      details: { governing, lesions: recommendations },
    }]
    : [];
  const suspicion: Suspicion = governing ? CATEGORY_SUSPICION[governing.category] : SUSPICION_LEVELS.NONE;
  const kindKo = { cystic: '낭성', solid: '고형' } as const;
  const summary = findings.length
    ? {
      ko: `췌장 병변 ${findings.length}개 검출. ${findings.map((f, i) => `병변 ${f.number}: ${kindKo[kinds[i]!]}, 장경 ${mm(f.longAxisMm)} mm, ${f.volumeMl?.toFixed(1)} mL${modality === 'CT' && f.meanIntensity !== null ? `, 평균 ${Math.round(f.meanIntensity)} HU` : ''}`).join('; ')}. ${governing!.text.ko}`,
      en: `${findings.length} pancreatic lesion(s) detected. ${findings.map((f, i) => `lesion ${f.number}: ${kinds[i]}, long axis ${mm(f.longAxisMm)} mm, ${f.volumeMl?.toFixed(1)} mL${modality === 'CT' && f.meanIntensity !== null ? `, mean ${Math.round(f.meanIntensity)} HU` : ''}`).join('; ')}. ${governing!.text.en}`,
    }
    : { ko: '췌장 병변이 검출되지 않았습니다.', en: 'No pancreatic lesion detected.' };
  // The reference cards' limitations (their `limitations`), said where the reader sees them.
  if (card.origin === 'reference') {
    warnings.push('기준 모델은 췌장 위치를 모릅니다: 영상 내 모든 병변을 보고합니다 (the reference model has no pancreas localisation: lesions anywhere in the field are reported)');
    if (modality === 'CT') warnings.push('CT 기준 모델은 조영증강되는 병변만 찾습니다: 저음영 낭종은 MRI로 확인하십시오 (the CT reference model finds enhancing lesions only: hypodense cysts need MR)');
  }

  return volumeLesionResult({
    pipelineId: 'pancreas-lesion', analysisType: 'PANCREAS_CT_MRI_ANALYSIS', findings, guidelines, summary,
    recommendations: governing ? [governing.text] : [], suspicion, main: findings[governingIndex] ?? null,
    probabilities, explained: candidates.explained(), volume, labels, cards: context.cards, warnings,
  });
}

const pancreasLesion: Pipeline = {
  id: 'pancreas-lesion',
  analysisType: 'PANCREAS_CT_MRI_ANALYSIS',
  department: 'GASTROENTEROLOGY',
  name: '췌장 병변 분석 (pancreatic lesion analysis)',
  dimensions: '3d',
  requires: ['segmentation'],
  optional: [],
  run,
};
export default pancreasLesion;
