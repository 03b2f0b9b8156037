import { For, Show, createUniqueId } from 'solid-js';
import { localized } from '../localized';
import { SuspicionBadge } from '../SuspicionBadge';
import type { AnalysisResults } from '../types';
import { t as panel, type MessageKey } from '../messages';
import { v } from './messages';
import { guidelineCategoryLabel } from './details';

/**
 * Every department's "risk assessment" and "recommended tests", from what the server sent: the
 * AI suspicion level and each guideline's category (the governing one first), then the result's
 * recommendations, Korean first in the reader's language.
 */
export function RiskAndTests(props: { suspicion: number; results: AnalysisResults }) {
  const riskId = createUniqueId();
  const testsId = createUniqueId();
  const categorised = () => props.results.guidelines.filter((g) => g.category);
  return (
    <div class="ai-risk">
      <section aria-labelledby={riskId}>
        <h4 id={riskId}>{v('riskTitle')}</h4>
        <ul data-testid="ai-risk">
          <li>{v('aiSuspicion')}: <SuspicionBadge level={props.suspicion} text={panel(`suspicion${props.suspicion}` as MessageKey)} /></li>
          <For each={categorised()}>{(g, i) => (
            <li>{g.name}: <strong>{guidelineCategoryLabel(g.name, g.category)}</strong><Show when={i() === 0 && props.results.guidelines[0] === g}> <span class="muted">({v('governing')})</span></Show></li>
          )}</For>
        </ul>
      </section>
      <Show when={props.results.recommendations.length}>
        <section aria-labelledby={testsId}>
          <h4 id={testsId}>{v('testsTitle')}</h4>
          <ul data-testid="ai-tests"><For each={props.results.recommendations}>{(r) => <li>{localized(r)}</li>}</For></ul>
        </section>
      </Show>
    </div>
  );
}
