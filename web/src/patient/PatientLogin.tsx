import { useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { lang, setLang } from '../shared/i18n';
import { TextField } from '../shared/ui/Field';
import { t } from './messages';
import type { SignedUpState } from './SignUp';

/** `/login`: patient accounts only (staff accounts are refused by the server's realm check). */
export default function PatientLogin() {
  const { session } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  // Arriving from /signup: say so, and fill in the new account id.
  const signedUp = (useLocation().state as SignedUpState | undefined)?.signedUp;
  const [login, setLogin] = createSignal(signedUp?.accountId ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!login() || !password()) return setError(t('required'));
    setBusy(true);
    setError(null);
    try {
      await session.login({ login: login().trim(), password: password() });
      navigate(params.next?.startsWith('/patient') ? params.next : '/patient', { replace: true });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login-page" id="main">
      <p><a href="/">{t('home')}</a> · <button type="button" class="link-button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}>{lang() === 'ko' ? 'English' : '한국어'}</button></p>
      <h1>{t('loginTitle')}</h1>
      <Show when={signedUp}>
        <p class="success" role="status">{signedUp!.patientNumber ? t('signedUpLinked', { number: signedUp!.patientNumber }) : t('signedUp')}</p>
      </Show>
      <form onSubmit={submit} noValidate>
        <TextField label={t('login')} name="login" autocomplete="username" value={login()} onInput={(e) => setLogin(e.currentTarget.value)} />
        <TextField label={t('password')} name="password" type="password" autocomplete="current-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
        <button type="submit" disabled={busy()}>{busy() ? t('signingIn') : t('signIn')}</button>
      </form>
      <p><a href="/signup">{t('noAccount')}</a></p>
      <p><a href="/login/medical">{t('staffLogin')}</a></p>
    </main>
  );
}
