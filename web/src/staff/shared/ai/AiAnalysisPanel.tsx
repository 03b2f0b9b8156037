import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { Empty, ErrorState, QueryView } from '../../../shared/ui/states';
import { AnalysisCard } from './AnalysisCard';
import type { Analysis, ModelCard } from './types';
import { t } from './messages';

const POLL_MS = 1500;
const working = (a: Analysis) => a.status === 'QUEUED' || a.status === 'RUNNING';

/**
 * AI decision support for one study (seed §4.1.5), the one panel doctors and radiologists share:
 * its analyses newest first, each with its steps (queued → running → done, polled while any is
 * under way), and once done the findings, guideline categories, recommendations, the model cards,
 * the 2-D overlay preview and the 3-D view. `canRun` adds the button that asks for an analysis;
 * without an image (`imageId` null: nothing acquired yet) the panel says there is nothing to analyse.
 */
export function AiAnalysisPanel(props: { imageId: number | null; canRun?: boolean }) {
  const { api } = useApp();
  const client = useQueryClient();
  const analyses = createQuery(() => ({
    queryKey: ['ai', 'analyses', props.imageId],
    queryFn: () => api.get<{ items: Analysis[] }>(`/medical-images/${props.imageId}/analyze`, { pageSize: 20 }),
    enabled: props.imageId != null,
    refetchInterval: (query) => (query.state.data?.items.some(working) ? POLL_MS : false),
  }));
  const cards = createQuery(() => ({ queryKey: ['ai', 'models'], queryFn: () => api.get<{ items: ModelCard[] }>('/ai/models'), staleTime: 10 * 60_000 }));
  const run = createMutation(() => ({
    mutationFn: () => api.post<{ analyses: Analysis[] }>(`/medical-images/${props.imageId}/analyze`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ai', 'analyses', props.imageId] }),
  }));
  const busy = () => run.isPending || (analyses.data?.items ?? []).some(working);

  return (
    <Panel title={t('title')} actions={props.canRun && props.imageId != null ? (
      <button type="button" onClick={() => run.mutate()} disabled={busy()}>
        {run.isPending ? t('running') : (analyses.data?.items.length ?? 0) > 0 ? t('rerun') : t('run')}
      </button>
    ) : undefined}>
      <Show when={run.isError}><ErrorState error={run.error} /></Show>
      <Show when={props.imageId != null} fallback={<Empty>{t('noImage')}</Empty>}>
        <QueryView query={analyses} empty={(d) => d.items.length === 0} emptyText={t('none')}>
          {(d) => <For each={d.items}>{(a) => <AnalysisCard imageId={props.imageId!} analysis={a} cards={cards.data?.items ?? []} />}</For>}
        </QueryView>
      </Show>
    </Panel>
  );
}
