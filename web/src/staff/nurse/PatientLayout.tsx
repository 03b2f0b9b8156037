import { A, useParams } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate } from '../../shared/i18n';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';
import type { CareStatus, Patient } from './types';

/**
 * One patient: who they are (allergies first — what a nurse must not miss), where they are, and
 * tabs for vitals, nursing notes, the MAR and admission. A patient outside the scope is the server's 404.
 */
export default function PatientLayout(props: { children?: JSX.Element }) {
  const { api } = useApp();
  const params = useParams();
  const id = () => Number(params.id);
  const patient = createQuery(() => ({ queryKey: ['nurse', 'patient', id()], queryFn: () => api.get<Patient>(`/patients/${id()}`) }));
  const status = createQuery(() => ({
    queryKey: ['nurse', 'status', id()],
    queryFn: () => api.get<{ current: CareStatus | null }>(`/patients/${id()}/status`),
  }));
  const base = () => `/nurse/patients/${id()}`;
  return (
    <>
      <QueryView query={patient}>
        {(p) => (
          <>
            <p><A href="/nurse/patients">← {t('backToList')}</A> · <A href="/nurse/ward">{t('wardOverview')}</A></p>
            <h1>{p.name} <span class="muted">({p.patient_id})</span></h1>
            <p>
              {formatDate(p.birth_date)} · {p.gender ? t(p.gender as 'M') : ''} {p.age != null ? t('years', { n: p.age }) : ''}
              <Show when={p.blood_type}> · {t('bloodType')} {p.blood_type}</Show>
              <Show when={status.data?.current}>{(s) => (
                <> · <span class="badge" classList={{ 'badge-ok': s().status === 'ADMITTED' }}>{t(s().status)}</span>
                  <Show when={s().status === 'ADMITTED'}> {s().ward} {s().room_number}</Show></>
              )}</Show>
            </p>
            <p>
              <strong>{t('allergies')}: </strong>
              <Show when={p.allergies?.length} fallback={<span class="muted">{t('noAllergies')}</span>}>
                {p.allergies!.map((a) => <span class="badge badge-alert">{a.substance}{a.reaction ? ` (${a.reaction})` : ''}</span>)}
              </Show>
            </p>
          </>
        )}
      </QueryView>
      {/* The tabs live outside the header's QueryView: refetching the patient must not re-create a form being typed in. */}
      <nav class="tabs" aria-label={t('patientTabs')}>
        <A href={base()} end activeClass="active">{t('tabVitals')}</A>
        <A href={`${base()}/notes`} activeClass="active">{t('tabNotes')}</A>
        <A href={`${base()}/mar`} activeClass="active">{t('tabMar')}</A>
        <A href={`${base()}/status`} activeClass="active">{t('tabStatus')}</A>
      </nav>
      {props.children}
    </>
  );
}
