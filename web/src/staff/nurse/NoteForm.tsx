import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatTime } from '../../shared/i18n';
import { Field } from '../../shared/ui/Field';
import { t } from './messages';
import type { VitalsRecord } from './types';

/**
 * A nursing note without vital signs: the note and/or symptoms go to the same charting endpoint as
 * the vitals (it takes a note alone). A refusal keeps what was typed and shows the server's message.
 */
export function NoteForm(props: { patientId: number }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [symptoms, setSymptoms] = createSignal('');
  const [note, setNote] = createSignal('');
  const save = createMutation(() => ({
    mutationFn: () => api.post<VitalsRecord>(`/patients/${props.patientId}/vitals`, {
      ...(symptoms().trim() ? { symptoms: symptoms().trim() } : {}),
      ...(note().trim() ? { nursingNotes: note().trim() } : {}),
    }),
    onSuccess: () => {
      setSymptoms('');
      setNote('');
      void client.invalidateQueries({ queryKey: ['nurse'] });
    },
  }));
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={t('notesEntry')}>
      <p class="muted">{t('notesHint')}</p>
      <div class="form-row">
        <Field label={t('nursingNotes')}>{(id, describedBy) => (
          <textarea id={id} aria-describedby={describedBy} rows={4} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        )}</Field>
        <Field label={t('symptoms')}>{(id, describedBy) => (
          <textarea id={id} aria-describedby={describedBy} rows={4} value={symptoms()} onInput={(e) => setSymptoms(e.currentTarget.value)} />
        )}</Field>
      </div>
      <Show when={save.isError}><p class="field-error" role="alert">{(save.error as Error).message}</p></Show>
      <button type="submit" disabled={save.isPending}>{save.isPending ? t('saving') : t('saveNote')}</button>
      <Show when={save.isSuccess && save.data}>{(saved) => <p role="status">{t('noteSaved', { when: formatTime(saved().record_date) })}</p>}</Show>
    </form>
  );
}
