import type * as Y from 'yjs';

/**
 * A textarea's edit as the smallest change to its Y.Text: the common prefix and suffix are kept
 * and only the part between is deleted and inserted, so a collaborator's concurrent typing
 * elsewhere in the same section survives the merge (the textarea only tells us "the value is
 * now …"). Never cuts a surrogate pair in half.
 */
export function applyTextChange(text: Y.Text, before: string, after: string): void {
  if (before === after) return;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  const removed = before.length - start - end;
  const inserted = after.slice(start, after.length - end);
  const apply = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted) text.insert(start, inserted);
  };
  if (text.doc) text.doc.transact(apply, LOCAL_EDIT);
  else apply();
}

/** The transaction origin of this tab's own typing: its observer does not redraw the textarea. */
export const LOCAL_EDIT = Symbol('local-edit');

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

type DeltaOp = { retain?: number; insert?: string | object; delete?: number };

/**
 * Where a caret at `position` of the old text is after a remote change (`event.delta`): text
 * inserted before it pushes it right, text deleted before it pulls it left. Text inserted exactly
 * at the caret stays after it, so the person typing there keeps typing where they were.
 */
export function shiftPosition(position: number, delta: DeltaOp[]): number {
  let cursor = 0;
  let shift = 0;
  for (const op of delta) {
    if (cursor >= position) break;
    if (op.retain) cursor += op.retain;
    else if (op.insert !== undefined) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    else if (op.delete) {
      shift -= Math.min(op.delete, position - cursor);
      cursor += op.delete;
    }
  }
  return Math.max(0, position + shift);
}
