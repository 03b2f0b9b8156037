import type { Component } from './components.js';
import type { ComponentMeasures } from './measure.js';
import type { PipelineFinding } from './types.js';

/**
 * Components and their measures to findings (numbered 1..n in the order given, i.e. largest first
 * from connectedComponents) and the label map a DICOM SEG is written from (value n = finding n).
 * A SEG label map here is 8-bit: findings beyond 255 are dropped, and said so by their absence.
 */
export const MAX_FINDINGS = 255;

export interface FindingOptions {
  kind: PipelineFinding['kind'];
  /** The finding's display label from its number, Korean first: (n) => `폐결절 ${n} (nodule ${n})`. */
  label: (n: number) => string;
  /**
   * The source grid ([z, y, x]) the label map must cover. Optional when the components come
   * from connectedComponents (they carry it); needed when there may be none.
   */
  shape?: [number, number, number];
}

/** Display precision: 0.1 mm, 0.1 mm², 0.001 mL, 3 decimals of probability (and the same numbers on every run). */
const round = (value: number | null, decimals: number): number | null => (value === null ? null : Number(value.toFixed(decimals)));

export function findingsFromComponents(components: Component[], measures: ComponentMeasures[], options: FindingOptions): { findings: PipelineFinding[]; labels: Uint8Array } {
  if (components.length !== measures.length) throw new RangeError(`${components.length} components but ${measures.length} measures`);
  const shape = options.shape ?? components.find((c) => c.shape)?.shape;
  if (!shape && components.length > 0) throw new RangeError('findingsFromComponents needs options.shape for components without a grid');
  const labels = new Uint8Array(shape ? shape[0] * shape[1] * shape[2] : 0);
  const findings: PipelineFinding[] = [];
  components.slice(0, MAX_FINDINGS).forEach((component, i) => {
    const m = measures[i]!;
    const number = i + 1;
    for (const index of component.indices) {
      if (index >= labels.length) throw new RangeError(`component ${component.label} lies outside the ${shape!.join('×')} grid`);
      labels[index] = number;
    }
    findings.push({
      number,
      label: options.label(number),
      kind: options.kind,
      longAxisMm: round(m.longAxisMm, 1),
      shortAxisMm: round(m.shortAxisMm, 1),
      meanDiameterMm: round(m.meanDiameterMm, 1),
      volumeMl: round(m.volumeMl, 3),
      areaMm2: round(m.areaMm2, 1),
      meanProbability: round(m.meanProbability, 3)!,
      meanIntensity: round(m.meanIntensity, 1),
      centroidMm: m.centroidMm ? (m.centroidMm.map((v) => round(v, 2)!) as [number, number, number]) : null,
      keySlice: m.keySlice,
      attributes: { voxels: m.voxels },
    });
  });
  return { findings, labels };
}
