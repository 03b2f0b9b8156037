import { useParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { saveBlob } from '../../shared/api';
import { formatDate, formatDateTime, formatKRW } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { ErrorState } from '../../shared/ui/states';
import { t } from './messages';
import { PaymentForm } from './PaymentForm';
import { RefundForm } from './RefundForm';
import { outstandingOf, type Bill, type Patient, type PaymentRow } from './types';
import { BillStatus } from './ui/BillTable';
import { Loaded } from './ui/Loaded';

/**
 * One bill: its lines with patient and insurer shares, the money (paid, outstanding), payments,
 * and the 진료비 계산서·영수증 as a PDF. A bill holding no money may be cancelled.
 */
export default function BillDetail() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams();
  const id = () => Number(params.id);
  const bill = createQuery(() => ({ queryKey: ['front-desk', 'bill', id()], queryFn: () => api.get<Bill>(`/bills/${id()}`) }));
  const patient = createQuery(() => ({
    queryKey: ['front-desk', 'patient', bill.data?.patient_id],
    queryFn: () => api.get<Patient>(`/patients/${bill.data!.patient_id}`),
    enabled: !!bill.data,
  }));
  // The last payment or refund, announced: the forms themselves come and go with the money.
  const [lastPayment, setLastPayment] = createSignal<PaymentRow | null>(null);
  const [downloading, setDownloading] = createSignal(false);
  const [downloadError, setDownloadError] = createSignal<unknown>(null);
  const download = async (b: Bill) => {
    setDownloading(true);
    setDownloadError(null);
    try {
      saveBlob(await api.blob(`/bills/${b.id}/receipt`), `receipt-${b.bill_number}.pdf`);
    } catch (err) {
      setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  };
  const cancel = createMutation(() => ({
    mutationFn: () => api.post<Bill>(`/bills/${id()}/cancel`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['front-desk'] }),
  }));
  return (
    <Loaded query={bill}>
      {(b) => (
        <>
          <h1>{t('billFor', { number: b().bill_number })} <BillStatus status={b().status} /></h1>
          <p>
            {patient.data ? `${patient.data.name} (${patient.data.patient_id})` : ''} · {t(b().care_setting)} · {t(b().insurance_type)}
            <Show when={b().service_from}> · {t('servicePeriod')} {formatDate(b().service_from)}–{formatDate(b().service_to)}</Show>
          </p>
          <div class="stats">
            <Stat label={t('total')} value={formatKRW(b().total_amount)} />
            <Stat label={t('insurerShare')} value={formatKRW(b().insurer_amount)} />
            <Stat label={t('patientShare')} value={formatKRW(b().patient_amount)} />
            <Stat label={t('paid')} value={formatKRW(b().paid_amount - b().refunded_amount)} tone="ok" />
            <Show when={b().refunded_amount > 0}><Stat label={t('refunded')} value={formatKRW(b().refunded_amount)} /></Show>
            <Stat label={t('outstanding')} value={formatKRW(outstandingOf(b()))} tone={outstandingOf(b()) > 0 ? 'alert' : undefined} />
          </div>
          <Show when={lastPayment()}>{(p) => (
            <p class="notice" role="status">{t(p().kind === 'REFUND' ? 'refundedOk' : 'paidOk', { amount: formatKRW(p().amount) })}</p>
          )}</Show>
          <Panel title={t('lines')}>
            <DataTable caption={t('lines')} rows={b().items ?? []} rowKey={(l) => l.id} columns={[
              { header: t('code'), cell: (l) => l.fee_code },
              { header: t('item'), cell: (l) => l.name },
              { header: t('covered'), cell: (l) => (l.covered ? t('covered') : t('notCovered')) },
              { header: t('unitPrice'), cell: (l) => formatKRW(l.unit_price), numeric: true },
              { header: t('quantity'), cell: (l) => l.quantity, numeric: true },
              { header: t('amount'), cell: (l) => formatKRW(l.amount), numeric: true },
              { header: t('patientShare'), cell: (l) => formatKRW(l.patient_share), numeric: true },
              { header: t('insurerShare'), cell: (l) => formatKRW(l.insurer_share), numeric: true },
            ]} />
          </Panel>
          <Panel title={t('payment')} actions={
            <button type="button" class="secondary" disabled={downloading()} onClick={() => void download(b())}>{downloading() ? t('downloading') : t('receipt')}</button>
          }>
            <Show when={downloadError()}><ErrorState error={downloadError()} /></Show>
            <Show when={b().status !== 'CANCELLED' && outstandingOf(b()) > 0} fallback={<p class="muted">{t('nothingOwed')}</p>}>
              <PaymentForm bill={b()} outstanding={outstandingOf(b())} onPaid={setLastPayment} />
            </Show>
            <h3>{t('ledger')}</h3>
            <DataTable caption={t('ledger')} rows={b().payments ?? []} rowKey={(p) => p.id} emptyText={t('noPayments')} columns={[
              { header: t('when'), cell: (p) => formatDateTime(p.created_at) },
              { header: t('payment'), cell: (p) => t(p.kind) },
              { header: t('method'), cell: (p) => t(p.method) },
              { header: t('amount'), cell: (p) => formatKRW(p.amount), numeric: true },
              { header: t('approvalNumber'), cell: (p) => p.approval_number ?? '' },
              { header: t('refundReason'), cell: (p) => p.reason ?? '' },
            ]} />
            <Show when={b().status === 'OPEN' && b().paid_amount === 0}>
              <Show when={cancel.isError}><ErrorState error={cancel.error} /></Show>
              <button type="button" class="danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>{t('cancelBill')}</button>
            </Show>
          </Panel>
          <Show when={b().status !== 'CANCELLED' && b().paid_amount - b().refunded_amount > 0}>
            <Panel title={t('refund')}>
              <RefundForm bill={b()} onRefunded={setLastPayment} />
            </Panel>
          </Show>
        </>
      )}
    </Loaded>
  );
}
