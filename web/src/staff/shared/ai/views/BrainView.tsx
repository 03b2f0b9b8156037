import { Show } from 'solid-js';
import { DataTable } from '../../../../shared/ui/DataTable';
import { mm } from '../localized';
import type { AnalysisResults } from '../types';
import { at, bool, labelOf, num, str } from './details';
import { v } from './messages';
import { NextStep, ViewFacts, ViewSection } from './parts';

/**
 * Brain lesions (신경외과): the urgency first (a suspected haemorrhage is urgent), the haematoma's
 * volume — counted voxels and the bedside ABC/2 — and the ICH score's volume point, then each
 * lesion's volume, ABC/2, craniocaudal extent and mean HU as the pipeline measured them.
 */
export function BrainView(props: { results: AnalysisResults }) {
  const guideline = () => props.results.guidelines[0] ?? null;
  const urgent = () => bool(at(guideline()?.details, 'overall', 'urgent'));
  const point = () => num(at(guideline()?.details, 'overall', 'ichScoreVolumePoint'));
  // HU only on CT: on MR the mean is a signal intensity without a unit.
  const ct = () => str(at(props.results, 'series', 'modality')) === 'CT';
  const volume = (value: number | null | undefined) => (value == null ? '' : value.toFixed(1));
  return (
    <ViewSection title={v('brainTitle')}>
      <Show when={urgent() !== null}>
        <p><span class="badge" classList={{ 'badge-alert': urgent()!, 'badge-ok': !urgent() }} data-testid="ai-urgency">
          {v('urgency')}: {urgent() ? v('urgent') : v('notUrgent')}
        </span> <Show when={guideline()?.category}><strong>{labelOf('brain', guideline()!.category)}</strong></Show></p>
      </Show>
      <Show when={guideline()}>
        <NextStep source={guideline()!.name} text={guideline()!.recommendation} />
      </Show>
      <ViewFacts items={[[v('ichPoint'), point()]]} />
      <Show when={props.results.findings.length}>
        <DataTable caption={v('lesion')} rows={props.results.findings} rowKey={(f) => f.number} columns={[
          { header: v('lesion'), cell: (f) => f.label },
          { header: v('longAxis'), cell: (f) => mm(f.longAxisMm), numeric: true },
          { header: v('volume'), cell: (f) => volume(f.volumeMl), numeric: true },
          { header: v('abc2'), cell: (f) => volume(num(f.attributes?.abcOver2Ml)), numeric: true },
          { header: v('craniocaudal'), cell: (f) => mm(num(f.attributes?.craniocaudalMm)), numeric: true },
          { header: v('meanHu'), cell: (f) => (!ct() || f.meanIntensity == null ? '' : String(Math.round(f.meanIntensity))), numeric: true },
          { header: v('urgency'), cell: (f) => (bool(f.attributes?.urgent) === null ? '' : f.attributes!.urgent ? v('urgent') : v('notUrgent')) },
        ]} />
      </Show>
    </ViewSection>
  );
}
