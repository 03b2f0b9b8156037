import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';

/** `source` after it stopped changing for `ms`: search as the doctor types without a request per key. */
export function debounced<T>(source: Accessor<T>, ms = 300): Accessor<T> {
  const [value, setValue] = createSignal<T>(source());
  createEffect(() => {
    const next = source();
    const timer = setTimeout(() => setValue(() => next), ms);
    onCleanup(() => clearTimeout(timer));
  });
  return value;
}
