import { useParams, useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { ApiError } from '../../../shared/api';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { Field, TextField } from '../../../shared/ui/Field';
import { Empty, Loading } from '../../../shared/ui/states';
import { PatientHeader } from '../chart/PatientHeader';
import type { MedicationAlert, Order } from '../types';
import { debounced } from '../ui/debounce';
import { ServerError } from '../ui/server-error';
import { AlertList, alertsOf } from './AlertList';
import { OverrideDialog } from './OverrideDialog';
import { OrderPlaced } from './OrderPlaced';
import { PriorityField } from './PriorityField';
import { t } from './messages';

/** An imaging procedure as GET /ocs/catalogue?type=IMAGING answers it. */
interface Procedure { code: string; name: string; nameEn?: string; detail: string }

/**
 * Seed §4.1.4 영상검사 오더: one procedure from the imaging catalogue (name, 초성, code, body part)
 * with the clinical information the radiologist reads it against, sent as an IMAGING order
 * (POST /ocs/orders); radiology then books it (RIS). A contrast study is checked by the server
 * (kidney function, contrast allergy): a major alert asks for the reason, a contraindication stops.
 */
export default function ImagingOrderScreen() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ recordId?: string }>();
  const patientId = () => Number(params.id);
  const [text, setText] = createSignal('');
  const q = debounced(() => text().trim(), 250);
  const [chosen, setChosen] = createSignal<Procedure | null>(null);
  const [priority, setPriority] = createSignal('ROUTINE');
  const [clinical, setClinical] = createSignal('');
  const [overrideAlerts, setOverrideAlerts] = createSignal<MedicationAlert[] | null>(null);
  const [placed, setPlaced] = createSignal<Order | null>(null);
  const procedures = createQuery(() => ({
    queryKey: ['doctor', 'imaging-procedures', q()],
    queryFn: () => api.get<{ items: Procedure[] }>('/ocs/catalogue', { type: 'IMAGING', q: q() || undefined, pageSize: 50 }),
    staleTime: Infinity,
  }));

  const order = createMutation(() => ({
    mutationFn: (overrides?: { key: string; reason: string }[]) => api.post<Order>('/ocs/orders', {
      orderType: 'IMAGING', patientId: patientId(), priority: priority(), items: [{ code: chosen()!.code }],
      ...(search.recordId ? { medicalRecordId: Number(search.recordId) } : {}), ...(clinical().trim() ? { notes: clinical().trim() } : {}),
      ...(overrides ? { overrides } : {}),
    }),
    onError: (error) => { if (error instanceof ApiError && error.type === 'OVERRIDE_REQUIRED') setOverrideAlerts(alertsOf(error)); },
    onSuccess: (created) => {
      setOverrideAlerts(null);
      setPlaced(created);
      setChosen(null);
      setClinical('');
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['orders', 'dashboard'].includes(String(q.queryKey[1])) });
    },
  }));
  const refusal = () => (order.error instanceof ApiError ? order.error.type : order.error ? 'OTHER' : null);
  const pick = (procedure: Procedure) => { setPlaced(null); order.reset(); setChosen({ ...procedure }); };

  return (
    <>
      <h1>{t('imagingTitle')}</h1>
      <PatientHeader patientId={patientId()} />
      <Show when={placed()}>{(o) => <OrderPlaced order={o()} patientId={patientId()} />}</Show>
      <div class="grid">
        <Panel title={t('imagingCatalogue')}>
          <TextField label={t('procedureSearch')} hint={t('procedureHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} autocomplete="off" />
          <Show when={!procedures.isPending} fallback={<Loading />}>
            <Show when={(procedures.data?.items.length ?? 0) > 0} fallback={<Empty>{t('noProcedures')}</Empty>}>
              <fieldset class="pick-list-fieldset">
                <legend class="visually-hidden">{t('imagingCatalogue')}</legend>
                <ul class="pick-list">
                  <For each={procedures.data!.items}>{(p) => (
                    <li>
                      <label>
                        <input type="radio" name="procedure" style={{ width: 'auto' }} checked={chosen()?.code === p.code} onChange={() => pick(p)} />{' '}
                        <strong>{p.name}</strong>
                      </label>
                      <small class="muted">{p.code} · {p.detail}</small>
                    </li>
                  )}</For>
                </ul>
              </fieldset>
            </Show>
          </Show>
        </Panel>
        <Panel title={t('chosenProcedure')}>
          <form onSubmit={(e) => { e.preventDefault(); order.mutate(undefined); }} aria-busy={order.isPending}>
            <Show when={chosen()} fallback={<Empty>{t('noProcedure')}</Empty>}>{(p) => (
              <>
                <p><strong>{p().name}</strong> <small class="muted">{p().code} · {p().detail}</small></p>
                <Show when={p().detail.includes('조영제')}><p class="notice">{t('contrastNote')}</p></Show>
              </>
            )}</Show>
            <PriorityField value={priority()} onChange={setPriority} />
            <Field label={t('clinicalInfo')} hint={t('clinicalInfoHint')}>{(id, d) => (
              <textarea id={id} aria-describedby={d} value={clinical()} maxLength={2000} onInput={(e) => setClinical(e.currentTarget.value)} />
            )}</Field>
            <Show when={refusal() === 'MEDICATION_CONTRAINDICATED'}>
              <div class="state state-error" role="alert">
                <strong>{t('hardStop')}</strong>
                <AlertList alerts={alertsOf(order.error)} />
              </div>
            </Show>
            <Show when={refusal() && !['OVERRIDE_REQUIRED', 'MEDICATION_CONTRAINDICATED'].includes(refusal()!)}><ServerError error={order.error} /></Show>
            <button type="submit" disabled={!chosen() || order.isPending}>{t('submitImaging')}</button>
          </form>
        </Panel>
      </div>
      <Show when={overrideAlerts()}>{(alerts) => (
        <OverrideDialog alerts={alerts()} busy={order.isPending} error={refusal() === 'OVERRIDE_REQUIRED' ? undefined : order.error}
          onSubmit={(overrides) => order.mutate(overrides)} onCancel={() => { setOverrideAlerts(null); order.reset(); }} />
      )}</Show>
    </>
  );
}
