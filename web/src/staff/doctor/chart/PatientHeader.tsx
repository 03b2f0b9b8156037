import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDate } from '../../../shared/i18n';
import { QueryView } from '../../../shared/ui/states';
import type { Patient } from '../types';
import { allergyList, sexAge } from './format';
import { t } from './messages';
import '../doctor.css';

/** The patient's chart query, shared (one cache entry) by the header and every screen about them. */
export function usePatient(id: () => number) {
  const { api } = useApp();
  return createQuery(() => ({ queryKey: ['doctor', 'patient', id()], queryFn: () => api.get<Patient>(`/patients/${id()}`) }));
}

/** Who the patient is, and — always in sight while ordering — their allergies. */
export function PatientHeader(props: { patientId: number }) {
  const patient = usePatient(() => props.patientId);
  return (
    <QueryView query={patient}>
      {(p) => (
        <section class="panel patient-header" aria-label={`${p.name} ${p.patient_id}`}>
          <dl>
            <div><dt>{t('name')}</dt><dd>{p.name}</dd></div>
            <div><dt>{t('chartNo')}</dt><dd>{p.patient_id}</dd></div>
            <div><dt>{t('sexAge')}</dt><dd>{sexAge(p)}</dd></div>
            <div><dt>{t('birthDate')}</dt><dd>{formatDate(p.birth_date)}</dd></div>
            <Show when={p.blood_type}><div><dt>{t('bloodType')}</dt><dd>{p.blood_type}</dd></div></Show>
            <div>
              <dt>{t('allergies')}</dt>
              <dd>
                <Show when={allergyList(p.allergies).length > 0} fallback={<span class="muted">{t('noAllergies')}</span>}>
                  <ul class="allergy-list">
                    <For each={allergyList(p.allergies)}>{(a) => (
                      <li><span class="badge badge-alert">{a.substance}{a.reaction ? ` (${a.reaction})` : ''}</span></li>
                    )}</For>
                  </ul>
                </Show>
              </dd>
            </div>
            <Show when={p.medical_history}><div class="wide"><dt>{t('history')}</dt><dd>{p.medical_history}</dd></div></Show>
          </dl>
        </section>
      )}
    </QueryView>
  );
}
