import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { formatKRW } from '../../shared/i18n';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { Bill, PaymentRow } from './types';

type Method = 'CARD' | 'CASH';

/** What was paid by a method and not yet given back: the most a refund by that method may be. */
export const keptBy = (bill: Bill, method: Method) =>
  (bill.payments ?? []).filter((p) => p.method === method).reduce((sum, p) => sum + (p.kind === 'PAYMENT' ? p.amount : -p.amount), 0);

/**
 * 환불: part or all of what was paid, by the method it was paid with (a card refund is a card
 * cancellation), with a reason. The limits are shown up front, but the server decides: a refund
 * above what was kept, or without a reason, is its 400, shown as it words it, with the form as typed.
 */
export function RefundForm(props: { bill: Bill; onRefunded: (refund: PaymentRow) => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  // The method most of the money came by is the likely one.
  const [method, setMethod] = createSignal<Method>(keptBy(props.bill, 'CASH') > keptBy(props.bill, 'CARD') ? 'CASH' : 'CARD');
  const [amount, setAmount] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [approval, setApproval] = createSignal('');
  const refund = createMutation(() => ({
    mutationFn: () => api.post<{ bill: Bill; refund: PaymentRow }>(`/bills/${props.bill.id}/refunds`, {
      method: method(), amount: Number(amount()), reason: reason().trim(),
      ...(method() === 'CARD' && approval().trim() ? { approvalNumber: approval().trim() } : {}),
    }),
    onSuccess: (d) => {
      setAmount(''); setReason(''); setApproval('');
      props.onRefunded(d.refund);
      void client.invalidateQueries({ queryKey: ['front-desk'] });
    },
  }));
  const fieldError = (key: string) => (refund.error instanceof ApiError ? refund.error.fieldErrors[key] : undefined);
  return (
    <form onSubmit={(e) => { e.preventDefault(); refund.mutate(); }} aria-label={t('refund')}>
      <p class="muted">{t('refundable', { card: formatKRW(keptBy(props.bill, 'CARD')), cash: formatKRW(keptBy(props.bill, 'CASH')) })}</p>
      <div class="form-row">
        <Field label={t('refundMethod')}>{(id) => (
          <select id={id} value={method()} onChange={(e) => setMethod(e.currentTarget.value as Method)}>
            <For each={['CARD', 'CASH'] as const}>{(m) => <option value={m}>{t(m)}</option>}</For>
          </select>
        )}</Field>
        <TextField label={`${t('refundAmount')} (₩)`} type="number" min="1" step="1" inputMode="numeric" value={amount()}
          onInput={(e) => setAmount(e.currentTarget.value)} error={fieldError('amount')} />
        <Show when={method() === 'CARD'}>
          <TextField label={t('refundApproval')} value={approval()} onInput={(e) => setApproval(e.currentTarget.value)} error={fieldError('approvalNumber')} />
        </Show>
      </div>
      <TextField label={`${t('refundReason')} (${t('required')})`} hint={t('refundReasonHint')} value={reason()}
        onInput={(e) => setReason(e.currentTarget.value)} error={fieldError('reason')} />
      <Show when={refund.isError && !fieldError('amount') && !fieldError('reason')}>
        <p class="field-error" role="alert">{(refund.error as Error).message}</p>
      </Show>
      <button type="submit" class="danger" disabled={refund.isPending}>{refund.isPending ? t('refunding') : t('doRefund')}</button>
    </form>
  );
}
