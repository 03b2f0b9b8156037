import { A } from '@solidjs/router';
import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { Panel } from '../../shared/ui/AppShell';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { Patient } from './types';

const BLOOD_TYPES = ['A+', 'A-', 'B+', 'B-', 'O+', 'O-', 'AB+', 'AB-'];
const EMPTY = { name: '', birthDate: '', gender: '', residentNumber: '', phone: '', bloodType: '', address: '', emergencyContact: '', medicalHistory: '', allergies: '' };
type Form = typeof EMPTY;

/**
 * Seed §4.3.2 신규 환자 등록. The server validates (its messages stand next to their fields) and
 * answers 409 naming the existing chart when the resident number is already registered. What was
 * typed stays until the registration succeeds.
 */
export default function RegisterPatient() {
  const { api } = useApp();
  const client = useQueryClient();
  const [form, setForm] = createStore<Form>({ ...EMPTY });
  const body = () => {
    const optional = (v: string) => v.trim() || undefined;
    const allergies = form.allergies.split(',').map((s) => s.trim()).filter(Boolean).map((substance) => ({ substance }));
    return {
      name: form.name.trim(), birthDate: form.birthDate, gender: form.gender,
      residentNumber: optional(form.residentNumber), phone: optional(form.phone), bloodType: optional(form.bloodType), address: optional(form.address),
      emergencyContact: optional(form.emergencyContact), medicalHistory: optional(form.medicalHistory), ...(allergies.length ? { allergies } : {}),
    };
  };
  // The last registration stays on screen (with its next steps) while the next one is typed.
  const [registered, setRegistered] = createSignal<Patient | null>(null);
  const register = createMutation(() => ({
    mutationFn: () => api.post<Patient>('/patients', body()),
    onSuccess: (p) => { setForm({ ...EMPTY }); setRegistered(p); void client.invalidateQueries({ queryKey: ['front-desk'] }); },
  }));
  const apiError = () => (register.error instanceof ApiError ? register.error : null);
  const duplicate = () => (apiError()?.type === 'DUPLICATE_PATIENT' ? apiError()!.details as { patientId: number; patientNumber: string; deleted: boolean } : null);
  const fieldError = (key: string) => apiError()?.fieldErrors[key];
  const text = (key: keyof Form, label: string, extra: Record<string, unknown> = {}) => (
    <TextField label={label} value={form[key]} onInput={(e) => setForm(key, e.currentTarget.value)} error={fieldError(key)} {...extra} />
  );
  return (
    <>
      <h1>{t('register')}</h1>
      <Panel title={t('register')}>
        <form onSubmit={(e) => { e.preventDefault(); register.mutate(); }}>
          <div class="form-row">
            {text('name', `${t('name')} (${t('required')})`, { autocomplete: 'off' })}
            {text('birthDate', `${t('birthDate')} (${t('required')})`, { type: 'date' })}
            <Field label={`${t('gender')} (${t('required')})`} error={fieldError('gender')}>{(id, describedBy) => (
              <select id={id} aria-describedby={describedBy} value={form.gender} onChange={(e) => setForm('gender', e.currentTarget.value)}>
                <option value="">—</option>
                <For each={['M', 'F', 'O'] as const}>{(g) => <option value={g}>{t(g)}</option>}</For>
              </select>
            )}</Field>
            {text('residentNumber', t('residentNumber'), { hint: t('residentHint'), autocomplete: 'off' })}
            {text('phone', t('phone'), { type: 'tel', inputMode: 'tel' })}
            <Field label={t('bloodType')} error={fieldError('bloodType')}>{(id) => (
              <select id={id} value={form.bloodType} onChange={(e) => setForm('bloodType', e.currentTarget.value)}>
                <option value="">{t('unknown')}</option>
                <For each={BLOOD_TYPES}>{(b) => <option value={b}>{b}</option>}</For>
              </select>
            )}</Field>
          </div>
          <div class="form-row">
            {text('address', t('address'))}
            {text('emergencyContact', t('emergencyContact'))}
            {text('allergies', t('allergies'), { hint: t('allergiesHint') })}
          </div>
          <Field label={t('medicalHistory')} error={fieldError('medicalHistory')}>{(id) => (
            <textarea id={id} value={form.medicalHistory} onInput={(e) => setForm('medicalHistory', e.currentTarget.value)} />
          )}</Field>
          <Show when={duplicate()} fallback={<Show when={register.isError}><p class="field-error" role="alert">{(register.error as Error).message}</p></Show>}>
            {(dup) => (
              <div class="state state-error" role="alert">
                <strong>{t('duplicate', { number: dup().patientNumber })}</strong>
                <p>{apiError()!.message}</p>
                <Show when={!dup().deleted}><A href={`/admin/patients/${dup().patientId}`}>{t('openExisting')}</A></Show>
              </div>
            )}
          </Show>
          <button type="submit" disabled={register.isPending}>{register.isPending ? t('registering') : t('register')}</button>
        </form>
        <Show when={registered()}>{(p) => (
          <div class="notice" role="status" style={{ 'margin-top': '0.75rem' }}>
            <p><strong>{t('registered', { name: p().name, number: p().patient_id })}</strong></p>
            <div class="toolbar">
              <A href={`/admin/appointments?patientId=${p().id}`}>{t('bookNow')}</A>
              <A href={`/admin/patients/${p().id}`}>{t('openPatient')}</A>
            </div>
          </div>
        )}</Show>
      </Panel>
    </>
  );
}
