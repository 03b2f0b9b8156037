import { createSignal, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { t } from '../messages';

/** A Blob as a `data:` URL: the gateway's Content-Security-Policy allows `img-src 'self' data:`, not `blob:`. */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * A rendered JPEG of one of my studies, fetched with the session's token (an <img src> cannot send
 * it) and shown inline until closed. A study with nothing in the archive yet shows the server's
 * reason instead.
 */
export function ImagePreview(props: { imageId: number; name: string }) {
  const { api } = useApp();
  const [url, setUrl] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const release = () => setUrl(null);

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      setUrl(await dataUrlOf(await api.blob(`/portal/images/${props.imageId}/download`, { format: 'jpeg' })));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Show when={url()} fallback={
        <button type="button" class="secondary" disabled={busy()} onClick={open} aria-label={`${t('preview')} — ${props.name}`}>
          {busy() ? t('downloading') : t('preview')}
        </button>
      }>
        <button type="button" class="secondary" onClick={release} aria-label={`${t('hidePreview')} — ${props.name}`}>{t('hidePreview')}</button>
        <img class="image-preview" src={url()!} alt={t('previewOf', { name: props.name })} />
      </Show>
      <Show when={error()}><small class="field-error" role="alert">{error()}</small></Show>
    </div>
  );
}
