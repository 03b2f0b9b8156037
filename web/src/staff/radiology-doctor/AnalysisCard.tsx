import { For, Show } from 'solid-js';
import { formatDateTime, lang } from '../../shared/i18n';
import { statusLabel } from '../shared/labels';
import { t, type MessageKey } from './messages';
import type { Analysis } from './types';

const STEPS = ['QUEUED', 'RUNNING', 'DONE'] as const;

/** The AI's suspicion level as a badge (0 none … 3 high). */
export function SuspicionBadge(props: { level: number | null | undefined; text?: string | null }) {
  const level = () => Math.max(0, Math.min(3, props.level ?? 0));
  return (
    <span class="badge" classList={{ 'badge-alert': level() >= 2, 'badge-warn': level() === 1, 'badge-ok': level() === 0 }}>
      {props.text || t(`suspicion${level()}` as MessageKey)}
    </span>
  );
}

/** One analysis: where it is (queued → running → done), and once done what it found and advises. */
export function AnalysisCard(props: { analysis: Analysis }) {
  const a = () => props.analysis;
  const results = () => a().results ?? {};
  const step = () => STEPS.indexOf(a().status as (typeof STEPS)[number]);
  const local = (text: { ko: string; en: string } | undefined) => (text ? text[lang()] : '');

  return (
    <article class="panel" aria-label={a().pipeline_name ?? t('pipeline')}>
      <h3>{a().pipeline_name ?? a().pipeline_id ?? t('pipeline')} <span class="muted">· {formatDateTime(a().analysis_date)}</span></h3>
      <ol class="toolbar" aria-label={t('analysisProgress')} style={{ 'list-style': 'none', padding: 0 }}>
        <For each={STEPS}>{(s, i) => (
          <li class="badge" classList={{ 'badge-ok': i() < step() || a().status === 'DONE', 'badge-warn': i() === step() && a().status !== 'DONE' }}
            aria-current={s === a().status ? 'step' : undefined}>
            {statusLabel(s)}
          </li>
        )}</For>
      </ol>
      <Show when={a().status === 'QUEUED' || a().status === 'RUNNING'}>
        <progress aria-label={t('analysisProgress')} style={{ width: '100%' }} />
      </Show>
      <Show when={a().status === 'FAILED'}>
        <p class="field-error" role="alert">{t('analysisFailed')}: {a().error}</p>
      </Show>
      <Show when={a().status === 'DONE'}>
        <Show when={results().notForClinicalUse}>
          <p class="state state-error" role="note"><strong>{t('notForClinicalUse')}</strong></p>
        </Show>
        <p><strong>{t('aiSummary')}:</strong> {local(results().summary) || a().findings}</p>
        <p>
          {t('suspicion')}: <SuspicionBadge level={a().suspicion} />
          <Show when={a().confidence != null}> · {t('confidence')}: {Math.round((a().confidence ?? 0) * 100)}%</Show>
        </p>
        <Show when={(results().findings ?? []).length > 0}>
          <h4>{t('findingsList')}</h4>
          <ul>
            <For each={results().findings}>{(f) => (
              <li>{f.label}{f.longAxisMm != null ? ` · ${f.longAxisMm.toFixed(1)} mm` : ''}{f.category ? ` · ${f.category}` : ''}</li>
            )}</For>
          </ul>
        </Show>
        <Show when={(results().guidelines ?? []).length > 0}>
          <h4>{t('guidelines')}</h4>
          <ul>
            <For each={results().guidelines}>{(g) => (
              <li>
                <strong>{g.name}</strong>{g.category ? ` — ${t('category')} ${g.category}` : ''}: {local(g.recommendation)}
                <div class="muted"><small>{g.citation}</small></div>
              </li>
            )}</For>
          </ul>
        </Show>
        <Show when={(results().recommendations ?? []).length > 0}>
          <h4>{t('aiRecommendations')}</h4>
          <ul><For each={results().recommendations}>{(r) => <li>{local(r)}</li>}</For></ul>
        </Show>
        <Show when={(results().warnings ?? []).length > 0}>
          <h4>{t('warnings')}</h4>
          <ul class="alert-list"><For each={results().warnings}>{(w) => <li>{w}</li>}</For></ul>
        </Show>
        <p class="muted"><small>{t('model')}: {a().model_version}</small></p>
      </Show>
    </article>
  );
}
