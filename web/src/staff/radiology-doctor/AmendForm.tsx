import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { Report } from './types';

const SECTIONS = [
  { key: 'findings', label: 'amendFindings' },
  { key: 'conclusion', label: 'amendConclusion' },
  { key: 'recommendations', label: 'amendRecommendations' },
] as const;
type Key = (typeof SECTIONS)[number]['key'];

/**
 * 수정판독: amends a signed report (PUT action=amend). The server wants a reason and a change, so
 * the signed text comes filled in to be corrected. The amendment is signed at once (AMENDED) and
 * reopens the live document with the corrected text, where the radiologists may go on writing and
 * sign again with a reason. A refusal (no change, no reason) is the server's 400, shown as worded,
 * with everything typed kept.
 */
export function AmendForm(props: { report: Report; onClose: () => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [form, setForm] = createStore({
    reason: '',
    findings: props.report.findings ?? '', conclusion: props.report.conclusion ?? '', recommendations: props.report.recommendations ?? '',
  });
  const amend = createMutation(() => ({
    mutationFn: () => api.put<Report>(`/radiology-doctor/reports/${props.report.id}`, {
      action: 'amend', reason: form.reason.trim(), findings: form.findings, conclusion: form.conclusion, recommendations: form.recommendations,
    }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['radiology-doctor'] });
      props.onClose();
    },
  }));
  const fieldError = (key: string) => (amend.error instanceof ApiError ? amend.error.fieldErrors[key] : undefined);
  return (
    <form onSubmit={(e) => { e.preventDefault(); amend.mutate(); }} aria-label={t('amend')}>
      <h3>{t('amend')}</h3>
      <p class="muted">{t('amendHint')}</p>
      <TextField label={`${t('amendReason')} (${t('required')})`} value={form.reason} onInput={(e) => setForm('reason', e.currentTarget.value)} error={fieldError('reason')} />
      <For each={SECTIONS}>{(s) => (
        <Field label={t(s.label)} error={fieldError(s.key)}>{(id, describedBy) => (
          <textarea id={id} aria-describedby={describedBy} rows={s.key === 'findings' ? 5 : 3} value={form[s.key as Key]}
            onInput={(e) => setForm(s.key as Key, e.currentTarget.value)} />
        )}</Field>
      )}</For>
      <Show when={amend.isError}><p class="field-error" role="alert">{amend.error?.message}</p></Show>
      <div class="toolbar">
        <button type="submit" disabled={amend.isPending}>{t('amendSubmit')}</button>
        <button type="button" class="secondary" onClick={() => props.onClose()}>{t('cancel')}</button>
      </div>
    </form>
  );
}
