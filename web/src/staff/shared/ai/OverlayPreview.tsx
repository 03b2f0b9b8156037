import { createQuery } from '@tanstack/solid-query';
import { For, Show, createEffect, createResource, createSignal, onCleanup } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { ErrorState, Loading } from '../../../shared/ui/states';
import type { OverlayInfo } from './types';
import { t } from './messages';

/** Small images (a 160² phantom slice) are enlarged to this width, pixel for pixel; larger ones keep their size (at most the panel's width). */
const MIN_WIDTH_PX = 384;

/**
 * The segmentation of a finished analysis over its image (`…/analyze/{analysisId}/overlay`): the
 * server renders one slice in grey with each finding in its colour, and tells which slices hold
 * findings (`…/overlay/info`), so the reader steps through those — starting where the largest
 * finding is widest. The PNG is fetched with the session's token and shown from a blob URL.
 */
export function OverlayPreview(props: { imageId: number; analysisId: number; pipeline: string }) {
  const { api } = useApp();
  const path = () => `/medical-images/${props.imageId}/analyze/${props.analysisId}/overlay`;
  // A finished analysis never changes: its overlay info is fetched once.
  const info = createQuery(() => ({ queryKey: ['ai', 'overlay', props.analysisId], queryFn: () => api.get<OverlayInfo>(`${path()}/info`), staleTime: Infinity }));
  const [chosen, setChosen] = createSignal<number | null>(null);
  const slice = () => chosen() ?? info.data?.defaultSlice ?? null;
  const [image] = createResource(slice, async (k) => ({ slice: k, url: URL.createObjectURL(await api.blob(path(), { slice: k })) }));
  // The picture on screen: kept while the next slice loads; read only once resolved, so no Suspense boundary above is triggered.
  const current = () => (image.state === 'ready' || image.state === 'refreshing' ? image.latest : undefined);

  // One blob URL alive at a time: the previous slice's goes once the next is shown, the last with the component.
  let shown: string | null = null;
  createEffect(() => {
    const url = current()?.url ?? null;
    if (shown && shown !== url) URL.revokeObjectURL(shown);
    shown = url;
  });
  onCleanup(() => { if (shown) URL.revokeObjectURL(shown); });

  const findings = () => info.data?.findingSlices ?? [];
  const position = () => findings().findIndex((f) => f.index === slice());
  const step = (by: number) => {
    const next = findings()[position() + by];
    if (next) setChosen(next.index);
  };
  const labels = () => (info.data?.segments ?? []).map((s) => s.label).join(', ');

  return (
    <section class="ai-overlay" aria-labelledby={`ai-overlay-${props.analysisId}`}>
      <h4 id={`ai-overlay-${props.analysisId}`}>{t('overlay')}</h4>
      <Show when={info.isError}><ErrorState error={info.error} retry={() => void info.refetch()} /></Show>
      <Show when={info.data}>{(d) => (
        <>
          <Show when={current()}>{(shownImage) => (
            <img
              src={shownImage().url}
              alt={t('overlayAlt', { pipeline: props.pipeline, slice: shownImage().slice + 1, total: d().sliceCount, labels: labels() })}
              style={{
                width: `${Math.max(d().columns, MIN_WIDTH_PX)}px`, 'max-width': '100%', height: 'auto', display: 'block', 'border-radius': '6px',
                'image-rendering': d().columns < MIN_WIDTH_PX ? 'pixelated' : 'auto',
              }}
            />
          )}</Show>
          <Show when={image.loading}><Loading label={t('overlayLoading')} /></Show>
          <Show when={image.error}><ErrorState error={image.error} /></Show>
          <Show when={d().sliceCount > 1}>
            <div class="toolbar" role="group" aria-label={t('sliceNavigation')}>
              <button type="button" class="secondary" disabled={position() <= 0} onClick={() => step(-1)}>{t('previousSlice')}</button>
              <span aria-live="polite" data-testid="overlay-slice">
                {t('sliceCounter', { slice: (slice() ?? 0) + 1, total: d().sliceCount })} · {t('findingCounter', { n: position() + 1, count: findings().length })}
              </span>
              <button type="button" class="secondary" disabled={position() < 0 || position() >= findings().length - 1} onClick={() => step(1)}>{t('nextSlice')}</button>
            </div>
          </Show>
          <ul class="muted" aria-label={t('legend')} style={{ 'list-style': 'none', padding: 0, display: 'flex', gap: '1rem', 'flex-wrap': 'wrap' }}>
            <For each={d().segments}>{(s) => (
              <li><span aria-hidden="true" style={{ display: 'inline-block', width: '0.8rem', height: '0.8rem', background: s.color, 'border-radius': '2px', 'margin-right': '0.3rem' }} />{s.label}</li>
            )}</For>
          </ul>
        </>
      )}</Show>
      <Show when={info.isPending}><Loading label={t('overlayLoading')} /></Show>
    </section>
  );
}
