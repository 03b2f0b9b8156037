import { For, Show, onMount } from 'solid-js';
import { createStore } from 'solid-js/store';
import { TextField } from '../../../shared/ui/Field';
import type { MedicationAlert } from '../types';
import { ServerError } from '../ui/server-error';
import { AlertList } from './AlertList';
import { t } from './messages';

/**
 * The server refused with 422 OVERRIDE_REQUIRED: a modal asks for the reason per major alert and
 * resubmits with `overrides: [{key, reason}]`. Reasons typed stay if the server refuses again.
 */
export function OverrideDialog(props: { alerts: MedicationAlert[]; busy: boolean; error?: unknown; onSubmit: (overrides: { key: string; reason: string }[]) => void; onCancel: () => void }) {
  let dialog!: HTMLDialogElement;
  const [reasons, setReasons] = createStore<Record<string, string>>({});
  onMount(() => dialog.showModal());
  const submit = (e: Event) => {
    e.preventDefault();
    props.onSubmit(props.alerts.map((a) => ({ key: a.key, reason: (reasons[a.key] ?? '').trim() })));
  };
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="override-title" onCancel={(e) => { e.preventDefault(); props.onCancel(); }}>
      <form onSubmit={submit}>
        <h2 id="override-title">{t('overrideTitle')}</h2>
        <p>{t('overrideBody')}</p>
        <For each={props.alerts}>{(alert) => (
          <div>
            <AlertList alerts={[alert]} />
            <TextField label={t('overrideReason', { message: alert.message })} required minLength={5} maxLength={500}
              value={reasons[alert.key] ?? ''} onInput={(e) => setReasons(alert.key, e.currentTarget.value)} />
          </div>
        )}</For>
        <Show when={props.error}><ServerError error={props.error} /></Show>
        <div class="form-actions">
          <button type="submit" disabled={props.busy}>{t('submitWithReasons')}</button>
          <button type="button" class="secondary" onClick={() => props.onCancel()}>{t('cancel')}</button>
        </div>
      </form>
    </dialog>
  );
}
