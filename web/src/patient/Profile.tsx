import { createQuery } from '@tanstack/solid-query';
import { For, Show, type JSX } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { QueryView } from '../shared/ui/states';
import { t, type MessageKey } from './messages';
import type { PortalMe } from './types';
import { LinkNotice } from './ui/LinkNotice';

/** A term and its value; an empty value reads "없음" rather than leaving a gap. */
function Fact(props: { label: string; children: JSX.Element }) {
  return <><dt>{props.label}</dt><dd>{props.children || t('none')}</dd></>;
}

/** `/patient/profile`: my account and the chart it is linked to (GET /portal/me). */
export default function Profile() {
  const { api } = useApp();
  const me = createQuery(() => ({ queryKey: ['portal', 'me'], queryFn: () => api.get<PortalMe>('/portal/me') }));
  return (
    <>
      <h1>{t('profile')}</h1>
      <QueryView query={me}>
        {(d) => (
          <div class="grid">
            <Panel title={t('account')}>
              <dl class="facts">
                <Fact label={t('accountId')}>{d.account.accountId}</Fact>
                <Fact label={t('name')}>{d.account.name}</Fact>
                <Fact label={t('email')}>{d.account.email}</Fact>
                <Fact label={t('chartNumber')}>{d.account.patientNumber}</Fact>
              </dl>
            </Panel>
            <Panel title={t('chart')}>
              <Show when={d.patient} fallback={<LinkNotice />}>
                {(p) => (
                  <dl class="facts">
                    <Fact label={t('chartNumber')}>{p().patient_id}</Fact>
                    <Fact label={t('name')}>{p().name}</Fact>
                    <Fact label={t('birthDate')}>{formatDate(p().birth_date)}</Fact>
                    <Fact label={t('gender')}>{t(p().gender as MessageKey)}</Fact>
                    <Fact label={t('age')}>{p().age != null ? t('years', { n: p().age! }) : ''}</Fact>
                    <Fact label={t('bloodType')}>{p().blood_type}</Fact>
                    <Fact label={t('phoneNumber')}>{p().phone}</Fact>
                    <Fact label={t('address')}>{p().address}</Fact>
                    <Fact label={t('emergencyContact')}>{p().emergency_contact}</Fact>
                    <Fact label={t('medicalHistory')}>{p().medical_history}</Fact>
                    <Fact label={t('allergies')}>
                      <Show when={p().allergies?.length} fallback={t('none')}>
                        <ul><For each={p().allergies!}>{(a) => <li>{a.substance}{a.reaction ? ` — ${a.reaction}` : ''}</li>}</For></ul>
                      </Show>
                    </Fact>
                  </dl>
                )}
              </Show>
            </Panel>
          </div>
        )}
      </QueryView>
    </>
  );
}
