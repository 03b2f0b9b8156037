import { Show } from 'solid-js';
import { DataTable } from '../../../../shared/ui/DataTable';
import { mm } from '../localized';
import type { AnalysisResults } from '../types';
import { at, bool, followUpText, labelOf, str } from './details';
import { v } from './messages';
import { NextStep, ViewSection } from './parts';

/**
 * Pancreatic lesions (소화기내과): the governing lesion's guideline (NCCN for a solid lesion, the
 * ACR / Fukuoka cyst algorithms for a cyst) and its next step with the first follow-up, then each
 * lesion's long axis, volume, composition and category with its own follow-up.
 */
export function PancreasView(props: { results: AnalysisResults }) {
  const guideline = () => props.results.guidelines[0] ?? null;
  const urgent = () => bool(at(guideline()?.details, 'governing', 'urgent'));
  const composition = (value: unknown) => (str(value) === 'cystic' ? v('cystic') : str(value) === 'solid' ? v('solid') : '');
  return (
    <ViewSection title={v('pancreasTitle')}>
      <Show when={guideline()}>
        <p>
          <Show when={guideline()!.category}><strong>{labelOf('pancreas', guideline()!.category)}</strong> </Show>
          <Show when={urgent() !== null}>
            <span class="badge" classList={{ 'badge-alert': urgent()!, 'badge-ok': !urgent() }}>{v('urgency')}: {urgent() ? v('urgent') : v('notUrgent')}</span>
          </Show>
        </p>
        <NextStep source={guideline()!.name} text={guideline()!.recommendation} followUp={followUpText(at(guideline()!.details, 'governing', 'followUp'))} />
      </Show>
      <Show when={props.results.findings.length}>
        <DataTable caption={v('lesion')} rows={props.results.findings} rowKey={(f) => f.number} columns={[
          { header: v('lesion'), cell: (f) => f.label },
          { header: v('longAxis'), cell: (f) => mm(f.longAxisMm), numeric: true },
          { header: v('shortAxis'), cell: (f) => mm(f.shortAxisMm), numeric: true },
          { header: v('volume'), cell: (f) => (f.volumeMl == null ? '' : f.volumeMl.toFixed(1)), numeric: true },
          { header: v('composition'), cell: (f) => composition(f.attributes?.composition) },
          { header: v('followUp'), cell: (f) => [labelOf('pancreas', f.category), followUpText(f.attributes?.followUp)].filter(Boolean).join(' · ') },
        ]} />
      </Show>
    </ViewSection>
  );
}
