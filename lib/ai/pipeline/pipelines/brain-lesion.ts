import { buildVolume } from '../../../dicom/volume.js';
import { abcOver2Ml, BRAIN_LESION_CITATION, brainLesionAssessment } from '../../../rules/guidelines/brain-lesion.js';
import type { Component } from '../components.js';
import { findingsFromComponents } from '../findings.js';
import { segmentVolume } from '../segment.js';
import { SUSPICION_LEVELS, type GuidelineOutcome, type Pipeline, type PipelineContext, type PipelineResult, type SeriesInput } from '../types.js';
import { lesionCandidates, type LesionRule } from '../volume-lesions.js';
import { mm, referenceModelWarnings, segmentationCard, volumeLesionResult } from '../result-parts.js';

/**
 * Brain lesions on head CT or MR (신경외과): the 3-D segmenter on the brain-windowed CT (or the
 * normalised MR), minus the skull (on CT, seeds averaging above 150 HU) and anything cut by the
 * field of view, each lesion's edge refined to half its contrast with the brain (volume-lesions.ts);
 * its volume (voxels, and ABC/2 as neurosurgeons estimate it at the bedside) and attenuation go to
 * the haemorrhage rule (acute blood 50–100 HU; ≥ 30 mL is the ICH score's volume point).
 */

/**
 * Seeds at 0.9 (the model is sure); bone is a seed whose mean is above 150 HU (the skull is about
 * 1000, clotted blood 50–100); the edge is looked for up to 4 mm beyond the seed (the reference
 * model overshoots a clot's edge by about 3 mm) against the brain in the 4 mm beyond that.
 */
const rule = (modality: 'CT' | 'MR'): LesionRule => ({ seedProbability: 0.9, maxMeanHu: modality === 'CT' ? 150 : null, searchMm: 4, backgroundMm: 4, rimMm: 4 });

/** Craniocaudal extent in mm: the slices a component spans (the "C" of ABC/2). */
const craniocaudalMm = (c: Component, sliceSpacing: number) => (c.max[0] - c.min[0] + 1) * sliceSpacing;

async function run(series: SeriesInput, context: PipelineContext): Promise<PipelineResult> {
  const card = segmentationCard(context, 'brain-lesion');
  const volume = buildVolume(series.instances);
  const modality: 'CT' | 'MR' = (volume.context.modality || series.modality) === 'MR' ? 'MR' : 'CT';
  const warnings = [...volume.warnings, ...referenceModelWarnings(context.cards)];

  const probabilities = await segmentVolume(volume, card, context.infer);
  const candidates = lesionCandidates(volume, card, probabilities, rule(modality));
  const lesions = candidates.lesions;
  const count = lesions.length;

  const { findings, labels } = findingsFromComponents(lesions.map((l) => l.component), lesions.map((l) => l.measures), {
    shape: volume.shape, kind: 'lesion', label: (n) => `뇌병변 ${n} (brain lesion ${n})`,
  });
  const assessments = lesions.map(({ measures }) => brainLesionAssessment({
    modality, volumeMl: measures.volumeMl ?? 0, meanHu: modality === 'CT' ? measures.meanIntensity : null, count,
  }));
  findings.forEach((f, i) => {
    const { component } = lesions[i]!;
    const abc = f.longAxisMm && f.shortAxisMm ? abcOver2Ml(f.longAxisMm, f.shortAxisMm, craniocaudalMm(component, volume.spacing[0])) : null;
    f.category = assessments[i]!.category;
    f.attributes = {
      ...f.attributes,
      category: assessments[i]!.category,
      urgent: assessments[i]!.urgent,
      abcOver2Ml: abc === null ? null : Math.round(abc * 10) / 10,
      craniocaudalMm: Math.round(craniocaudalMm(component, volume.spacing[0]) * 10) / 10,
      ...(assessments[i]!.ichScoreVolumePoint !== undefined ? { ichScoreVolumePoint: assessments[i]!.ichScoreVolumePoint } : {}),
    };
  });

  // The largest suspected haemorrhage governs (components come largest first: the ICH score counts the
  // haematoma's volume); without one, the largest lesion.
  const governingIndex = Math.max(0, assessments.findIndex((a) => a.urgent));
  const overall = assessments[governingIndex] ?? brainLesionAssessment({ modality, volumeMl: 0, meanHu: null, count: 0 });
  const guideline: GuidelineOutcome = {
    name: '뇌출혈 부피 평가 (ICH volume, Hemphill 2001)',
    citation: BRAIN_LESION_CITATION,
    category: overall.category,
    recommendation: overall.text,
    details: { overall, lesions: assessments },
  };
  const suspicion = overall.urgent ? SUSPICION_LEVELS.HIGH : overall.category === 'none' ? SUSPICION_LEVELS.NONE : SUSPICION_LEVELS.SUSPICIOUS;
  const hu = (v: number | null) => (modality === 'CT' && v !== null ? `, 평균 ${Math.round(v)} HU` : '');
  const huEn = (v: number | null) => (modality === 'CT' && v !== null ? `, mean ${Math.round(v)} HU` : '');
  const summary = findings.length
    ? {
      ko: `뇌병변 ${count}개 검출. ${findings.map((f) => `병변 ${f.number}: ${f.volumeMl?.toFixed(1)} mL (ABC/2 ${f.attributes!.abcOver2Ml} mL), 장경 ${mm(f.longAxisMm)} mm${hu(f.meanIntensity)}`).join('; ')}. ${overall.text.ko}`,
      en: `${count} brain lesion(s) detected. ${findings.map((f) => `lesion ${f.number}: ${f.volumeMl?.toFixed(1)} mL (ABC/2 ${f.attributes!.abcOver2Ml} mL), long axis ${mm(f.longAxisMm)} mm${huEn(f.meanIntensity)}`).join('; ')}. ${overall.text.en}`,
    }
    : { ko: '뇌병변이 검출되지 않았습니다.', en: 'No brain lesion detected.' };

  return volumeLesionResult({
    pipelineId: 'brain-lesion', analysisType: 'BRAIN_CT_MRI_ANALYSIS', findings, guidelines: [guideline], summary,
    recommendations: [overall.text], suspicion, main: findings[governingIndex] ?? null,
    probabilities, explained: candidates.explained(), volume, labels, cards: context.cards, warnings,
  });
}

const brainLesion: Pipeline = {
  id: 'brain-lesion',
  analysisType: 'BRAIN_CT_MRI_ANALYSIS',
  department: 'NEUROSURGERY',
  name: '뇌병변 분석 (brain lesion analysis)',
  dimensions: '3d',
  requires: ['segmentation'],
  optional: [],
  run,
};
export default brainLesion;
