import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { lang, setLang } from '../shared/i18n';
import { TextField } from '../shared/ui/Field';
import { t, type MessageKey } from './messages';

const FIELDS = ['accountId', 'email', 'name', 'password', 'passwordConfirm', 'birthDate', 'phone', 'patientNumber'] as const;
type FieldName = (typeof FIELDS)[number];
const OPTIONAL: FieldName[] = ['phone', 'patientNumber'];

interface ErrorAnswer { error?: { type?: string; message?: string; details?: { field?: string; message?: string }[] } }
export interface SignedUpState { signedUp: { accountId: string; patientNumber: string | null } }

const hasHangul = (text: string) => /[가-힣]/.test(text);

/**
 * `/signup`: a new patient account (POST /auth/patient/signup, no session yet). The chart is linked
 * when chart number, name and birth date match one without an account. The server's refusals land
 * on the field they concern; what the person typed stays.
 */
export default function SignUp() {
  const navigate = useNavigate();
  const [form, setForm] = createStore<Record<FieldName, string>>(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<FieldName, string>);
  const [errors, setErrors] = createStore<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  /** Checks before sending: required fields and the repeated password (the server checks everything again). */
  const localProblems = () => {
    const found: Partial<Record<FieldName, string>> = {};
    for (const f of FIELDS) if (!OPTIONAL.includes(f) && !form[f].trim()) found[f] = t('fieldRequired');
    if (form.password && form.passwordConfirm && form.password !== form.passwordConfirm) found.passwordConfirm = t('passwordMismatch');
    return found;
  };

  /** The server's answer, field by field: validator details (400), policy and chart checks (422), a taken id (409). */
  const showServerErrors = (status: number, body: ErrorAnswer) => {
    const error = body.error ?? {};
    const found: Partial<Record<FieldName, string>> = {};
    for (const d of Array.isArray(error.details) ? error.details : []) {
      const field = d.field as FieldName | undefined;
      if (!field || !FIELDS.includes(field)) continue;
      // Korean messages are the server's own words; the validator's English ones get ours.
      const text = d.message && hasHangul(d.message) ? d.message : t(`invalid_${field}` as MessageKey);
      found[field] = found[field] ? `${found[field]} ${text}` : text;
    }
    if (error.type === 'CHART_MISMATCH') found.patientNumber = error.message;
    if (status === 409) found.accountId = error.message;
    setErrors(found);
    setFormError(Object.keys(found).length ? t('signupFailed') : (error.message ?? `HTTP ${status}`));
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setErrors(Object.fromEntries(FIELDS.map((f) => [f, undefined])));
    setFormError(null);
    const problems = localProblems();
    if (Object.keys(problems).length) {
      setErrors(problems);
      setFormError(t('signupFailed'));
      return;
    }
    setBusy(true);
    try {
      const body = {
        accountId: form.accountId.trim(), email: form.email.trim(), name: form.name.trim(), password: form.password, birthDate: form.birthDate,
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        ...(form.patientNumber.trim() ? { patientNumber: form.patientNumber.trim() } : {}),
      };
      const res = await fetch('/api/v1/auth/patient/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) return showServerErrors(res.status, answer as ErrorAnswer);
      const state: SignedUpState = { signedUp: { accountId: answer.accountId, patientNumber: answer.patientNumber ?? null } };
      navigate('/login', { state });
    } catch (err) {
      setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: FieldName, props: { type?: string; autocomplete?: string; hint?: string; label?: string } = {}) => (
    <TextField
      label={props.label ?? t(name)} name={name} type={props.type ?? 'text'} autocomplete={props.autocomplete} hint={props.hint}
      required={!OPTIONAL.includes(name)} value={form[name]} error={errors[name]}
      onInput={(e) => setForm(name, e.currentTarget.value)}
    />
  );

  return (
    <main class="login-page signup-page" id="main">
      <p><a href="/">{t('home')}</a> · <button type="button" class="link-button" onClick={() => setLang(lang() === 'ko' ? 'en' : 'ko')}>{lang() === 'ko' ? 'English' : '한국어'}</button></p>
      <h1>{t('signupTitle')}</h1>
      <form onSubmit={submit} noValidate>
        {field('accountId', { autocomplete: 'username', hint: t('accountIdHint') })}
        {field('email', { type: 'email', autocomplete: 'email' })}
        {field('name', { autocomplete: 'name' })}
        <div class="form-row">
          {field('password', { type: 'password', autocomplete: 'new-password', hint: t('passwordHint') })}
          {field('passwordConfirm', { type: 'password', autocomplete: 'new-password' })}
        </div>
        <div class="form-row">
          {field('birthDate', { type: 'date', autocomplete: 'bday' })}
          {field('phone', { type: 'tel', autocomplete: 'tel' })}
        </div>
        {field('patientNumber', { hint: t('patientNumberHint') })}
        <Show when={formError()}>
          <p class="field-error" role="alert">{formError()}</p>
        </Show>
        <button type="submit" disabled={busy()}>{busy() ? t('signingUp') : t('signUp')}</button>
      </form>
      <p><a href="/login">{t('haveAccount')}</a></p>
    </main>
  );
}
