import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable } from '../../../shared/ui/DataTable';
import { QueryView } from '../../../shared/ui/states';
import { orderItemsText } from '../orders/format';
import { orderStatusLabel, orderTypeLabel, priorityLabel } from '../orders/labels';
import type { Order, Page } from '../types';
import { t } from './messages';

/** The patient's orders (prescriptions, labs, imaging), newest first, with each department's status. */
export function OrdersTab(props: { patientId: number }) {
  const { api } = useApp();
  const orders = createQuery(() => ({
    queryKey: ['doctor', 'orders', props.patientId],
    queryFn: () => api.get<Page<Order>>('/ocs/orders', { patientId: props.patientId, sort: 'newest', pageSize: 50 }),
  }));
  return (
    <Panel title={t('orders')}>
      <QueryView query={orders}>
        {(data) => (
          <DataTable caption={t('orders')} rows={data.items} rowKey={(o) => o.id} emptyText={t('noOrders')} columns={[
            { header: t('orderedAt'), cell: (o) => formatDateTime(o.created_at) },
            { header: t('orderNo'), cell: (o) => o.order_number },
            { header: t('type'), cell: (o) => orderTypeLabel(o.order_type) },
            { header: t('items'), cell: (o) => orderItemsText(o) },
            { header: t('priority'), cell: (o) => <span class="badge" classList={{ 'badge-alert': o.priority !== 'ROUTINE' }}>{priorityLabel(o.priority)}</span> },
            { header: t('status'), cell: (o) => orderStatusLabel(o.order_type, o.status) },
            { header: t('result'), cell: (o) => o.result_summary ?? '' },
          ]} />
        )}
      </QueryView>
    </Panel>
  );
}
