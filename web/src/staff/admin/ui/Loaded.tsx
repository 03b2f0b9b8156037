import { Match, Switch, type Accessor, type JSX } from 'solid-js';
import type { CreateQueryResult } from '@tanstack/solid-query';
import { ErrorState, Loading } from '../../../shared/ui/states';

/**
 * Like the shared QueryView, but for screens that hold state (a half-typed payment, a mutation's
 * error): the children are created once and read the data through an accessor, so a background
 * refetch updates them in place instead of re-creating them and losing what was typed.
 */
export function Loaded<T extends object>(props: { query: CreateQueryResult<T>; children: (data: Accessor<T>) => JSX.Element }) {
  return (
    <Switch>
      <Match when={props.query.data}>{(data) => props.children(data as Accessor<T>)}</Match>
      <Match when={props.query.isError}><ErrorState error={props.query.error} retry={() => void props.query.refetch()} /></Match>
      <Match when={props.query.isPending}><Loading /></Match>
    </Switch>
  );
}
