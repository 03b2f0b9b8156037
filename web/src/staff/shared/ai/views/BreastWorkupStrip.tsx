import { createQuery } from '@tanstack/solid-query';
import { For, Match, Show, Switch } from 'solid-js';
import { useApp } from '../../../../shared/app-context';
import { formatDate } from '../../../../shared/i18n';
import { Panel } from '../../../../shared/ui/AppShell';
import { localized } from '../localized';
import type { Analysis } from '../types';
import { BREAST_PIPELINES, BREAST_STAGES, biradsOf, concordanceOf } from './breast';
import { v } from './messages';

/** The stage's analysis to show: its newest finished one, else its newest (running or failed); null when never asked. */
const stageAnalysis = (items: Analysis[], pipeline: string) =>
  items.find((a) => a.pipeline_id === pipeline && a.status === 'DONE') ?? items.find((a) => a.pipeline_id === pipeline) ?? null;

/**
 * The breast three-stage work-up of one patient (seed §4.1.5): ultrasound → MRI → pathology as a
 * strip, each stage done or not, with its BI-RADS category and meaning, and for pathology the AI
 * class and its concordance with the imaging category before the biopsy. Read from the patient's
 * breast analyses across images (GET /ai-analysis/patients/{id}/analyses); nothing at all when the
 * patient has none.
 */
export function BreastWorkupStrip(props: { patientId: number; imageHref: (imageId: number) => string }) {
  const { api } = useApp();
  const analyses = createQuery(() => ({
    queryKey: ['ai', 'patient-analyses', props.patientId, 'breast'],
    queryFn: () => api.get<{ items: Analysis[] }>(`/ai-analysis/patients/${props.patientId}/analyses`, { pipeline: BREAST_PIPELINES.join(','), pageSize: 50 }),
  }));
  const items = () => analyses.data?.items ?? [];
  return (
    <Show when={items().length > 0}>
      <Panel title={v('workup')}>
        <ol class="ai-breast-workup" aria-label={v('workupSteps')} style={{ display: 'flex', 'flex-wrap': 'wrap', gap: '0.75rem', 'list-style': 'none', padding: 0, margin: 0 }}>
          <For each={BREAST_STAGES}>{(stage, i) => {
            const a = () => stageAnalysis(items(), stage.pipeline);
            const birads = () => (a()?.status === 'DONE' && a()!.results ? biradsOf(a()!.results!) : null);
            const concordance = () => (a()?.status === 'DONE' && a()!.results ? concordanceOf(a()!.results!) : null);
            return (
              <li aria-label={`${i() + 1}. ${v(stage.label)}`} data-testid={`workup-${stage.pipeline}`}
                style={{ flex: '1 1 12rem', border: '1px solid var(--line)', 'border-radius': '0.5rem', padding: '0.5rem 0.75rem' }}>
                <h3 style={{ margin: '0 0 0.25rem', 'font-size': '1rem' }}>{i() + 1}. {v(stage.label)}</h3>
                <Switch fallback={<span class="badge">{v('stageNotDone')}</span>}>
                  <Match when={a()?.status === 'DONE'}>
                    <span class="badge badge-ok">{v('stageDone')}</span> <span class="muted">{formatDate(a()!.analysis_date)}</span>
                    <Show when={birads()}>
                      <p style={{ margin: '0.25rem 0' }}><strong>{v('birads', { category: birads()!.category })}</strong>
                        <Show when={birads()!.meaning}> — {localized(birads()!.meaning)}</Show></p>
                    </Show>
                    <Show when={stage.pipeline === 'breast-pathology' && a()!.results?.classification}>
                      <p style={{ margin: '0.25rem 0' }}>{v('pathologyClass')}: <strong>{a()!.results!.classification!.name}</strong></p>
                    </Show>
                    <Show when={concordance()}>
                      <p style={{ margin: '0.25rem 0' }} data-testid="workup-concordance">
                        {v('concordance')}:{' '}
                        <span class="badge" classList={{ 'badge-ok': concordance()!.verdict === 'concordant', 'badge-alert': concordance()!.verdict === 'discordant', 'badge-warn': concordance()!.verdict === 'undetermined' }}>
                          {v(concordance()!.verdict)}
                        </span>{' '}
                        <span class="muted">{concordance()!.prior ? `${v('priorBirads')} ${v('birads', { category: concordance()!.prior! })}` : v('noPrior')}</span>
                      </p>
                    </Show>
                    <a href={props.imageHref(a()!.image_id)}>{v('openImage')}</a>
                  </Match>
                  <Match when={a()?.status === 'QUEUED' || a()?.status === 'RUNNING'}><span class="badge badge-warn">{v('stageWorking')}</span></Match>
                  <Match when={a()?.status === 'FAILED'}><span class="badge badge-alert">{v('stageFailed')}</span></Match>
                </Switch>
              </li>
            );
          }}</For>
        </ol>
      </Panel>
    </Show>
  );
}
