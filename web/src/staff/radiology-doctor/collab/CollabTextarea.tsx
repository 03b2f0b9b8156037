import { createEffect, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import { Field } from '../../../shared/ui/Field';
import { applyTextChange, LOCAL_EDIT, shiftPosition } from './text-diff';

/**
 * A <textarea> bound to a Y.Text. Local input becomes the smallest delete/insert on the shared
 * text; a remote change redraws the textarea and moves the caret and selection by what was
 * inserted or deleted before them, so the person typing here is not thrown elsewhere. While
 * read-only, typing is undone at once (the server would drop it anyway).
 *
 * Known limit: a remote change that arrives in the middle of an IME composition (Korean input)
 * redraws the textarea and ends that composition; the syllable typed so far is kept.
 */
export function CollabTextarea(props: { label: string; text: Y.Text; readOnly: boolean; rows?: number; hint?: string }) {
  let area: HTMLTextAreaElement | undefined;
  // What the textarea showed after the last sync with the Y.Text (the base of the next diff).
  let shown = '';

  createEffect(() => {
    const text = props.text;
    shown = text.toString();
    if (area) area.value = shown;
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === LOCAL_EDIT || !area) return;
      const focused = document.activeElement === area;
      const [start, end, direction] = [area.selectionStart, area.selectionEnd, area.selectionDirection];
      shown = text.toString();
      area.value = shown;
      if (focused) area.setSelectionRange(shiftPosition(start, event.delta), shiftPosition(end, event.delta), direction ?? undefined);
    };
    text.observe(observer);
    onCleanup(() => text.unobserve(observer));
  });

  const onInput = (event: InputEvent & { currentTarget: HTMLTextAreaElement }) => {
    const next = event.currentTarget.value;
    if (props.readOnly) {
      const caret = event.currentTarget.selectionStart;
      event.currentTarget.value = shown;
      event.currentTarget.setSelectionRange(caret, caret);
      return;
    }
    applyTextChange(props.text, shown, next);
    shown = next;
  };

  return (
    <Field label={props.label} hint={props.hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          ref={area}
          aria-describedby={describedBy}
          rows={props.rows ?? 5}
          readOnly={props.readOnly}
          aria-readonly={props.readOnly}
          onInput={onInput}
        />
      )}
    </Field>
  );
}
