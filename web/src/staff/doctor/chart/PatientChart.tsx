import { A, useParams, useSearchParams } from '@solidjs/router';
import { For, Match, Switch } from 'solid-js';
import { ImagesTab } from './ImagesTab';
import { LabsTab } from './LabsTab';
import { t } from './messages';
import { OrdersTab } from './OrdersTab';
import { PatientHeader, usePatient } from './PatientHeader';
import { RecordsTab } from './RecordsTab';
import { VitalsTab } from './VitalsTab';

const TABS = ['records', 'vitals', 'labs', 'images', 'orders'] as const;
type Tab = (typeof TABS)[number];

/**
 * Seed §4.1.2 환자 상세: the header with demographics and allergies, the ways to act (record,
 * prescription, lab order, imaging order) and the chart's sections as tabs kept in the address (`?tab=`).
 */
export default function PatientChart() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ tab?: string }>();
  const id = () => Number(params.id);
  const tab = (): Tab => (TABS as readonly string[]).includes(search.tab ?? '') ? (search.tab as Tab) : 'records';
  const patient = usePatient(id);
  const base = () => `/doctor/patients/${id()}`;

  return (
    <>
      <h1>{patient.data ? t('chartTitle', { name: patient.data.name }) : t('records')}</h1>
      <PatientHeader patientId={id()} />
      <div class="action-links">
        <A href={`${base()}/records/new`}>{t('newRecord')}</A>
        <A href={`${base()}/prescribe`}>{t('prescribe')}</A>
        <A href={`${base()}/lab-order`}>{t('labOrder')}</A>
        <A href={`${base()}/imaging-order`}>{t('imagingOrder')}</A>
      </div>
      <nav class="tabs" aria-label={t('tabs')}>
        <For each={TABS}>{(name) => (
          <A href={`${base()}?tab=${name}`} classList={{ active: tab() === name }} aria-current={tab() === name ? 'page' : undefined}>{t(name)}</A>
        )}</For>
      </nav>
      <Switch>
        <Match when={tab() === 'records'}><RecordsTab patientId={id()} /></Match>
        <Match when={tab() === 'vitals'}><VitalsTab patientId={id()} /></Match>
        <Match when={tab() === 'labs'}><LabsTab patientId={id()} /></Match>
        <Match when={tab() === 'images'}><ImagesTab patientId={id()} /></Match>
        <Match when={tab() === 'orders'}><OrdersTab patientId={id()} /></Match>
      </Switch>
    </>
  );
}
