import { createSignal, Show } from 'solid-js';
import { saveBlob } from '../../shared/api';
import { t } from '../messages';

/**
 * A button that fetches a document (PDF) with the session's token and offers it as a file: a plain
 * link cannot carry the bearer token. The server's message appears next to the button on failure.
 * `context` (a date, a diagnosis) joins the label in the accessible name: a table has many such buttons.
 */
export function DownloadButton(props: { label: string; filename: string; fetch: () => Promise<Blob>; context?: string }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await props.fetch(), props.filename);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="download">
      <button type="button" class="secondary" onClick={run} disabled={busy()}
        aria-label={props.context ? `${props.label} — ${props.context}` : undefined}>
        {busy() ? t('downloading') : props.label}
      </button>
      <Show when={error()}><small class="field-error" role="alert">{t('downloadFailed')}: {error()}</small></Show>
    </span>
  );
}
