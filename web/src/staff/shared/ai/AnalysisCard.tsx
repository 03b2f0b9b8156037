import { For, Match, Switch } from 'solid-js';
import { formatDateTime } from '../../../shared/i18n';
import { statusLabel } from '../labels';
import { AnalysisResult } from './AnalysisResult';
import type { Analysis, ModelCard } from './types';
import { t } from './messages';

const STEPS = ['QUEUED', 'RUNNING', 'DONE'] as const;

/** One analysis: where it is (queued → running → done, the current step marked for assistive technology), and once done its result. */
export function AnalysisCard(props: { imageId: number; analysis: Analysis; cards: ModelCard[] }) {
  const a = () => props.analysis;
  const name = () => a().pipeline_name ?? a().pipeline_id;
  const step = () => STEPS.indexOf(a().status as (typeof STEPS)[number]);
  const working = () => a().status === 'QUEUED' || a().status === 'RUNNING';
  return (
    <article class="ai-analysis" aria-label={name()}>
      <h3>{name()} <span class="muted">· {formatDateTime(a().analysis_date)}</span></h3>
      <ol class="toolbar" aria-label={t('steps')} style={{ 'list-style': 'none', padding: 0 }}>
        <For each={STEPS}>{(s, i) => (
          <li class="badge" classList={{ 'badge-ok': i() < step() || a().status === 'DONE', 'badge-warn': i() === step() && working() }}
            aria-current={s === a().status ? 'step' : undefined}>
            {statusLabel(s)}
          </li>
        )}</For>
      </ol>
      <Switch>
        <Match when={working()}>
          <p role="status" aria-live="polite"><progress aria-label={t('steps')} /> {t('progress', { pipeline: name(), status: a().status_label })}</p>
        </Match>
        <Match when={a().status === 'FAILED'}><p class="field-error" role="alert">{t('failed')}: {a().error}</p></Match>
        <Match when={a().status === 'DONE' && a().results}>
          <AnalysisResult imageId={props.imageId} analysis={a()} cards={props.cards} />
        </Match>
      </Switch>
    </article>
  );
}
