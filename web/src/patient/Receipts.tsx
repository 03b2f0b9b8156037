import { createQuery } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate, formatKRW } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable, Pagination } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { t, type MessageKey } from './messages';
import type { Page, Receipt } from './types';
import { DownloadButton } from './ui/DownloadButton';
import { LinkNotice } from './ui/LinkNotice';
import { StatusBadge } from './ui/StatusBadge';

const PAGE_SIZE = 20;
const period = (r: Receipt) => (r.service_from === r.service_to ? formatDate(r.service_from) : `${formatDate(r.service_from)} – ${formatDate(r.service_to)}`);

/** `/patient/receipts`: my bills (what the insurer and I pay, what I paid) and each 영수증 PDF. */
export default function Receipts() {
  const { api } = useApp();
  const [page, setPage] = createSignal(1);
  const receipts = createQuery(() => ({
    queryKey: ['portal', 'receipts', page()],
    queryFn: () => api.get<Page<Receipt>>('/portal/receipts', { page: page(), pageSize: PAGE_SIZE }),
  }));
  return (
    <>
      <h1>{t('receipts')}</h1>
      <LinkNotice />
      <Panel title={t('receipts')}>
        <QueryView query={receipts}>
          {(d) => (
            <>
              <DataTable caption={t('receipts')} rows={d.items} rowKey={(r) => r.id} emptyText={t('noReceipts')} columns={[
                { header: t('servicePeriod'), cell: period },
                { header: t('billNumber'), cell: (r) => r.bill_number },
                { header: t('careSetting'), cell: (r) => t(r.care_setting as MessageKey) },
                { header: t('total'), numeric: true, cell: (r) => formatKRW(r.total_amount) },
                { header: t('insurer'), numeric: true, cell: (r) => formatKRW(r.insurer_amount) },
                { header: t('patientShare'), numeric: true, cell: (r) => formatKRW(r.patient_amount) },
                { header: t('paid'), numeric: true, cell: (r) => formatKRW(Number(r.paid_amount) - Number(r.refunded_amount)) },
                { header: t('status'), cell: (r) => <StatusBadge code={r.status} /> },
                {
                  header: t('receiptPdf'),
                  cell: (r) => <DownloadButton label={t('receiptPdf')} context={r.bill_number} filename={`영수증-${r.bill_number}.pdf`} fetch={() => api.blob(`/portal/receipts/${r.id}/pdf`)} />,
                },
              ]} />
              <Show when={d.total > PAGE_SIZE}><Pagination page={page()} pageSize={PAGE_SIZE} total={d.total} onPage={setPage} /></Show>
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
