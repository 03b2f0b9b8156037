import { createSignal, Show } from 'solid-js';
import { TextField } from './Field';

export interface LoginFormText {
  id: string;
  password: string;
  signIn: string;
  signingIn: string;
  required: string;
}

/**
 * The sign-in form of both login pages: account and password, the server's refusal shown as it
 * came (wrong realm, wrong password, locked), one request at a time. What happens after a
 * successful sign-in (where to go) is the page's `signIn`.
 */
export function LoginForm(props: { text: LoginFormText; idName: 'login' | 'username'; initialId?: string; signIn: (id: string, password: string) => Promise<void> }) {
  const [id, setId] = createSignal(props.initialId ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!id().trim() || !password()) return setError(props.text.required);
    setBusy(true);
    setError(null);
    try {
      await props.signIn(id().trim(), password());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={props.text.id} name={props.idName} autocomplete="username" value={id()} onInput={(e) => setId(e.currentTarget.value)} />
      <TextField label={props.text.password} name="password" type="password" autocomplete="current-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
      <Show when={error()}><p class="field-error" role="alert">{error()}</p></Show>
      <button type="submit" disabled={busy()}>{busy() ? props.text.signingIn : props.text.signIn}</button>
    </form>
  );
}
