import { createQuery } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDate } from '../../../shared/i18n';
import { TextField } from '../../../shared/ui/Field';
import { QueryView } from '../../../shared/ui/states';
import type { Page, Patient } from '../types';
import { debounced } from '../ui/debounce';
import { t } from './messages';

/** The patient a booking is for (copied out of the search answer). */
export interface ChosenPatient { id: number; name: string; patient_id: string; birth_date: string | null }

/**
 * Choose the patient of a new appointment: the same search as the patient list (name, 초성,
 * chart number; within my scope), as I type, with the first matches to pick from. It sits inside
 * the booking form, so Enter searches at once instead of submitting the booking.
 */
export function PatientChooser(props: { chosen: ChosenPatient | null; onChoose: (patient: ChosenPatient | null) => void }) {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const [now, setNow] = createSignal<string | null>(null);
  const typed = debounced(text);
  const q = () => (now() ?? typed()).trim();
  const found = createQuery(() => ({
    queryKey: ['doctor', 'patient-pick', q()],
    queryFn: () => api.get<Page<Patient>>('/patients', { q: q(), pageSize: 8 }),
    enabled: q().length > 0,
  }));
  return (
    <Show when={props.chosen} fallback={
      <div>
        <TextField label={t('patientSearch')} hint={t('patientSearchHint')} type="search" autocomplete="off" value={text()}
          onInput={(e) => { setNow(null); setText(e.currentTarget.value); }}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); setNow(e.currentTarget.value); } }} />
        <Show when={q()}>
          <QueryView query={found} empty={(page) => page.items.length === 0} emptyText={t('noMatches')}>
            {(page) => (
              <ul class="pick-list">
                <For each={page.items}>{(p) => (
                  <li>
                    <span class="pick-text"><strong>{p.name}</strong><small class="muted">{p.patient_id} · {formatDate(p.birth_date)}</small></span>
                    <button type="button" class="secondary" aria-label={t('chooseNamed', { name: p.name, chart: p.patient_id })}
                      onClick={() => props.onChoose({ id: p.id, name: p.name, patient_id: p.patient_id, birth_date: p.birth_date })}>{t('choose')}</button>
                  </li>
                )}</For>
              </ul>
            )}
          </QueryView>
        </Show>
      </div>
    }>{(p) => (
      <p>
        <strong>{t('patient')}: </strong>
        <span data-testid="booking-patient">{p().name} ({p().patient_id}) · {formatDate(p().birth_date)}</span>{' '}
        <button type="button" class="secondary" onClick={() => props.onChoose(null)}>{t('otherPatient')}</button>
      </p>
    )}</Show>
  );
}
