import { createQuery } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDate } from '../../../shared/i18n';
import { TextField } from '../../../shared/ui/Field';
import { ErrorState, Loading } from '../../../shared/ui/states';
import { t } from '../messages';
import type { Page, Patient } from '../types';

/**
 * Choose a patient: the chosen one (read by id, e.g. from `?patientId=` after registering) or a
 * search with the first matches as buttons. Used by booking and billing.
 */
export function PatientPicker(props: { patientId: number | null; onChange: (id: number | null) => void; locked?: boolean }) {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const [q, setQ] = createSignal('');
  const chosen = createQuery(() => ({
    queryKey: ['front-desk', 'patient', props.patientId],
    queryFn: () => api.get<Patient>(`/patients/${props.patientId}`),
    enabled: props.patientId != null,
  }));
  const found = createQuery(() => ({
    queryKey: ['front-desk', 'patients', q(), 1],
    queryFn: () => api.get<Page<Patient>>('/patients', { q: q(), pageSize: 8 }),
    enabled: q().length > 0,
  }));
  return (
    <div class="patient-picker">
      <Show when={props.patientId != null} fallback={
        <>
          <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setQ(text().trim()); }}>
            <TextField label={t('pickPatient')} hint={t('pickHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} />
            <button type="submit">{t('searchButton')}</button>
          </form>
          <Show when={q()}>
            <Show when={!found.isPending} fallback={<Loading />}>
              <Show when={!found.isError} fallback={<ErrorState error={found.error} />}>
                <Show when={found.data?.items.length} fallback={<p class="muted">{t('noPatients')}</p>}>
                  <ul class="alert-list">
                    <For each={found.data!.items}>{(p) => (
                      <li>
                        {p.name} ({p.patient_id}) · {formatDate(p.birth_date)} · {p.phone ?? ''}{' '}
                        <button type="button" class="secondary" aria-label={`${t('choose')}: ${p.name} (${p.patient_id})`} onClick={() => props.onChange(p.id)}>{t('choose')}</button>
                      </li>
                    )}</For>
                  </ul>
                </Show>
              </Show>
            </Show>
          </Show>
        </>
      }>
        <p>
          <strong>{t('selected')}: </strong>
          <Show when={chosen.data} fallback={<Show when={chosen.isError} fallback={<Loading />}><ErrorState error={chosen.error} /></Show>}>{(p) => (
            <span data-testid="chosen-patient">{p().name} ({p().patient_id}) · {formatDate(p().birth_date)} · {p().gender ? t(p().gender as 'M') : ''}</span>
          )}</Show>{' '}
          <Show when={!props.locked}>
            <button type="button" class="secondary" onClick={() => props.onChange(null)}>{t('change')}</button>
          </Show>
        </p>
      </Show>
    </div>
  );
}
