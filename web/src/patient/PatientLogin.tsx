import { useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { lang, setLang } from '../shared/i18n';
import { LoginForm } from '../shared/ui/LoginForm';
import { t } from './messages';
import type { SignedUpState } from './SignUp';

/** `/login`: patient accounts only (staff accounts are refused by the server's realm check). */
export default function PatientLogin() {
  const { session } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  // Arriving from /signup: say so, and fill in the new account id.
  const signedUp = (useLocation().state as SignedUpState | undefined)?.signedUp;
  const signIn = async (login: string, password: string) => {
    await session.login({ login, password });
    navigate(params.next?.startsWith('/patient') ? params.next : '/patient', { replace: true });
  };

  return (
    <main class="login-page" id="main">
      <p><a href="/">{t('home')}</a> · <button type="button" class="link-button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}>{lang() === 'ko' ? 'English' : '한국어'}</button></p>
      <h1>{t('loginTitle')}</h1>
      <Show when={signedUp}>
        <p class="success" role="status">{signedUp!.patientNumber ? t('signedUpLinked', { number: signedUp!.patientNumber }) : t('signedUp')}</p>
      </Show>
      <LoginForm idName="login" initialId={signedUp?.accountId}
        text={{ id: t('login'), password: t('password'), signIn: t('signIn'), signingIn: t('signingIn'), required: t('required') }} signIn={signIn} />
      <p><a href="/signup">{t('noAccount')}</a></p>
      <p><a href="/login/medical">{t('staffLogin')}</a></p>
    </main>
  );
}
