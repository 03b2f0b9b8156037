import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { Panel } from '../../shared/ui/AppShell';
import { Empty, QueryView } from '../../shared/ui/states';
import { AnalysisCard } from './AnalysisCard';
import { t } from './messages';
import type { Analysis, Page } from './types';

const POLL_MS = 1500;
const working = (a: Analysis) => a.status === 'QUEUED' || a.status === 'RUNNING';

/**
 * The study's AI analyses, newest first, and the button that asks for a new one. While any
 * analysis waits or runs the list is polled, so QUEUED → RUNNING → DONE shows as it happens.
 */
export function AiPanel(props: { imageId: number | null }) {
  const { api } = useApp();
  const client = useQueryClient();
  const key = () => ['radiology-doctor', 'analyses', props.imageId];
  const analyses = createQuery(() => ({
    queryKey: key(),
    queryFn: () => api.get<Page<Analysis>>(`/radiology-doctor/images/${props.imageId}/analyze`, { pageSize: 10 }),
    enabled: props.imageId != null,
    refetchInterval: (query) => ((query.state.data?.items ?? []).some(working) ? POLL_MS : false),
  }));
  const run = createMutation(() => ({
    mutationFn: () => api.post<{ analyses: Analysis[] }>(`/medical-images/${props.imageId}/analyze`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['radiology-doctor'] }),
  }));
  const busy = () => run.isPending || (analyses.data?.items ?? []).some(working);

  return (
    <Panel title={t('aiTitle')} actions={
      <Show when={props.imageId != null}>
        <button type="button" disabled={busy()} onClick={() => run.mutate()}>
          {(analyses.data?.items.length ?? 0) > 0 ? t('rerunAi') : t('runAi')}
        </button>
      </Show>
    }>
      <Show when={run.isError}><p class="field-error" role="alert">{run.error?.message}</p></Show>
      <Show when={props.imageId != null} fallback={<Empty>{t('noImage')}</Empty>}>
        <QueryView query={analyses} empty={(page) => page.items.length === 0} emptyText={t('noAnalysis')}>
          {(page) => <For each={page.items}>{(analysis) => <AnalysisCard analysis={analysis} />}</For>}
        </QueryView>
      </Show>
    </Panel>
  );
}
