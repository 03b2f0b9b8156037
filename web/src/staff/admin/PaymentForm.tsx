import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { Bill, PaymentRow } from './types';

/**
 * Takes a card or cash payment; the amount starts at what is owed (the page announces the payment:
 * this form goes away once nothing is owed). Over-payment and the like are
 * the server's 400, shown as it words them, with the amount left as typed.
 */
export function PaymentForm(props: { bill: Bill; outstanding: number; onPaid: (payment: PaymentRow) => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [method, setMethod] = createSignal<'CARD' | 'CASH'>('CARD');
  const [amount, setAmount] = createSignal(String(props.outstanding));
  const [approval, setApproval] = createSignal('');
  // A new outstanding amount (after a payment) is the next suggestion.
  createEffect(on(() => props.outstanding, (owed) => setAmount(String(owed)), { defer: true }));
  const pay = createMutation(() => ({
    mutationFn: () => api.post<{ bill: Bill; payment: PaymentRow }>(`/bills/${props.bill.id}/payments`, {
      method: method(), amount: Number(amount()), ...(method() === 'CARD' && approval().trim() ? { approvalNumber: approval().trim() } : {}),
    }),
    onSuccess: (d) => { setApproval(''); props.onPaid(d.payment); void client.invalidateQueries({ queryKey: ['front-desk'] }); },
  }));
  const fieldError = (key: string) => (pay.error instanceof ApiError ? pay.error.fieldErrors[key] : undefined);
  return (
    <form onSubmit={(e) => { e.preventDefault(); pay.mutate(); }}>
      <div class="form-row">
        <Field label={t('method')}>{(id) => (
          <select id={id} value={method()} onChange={(e) => setMethod(e.currentTarget.value as 'CARD')}>
            <For each={['CARD', 'CASH'] as const}>{(m) => <option value={m}>{t(m)}</option>}</For>
          </select>
        )}</Field>
        <TextField label={`${t('amount')} (₩)`} type="number" min="1" step="1" inputMode="numeric" value={amount()} onInput={(e) => setAmount(e.currentTarget.value)} error={fieldError('amount')} />
        <Show when={method() === 'CARD'}>
          <TextField label={t('approvalNumber')} value={approval()} onInput={(e) => setApproval(e.currentTarget.value)} error={fieldError('approvalNumber')} />
        </Show>
      </div>
      <Show when={pay.isError && !fieldError('amount')}><p class="field-error" role="alert">{(pay.error as Error).message}</p></Show>
      <button type="submit" disabled={pay.isPending}>{pay.isPending ? t('paying') : t('pay')}</button>
    </form>
  );
}
