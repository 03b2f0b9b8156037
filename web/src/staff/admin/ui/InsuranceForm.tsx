import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { ApiError } from '../../../shared/api';
import { Field, TextField } from '../../../shared/ui/Field';
import { QueryView } from '../../../shared/ui/states';
import { t } from '../messages';
import type { Insurance, InsuranceType } from '../types';

const TYPES: InsuranceType[] = ['NHI', 'MEDICAL_AID_1', 'MEDICAL_AID_2', 'NONE'];

/**
 * Seed §4.3.5 보험 처리: the insurance billing applies (건강보험 when none is on file), editable.
 * The form starts from what is on file and keeps what was typed when the server refuses it.
 */
export function InsuranceForm(props: { patientId: number }) {
  const { api } = useApp();
  const client = useQueryClient();
  const insurance = createQuery(() => ({
    queryKey: ['front-desk', 'insurance', props.patientId],
    queryFn: () => api.get<Insurance>(`/patients/${props.patientId}/insurance`),
  }));
  const [form, setForm] = createSignal({ insuranceType: 'NHI' as InsuranceType, insurer: '', cardNumber: '', validFrom: '', validTo: '' });
  const fill = (i: Insurance) => setForm({ insuranceType: i.insurance_type, insurer: i.insurer ?? '', cardNumber: i.card_number ?? '', validFrom: i.valid_from ?? '', validTo: i.valid_to ?? '' });
  // What is on file fills the form once; a later background refetch must not overwrite typing.
  let filled = false;
  createEffect(on(() => insurance.data, (i) => { if (i && !filled) { filled = true; fill(i); } }));
  const set = (key: keyof ReturnType<typeof form>, value: string) => setForm({ ...form(), [key]: value });
  const save = createMutation(() => ({
    mutationFn: () => {
      const f = form();
      return api.put<Insurance>(`/patients/${props.patientId}/insurance`, {
        insuranceType: f.insuranceType, insurer: f.insurer.trim() || undefined, cardNumber: f.cardNumber.trim() || undefined,
        validFrom: f.validFrom || undefined, validTo: f.validTo || undefined,
      });
    },
    onSuccess: (saved) => { fill(saved); void client.invalidateQueries({ queryKey: ['front-desk', 'insurance', props.patientId] }); },
  }));
  const fieldError = (key: string) => (save.error instanceof ApiError ? save.error.fieldErrors[key] : undefined);
  return (
    <>
      <QueryView query={insurance}>
        {(i) => <p><span class="badge">{t(i.insurance_type)}</span> <Show when={!i.recorded}><span class="muted">{t('notRecorded')}</span></Show></p>}
      </QueryView>
      <Show when={insurance.data}>
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <div class="form-row">
            <Field label={t('insuranceType')} error={fieldError('insuranceType')}>{(id) => (
              <select id={id} value={form().insuranceType} onChange={(e) => set('insuranceType', e.currentTarget.value)}>
                <For each={TYPES}>{(v) => <option value={v}>{t(v)}</option>}</For>
              </select>
            )}</Field>
            <TextField label={t('insurer')} value={form().insurer} onInput={(e) => set('insurer', e.currentTarget.value)} error={fieldError('insurer')} />
            <TextField label={t('cardNumber')} value={form().cardNumber} onInput={(e) => set('cardNumber', e.currentTarget.value)} error={fieldError('cardNumber')} />
            <TextField label={t('validFrom')} type="date" value={form().validFrom} onInput={(e) => set('validFrom', e.currentTarget.value)} error={fieldError('validFrom')} />
            <TextField label={t('validTo')} type="date" value={form().validTo} onInput={(e) => set('validTo', e.currentTarget.value)} error={fieldError('validTo')} />
          </div>
          <Show when={save.isError}><p class="field-error" role="alert">{(save.error as Error).message}</p></Show>
          <Show when={save.isSuccess}><p role="status">{t('insuranceSaved')}</p></Show>
          <button type="submit" class="secondary" disabled={save.isPending}>{t('saveInsurance')}</button>
        </form>
      </Show>
    </>
  );
}
