import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Match, Show, Switch } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { ErrorState, QueryView } from '../../../shared/ui/states';
import { AnalysisResult } from './AnalysisResult';
import type { Analysis, ModelCard } from './types';
import { t } from './messages';

/**
 * AI decision support for one study (seed §4.1.5), for doctors and radiologists: its analyses
 * with progress while they run, each result with guideline categories and recommendations, the
 * model cards behind it and the 3-D view; `canRun` adds the button that asks for an analysis.
 */
export function AiAnalysisPanel(props: { imageId: number; canRun?: boolean }) {
  const { api } = useApp();
  const client = useQueryClient();
  const analyses = createQuery(() => ({
    queryKey: ['ai', 'analyses', props.imageId],
    queryFn: () => api.get<{ items: Analysis[] }>(`/medical-images/${props.imageId}/analyze`, { pageSize: 20 }),
    // Poll while something is queued or running; stop once every analysis has finished.
    refetchInterval: (query) => (query.state.data?.items.some((a) => a.status === 'QUEUED' || a.status === 'RUNNING') ? 2000 : false),
  }));
  const cards = createQuery(() => ({ queryKey: ['ai', 'models'], queryFn: () => api.get<{ items: ModelCard[] }>('/ai/models'), staleTime: 10 * 60_000 }));
  const run = createMutation(() => ({
    mutationFn: () => api.post<{ analyses: Analysis[] }>(`/medical-images/${props.imageId}/analyze`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ai', 'analyses', props.imageId] }),
  }));

  return (
    <Panel title={t('title')} actions={props.canRun ? (
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>{run.isPending ? t('running') : t('run')}</button>
    ) : undefined}>
      <Show when={run.isError}><ErrorState error={run.error} /></Show>
      <QueryView query={analyses} empty={(d) => d.items.length === 0} emptyText={t('none')}>
        {(d) => (
          <For each={d.items}>{(a) => (
            <section class="ai-analysis">
              <h3>{a.pipeline_name ?? a.pipeline_id} <span class="muted">{formatDateTime(a.analysis_date)}</span></h3>
              <Switch>
                <Match when={a.status === 'QUEUED' || a.status === 'RUNNING'}>
                  <p role="status" aria-live="polite"><progress /> {t('progress', { pipeline: a.pipeline_name ?? a.pipeline_id, status: a.status_label })}</p>
                </Match>
                <Match when={a.status === 'FAILED'}><p class="field-error">{t('failed')}: {a.error}</p></Match>
                <Match when={a.status === 'DONE' && a.results}><AnalysisResult imageId={props.imageId} analysis={a} cards={cards.data?.items ?? []} /></Match>
              </Switch>
            </section>
          )}</For>
        )}
      </QueryView>
    </Panel>
  );
}
