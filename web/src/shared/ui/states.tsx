import { Match, Show, Switch, createComputed, untrack, type JSX } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { CreateQueryResult } from '@tanstack/solid-query';
import { ApiError } from '../api';
import { t } from './messages';

export function Loading(props: { label?: string }) {
  return <p class="state state-loading" role="status" aria-live="polite">{props.label ?? t('loading')}</p>;
}

export function Empty(props: { children?: JSX.Element }) {
  return <p class="state state-empty">{props.children ?? t('empty')}</p>;
}

/** The server's own message (Korean first), with the request id to quote to support. */
export function ErrorState(props: { error: unknown; retry?: () => void }) {
  const api = () => (props.error instanceof ApiError ? props.error : null);
  return (
    <div class="state state-error" role="alert">
      <strong>{api()?.status === 403 ? t('forbidden') : t('errorTitle')}</strong>
      <p>{props.error instanceof Error ? props.error.message : String(props.error)}</p>
      <Show when={api()?.requestId}><p class="muted">{t('requestId')}: {api()!.requestId}</p></Show>
      <Show when={props.retry}><button type="button" onClick={() => props.retry!()}>{t('retry')}</button></Show>
    </div>
  );
}

/**
 * A query's three states, designed: loading, error (with retry), and the data (or an empty state).
 * The data is handed to `children` once, as a store that later answers are merged into
 * (`reconcile`): a refetch (window focus, a live notification) updates what is shown in place and
 * never rebuilds the screen, so a half-typed form below keeps its text and its messages.
 * The rows handed out are live store objects: copy one (`{ ...row }`) before keeping it past the
 * answer it came from (an item picked into a list), or a later answer is merged into it.
 */
export function QueryView<T>(props: {
  query: CreateQueryResult<T>;
  empty?: (data: T) => boolean;
  emptyText?: JSX.Element;
  children: (data: T) => JSX.Element;
}) {
  const [store, setStore] = createStore<{ data?: T }>({});
  createComputed(() => {
    const data = props.query.data;
    // A copy: the store keeps the objects it is first given and merges later answers into them,
    // which would rewrite the cached answer of another query key (going back a page or a filter
    // showed the last one's rows). The query's data is itself a store: unwrap it to clone it.
    if (data !== undefined) setStore('data', reconcile(structuredClone(unwrap(data)) as never, { key: 'id' }));
  });
  return (
    <Switch>
      <Match when={store.data === undefined && props.query.isError}><ErrorState error={props.query.error} retry={() => void props.query.refetch()} /></Match>
      <Match when={store.data === undefined}><Loading /></Match>
      <Match when={props.empty?.(store.data as T)}><Empty>{props.emptyText}</Empty></Match>
      <Match when={true}>{untrack(() => props.children(store.data as T))}</Match>
    </Switch>
  );
}
