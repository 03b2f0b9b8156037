import { For, Show, createSignal } from 'solid-js';
import { lang } from '../../../shared/i18n';
import { DataTable } from '../../../shared/ui/DataTable';
import type { Analysis, Localized, ModelCard } from './types';
import { Viewer3D } from './Viewer3D';
import { t } from './messages';

const text = (value: Localized | string | null | undefined) => (value == null ? '' : typeof value === 'string' ? value : value[lang()] || value.ko);
const mm = (value: number | null) => (value == null ? '' : value.toFixed(1));

/** One finished analysis as a reader needs it: findings, guideline categories, recommendations, the models and their limits. */
export function AnalysisResult(props: { imageId: number; analysis: Analysis; cards: ModelCard[] }) {
  const [show3d, setShow3d] = createSignal(false);
  const results = () => props.analysis.results!;
  const cardOf = (id: string) => props.cards.find((c) => c.id === id);
  const suspicion = () => props.analysis.suspicion ?? 0;
  return (
    <article class="ai-result" aria-label={props.analysis.pipeline_name ?? props.analysis.pipeline_id}>
      <Show when={results().notForClinicalUse}><p class="notice" role="note">{t('notClinical')}</p></Show>
      <p>
        <span class="badge" classList={{ 'badge-alert': suspicion() >= 2, 'badge-warn': suspicion() === 1 }}>{t('suspicion')}: {t(`suspicion${suspicion()}` as 'suspicion0')}</span>
        <Show when={props.analysis.confidence != null}> <span class="muted">{t('confidence')} {Math.round(props.analysis.confidence! * 100)}%</span></Show>
      </p>
      <h4>{t('summary')}</h4>
      <p>{text(results().summary)}</p>
      <Show when={results().classification}>
        <p><strong>{t('classification')}:</strong> {results().classification!.name} ({Math.round(results().classification!.probability * 100)}%)</p>
      </Show>
      <Show when={results().findings.length}>
        <DataTable caption={t('findings')} rows={results().findings} rowKey={(f) => f.number} columns={[
          { header: t('finding'), cell: (f) => f.label },
          { header: t('longAxis'), cell: (f) => mm(f.longAxisMm), numeric: true },
          { header: t('shortAxis'), cell: (f) => mm(f.shortAxisMm), numeric: true },
          { header: t('mean'), cell: (f) => mm(f.meanDiameterMm), numeric: true },
          { header: t('volume'), cell: (f) => (f.volumeMl == null ? '' : f.volumeMl.toFixed(2)), numeric: true },
        ]} />
      </Show>
      <Show when={results().guidelines.length}>
        <DataTable caption={t('guidelines')} rows={results().guidelines} rowKey={(g) => g.name} columns={[
          { header: t('guideline'), cell: (g) => g.name },
          { header: t('category'), cell: (g) => <strong>{g.category ?? ''}</strong> },
          { header: t('recommendation'), cell: (g) => text(g.recommendation) },
          { header: t('citation'), cell: (g) => <span class="muted">{g.citation}</span> },
        ]} />
      </Show>
      <Show when={results().recommendations.length}>
        <h4>{t('recommendations')}</h4>
        <ul><For each={results().recommendations}>{(r) => <li>{text(r)}</li>}</For></ul>
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
    </article>
  );
}
