import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../../../shared/app-context';
import { ApiError } from '../../../shared/api';
import { TextField } from '../../../shared/ui/Field';
import { t } from '../messages';
import type { Patient } from '../types';

/** The demographics the front desk keeps current (seed §2: 원무과 edits 인적사항 only). */
const FIELDS = [
  { key: 'name', column: 'name', label: 'name', type: 'text' },
  { key: 'phone', column: 'phone', label: 'phone', type: 'tel' },
  { key: 'address', column: 'address', label: 'address', type: 'text' },
  { key: 'emergencyContact', column: 'emergency_contact', label: 'emergencyContact', type: 'text' },
] as const;
type Key = (typeof FIELDS)[number]['key'];

/**
 * Edits a patient's demographics: starts from what is on file and sends only what changed
 * (PATCH, a partial update; a cleared optional field is sent as null). The server decides what
 * this role may change: a field it may not is a 403 (audited), shown with the fields it names.
 */
export function DemographicsForm(props: { patient: Patient; onDone: (saved: boolean) => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const onFile = (key: Key) => String(props.patient[FIELDS.find((f) => f.key === key)!.column] ?? '');
  const [form, setForm] = createStore<Record<Key, string>>(
    Object.fromEntries(FIELDS.map((f) => [f.key, onFile(f.key)])) as Record<Key, string>,
  );
  const changes = () => Object.fromEntries(FIELDS
    .filter((f) => form[f.key].trim() !== onFile(f.key))
    .map((f) => [f.key, form[f.key].trim() || (f.key === 'name' ? '' : null)]));
  const save = createMutation(() => ({
    mutationFn: () => api.patch<Patient>(`/patients/${props.patient.id}`, changes()),
    // The chart is read again before the form closes, so what it shows then is what was stored.
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['front-desk', 'patient', props.patient.id] });
      void client.invalidateQueries({ queryKey: ['front-desk', 'patients'] });
      props.onDone(true);
    },
  }));
  const apiError = () => (save.error instanceof ApiError ? save.error : null);
  // The fields are the API's names; the desk's own words for them (an unknown one stays as named).
  const forbidden = () => (apiError()?.status === 403 ? ((apiError()!.details as { fields?: string[] } | undefined)?.fields ?? []) : null);
  const nothingChanged = () => Object.keys(changes()).length === 0;
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (!nothingChanged()) save.mutate(); }} aria-label={t('editPatient')}>
      <div class="form-row">
        <For each={FIELDS}>{(f) => (
          <TextField label={f.key === 'name' ? `${t('name')} (${t('required')})` : t(f.label)} type={f.type} value={form[f.key]}
            onInput={(e) => setForm(f.key, e.currentTarget.value)} error={apiError()?.fieldErrors[f.key]} />
        )}</For>
      </div>
      <Show when={forbidden()} fallback={<Show when={save.isError}><p class="field-error" role="alert">{(save.error as Error).message}</p></Show>}>
        {(fields) => (
          <div class="state state-error" role="alert">
            <strong>{t('forbiddenFields', { fields: fields().map((f) => t(f as Parameters<typeof t>[0])).join(', ') })}</strong>
            <p>{(save.error as Error).message}</p>
          </div>
        )}
      </Show>
      <div class="toolbar">
        <button type="submit" disabled={save.isPending || nothingChanged()}>{save.isPending ? t('saving') : t('saveChanges')}</button>
        <button type="button" class="secondary" onClick={() => props.onDone(false)}>{t('cancelEdit')}</button>
      </div>
    </form>
  );
}
