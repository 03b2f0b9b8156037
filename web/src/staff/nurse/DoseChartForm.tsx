import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal, onMount } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { formatTime } from '../../shared/i18n';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { DoseStatus, MarLine } from './types';

const STATUSES: DoseStatus[] = ['GIVEN', 'HELD', 'REFUSED'];

/**
 * Charts one dose: given, held or refused (the last two need a reason — the server enforces it and
 * its message is shown as is). A scheduled dose carries its due time; a PRN dose has none.
 */
export function DoseChartForm(props: { patientId: number; line: MarLine; scheduledTime?: string; onDone: () => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [status, setStatus] = createSignal<DoseStatus>('GIVEN');
  const [reason, setReason] = createSignal('');
  const [notes, setNotes] = createSignal('');
  const chart = createMutation(() => ({
    mutationFn: () => api.post(`/patients/${props.patientId}/mar`, {
      prescriptionId: props.line.prescriptionId,
      medicationIndex: props.line.medicationIndex,
      ...(props.scheduledTime ? { scheduledTime: props.scheduledTime } : {}),
      status: status(),
      ...(reason().trim() ? { reason: reason().trim() } : {}),
      ...(notes().trim() ? { notes: notes().trim() } : {}),
    }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['nurse'] });
      props.onDone();
    },
  }));
  const title = () => (props.scheduledTime
    ? t('chartTitle', { drug: props.line.drugName, time: formatTime(props.scheduledTime) })
    : t('chartPrnTitle', { drug: props.line.drugName }));
  const fieldError = (key: string) => (chart.error instanceof ApiError ? chart.error.fieldErrors[key] : undefined);
  let form!: HTMLFormElement;
  // The form opens below the tables: bring it into view and put the keyboard on its first control.
  onMount(() => { form.scrollIntoView?.({ block: 'nearest' }); form.querySelector('select')?.focus(); });
  return (
    <form ref={form} class="panel" aria-label={title()} onSubmit={(e) => { e.preventDefault(); chart.mutate(); }}>
      <h3>{title()}</h3>
      <p class="muted">{props.line.dose} {props.line.doseUnit} · {props.line.route} · {props.line.frequency}{props.line.instructions ? ` · ${props.line.instructions}` : ''}</p>
      <div class="form-row">
        <Field label={t('result')}>{(id) => (
          <select id={id} value={status()} onChange={(e) => setStatus(e.currentTarget.value as DoseStatus)}>
            <For each={STATUSES}>{(s) => <option value={s}>{t(s)}</option>}</For>
          </select>
        )}</Field>
        <TextField label={t('reason')} hint={t('reasonHint')} value={reason()} onInput={(e) => setReason(e.currentTarget.value)}
          aria-required={status() !== 'GIVEN'} error={fieldError('reason')} />
        <TextField label={t('memo')} value={notes()} onInput={(e) => setNotes(e.currentTarget.value)} />
      </div>
      <Show when={chart.isError && !fieldError('reason')}><p class="field-error" role="alert">{(chart.error as Error).message}</p></Show>
      <div class="toolbar">
        <button type="submit" disabled={chart.isPending}>{t('saveCharting')}</button>
        <button type="button" class="secondary" onClick={() => props.onDone()}>{t('cancel')}</button>
      </div>
    </form>
  );
}
