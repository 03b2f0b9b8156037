import { useParams, useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, keepPreviousData, useQueryClient } from '@tanstack/solid-query';
import { Match, Show, Switch, createSignal } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { ApiError } from '../../../shared/api';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { Field } from '../../../shared/ui/Field';
import { PatientHeader } from '../chart/PatientHeader';
import type { FormularyDrug, MedicationAlert, Order } from '../types';
import { debounced } from '../ui/debounce';
import { ServerError } from '../ui/server-error';
import { AlertList, alertsOf } from './AlertList';
import { DrugPicker } from './DrugPicker';
import { OverrideDialog } from './OverrideDialog';
import { PrescriptionLines, lineBody, type RxField, type RxLine } from './PrescriptionLines';
import { OrderPlaced } from './OrderPlaced';
import { PriorityField } from './PriorityField';
import { t } from './messages';

/**
 * Seed §4.1.2 처방전 발급 through OCS: drugs from the formulary, checked live against the patient's
 * allergies and active medications (POST /ocs/medication-check) as the list changes; the order
 * (POST /ocs/orders) is refused with 422 when an alert is contraindicated (a hard stop) or major
 * without a reason (the override dialog asks for one per alert and sends the order again).
 */
export default function PrescribeScreen() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ recordId?: string }>();
  const patientId = () => Number(params.id);
  const [lines, setLines] = createStore<RxLine[]>([]);
  const [priority, setPriority] = createSignal('ROUTINE');
  const [notes, setNotes] = createSignal('');
  const [overrideAlerts, setOverrideAlerts] = createSignal<MedicationAlert[] | null>(null);
  const [placed, setPlaced] = createSignal<Order | null>(null);

  const add = (drug: FormularyDrug) => {
    setPlaced(null);
    order.reset();
    setLines(lines.length, { drug, dose: '1', frequency: drug.defaultFrequency, days: '7', route: drug.defaultRoute });
  };
  const change = (index: number, field: RxField, value: string) => setLines(index, field, value);
  const remove = (index: number) => { order.reset(); setLines(produce((all) => { all.splice(index, 1); })); };

  // The check follows the list (debounced while a dose is typed); it stores nothing.
  const medications = debounced(() => JSON.stringify(lines.map(lineBody)), 300);
  const check = createQuery(() => ({
    queryKey: ['doctor', 'medication-check', patientId(), medications()],
    queryFn: () => api.post<{ alerts: MedicationAlert[] }>('/ocs/medication-check', { patientId: patientId(), medications: JSON.parse(medications()) }),
    enabled: medications() !== '[]',
    placeholderData: keepPreviousData,
  }));

  const order = createMutation(() => ({
    mutationFn: (overrides?: { key: string; reason: string }[]) => api.post<Order>('/ocs/orders', {
      orderType: 'PRESCRIPTION', patientId: patientId(), priority: priority(),
      ...(search.recordId ? { medicalRecordId: Number(search.recordId) } : {}),
      items: lines.map(lineBody), ...(notes().trim() ? { notes: notes().trim() } : {}), ...(overrides ? { overrides } : {}),
    }),
    onError: (error) => { if (error instanceof ApiError && error.type === 'OVERRIDE_REQUIRED') setOverrideAlerts(alertsOf(error)); },
    onSuccess: (created) => {
      setOverrideAlerts(null);
      setPlaced(created);
      setLines([]);
      setNotes('');
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['orders', 'dashboard', 'medication-check'].includes(String(q.queryKey[1])) });
    },
  }));
  const refusal = () => (order.error instanceof ApiError ? order.error.type : order.error ? 'OTHER' : null);

  return (
    <>
      <h1>{t('prescribeTitle')}</h1>
      <PatientHeader patientId={patientId()} />
      <Show when={placed()}>{(o) => <OrderPlaced order={o()} patientId={patientId()} />}</Show>
      <div class="grid">
        <Panel title={t('formulary')}>
          <DrugPicker chosen={lines.map((l) => l.drug.code)} onAdd={add} />
        </Panel>
        <Panel title={t('safety')}>
          <div aria-live="polite">
            <Switch>
              <Match when={lines.length === 0}><p class="muted">{t('noLines')}</p></Match>
              <Match when={check.isError}><ServerError error={check.error} /></Match>
              <Match when={check.isPending}><p class="muted">{t('checking')}</p></Match>
              <Match when={check.data && check.data.alerts.length === 0}><p class="badge badge-ok">{t('noAlerts')}</p></Match>
              <Match when={check.data}>{(d) => <AlertList alerts={d().alerts} />}</Match>
            </Switch>
          </div>
        </Panel>
      </div>
      <Panel title={t('lines')}>
        <form onSubmit={(e) => { e.preventDefault(); order.mutate(undefined); }} aria-busy={order.isPending}>
          <PrescriptionLines lines={lines} onChange={change} onRemove={remove} error={order.error} />
          <div class="form-row">
            <PriorityField value={priority()} onChange={setPriority} />
            <Field label={t('orderNotes')}>{(id) => <input id={id} value={notes()} maxLength={2000} onInput={(e) => setNotes(e.currentTarget.value)} />}</Field>
          </div>
          <Switch>
            <Match when={refusal() === 'MEDICATION_CONTRAINDICATED'}>
              <div class="state state-error" role="alert">
                <strong>{t('hardStop')}</strong>
                <AlertList alerts={alertsOf(order.error)} />
                <p>{t('hardStopBody')}</p>
              </div>
            </Match>
            <Match when={refusal() && refusal() !== 'OVERRIDE_REQUIRED'}><ServerError error={order.error} /></Match>
          </Switch>
          <button type="submit" disabled={lines.length === 0 || order.isPending}>{t('submitPrescription')}</button>
        </form>
      </Panel>
      <Show when={overrideAlerts()}>{(alerts) => (
        <OverrideDialog alerts={alerts()} busy={order.isPending} error={refusal() === 'OVERRIDE_REQUIRED' ? undefined : order.error}
          onSubmit={(overrides) => order.mutate(overrides)} onCancel={() => { setOverrideAlerts(null); order.reset(); }} />
      )}</Show>
    </>
  );
}
