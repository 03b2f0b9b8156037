import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable } from '../../../shared/ui/DataTable';
import { QueryView } from '../../../shared/ui/states';
import { orderItemsText } from '../orders/format';
import { orderStatusLabel, orderTypeLabel, priorityLabel } from '../orders/labels';
import type { Order, Page, Prescription } from '../types';
import { usePdfDownload } from '../ui/pdf-download';
import { ReasonDialog } from '../ui/ReasonDialog';
import { ServerError } from '../ui/server-error';
import { t } from './messages';
import { OrderActions } from './OrderActions';

type Asking = { kind: 'discontinue' | 'cancel'; order: Order };

/**
 * The patient's orders (prescriptions, labs, imaging), newest first, with each department's
 * status; a prescription's 처방전 as a PDF, stopping a prescription and cancelling an order with a
 * reason (the server's 409 shows when the order has moved on meanwhile).
 */
export function OrdersTab(props: { patientId: number }) {
  const { api } = useApp();
  const client = useQueryClient();
  const orders = createQuery(() => ({
    queryKey: ['doctor', 'orders', props.patientId],
    queryFn: () => api.get<Page<Order>>('/ocs/orders', { patientId: props.patientId, sort: 'newest', pageSize: 50 }),
  }));
  // Whether each prescription is still active (an order's own status is the pharmacy's).
  const prescriptions = createQuery(() => ({
    queryKey: ['doctor', 'prescriptions', props.patientId],
    queryFn: () => api.get<Page<Prescription>>(`/patients/${props.patientId}/prescriptions`, { pageSize: 100 }),
  }));
  const prescriptionOf = (o: Order) => prescriptions.data?.items.find((p) => p.id === o.prescription_id);

  const pdf = usePdfDownload();
  const [pdfOrder, setPdfOrder] = createSignal<number | null>(null);
  const downloadPdf = (o: Order) => {
    setPdfOrder(o.id);
    pdf.mutate({ path: `/prescriptions/${o.prescription_id}/pdf`, filename: `처방전-${o.order_number}.pdf` }, { onSettled: () => setPdfOrder(null) });
  };

  const [asking, setAsking] = createSignal<Asking | null>(null);
  const [done, setDone] = createSignal('');
  const stop = createMutation(() => ({
    mutationFn: ({ kind, order, reason }: Asking & { reason: string }) => kind === 'discontinue'
      ? api.post(`/prescriptions/${order.prescription_id}/discontinue`, { reason })
      : api.post(`/ocs/orders/${order.id}/cancel`, { reason }),
    onSuccess: (_answer, { kind, order }) => {
      setAsking(null);
      setDone(t(kind === 'discontinue' ? 'discontinuedDone' : 'cancelledDone', { order: order.order_number }));
      return client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['orders', 'prescriptions', 'dashboard'].includes(String(q.queryKey[1])) });
    },
  }));
  const ask = (kind: Asking['kind'], order: Order) => { stop.reset(); setDone(''); setAsking({ kind, order }); };

  return (
    <Panel title={t('orders')}>
      <Show when={done()}><p class="success" role="status">{done()}</p></Show>
      <Show when={pdf.error}><ServerError error={pdf.error} /></Show>
      <QueryView query={orders}>
        {(data) => (
          <DataTable caption={t('orders')} rows={data.items} rowKey={(o) => o.id} emptyText={t('noOrders')} columns={[
            { header: t('orderedAt'), cell: (o) => formatDateTime(o.created_at) },
            { header: t('orderNo'), cell: (o) => o.order_number },
            { header: t('type'), cell: (o) => orderTypeLabel(o.order_type) },
            { header: t('items'), cell: (o) => orderItemsText(o) },
            { header: t('priority'), cell: (o) => <span class="badge" classList={{ 'badge-alert': o.priority !== 'ROUTINE' }}>{priorityLabel(o.priority)}</span> },
            { header: t('status'), cell: (o) => <>{orderStatusLabel(o.order_type, o.status)}<Show when={o.cancelled_reason}><small class="muted"> ({o.cancelled_reason})</small></Show></> },
            { header: t('result'), cell: (o) => o.result_summary ?? '' },
            { header: t('actions'), cell: (o) => (
              <OrderActions order={o} prescription={prescriptionOf(o)} pdfBusy={pdf.isPending && pdfOrder() === o.id}
                onPdf={() => downloadPdf(o)} onDiscontinue={() => ask('discontinue', o)} onCancel={() => ask('cancel', o)} />
            ) },
          ]} />
        )}
      </QueryView>
      <Show when={asking()}>{(a) => (
        <ReasonDialog
          title={t(a().kind === 'discontinue' ? 'discontinueTitle' : 'cancelTitle', { order: a().order.order_number })}
          body={t(a().kind === 'discontinue' ? 'discontinueBody' : 'cancelBody')}
          label={t('reason')} submitLabel={t(a().kind === 'discontinue' ? 'discontinue' : 'cancelOrder')} cancelLabel={t('close')}
          busy={stop.isPending} error={stop.error}
          onSubmit={(reason) => stop.mutate({ ...a(), reason })} onCancel={() => setAsking(null)} />
      )}</Show>
    </Panel>
  );
}
