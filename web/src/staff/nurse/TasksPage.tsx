import { A } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime, formatTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { ErrorState, QueryView } from '../../shared/ui/states';
import { statusLabel } from '../shared/labels';
import { t } from './messages';
import type { NurseTasks, PatientLabel } from './types';

const patientCell = (p: PatientLabel | null, id?: number) => (p ? <A href={`/nurse/patients/${p.id}`}>{p.name} ({p.patient_id})</A> : String(id ?? ''));

/**
 * The shift's work from orders: specimens to collect (STAT first, tubes and barcodes to label),
 * today's doses, and critical results the doctor has not acknowledged yet (the nurse sees them
 * to watch the patient; acknowledging is the doctor's).
 */
export default function TasksPage() {
  const { api } = useApp();
  const client = useQueryClient();
  const tasks = createQuery(() => ({ queryKey: ['nurse', 'tasks'], queryFn: () => api.get<NurseTasks>('/nurse/tasks') }));
  const collect = createMutation(() => ({
    mutationFn: (orderId: number) => api.post<unknown>(`/lis/orders/${orderId}/specimens`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['nurse'] }),
  }));
  return (
    <>
      <h1>{t('tasks')}</h1>
      <QueryView query={tasks}>
        {(d) => (
          <>
            <Panel title={t('collections')}>
              <Show when={collect.isError}><ErrorState error={collect.error} /></Show>
              <DataTable caption={t('collections')} rows={d.specimenCollection.items} rowKey={(o) => o.id} emptyText={t('noCollections')} columns={[
                { header: t('priority'), cell: (o) => <span class="badge" classList={{ 'badge-alert': o.priority === 'STAT', 'badge-warn': o.priority === 'URGENT' }}>{statusLabel(o.priority)}</span> },
                { header: t('patient'), cell: (o) => patientCell(o.patient) },
                { header: t('order'), cell: (o) => <>{o.order_number}<br /><small class="muted">{formatDateTime(o.created_at)}</small></> },
                { header: t('tests'), cell: (o) => o.items.map((i) => i.name).join(', ') },
                { header: t('tubes'), cell: (o) => <For each={o.tubes}>{(tube) => <div>{tube.name} · {tube.tube} <code>{tube.barcode}</code></div>}</For> },
                { header: t('collect'), cell: (o) => (
                  <button type="button" disabled={collect.isPending} aria-label={t('collectFor', { patient: o.patient?.name ?? '', order: o.order_number ?? '' })}
                    onClick={() => collect.mutate(o.id)}>{t('collect')}</button>
                ) },
              ]} />
            </Panel>
            <Panel title={t('dosesToday')}>
              <div class="stats">
                <Stat label={t('dueDoses')} value={d.medicationsDue.summary.due} />
                <Stat label={t('given')} value={d.medicationsDue.summary.given} tone="ok" />
                <Stat label={t('overdue')} value={d.medicationsDue.summary.overdue} tone={d.medicationsDue.summary.overdue ? 'alert' : undefined} />
              </div>
              <DataTable caption={t('dosesToday')} rows={d.medicationsDue.items.filter((m) => !m.status)} rowKey={(m) => `${m.prescriptionId}-${m.medicationIndex}-${m.scheduledTime}`} emptyText={d.medicationsDue.items.length ? t('allCharted') : t('noDoses')} columns={[
                { header: t('time'), cell: (m) => (m.overdue ? <strong class="field-error">{formatTime(m.scheduledTime)} · {t('overdueBadge')}</strong> : formatTime(m.scheduledTime)) },
                { header: t('patient'), cell: (m) => `${m.patientName ?? ''} (${m.patientNumber ?? ''})` },
                { header: t('drug'), cell: (m) => `${m.drugName} ${m.dose} ${m.doseUnit} · ${m.route}` },
                { header: t('openMar'), cell: (m) => <A href={`/nurse/patients/${m.patientId}/mar`}>{t('openMar')}</A> },
              ]} />
            </Panel>
            <Panel title={t('criticalTitle')}>
              <DataTable caption={t('criticalTitle')} rows={d.criticalResults.items} rowKey={(r) => r.id} emptyText={t('noCriticals')} columns={[
                { header: t('patient'), cell: (r) => patientCell(r.patient, r.patient_id) },
                { header: t('analyte'), cell: (r) => r.analyte_name },
                { header: t('value'), cell: (r) => <strong class="field-error">{r.value_text} {r.unit} {r.flag ?? ''}</strong> },
                { header: t('resultedAt'), cell: (r) => formatDateTime(r.resulted_at) },
                { header: t('status'), cell: () => <span class="badge badge-alert">{t('awaitingDoctor')}</span> },
              ]} />
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
