import { A } from '@solidjs/router';
import { For, Show, createSignal, type JSX } from 'solid-js';
import { lang, setLang } from '../i18n';
import { t } from './messages';

export interface NavItem {
  href: string;
  label: string;
  /** Match only this exact path (a dashboard at the app's root). */
  end?: boolean;
}

/**
 * The frame of every signed-in app: a skip link, the header (app name, who is signed in, language,
 * sign out), the navigation (a menu button on a phone) and the main region.
 */
export function AppShell(props: {
  appName: string;
  nav: NavItem[];
  userLabel: string;
  onLogout: () => void;
  headerExtra?: JSX.Element;
  children?: JSX.Element;
}) {
  const [menuOpen, setMenuOpen] = createSignal(false);
  return (
    <div class="app-shell">
      <a class="skip-link" href="#main">{t('skip')}</a>
      <header class="app-header">
        <button type="button" class="menu-button" aria-expanded={menuOpen()} aria-controls="app-nav" onClick={() => setMenuOpen(!menuOpen())}>
          {t('menu')}
        </button>
        <span class="app-name">{props.appName}</span>
        <div class="header-tools">
          {props.headerExtra}
          <span class="user-label">{props.userLabel}</span>
          <button type="button" class="link-button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')} lang={lang() === 'ko' ? 'en' : 'ko'}>
            {t('language')}
          </button>
          <button type="button" onClick={() => props.onLogout()}>{t('logout')}</button>
        </div>
      </header>
      <div class="app-body">
        <nav id="app-nav" class="app-nav" classList={{ open: menuOpen() }} aria-label={props.appName}>
          <ul>
            <For each={props.nav}>{(item) => (
              <li><A href={item.href} end={item.end} activeClass="active" onClick={() => setMenuOpen(false)}>{item.label}</A></li>
            )}</For>
          </ul>
        </nav>
        <main id="main" class="app-main" tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}

/** A titled section of a page. */
export function Panel(props: { title: string; actions?: JSX.Element; children?: JSX.Element }) {
  return (
    <section class="panel" aria-label={props.title}>
      <div class="panel-head">
        <h2>{props.title}</h2>
        <Show when={props.actions}><div class="panel-actions">{props.actions}</div></Show>
      </div>
      {props.children}
    </section>
  );
}

/** A number that matters at a glance (dashboards). */
export function Stat(props: { label: string; value: JSX.Element; tone?: 'alert' | 'ok' }) {
  return (
    <div class="stat" classList={{ [`stat-${props.tone}`]: !!props.tone }}>
      <span class="stat-value">{props.value}</span>
      <span class="stat-label">{props.label}</span>
    </div>
  );
}
