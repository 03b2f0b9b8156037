import { Show } from 'solid-js';
import { DataTable } from '../../../../shared/ui/DataTable';
import { localized, mm } from '../localized';
import type { AnalysisResults } from '../types';
import { at, bool, followUpText, guidelineCategoryLabel, guidelineNamed, labelOf, list, num, str, text } from './details';
import { v } from './messages';
import { NextStep, ViewFacts, ViewSection } from './parts';

/**
 * Lung nodules (호흡기내과): the governing guideline's next step with its follow-up interval first
 * (Fleischner 2017 for incidental nodules, Lung-RADS v2022 for screening: the pipeline puts the
 * governing one first), the other guideline's category, then each nodule's size, attenuation,
 * solid component and Lung-RADS category (the panel's findings table for this pipeline).
 */
export function LungView(props: { results: AnalysisResults }) {
  const governing = () => props.results.guidelines[0] ?? null;
  const fleischner = () => guidelineNamed(props.results, 'Fleischner');
  const lungRads = () => guidelineNamed(props.results, 'Lung-RADS');
  const lungRadsLabel = () => {
    const g = lungRads();
    if (!g?.category) return null;
    const descriptor = localized(text(at(g.details, 'descriptor')));
    return descriptor ? `${g.category} — ${descriptor}` : g.category;
  };
  const fleischnerRow = () => {
    const g = fleischner();
    if (!g) return null;
    return g.category ? guidelineCategoryLabel(g.name, g.category) : (bool(at(g.details, 'applicable')) === false ? v('notApplicable') : null);
  };
  const alternatives = () => list(at(fleischner()?.details, 'followUp', 'alternatives')).map(str).filter(Boolean).map((code) => labelOf('alt', code)).join(', ') || null;
  const workUp = () => (bool(at(lungRads()?.details, 'followUp', 'diagnosticWorkUp')) ? v('workUp') : null);
  const petCt = () => (bool(at(lungRads()?.details, 'followUp', 'petCtMayBeConsidered')) ? v('petCt') : null);
  const governingIndex = () => num(at(fleischner()?.details, 'governingNodule', 'index'));
  return (
    <ViewSection title={v('lungTitle')}>
      <Show when={governing()}>
        <NextStep source={governing()!.name} category={guidelineCategoryLabel(governing()!.name, governing()!.category)} text={governing()!.recommendation} followUp={followUpText(at(governing()!.details, 'followUp'))} />
      </Show>
      <ViewFacts items={[
        [v('lungRads'), lungRadsLabel()],
        [v('fleischnerRow'), fleischnerRow()],
        [v('alternatives'), alternatives()],
        [v('lungRadsNext'), workUp() ?? petCt()],
      ]} />
      <Show when={props.results.findings.length}>
        <DataTable caption={v('nodule')} rows={props.results.findings} rowKey={(f) => f.number} columns={[
          { header: v('nodule'), cell: (f) => (governingIndex() === f.number - 1 ? <strong>{f.label}</strong> : f.label) },
          { header: v('longAxis'), cell: (f) => mm(f.longAxisMm), numeric: true },
          { header: v('shortAxis'), cell: (f) => mm(f.shortAxisMm), numeric: true },
          { header: v('meanDiameter'), cell: (f) => mm(f.meanDiameterMm), numeric: true },
          { header: v('volume'), cell: (f) => (f.volumeMl == null ? '' : f.volumeMl.toFixed(2)), numeric: true },
          { header: v('attenuation'), cell: (f) => labelOf('type', str(f.attributes?.noduleType)) },
          { header: v('solidComponent'), cell: (f) => mm(num(f.attributes?.solidComponentMm)), numeric: true },
          { header: v('lungRads'), cell: (f) => f.category ?? '' },
        ]} />
      </Show>
    </ViewSection>
  );
}
