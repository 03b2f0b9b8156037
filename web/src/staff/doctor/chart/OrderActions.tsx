import { Show } from 'solid-js';
import type { Order, Prescription } from '../types';
import { t } from './messages';

/** Statuses from which the OCS state machine (lib/rules/order-status.ts) still allows a cancel. */
export function cancellable(order: Order): boolean {
  return order.status === 'PENDING' || order.status === 'SCHEDULED' || (order.status === 'IN_PROGRESS' && order.order_type !== 'IMAGING');
}

/**
 * What the doctor can do with one order: the 처방전 PDF of a prescription, stopping a prescription
 * still active (which also withdraws it from the pharmacy if not yet dispensed), and cancelling a
 * lab or imaging order that has not been worked yet.
 */
export function OrderActions(props: {
  order: Order;
  prescription?: Prescription;
  pdfBusy: boolean;
  onPdf: () => void;
  onDiscontinue: () => void;
  onCancel: () => void;
}) {
  const o = () => props.order;
  return (
    <div class="form-actions">
      <Show when={o().order_type === 'PRESCRIPTION' && o().prescription_id}>
        <button type="button" class="secondary" disabled={props.pdfBusy} aria-busy={props.pdfBusy}
          aria-label={t('rxPdfNamed', { order: o().order_number })} onClick={() => props.onPdf()}>
          {props.pdfBusy ? t('generating') : t('rxPdf')}
        </button>
        <Show when={props.prescription?.status === 'ACTIVE'} fallback={
          <Show when={props.prescription?.status === 'DISCONTINUED'}>
            <span class="badge badge-alert" title={props.prescription?.discontinued_reason ?? ''}>{t('discontinued')}</span>
          </Show>
        }>
          <button type="button" class="secondary" aria-label={t('discontinueNamed', { order: o().order_number })} onClick={() => props.onDiscontinue()}>{t('discontinue')}</button>
        </Show>
      </Show>
      <Show when={o().order_type !== 'PRESCRIPTION' && cancellable(o())}>
        <button type="button" class="secondary" aria-label={t('cancelNamed', { order: o().order_number })} onClick={() => props.onCancel()}>{t('cancelOrder')}</button>
      </Show>
    </div>
  );
}
