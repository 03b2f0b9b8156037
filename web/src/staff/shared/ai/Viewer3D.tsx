import { createResource, onCleanup, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { t } from './messages';

type PlotlyModule = { newPlot(el: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>; purge(el: HTMLElement): void };

/**
 * The 3-D view of an analysis: the Plotly figure the server builds from the stored DICOM SEG
 * (mesh3d of the segmented findings and three planes). Plotly is large, so it is loaded only here.
 */
/** `path`: where the figure comes from (default the staff route; the portal passes its own). */
export function Viewer3D(props: { imageId: number; analysisId: number; path?: string }) {
  const { api } = useApp();
  let host!: HTMLDivElement;
  const [figure] = createResource(async () => {
    const [json, plotly] = await Promise.all([
      api.get<{ data: unknown[]; layout?: object }>(props.path ?? `/medical-images/${props.imageId}/analyze/${props.analysisId}/visualization`),
      import('plotly.js-dist-min') as Promise<{ default: PlotlyModule }>,
    ]);
    const layout = { ...json.layout, autosize: true, font: { family: "'Nanum Gothic', sans-serif" } };
    await plotly.default.newPlot(host, json.data, layout, { responsive: true, displaylogo: false });
    onCleanup(() => plotly.default.purge(host));
    return true;
  });
  return (
    <div>
      <Show when={figure.loading}><Loading label={t('loading3d')} /></Show>
      <Show when={figure.error}><ErrorState error={figure.error} /></Show>
      <div ref={host} class="viewer-3d" role="img" aria-label={t('view3d')} />
    </div>
  );
}
