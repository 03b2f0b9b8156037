import { Show, splitProps, type JSX } from 'solid-js';

let fieldCounter = 0;

/** A labelled form control with its hint and error announced to screen readers. */
export function Field(props: { label: string; hint?: string; error?: string | null; children: (id: string, describedBy: string | undefined) => JSX.Element }) {
  const id = `field-${++fieldCounter}`;
  const describedBy = () => [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label for={id}>{props.label}</label>
      {props.children(id, describedBy())}
      <Show when={props.hint}><small id={`${id}-hint`} class="muted">{props.hint}</small></Show>
      <Show when={props.error}><small id={`${id}-error`} class="field-error" role="alert">{props.error}</small></Show>
    </div>
  );
}

/** `<Field>` around an `<input>`. */
export function TextField(props: { label: string; hint?: string; error?: string | null } & JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, input] = splitProps(props, ['label', 'hint', 'error']);
  return (
    <Field label={own.label} hint={own.hint} error={own.error}>
      {(id, describedBy) => <input id={id} aria-describedby={describedBy} aria-invalid={own.error ? 'true' : undefined} {...input} />}
    </Field>
  );
}
