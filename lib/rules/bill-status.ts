/**
 * A bill's status is derived from its money, never set by hand: what the patient owes
 * (patient_amount), what was taken (paid_amount) and given back (refunded_amount). Only
 * cancelling is a decision, and only a bill with nothing kept may be cancelled.
 */
export const BILL_STATUSES = {
  OPEN: '미수납',
  PARTIALLY_PAID: '부분 수납',
  PAID: '수납 완료',
  REFUNDED: '환불',
  CANCELLED: '취소',
} as const;
export type BillStatus = keyof typeof BILL_STATUSES;

export const PAYMENT_METHODS = { CARD: '카드', CASH: '현금' } as const;
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

export const PAYMENT_KINDS = { PAYMENT: '수납', REFUND: '환불' } as const;
export type PaymentKind = keyof typeof PAYMENT_KINDS;

export interface BillMoney {
  patientAmount: number;
  paidAmount: number;
  refundedAmount: number;
}

/** What the patient has paid and kept (수납액 − 환불액). */
export function netPaid(bill: BillMoney): number {
  return bill.paidAmount - bill.refundedAmount;
}

/** What the patient still owes (미수납액). */
export function outstanding(bill: BillMoney): number {
  return Math.max(0, bill.patientAmount - netPaid(bill));
}

/**
 * The status the money says: fully refunded, paid in full (a bill the patient owes nothing on is
 * paid from the start, e.g. 의료급여 1종 입원), partly paid, or open.
 */
export function billStatus(bill: BillMoney): Exclude<BillStatus, 'CANCELLED'> {
  const net = netPaid(bill);
  if (bill.refundedAmount > 0 && net === 0 && bill.patientAmount > 0) return 'REFUNDED';
  if (net >= bill.patientAmount) return 'PAID';
  return net > 0 ? 'PARTIALLY_PAID' : 'OPEN';
}

/** Why a payment of `amount` cannot be taken, or null. */
export function paymentProblem(bill: BillMoney, amount: number): string | null {
  const owed = outstanding(bill);
  if (owed === 0) return '미수납액이 없습니다 (nothing is owed on this bill)';
  if (amount > owed) return `수납액 ${amount}원이 미수납액 ${owed}원을 넘습니다 (over-payment)`;
  return null;
}

/**
 * Why a refund of `amount` by `method` cannot be given, or null: never more than was paid and
 * not yet refunded, in total and by that method (card payments are refunded by card cancellation,
 * cash in cash, so the day's drawer and card totals stay true).
 */
export function refundProblem(bill: BillMoney, amount: number, keptByMethod: number): string | null {
  const kept = netPaid(bill);
  if (amount > kept) return `환불액 ${amount}원이 환불 가능액 ${kept}원을 넘습니다 (refund exceeds what was paid)`;
  if (amount > keptByMethod) return `환불액 ${amount}원이 이 결제 수단으로 받은 금액 ${keptByMethod}원을 넘습니다 (refund exceeds what was paid by this method)`;
  return null;
}
