import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { lang, setLang } from '../shared/i18n';
import { TextField } from '../shared/ui/Field';
import { homeOf } from './roles';
import { t } from './messages';

/** `/login/medical`: staff accounts only (a patient account is refused by the server's realm check). */
export default function StaffLogin() {
  const { session } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!username() || !password()) return setError(t('required'));
    setBusy(true);
    setError(null);
    try {
      const me = await session.login({ username: username().trim(), password: password() });
      const next = params.next && params.next.startsWith(homeOf(me.role)) ? params.next : homeOf(me.role);
      navigate(next, { replace: true });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login-page" id="main">
      <p><button type="button" class="link-button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}>{lang() === 'ko' ? 'English' : '한국어'}</button></p>
      <h1>{t('loginTitle')}</h1>
      <p class="muted">{t('loginLead')}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={t('username')} name="username" autocomplete="username" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
        <TextField label={t('password')} name="password" type="password" autocomplete="current-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
        <button type="submit" disabled={busy()}>{busy() ? t('signingIn') : t('signIn')}</button>
      </form>
      <p><a href="/login">{t('patientPortal')}</a></p>
    </main>
  );
}
