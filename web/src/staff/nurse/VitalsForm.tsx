import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { formatTime } from '../../shared/i18n';
import { Field, TextField } from '../../shared/ui/Field';
import { AbnormalFlags } from './AbnormalFlags';
import { t } from './messages';
import type { VitalsRecord } from './types';
import { MEASURES } from './vitals';

type FormState = Record<string, string>;

/**
 * Vital signs with symptoms and the nursing note (one POST carries all three). Implausible values
 * are the server's 400: its message stays next to the field and nothing typed is lost. After a
 * save, the abnormal flags the server answered are shown — that is what the nurse acts on.
 */
export function VitalsForm(props: { patientId: number }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [form, setForm] = createStore<FormState>({});
  const body = () => {
    const out: Record<string, number | string> = {};
    for (const m of MEASURES) if (form[m.key]?.trim()) out[m.param] = Number(form[m.key]);
    if (form.symptoms?.trim()) out.symptoms = form.symptoms.trim();
    if (form.nursingNotes?.trim()) out.nursingNotes = form.nursingNotes.trim();
    return out;
  };
  const save = createMutation(() => ({
    mutationFn: () => api.post<VitalsRecord>(`/patients/${props.patientId}/vitals`, body()),
    onSuccess: () => {
      for (const key of Object.keys(form)) setForm(key, '');
      void client.invalidateQueries({ queryKey: ['nurse'] });
    },
  }));
  const fieldError = (key: string) => (save.error instanceof ApiError ? save.error.fieldErrors[key] : undefined);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={t('vitalsEntry')}>
      <div class="form-row">
        <For each={MEASURES}>{(m) => (
          <TextField label={`${t(m.key)} (${m.unit})`} type="number" step={m.step} inputMode="decimal"
            value={form[m.key] ?? ''} onInput={(e) => setForm(m.key, e.currentTarget.value)} error={fieldError(m.key)} />
        )}</For>
      </div>
      <div class="form-row">
        <Field label={t('symptoms')}>{(id, describedBy) => (
          <textarea id={id} aria-describedby={describedBy} value={form.symptoms ?? ''} onInput={(e) => setForm('symptoms', e.currentTarget.value)} />
        )}</Field>
        <Field label={t('nursingNotes')}>{(id, describedBy) => (
          <textarea id={id} aria-describedby={describedBy} value={form.nursingNotes ?? ''} onInput={(e) => setForm('nursingNotes', e.currentTarget.value)} />
        )}</Field>
      </div>
      <Show when={save.isError}><p class="field-error" role="alert">{(save.error as Error).message}</p></Show>
      <button type="submit" disabled={save.isPending}>{save.isPending ? t('saving') : t('saveVitals')}</button>
      <Show when={save.isSuccess && save.data}>{(saved) => (
        <div role="status" aria-live="polite" style={{ 'margin-top': '0.75rem' }}>
          <p>{t('saved', { when: formatTime(saved().record_date) })}</p>
          <h3>{t('abnormalTitle')}</h3>
          <AbnormalFlags flags={saved().abnormal} />
        </div>
      )}</Show>
    </form>
  );
}
