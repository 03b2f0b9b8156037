import { A, useNavigate } from '@solidjs/router';
import { createMutation, createQuery, keepPreviousData, useQueryClient } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { LabValue } from './chart/LabsTab';
import { orderItemsText } from './orders/format';
import { orderStatusLabel, orderTypeLabel } from './orders/labels';
import { t } from './orders/messages';
import type { CriticalResult, ResultsInbox as Inbox } from './types';
import { ServerError } from './ui/server-error';

/**
 * Results of my orders (GET /doctor/results-inbox): unacknowledged critical values first — each
 * acknowledged here (POST /lis/results/{id}/acknowledge, with what was done) — then completed lab
 * orders and reported imaging, new ones marked.
 */
export default function ResultsInbox() {
  const { api } = useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [page, setPage] = createSignal(1);
  const [notes, setNotes] = createStore<Record<number, string>>({});
  const inbox = createQuery(() => ({
    queryKey: ['doctor', 'results-inbox', page()],
    queryFn: () => api.get<Inbox>('/doctor/results-inbox', { page: page(), pageSize: 20 }),
    placeholderData: keepPreviousData,
  }));
  const ack = createMutation(() => ({
    mutationFn: (r: CriticalResult) => api.post(`/lis/results/${r.id}/acknowledge`, notes[r.id]?.trim() ? { note: notes[r.id].trim() } : {}),
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: ['doctor'] }),
      client.invalidateQueries({ queryKey: ['notifications'] }),
    ]),
  }));

  return (
    <>
      <h1>{t('inboxTitle')}</h1>
      <QueryView query={inbox}>
        {(data) => (
          <>
            <Panel title={t('criticals')}>
              <Show when={ack.isSuccess}><p class="success" role="status">{t('acknowledged')}</p></Show>
              <Show when={ack.error}><ServerError error={ack.error} /></Show>
              <DataTable caption={t('criticals')} rows={data.criticals.items} rowKey={(r) => r.id} emptyText={t('noCriticals')} columns={[
                { header: t('resultedAt'), cell: (r) => formatDateTime(r.resulted_at) },
                { header: t('patient'), cell: (r) => (r.patient ? <A href={`/doctor/patients/${r.patient.id}?tab=labs`}>{r.patient.name} ({r.patient.patient_id})</A> : `#${r.patient_id}`) },
                { header: t('items'), cell: (r) => `${r.analyte_name} (${r.analyte_code})` },
                { header: t('value'), cell: (r) => <LabValue result={r} />, numeric: true },
                { header: t('reference'), cell: (r) => r.reference_text ?? '' },
                {
                  header: t('acknowledge'),
                  cell: (r) => (
                    <form class="form-actions" onSubmit={(e) => { e.preventDefault(); ack.mutate(r); }}>
                      <input aria-label={`${t('ackNote')}: ${r.analyte_name}`} placeholder={t('ackNote')} maxLength={500}
                        value={notes[r.id] ?? ''} onInput={(e) => setNotes(r.id, e.currentTarget.value)} />
                      <button type="submit" class="danger" disabled={ack.isPending}
                        aria-label={t('acknowledgeNamed', { patient: r.patient?.name ?? '', analyte: r.analyte_name })}>{t('acknowledge')}</button>
                    </form>
                  ),
                },
              ]} />
            </Panel>
            <Panel title={t('results')}>
              <DataTable caption={t('results')} rows={data.results.items} rowKey={(o) => o.id} emptyText={t('noResults')}
                onSelect={(o) => navigate(`/doctor/patients/${o.patient_id}?tab=${o.order_type === 'LAB' ? 'labs' : o.order_type === 'IMAGING' ? 'images' : 'orders'}`)}
                columns={[
                  { header: t('completedAt'), cell: (o) => <>{formatDateTime(o.completed_at ?? o.created_at)} <Show when={o.isNew}><span class="badge badge-alert">{t('new')}</span></Show></> },
                  { header: t('patient'), cell: (o) => (
                    <A href={`/doctor/patients/${o.patient_id}`} onClick={(e) => e.stopPropagation()}>{o.patient ? `${o.patient.name} (${o.patient.patient_id})` : `#${o.patient_id}`}</A>
                  ) },
                  { header: t('orderNo'), cell: (o) => o.order_number },
                  { header: t('type'), cell: (o) => orderTypeLabel(o.order_type) },
                  { header: t('items'), cell: (o) => orderItemsText(o) },
                  { header: t('status'), cell: (o) => orderStatusLabel(o.order_type, o.status) },
                  { header: t('summary'), cell: (o) => o.report?.conclusion ?? o.result_summary ?? '' },
                ]} />
              <Show when={data.results.total > data.results.pageSize}>
                <Pagination page={data.results.page} pageSize={data.results.pageSize} total={data.results.total} onPage={setPage} />
              </Show>
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
