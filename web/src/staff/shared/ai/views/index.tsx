import { Match, Switch } from 'solid-js';
import type { AnalysisResults, ModelCard } from '../types';
import { BrainView } from './BrainView';
import { BreastView } from './BreastView';
import { LungView } from './LungView';
import { PancreasView } from './PancreasView';
import { SkinView } from './SkinView';
import { BREAST_PIPELINES } from './breast';

export { RiskAndTests } from './RiskAndTests';
export { BreastWorkupStrip } from './BreastWorkupStrip';

/** Pipelines whose view has its own findings table (with the department's columns), in place of the panel's generic one. */
const OWN_FINDINGS_TABLE = new Set(['lung-nodule', 'brain-lesion', 'pancreas-lesion']);
export const hasOwnFindingsTable = (pipeline: string) => OWN_FINDINGS_TABLE.has(pipeline);

/**
 * The department's own section of a finished analysis, chosen by the pipeline that produced it
 * (lib/ai/pipeline/types.ts PIPELINE_IDS); nothing for a pipeline without one.
 */
export function DepartmentView(props: { pipeline: string; results: AnalysisResults; cards: ModelCard[] }) {
  return (
    <Switch>
      <Match when={props.pipeline === 'lung-nodule'}><LungView results={props.results} /></Match>
      <Match when={props.pipeline === 'brain-lesion'}><BrainView results={props.results} /></Match>
      <Match when={BREAST_PIPELINES.includes(props.pipeline)}><BreastView pipeline={props.pipeline} results={props.results} cards={props.cards} /></Match>
      <Match when={props.pipeline === 'pancreas-lesion'}><PancreasView results={props.results} /></Match>
      <Match when={props.pipeline === 'skin-lesion'}><SkinView results={props.results} cards={props.cards} /></Match>
    </Switch>
  );
}
