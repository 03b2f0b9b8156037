import { Match, Switch, type Accessor, type JSX } from 'solid-js';
import type { CreateQueryResult } from '@tanstack/solid-query';
import { ErrorState, Loading } from '../../../shared/ui/states';

/**
 * Like the shared QueryView, but the children get the data as an accessor and are created once:
 * a refetch (a new status after signing) updates the screen in place instead of rebuilding it,
 * so the live editor below keeps its connection and its caret.
 */
export function Loaded<T>(props: { query: CreateQueryResult<T>; children: (data: Accessor<NonNullable<T>>) => JSX.Element }) {
  return (
    <Switch>
      <Match when={props.query.data != null ? props.query.data : undefined}>{(data) => props.children(data as Accessor<NonNullable<T>>)}</Match>
      <Match when={props.query.isPending}><Loading /></Match>
      <Match when={props.query.isError}><ErrorState error={props.query.error} retry={() => void props.query.refetch()} /></Match>
    </Switch>
  );
}
