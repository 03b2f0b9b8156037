import { createQuery } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../shared/app-context';
import { defineMessages, formatDate } from '../shared/i18n';
import { Viewer3D } from '../staff/shared/ai/Viewer3D';

const t = defineMessages({
  ko: { title: 'AI 분석 결과', findings: '자세한 소견', advice: '권고', reference: '참고용 AI 모델의 결과입니다.', view3d: '3D로 보기', hide3d: '3D 닫기' },
  en: { title: 'AI analysis', findings: 'Details', advice: 'Advice', reference: 'From a reference AI model.', view3d: 'View in 3D', hide3d: 'Close 3D' },
});

interface PortalAnalysis {
  id: number; pipelineName: string | null; analysisType: string; analysedAt: string; plain: string;
  findings: string | null; recommendations: string | null; notForClinicalUse: boolean; has3d: boolean;
}

/**
 * The AI results of a study whose reading my doctor has released, in plain words first (what it
 * means), the clinical text after, and the 3-D view where there is one. Nothing shows before release.
 */
export function AiResults(props: { imageId: number }) {
  const { api } = useApp();
  const [open3d, setOpen3d] = createSignal<number | null>(null);
  const results = createQuery(() => ({
    queryKey: ['portal', 'ai', props.imageId],
    queryFn: () => api.get<{ notice: string; items: PortalAnalysis[] }>(`/portal/images/${props.imageId}/analyses`),
  }));
  return (
    <Show when={results.data && results.data.items.length > 0}>
      <section class="ai-portal" aria-label={t('title')}>
        <h4>{t('title')}</h4>
        <p class="notice" role="note">{results.data!.notice}</p>
        <For each={results.data!.items}>{(a) => (
          <div class="ai-analysis">
            <p><strong>{a.plain}</strong> <span class="muted">{a.pipelineName ?? ''} · {formatDate(a.analysedAt)}</span></p>
            <Show when={a.notForClinicalUse}><p class="muted">{t('reference')}</p></Show>
            <details>
              <summary>{t('findings')}</summary>
              <p>{a.findings}</p>
              <Show when={a.recommendations}><p><em>{t('advice')}:</em> {a.recommendations}</p></Show>
            </details>
            <Show when={a.has3d}>
              <button type="button" class="secondary" aria-expanded={open3d() === a.id} onClick={() => setOpen3d(open3d() === a.id ? null : a.id)}>
                {open3d() === a.id ? t('hide3d') : t('view3d')}
              </button>
              <Show when={open3d() === a.id}>
                <Viewer3D imageId={props.imageId} analysisId={a.id} path={`/portal/images/${props.imageId}/analyses/${a.id}/visualization`} />
              </Show>
            </Show>
          </div>
        )}</For>
      </section>
    </Show>
  );
}
