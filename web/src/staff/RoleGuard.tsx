import { Navigate, useLocation } from '@solidjs/router';
import { Match, Switch, type JSX } from 'solid-js';
import { useApp } from '../shared/app-context';
import { homeOf } from './roles';
import { t } from './messages';

/**
 * Keeps a role app to its role: signed out → the staff login (coming back here afterwards);
 * another role → a clear refusal with the way to one's own screens.
 */
export function RoleGuard(props: { role: string; children: JSX.Element }) {
  const { session } = useApp();
  const location = useLocation();
  return (
    <Switch>
      <Match when={!session.me() || session.me()!.realm !== 'staff'}>
        <Navigate href={`/login/medical?next=${encodeURIComponent(location.pathname)}`} />
      </Match>
      <Match when={session.me()!.role !== props.role}>
        <main class="login-page" id="main" role="alert">
          <h1>{t('forbiddenTitle')}</h1>
          <p>{t('forbiddenBody')}</p>
          <a href={homeOf(session.me()!.role)}>{t('myHome')}</a>
        </main>
      </Match>
      <Match when={true}>{props.children}</Match>
    </Switch>
  );
}
