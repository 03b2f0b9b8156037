import type { AnalysisResults, Localized } from '../types';
import { at, bool, guidelineNamed, list, str, text } from './details';
import type { ViewKey } from './messages';

/**
 * What the breast views and the work-up strip read of a breast result: the BI-RADS category with its
 * meaning (the rule's own words, `info.name`), the MRI extent, and the pathology's concordance
 * with the imaging category that led to the biopsy.
 */

/** The work-up in order: ultrasound → MRI → pathology (pipeline ids as the server names them). */
export const BREAST_STAGES: readonly { pipeline: string; label: ViewKey }[] = [
  { pipeline: 'breast-ultrasound', label: 'stageUs' },
  { pipeline: 'breast-mri', label: 'stageMri' },
  { pipeline: 'breast-pathology', label: 'stagePath' },
];
export const BREAST_PIPELINES = BREAST_STAGES.map((s) => s.pipeline);

export interface Birads { category: string; meaning: Localized | null; likelihood: Localized | null }

/** The BI-RADS guideline's category and meaning; on MRI the meaning is that of the lesion the overall category came from. */
export function biradsOf(results: AnalysisResults): Birads | null {
  const g = guidelineNamed(results, 'BI-RADS');
  if (!g?.category) return null;
  const lesion = list(at(g.details, 'lesions')).find((l) => str(at(l, 'category')) === g.category);
  const info = at(g.details, 'info') ?? at(lesion, 'info');
  return { category: g.category, meaning: text(at(info, 'name')), likelihood: text(at(info, 'likelihood', 'text')) };
}

export type Verdict = 'concordant' | 'discordant' | 'undetermined';

export interface Concordance { verdict: Verdict; prior: string | null; birads6: boolean; text: Localized | null }

/** The radiology–pathology concordance of a pathology result, as the rule decided it. */
export function concordanceOf(results: AnalysisResults): Concordance | null {
  const g = guidelineNamed(results, 'Radiology–pathology');
  if (!g) return null;
  const concordant = at(g.details, 'concordant');
  if (concordant !== true && concordant !== false && concordant !== null) return null;
  return {
    verdict: concordant === true ? 'concordant' : concordant === false ? 'discordant' : 'undetermined',
    prior: str(at(g.details, 'category')),
    birads6: bool(at(g.details, 'birads6')) === true,
    text: text(at(g.details, 'text')),
  };
}
