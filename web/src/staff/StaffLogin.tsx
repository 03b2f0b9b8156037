import { useNavigate, useSearchParams } from '@solidjs/router';
import { useApp } from '../shared/app-context';
import { lang, setLang } from '../shared/i18n';
import { LoginForm } from '../shared/ui/LoginForm';
import { homeOf } from './roles';
import { t } from './messages';

/** `/login/medical`: staff accounts only (a patient account is refused by the server's realm check). */
export default function StaffLogin() {
  const { session } = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const signIn = async (username: string, password: string) => {
    const me = await session.login({ username, password });
    navigate(params.next && params.next.startsWith(homeOf(me.role)) ? params.next : homeOf(me.role), { replace: true });
  };

  return (
    <main class="login-page" id="main">
      <p><button type="button" class="link-button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}>{lang() === 'ko' ? 'English' : '한국어'}</button></p>
      <h1>{t('loginTitle')}</h1>
      <p class="muted">{t('loginLead')}</p>
      <LoginForm idName="username"
        text={{ id: t('username'), password: t('password'), signIn: t('signIn'), signingIn: t('signingIn'), required: t('required') }} signIn={signIn} />
      <p><a href="/login">{t('patientPortal')}</a></p>
    </main>
  );
}
