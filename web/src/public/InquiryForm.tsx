import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError } from '../shared/api';
import { Field, TextField } from '../shared/ui/Field';
import { DEPARTMENTS } from './departments';
import { t } from './messages';

interface Receipt { reference: string; receivedAt: string }
type Form = { name: string; phone: string; department: string; preferredDate: string; message: string; consent: boolean; website: string };

const EMPTY: Form = { name: '', phone: '', department: '', preferredDate: '', message: '', consent: false, website: '' };
const kstToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());

/** The public endpoint needs no session: a plain fetch, with the server's refusal as an ApiError. */
async function send(form: Form): Promise<Receipt> {
  const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')) as Partial<Form>;
  const res = await fetch('/api/v1/public/inquiries', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, answer?.error?.message ?? `HTTP ${res.status}`, answer?.error?.type ?? 'ERROR', answer?.error?.details, answer?.error?.requestId);
  return answer as Receipt;
}

/**
 * 예약 문의: a visitor without an account leaves a name and number and the front desk calls back.
 * Consent to collecting those details is asked for in the words the law expects (purpose, items,
 * how long). The server's messages land next to their fields and nothing typed is lost.
 */
export function InquiryForm() {
  const [form, setForm] = createStore<Form>({ ...EMPTY });
  const [error, setError] = createSignal<ApiError | Error | null>(null);
  const [receipt, setReceipt] = createSignal<Receipt | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldError = (field: string) => (error() instanceof ApiError ? (error() as ApiError).fieldErrors[field] : undefined);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setReceipt(await send({ ...form }));
      setForm({ ...EMPTY });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="inquiry">
      <h2 id="inquiry">{t('inquiryTitle')}</h2>
      <p>{t('inquiryLead')}</p>
      <Show when={receipt()}>{(r) => <p class="success" role="status">{t('inquiryReceived', { reference: r().reference })}</p>}</Show>
      <form onSubmit={submit} noValidate aria-label={t('inquiryTitle')}>
        <div class="form-row">
          <TextField label={t('inquiryName')} autocomplete="name" required value={form.name} onInput={(e) => setForm('name', e.currentTarget.value)} error={fieldError('name')} />
          <TextField label={t('inquiryPhone')} type="tel" autocomplete="tel" inputMode="tel" placeholder="010-1234-5678" required value={form.phone}
            onInput={(e) => setForm('phone', e.currentTarget.value)} error={fieldError('phone')} />
        </div>
        <div class="form-row">
          <Field label={t('inquiryDepartment')} error={fieldError('department')}>{(id, d) => (
            <select id={id} aria-describedby={d} value={form.department} onChange={(e) => setForm('department', e.currentTarget.value)}>
              <option value="">{t('inquiryAnyDepartment')}</option>
              <For each={DEPARTMENTS}>{(code) => <option value={code}>{t(code)}</option>}</For>
            </select>
          )}</Field>
          <TextField label={t('inquiryDate')} type="date" min={kstToday()} value={form.preferredDate}
            onInput={(e) => setForm('preferredDate', e.currentTarget.value)} error={fieldError('preferredDate')} />
        </div>
        <Field label={t('inquiryMessage')} error={fieldError('message')}>{(id, d) => (
          <textarea id={id} aria-describedby={d} maxLength={1000} value={form.message} onInput={(e) => setForm('message', e.currentTarget.value)} />
        )}</Field>
        {/* Hidden from people (and from assistive technology): only bots fill it in. */}
        <div class="honeypot" aria-hidden="true">
          <label>Website <input tabIndex={-1} autocomplete="off" value={form.website} onInput={(e) => setForm('website', e.currentTarget.value)} /></label>
        </div>
        <fieldset class="consent">
          <legend>{t('consentTitle')}</legend>
          <p class="muted">{t('consentText')}</p>
          <label><input type="checkbox" checked={form.consent} onChange={(e) => setForm('consent', e.currentTarget.checked)} style={{ width: 'auto' }}
            aria-invalid={fieldError('consent') ? 'true' : undefined} /> {t('consentAgree')}</label>
          <Show when={fieldError('consent')}><p class="field-error" role="alert">{fieldError('consent')}</p></Show>
        </fieldset>
        <Show when={error() && !(error() instanceof ApiError && Object.keys((error() as ApiError).fieldErrors).length)}>
          <p class="field-error" role="alert">{error()!.message}</p>
        </Show>
        <button type="submit" disabled={busy()}>{busy() ? t('inquirySending') : t('inquirySend')}</button>
      </form>
    </section>
  );
}
