import { Show, createSignal, onMount } from 'solid-js';
import { Field } from '../../../shared/ui/Field';
import { ServerError } from './server-error';

/**
 * A modal that asks why (discontinuing a prescription, cancelling an order): the reason is
 * required, the server's refusal appears inside it and the typed reason stays for another try.
 */
export function ReasonDialog(props: {
  title: string;
  body?: string;
  label: string;
  submitLabel: string;
  cancelLabel: string;
  busy: boolean;
  error?: unknown;
  minLength?: number;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  let dialog!: HTMLDialogElement;
  const [reason, setReason] = createSignal('');
  const titleId = `reason-${Math.random().toString(36).slice(2)}`;
  onMount(() => dialog.showModal());
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); props.onCancel(); }}>
      <form onSubmit={(e) => { e.preventDefault(); props.onSubmit(reason().trim()); }}>
        <h2 id={titleId}>{props.title}</h2>
        <Show when={props.body}><p>{props.body}</p></Show>
        <Field label={props.label}>
          {(id, d) => <textarea id={id} aria-describedby={d} required minLength={props.minLength ?? 2} maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <Show when={props.error}><ServerError error={props.error} /></Show>
        <div class="form-actions">
          <button type="submit" class="danger" disabled={props.busy}>{props.submitLabel}</button>
          <button type="button" class="secondary" onClick={() => props.onCancel()}>{props.cancelLabel}</button>
        </div>
      </form>
    </dialog>
  );
}
