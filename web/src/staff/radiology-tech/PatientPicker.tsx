import { createQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate } from '../../shared/i18n';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { Page, PatientLabel } from './types';

const describe = (p: PatientLabel) => `${p.name} · ${p.patient_id} · ${formatDate(p.birth_date)}`;

/** Finds a patient by name, initials, chart number or birth date, and chooses one of the matches. */
export default function PatientPicker(props: { value: PatientLabel | null; onChange: (patient: PatientLabel | null) => void; error?: string | null }) {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const [term, setTerm] = createSignal('');
  const found = createQuery(() => ({
    queryKey: ['radiology-tech', 'patients', term()],
    queryFn: () => api.get<Page<PatientLabel>>('/patients', { q: term(), pageSize: 20 }),
    enabled: term().length > 0,
  }));
  // The chosen patient stays offered even when a new search does not find them.
  const options = () => {
    const list = found.data?.items ?? [];
    return props.value && !list.some((p) => p.id === props.value!.id) ? [props.value, ...list] : list;
  };
  const search = () => {
    setTerm(text().trim());
  };

  return (
    <div class="form-row">
      <div class="toolbar">
        <TextField label={t('patientSearch')} hint={t('patientSearchHint')} value={text()} onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } }} />
        <button type="button" onClick={search} disabled={!text().trim()}>{t('search')}</button>
      </div>
      <Field label={t('patient')} error={props.error ?? (found.isError ? found.error?.message : null)}>
        {(id, describedBy) => (
          <select id={id} aria-describedby={describedBy}
            onChange={(e) => props.onChange(options().find((p) => String(p.id) === e.currentTarget.value) ?? null)}>
            <option value="" selected={!props.value}>{t('choosePatient')}</option>
            <For each={options()}>{(p) => <option value={String(p.id)} selected={p.id === props.value?.id}>{describe(p)}</option>}</For>
          </select>
        )}
      </Field>
      <Show when={found.isSuccess && found.data.items.length === 0}><p class="muted" role="status">{t('noPatientFound')}</p></Show>
    </div>
  );
}
