import { Match, Show, Switch, type JSX } from 'solid-js';
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

/** A query's three states, designed: loading, error (with retry), and the data (or an empty state). */
export function QueryView<T>(props: {
  query: CreateQueryResult<T>;
  empty?: (data: T) => boolean;
  emptyText?: JSX.Element;
  children: (data: T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.query.isPending}><Loading /></Match>
      <Match when={props.query.isError}><ErrorState error={props.query.error} retry={() => void props.query.refetch()} /></Match>
      <Match when={props.query.data !== undefined && props.empty?.(props.query.data as T)}><Empty>{props.emptyText}</Empty></Match>
      <Match when={props.query.data !== undefined}>{props.children(props.query.data as T)}</Match>
    </Switch>
  );
}
