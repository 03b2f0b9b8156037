import { For, Show, createSignal } from 'solid-js';
import { DataTable } from '../../../shared/ui/DataTable';
import { localized as text, mm } from './localized';
import { OverlayPreview } from './OverlayPreview';
import { SuspicionBadge } from './SuspicionBadge';
import type { Analysis, ModelCard } from './types';
import { Viewer3D } from './Viewer3D';
import { DepartmentView, RiskAndTests, hasOwnFindingsTable } from './views';
import { t, type MessageKey } from './messages';
import { guidelineCategoryLabel } from './views/details';

/**
 * One finished analysis as a reader needs it: the not-for-clinical-use notice, the summary, the
 * department's own section (views/: what that specialist reads first), the risk assessment and
 * recommended tests, the findings and guideline tables, the models and their limits, the
 * segmentation over the image (2-D overlay) and, for volumes, the 3-D view.
 */
export function AnalysisResult(props: { imageId: number; analysis: Analysis; cards: ModelCard[] }) {
  const [show3d, setShow3d] = createSignal(false);
  const results = () => props.analysis.results!;
  const cardOf = (id: string) => props.cards.find((c) => c.id === id);
  const suspicion = () => Math.max(0, Math.min(3, props.analysis.suspicion ?? 0));
  return (
    <div class="ai-result">
      <Show when={results().notForClinicalUse}><p class="notice" role="note"><strong>{t('notClinicalNotice')}</strong></p></Show>
      <p>
        <SuspicionBadge level={suspicion()} text={`${t('suspicion')}: ${t(`suspicion${suspicion()}` as MessageKey)}`} />
        <Show when={props.analysis.confidence != null}> <span class="muted">{t('confidence')} {Math.round(props.analysis.confidence! * 100)}%</span></Show>
      </p>
      <h4>{t('summary')}</h4>
      <p>{text(results().summary) || props.analysis.findings}</p>
      <Show when={results().classification}>
        <p><strong>{t('classification')}:</strong> {results().classification!.name} ({Math.round(results().classification!.probability * 100)}%)</p>
      </Show>
      <DepartmentView pipeline={props.analysis.pipeline_id} results={results()} cards={props.cards} />
      <RiskAndTests suspicion={suspicion()} results={results()} />
      <Show when={props.analysis.hasOverlay}>
        <OverlayPreview imageId={props.imageId} analysisId={props.analysis.id} pipeline={props.analysis.pipeline_name ?? props.analysis.pipeline_id} />
      </Show>
      <Show when={results().findings.length && !hasOwnFindingsTable(props.analysis.pipeline_id)}>
        <DataTable caption={t('findings')} rows={results().findings} rowKey={(f) => f.number} columns={[
          { header: t('finding'), cell: (f) => f.label },
          { header: t('longAxis'), cell: (f) => mm(f.longAxisMm), numeric: true },
          { header: t('shortAxis'), cell: (f) => mm(f.shortAxisMm), numeric: true },
          { header: t('mean'), cell: (f) => mm(f.meanDiameterMm), numeric: true },
          { header: t('volume'), cell: (f) => (f.volumeMl == null ? '' : f.volumeMl.toFixed(2)), numeric: true },
          { header: t('category'), cell: (f) => f.category ?? '' },
        ]} />
      </Show>
      <Show when={results().guidelines.length}>
        <DataTable caption={t('guidelines')} rows={results().guidelines} rowKey={(g) => g.name} columns={[
          { header: t('guideline'), cell: (g) => g.name },
          { header: t('category'), cell: (g) => <strong>{guidelineCategoryLabel(g.name, g.category)}</strong> },
          { header: t('recommendation'), cell: (g) => text(g.recommendation) },
          { header: t('citation'), cell: (g) => <span class="muted">{g.citation}</span> },
        ]} />
      </Show>
      <Show when={results().warnings.length}>
        <h4>{t('warnings')}</h4>
        <ul class="alert-list"><For each={results().warnings}>{(w) => <li>{w}</li>}</For></ul>
      </Show>
      <details>
        <summary>{t('models')}</summary>
        <ul>
          <For each={results().models}>{(m) => (
            <li>
              <strong>{cardOf(m.id)?.name ?? m.id}</strong> ({t('version')} {m.version}){m.clinicalUse ? '' : ` — ${t('notClinical')}`}
              <Show when={cardOf(m.id)}><p><em>{t('intendedUse')}:</em> {cardOf(m.id)!.intendedUse}</p></Show>
              <Show when={cardOf(m.id)?.limitations}><p class="muted"><em>{t('limitations')}:</em> {cardOf(m.id)!.limitations}</p></Show>
            </li>
          )}</For>
        </ul>
      </details>
      <Show when={props.analysis.has3d}>
        <button type="button" class="secondary" aria-expanded={show3d()} onClick={() => setShow3d(!show3d())}>{show3d() ? t('hide3d') : t('view3d')}</button>
        <Show when={show3d()}><Viewer3D imageId={props.imageId} analysisId={props.analysis.id} /></Show>
      </Show>
    </div>
  );
}
