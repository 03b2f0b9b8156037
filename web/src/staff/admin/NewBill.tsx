import { useNavigate, useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../../shared/app-context';
import { formatDateTime, formatKRW } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { Field } from '../../shared/ui/Field';
import { t } from './messages';
import type { Appointment, Bill, Fee } from './types';
import { FeePicker } from './ui/FeePicker';
import { InsuranceForm } from './ui/InsuranceForm';
import { PatientPicker } from './ui/PatientPicker';

interface Line { fee: Fee; quantity: number }

/**
 * Seed §4.3.4 진료비 계산: a patient (and the visit, when it came from the queue), their insurance,
 * the items from the fee schedule. The server prices the bill (patient and insurer shares by the
 * insurance); the new bill opens for payment.
 */
export default function NewBill() {
  const { api } = useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const patientId = () => (params.patientId ? Number(params.patientId) : null);
  const appointmentId = () => params.appointmentId || null;
  const [careSetting, setCareSetting] = createSignal<'OUTPATIENT' | 'INPATIENT'>('OUTPATIENT');
  const [lines, setLines] = createStore<Line[]>([]);
  const appointment = createQuery(() => ({
    queryKey: ['front-desk', 'appointment', appointmentId()],
    queryFn: () => api.get<Appointment>(`/appointments/${appointmentId()}`),
    enabled: !!appointmentId(),
  }));
  const add = (fee: Fee) => {
    const at = lines.findIndex((l) => l.fee.code === fee.code);
    if (at >= 0) setLines(at, 'quantity', (q) => q + 1);
    else setLines(lines.length, { fee, quantity: 1 });
  };
  const create = createMutation(() => ({
    mutationFn: () => api.post<Bill>('/bills', {
      patientId: patientId(), careSetting: careSetting(), ...(appointmentId() ? { appointmentId: appointmentId() } : {}),
      items: lines.map((l) => ({ code: l.fee.code, quantity: l.quantity })),
    }),
    onSuccess: (bill) => { void client.invalidateQueries({ queryKey: ['front-desk'] }); navigate(`/admin/billing/${bill.id}`); },
  }));
  return (
    <>
      <h1>{t('newBill')}</h1>
      <Panel title={t('pickPatient')}>
        <PatientPicker patientId={patientId()} onChange={(id) => setParams({ patientId: id ?? undefined, appointmentId: undefined })} />
        <Show when={appointment.data}>{(a) => <p>{t('linkedAppointment', { when: formatDateTime(a().start_time) })} · {a().doctor_name}</p>}</Show>
      </Panel>
      <Show when={patientId() != null}>
        <Panel title={t('insurance')}><InsuranceForm patientId={patientId()!} /></Panel>
        <Panel title={t('items')}>
          <FeePicker onAdd={add} />
          <h3 style={{ 'margin-top': '1rem' }}>{t('addedItems')}</h3>
          <DataTable caption={t('addedItems')} rows={lines} rowKey={(l) => l.fee.code} emptyText={t('noItems')} columns={[
            { header: t('code'), cell: (l) => l.fee.code },
            { header: t('item'), cell: (l) => l.fee.name },
            { header: t('unitPrice'), cell: (l) => formatKRW(l.fee.price), numeric: true },
            { header: t('quantity'), cell: (l) => (
              <input type="number" min="1" step="1" aria-label={`${t('quantity')}: ${l.fee.name}`} value={l.quantity} style={{ width: '5rem' }}
                onInput={(e) => setLines((x) => x.fee.code === l.fee.code, 'quantity', Number(e.currentTarget.value))} />
            ) },
            { header: t('amount'), cell: (l) => formatKRW(l.fee.price * l.quantity), numeric: true },
            { header: t('remove'), cell: (l) => (
              <button type="button" class="secondary" aria-label={t('removeFee', { name: l.fee.name })}
                onClick={() => setLines(lines.filter((x) => x.fee.code !== l.fee.code))}>{t('remove')}</button>
            ) },
          ]} />
          <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }} style={{ 'margin-top': '0.75rem' }}>
            <Field label={t('careSetting')}>{(id) => (
              <select id={id} value={careSetting()} onChange={(e) => setCareSetting(e.currentTarget.value as 'OUTPATIENT')}>
                <For each={['OUTPATIENT', 'INPATIENT'] as const}>{(c) => <option value={c}>{t(c)}</option>}</For>
              </select>
            )}</Field>
            <Show when={create.isError}><p class="field-error" role="alert">{(create.error as Error).message}</p></Show>
            <button type="submit" disabled={create.isPending || lines.length === 0}>{create.isPending ? t('creatingBill') : t('createBill')}</button>
          </form>
        </Panel>
      </Show>
    </>
  );
}
