import { Show } from 'solid-js';
import { mm } from '../localized';
import type { AnalysisResults, ModelCard } from '../types';
import { at, bool, labelOf, num } from './details';
import { ClassBars } from './ClassBars';
import { v } from './messages';
import { NextStep, ViewFacts, ViewSection } from './parts';

/**
 * Skin lesion (피부과): the risk classes as a bar list, the management's urgency and next step
 * (dermoscopic review interval when it is short-term monitoring), and the largest lesion's
 * diameter against ABCDE's "D".
 */
export function SkinView(props: { results: AnalysisResults; cards: ModelCard[] }) {
  const guideline = () => props.results.guidelines[0] ?? null;
  const abcde = () => bool(at(guideline()?.details, 'abcdeDiameter'));
  const review = () => num(at(guideline()?.details, 'reviewMonths'));
  return (
    <ViewSection title={v('skinTitle')}>
      <Show when={props.results.classification}>
        <ClassBars classification={props.results.classification!} cards={props.cards} />
      </Show>
      <Show when={guideline()}>
        <NextStep source={guideline()!.category ? labelOf('skin', guideline()!.category) : null} text={guideline()!.recommendation}
          followUp={review() === null ? null : v('review', { n: review()! })} />
      </Show>
      <ViewFacts items={[
        [v('diameter'), props.results.findings[0] ? mm(props.results.findings[0].longAxisMm) : null],
        [v('abcdeD'), abcde() === null ? null : abcde() ? v('yes') : v('no')],
      ]} />
    </ViewSection>
  );
}
