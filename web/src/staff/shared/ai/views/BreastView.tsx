import { Show } from 'solid-js';
import { localized, mm } from '../localized';
import type { AnalysisResults, ModelCard } from '../types';
import { at, guidelineNamed, labelOf, list, num, text } from './details';
import { biradsOf, concordanceOf } from './breast';
import { v } from './messages';
import { NextStep, TextList, ViewFacts, ViewSection } from './parts';
import { ClassBars } from './ClassBars';

/**
 * Breast (유방외과), one of the three work-up stages: the BI-RADS category with its meaning and
 * likelihood of malignancy and what led to it (ultrasound descriptors), the extent on MRI, and for
 * pathology the AI class and its concordance with the imaging category before the biopsy.
 */
export function BreastView(props: { pipeline: string; results: AnalysisResults; cards: ModelCard[] }) {
  const birads = () => biradsOf(props.results);
  const extent = () => guidelineNamed(props.results, 'Breast MRI extent');
  const concordance = () => concordanceOf(props.results);
  const governing = () => props.results.guidelines[0] ?? null;
  const mass = () => props.results.findings[0] ?? null;
  return (
    <ViewSection title={v('breastTitle')}>
      <Show when={birads()}>
        <p data-testid="ai-birads"><strong class="badge badge-warn">{v('birads', { category: birads()!.category })}</strong>
          <Show when={birads()!.meaning}> {localized(birads()!.meaning)}</Show>
          <Show when={birads()!.likelihood}> <span class="muted">({localized(birads()!.likelihood)})</span></Show>
        </p>
      </Show>
      <Show when={concordance()}>
        <p data-testid="ai-concordance">
          <strong>{v('concordance')}:</strong>{' '}
          <span class="badge" classList={{ 'badge-ok': concordance()!.verdict === 'concordant', 'badge-alert': concordance()!.verdict === 'discordant', 'badge-warn': concordance()!.verdict === 'undetermined' }}>
            {v(concordance()!.verdict)}
          </span>{' '}
          {concordance()!.prior ? `${v('priorBirads')} ${v('birads', { category: concordance()!.prior! })}` : v('noPrior')}
          <Show when={concordance()!.birads6}> · <strong>{v('birads6')}</strong></Show>
        </p>
        <Show when={concordance()!.text}><p>{localized(concordance()!.text)}</p></Show>
      </Show>
      <Show when={governing()}>
        <NextStep source={governing()!.name} text={governing()!.recommendation} />
      </Show>
      <Show when={props.pipeline === 'breast-ultrasound'}>
        <ViewFacts items={[
          [v('longAxis'), mass() ? mm(mass()!.longAxisMm) : null],
        ]} />
        <TextList label={v('reasons')} items={list(at(guidelineNamed(props.results, 'BI-RADS')?.details, 'findings')).map(text)} />
      </Show>
      <Show when={extent()}>
        <ViewFacts items={[
          [v('extent'), labelOf('extent', extent()!.category)],
          [v('lesionCount'), num(at(extent()!.details, 'count'))],
          [v('extentMm'), mm(num(at(extent()!.details, 'extentMm')))],
        ]} />
        <Show when={text(at(extent()!.details, 'text'))}><p>{localized(text(at(extent()!.details, 'text')))}</p></Show>
      </Show>
      <Show when={props.pipeline === 'breast-pathology' && props.results.classification}>
        <p><strong>{v('pathologyClass')}:</strong></p>
        <ClassBars classification={props.results.classification!} cards={props.cards} />
      </Show>
    </ViewSection>
  );
}
