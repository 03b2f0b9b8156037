import { buildVolume, type Volume } from '../../../dicom/volume.js';
import type { NoduleType } from '../../../rules/guidelines/common.js';
import { noduleAttenuationAssessment, SOLID_VOXEL_HU, type NoduleAttenuationAssessment } from '../../../rules/guidelines/lung-nodule-type.js';
import { connectedComponents, threshold, type Component } from '../components.js';
import { findingsFromComponents } from '../findings.js';
import { measureComponent, type ComponentMeasures } from '../measure.js';
import { segmentSlices } from '../segment.js';
import type { Pipeline, PipelineContext, PipelineFinding, PipelineResult, SeriesInput } from '../types.js';
import { lungGuidelines, recommendationsOf, type MeasuredNodule } from './lung-nodule-guidelines.js';
import { airMap, sortByRing, type RingRule } from './lung-nodule-lungs.js';
import { ageFromDicom, mm, referenceModelWarnings, segmentationCard, volumeLesionResult } from '../result-parts.js';

/**
 * Lung nodules on chest CT (호흡기내과): the 2-D segmenter on every axial slice (lung window),
 * bright regions kept only where lung surrounds them, joined across slices into 3-D nodules,
 * measured (long/short axis on the key slice, volume), typed by attenuation, and managed by
 * Fleischner 2017 (incidental) and Lung-RADS v2022 (screening).
 */

/**
 * A nodule is a bright region lung surrounds: within 3 mm of it, at least 60 % lung (vessels and
 * fissures take some) and next to no air from outside the body (which only the chest wall touches).
 */
const RING: RingRule = { ringMm: 3, minLungFraction: 0.6, maxOutsideFraction: 0.02 };
/** The Fleischner glossary (Hansell 2008) calls a lesion over 3 cm a mass: a long axis of 30 mm or more makes one here. */
const MASS_MM = 30;

const TYPE_KO: Record<NoduleType, string> = { 'solid': '고형', 'part-solid': '부분고형', 'ground-glass': '간유리' };

/** Marks every voxel of the given components. */
function maskOf(components: readonly Component[], size: number): Uint8Array {
  const mask = new Uint8Array(size);
  for (const c of components) for (const i of c.indices) mask[i] = 1;
  return mask;
}

/** The voxels of a component at solid attenuation, as a component of their own (for the solid part's size). */
function solidPart(c: Component, hu: ArrayLike<number>, shape: readonly [number, number, number]): Component | null {
  const [, h, w] = shape;
  const indices = Array.from(c.indices).filter((i) => hu[i]! >= SOLID_VOXEL_HU);
  if (!indices.length) return null;
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const i of indices) {
    const zyx = [Math.floor(i / (h * w)), Math.floor((i % (h * w)) / w), i % w];
    for (let a = 0; a < 3; a++) { min[a] = Math.min(min[a]!, zyx[a]!); max[a] = Math.max(max[a]!, zyx[a]!); }
  }
  return { label: c.label, voxels: indices.length, indices: Uint32Array.from(indices), min, max };
}

interface Nodule { component: Component; measures: ComponentMeasures; type: NoduleType; attenuation: NoduleAttenuationAssessment; solidComponentMm: number | null }

function characterise(c: Component, measures: ComponentMeasures, volume: Volume, probabilities: Float32Array): Nodule {
  const solid = solidPart(c, volume.data, volume.shape);
  const solidFraction = solid ? solid.voxels / c.voxels : 0;
  // With the size: Fleischner 2017 calls a nodule part-solid only from 6 mm (partial volume makes small solid ones look mixed).
  const attenuation = noduleAttenuationAssessment({ meanHu: measures.meanIntensity ?? -1000, solidFraction, diameterMm: measures.meanDiameterMm });
  const type = attenuation.type;
  let solidComponentMm: number | null = null;
  if (type === 'part-solid' && solid) {
    const solidMeasures = measureComponent(solid, volume, probabilities, volume.data);
    solidComponentMm = Math.min(solidMeasures.meanDiameterMm ?? 0, measures.longAxisMm ?? 0) || null;
  }
  return { component: c, measures, type, attenuation, solidComponentMm };
}

function findingLine(f: PipelineFinding, type: NoduleType): { ko: string; en: string } {
  const size = `${mm(f.longAxisMm)} × ${mm(f.shortAxisMm)} mm (평균 ${mm(f.meanDiameterMm)} mm), ${f.volumeMl?.toFixed(2) ?? '?'} mL`;
  const sizeEn = `${mm(f.longAxisMm)} × ${mm(f.shortAxisMm)} mm (mean ${mm(f.meanDiameterMm)} mm), ${f.volumeMl?.toFixed(2) ?? '?'} mL`;
  return {
    ko: `${f.label.split(' (')[0]}: ${TYPE_KO[type]} ${f.kind === 'mass' ? '종괴' : '결절'} ${size}, Lung-RADS ${f.category}`,
    en: `${f.kind} ${f.number}: ${type} ${f.kind} ${sizeEn}, Lung-RADS ${f.category}`,
  };
}

