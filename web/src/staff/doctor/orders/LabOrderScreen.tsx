import { useParams, useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { Field, TextField } from '../../../shared/ui/Field';
import { Empty, Loading } from '../../../shared/ui/states';
import { PatientHeader } from '../chart/PatientHeader';
import type { LabTest, Order } from '../types';
import { debounced } from '../ui/debounce';
import { ServerError } from '../ui/server-error';
import { OrderPlaced } from './OrderPlaced';
import { PriorityField } from './PriorityField';
import { t } from './messages';

/**
 * Seed §13.4 검사 오더: tests from the lab catalogue (GET /lis/tests: name, 초성, code, LOINC or an
 * analyte), sent as one LAB order (POST /ocs/orders); the nurse then sees what to collect.
 */
export default function LabOrderScreen() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ recordId?: string }>();
  const patientId = () => Number(params.id);
  const [text, setText] = createSignal('');
  const q = debounced(() => text().trim(), 250);
  const [chosen, setChosen] = createSignal<LabTest[]>([]);
  const [priority, setPriority] = createSignal('ROUTINE');
  const [notes, setNotes] = createSignal('');
  const [placed, setPlaced] = createSignal<Order | null>(null);
  const tests = createQuery(() => ({
    queryKey: ['doctor', 'lab-tests', q()],
    queryFn: () => api.get<{ items: LabTest[] }>('/lis/tests', { q: q(), pageSize: 50 }),
    staleTime: Infinity,
  }));
  const has = (code: string) => chosen().some((c) => c.code === code);
  const toggle = (test: LabTest) => { setPlaced(null); setChosen(has(test.code) ? chosen().filter((c) => c.code !== test.code) : [...chosen(), test]); };

  const order = createMutation(() => ({
    mutationFn: () => api.post<Order>('/ocs/orders', {
      orderType: 'LAB', patientId: patientId(), priority: priority(), items: chosen().map((c) => ({ code: c.code })),
      ...(search.recordId ? { medicalRecordId: Number(search.recordId) } : {}), ...(notes().trim() ? { notes: notes().trim() } : {}),
    }),
    onSuccess: (created) => {
      setPlaced(created);
      setChosen([]);
      setNotes('');
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['orders', 'dashboard'].includes(String(q.queryKey[1])) });
    },
  }));

  return (
    <>
      <h1>{t('labTitle')}</h1>
      <PatientHeader patientId={patientId()} />
      <Show when={placed()}>{(o) => <OrderPlaced order={o()} patientId={patientId()} />}</Show>
      <div class="grid">
        <Panel title={t('labCatalogue')}>
          <TextField label={t('testSearch')} hint={t('testHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} autocomplete="off" />
          <Show when={!tests.isPending} fallback={<Loading />}>
            <Show when={(tests.data?.items.length ?? 0) > 0} fallback={<Empty>{t('noTests')}</Empty>}>
              <ul class="pick-list">
                <For each={tests.data!.items}>{(test) => (
                  <li>
                    <label>
                      <input type="checkbox" style={{ width: 'auto' }} checked={has(test.code)} onChange={() => toggle(test)} />{' '}
                      <strong>{test.name}</strong>
                    </label>
                    <small class="muted">{test.code} · LOINC {test.loinc} · {test.specimen.tube}</small>
                  </li>
                )}</For>
              </ul>
            </Show>
          </Show>
        </Panel>
        <Panel title={t('selectedTests')}>
          <form onSubmit={(e) => { e.preventDefault(); order.mutate(); }} aria-busy={order.isPending}>
            <Show when={chosen().length > 0} fallback={<Empty>{t('noTestsSelected')}</Empty>}>
              <ul>
                <For each={chosen()}>{(c) => <li>{c.name} <small class="muted">({t('tube')}: {c.specimen.name})</small></li>}</For>
              </ul>
            </Show>
            <PriorityField value={priority()} onChange={setPriority} />
            <Field label={t('orderNotes')}>{(id) => <input id={id} value={notes()} maxLength={2000} onInput={(e) => setNotes(e.currentTarget.value)} />}</Field>
            <Show when={order.error}><ServerError error={order.error} /></Show>
            <button type="submit" disabled={chosen().length === 0 || order.isPending}>{t('submitLab')}</button>
          </form>
        </Panel>
      </div>
    </>
  );
}