async function run(series: SeriesInput, context: PipelineContext): Promise<PipelineResult> {
  const card = segmentationCard(context, 'lung-nodule');
  const volume = buildVolume(series.instances);
  const warnings = [...volume.warnings, ...referenceModelWarnings(context.cards)];
  if (volume.units !== 'HU') warnings.push(`CT HU 값이 아닙니다 (${volume.units}): 폐 영역 판정이 부정확할 수 있습니다 (values are not HU: the lung mask may be wrong)`);
  const size = volume.data.length;

  const probabilities = await segmentSlices(volume, card, context.infer);
  const mask = threshold(probabilities, card.postprocessing.threshold ?? 0.5);
  // The card's 2-D connectivity per slice, then the ring test per 2-D region, then 3-D nodules.
  const connectivity = card.postprocessing.connectedComponents?.connectivity === 4 ? 4 : 8;
  const inPlane = connectedComponents(mask, volume.shape, connectivity);
  const air = airMap(volume.data, volume.shape);
  const sorted = sortByRing(inPlane.components, inPlane.labels, air, volume.shape, [volume.spacing[1], volume.spacing[2]], RING);
  const { components } = connectedComponents(maskOf(sorted.kept, size), volume.shape, 26);

  // The card's smallest region (voxels of its 1 mm grid) as an area: a nodule's largest cross-section must reach it.
  const minAreaMm2 = (card.postprocessing.connectedComponents?.minVoxels ?? 1) * card.input.spacing.reduce((a, b) => a * b, 1);
  const nodules = components
    .map((c) => ({ c, m: measureComponent(c, volume, probabilities, volume.data) }))
    .filter(({ m }) => (m.areaMm2 ?? 0) >= minAreaMm2)
    .map(({ c, m }) => characterise(c, m, volume, probabilities));

  const measured: MeasuredNodule[] = nodules.map((n) => ({
    type: n.type, longAxisMm: n.measures.longAxisMm ?? 0, shortAxisMm: n.measures.shortAxisMm ?? 0,
    ...(n.solidComponentMm ? { solidComponentMm: n.solidComponentMm } : {}),
  }));
  const guidelines = lungGuidelines(measured, context.patient, ageFromDicom(volume.context.attributes));
  warnings.push(...guidelines.warnings);

  const { findings, labels } = findingsFromComponents(nodules.map((n) => n.component), nodules.map((n) => n.measures), {
    shape: volume.shape, kind: 'nodule', label: (n) => `폐결절 ${n} (nodule ${n})`,
  });
  findings.forEach((f, i) => {
    const n = nodules[i]!;
    if ((f.longAxisMm ?? 0) >= MASS_MM) {
      f.kind = 'mass';
      f.label = `폐종괴 ${f.number} (mass ${f.number})`;
    }
    f.category = guidelines.categories[i];
    f.attributes = {
      ...f.attributes,
      noduleType: n.type,
      solidFraction: Math.round(n.attenuation.solidFraction * 1000) / 1000,
      consolidationRatio: n.attenuation.consolidationRatio,
      ...(n.solidComponentMm !== null ? { solidComponentMm: Math.round(n.solidComponentMm * 10) / 10 } : {}),
      lungRadsCategory: guidelines.categories[i],
    };
  });

  const main = guidelines.governingIndex !== null ? findings[guidelines.governingIndex] ?? null : null;
  const lines = findings.map((f, i) => findingLine(f, nodules[i]!.type));
  const governing = guidelines.outcomes[0]!;
  const masses = findings.filter((f) => f.kind === 'mass').length;
  const counted = masses
    ? { ko: `폐결절 ${findings.length - masses}개, 종괴 ${masses}개 검출`, en: `${findings.length - masses} pulmonary nodule(s) and ${masses} mass(es) detected` }
    : { ko: `폐결절 ${findings.length}개 검출`, en: `${findings.length} pulmonary nodule(s) detected` };
  const summary = findings.length
    ? {
      ko: `${counted.ko}. ${lines.map((l) => l.ko).join('; ')}. ${governing.name}: ${governing.recommendation.ko}`,
      en: `${counted.en}. ${lines.map((l) => l.en).join('; ')}. ${governing.name}: ${governing.recommendation.en}`,
    }
    : { ko: '폐결절이 검출되지 않았습니다.', en: 'No pulmonary nodule detected.' };

  return volumeLesionResult({
    pipelineId: 'lung-nodule', analysisType: 'LUNG_CT', findings, guidelines: guidelines.outcomes, summary,
    recommendations: recommendationsOf(guidelines.outcomes), suspicion: guidelines.suspicion, main,
    probabilities, explained: sorted.explained, volume, labels, cards: context.cards, warnings,
  });
}

const lungNodule: Pipeline = {
  id: 'lung-nodule',
  analysisType: 'LUNG_CT',
  department: 'PULMONOLOGY',
  name: '폐결절 검출 (lung nodule detection)',
  dimensions: '3d',
  requires: ['segmentation'],
  optional: [],
  run,
};
export default lungNodule;
