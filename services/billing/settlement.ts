import { Op, col, fn } from 'sequelize';
import type { PaymentKind, PaymentMethod } from '../../lib/rules/bill-status.js';
import { kstDateOf, kstDatesBetween, kstDayOf } from '../../lib/rules/kst-dates.js';
import type { Models } from '../../models/index.js';

type ByMethod = Record<PaymentMethod | 'total', { count: number; amount: number }>;

export interface DailySettlement {
  /** The KST calendar day. */
  date: string;
  /** Bills issued that day; cancelled ones are counted apart and not in the amounts. */
  bills: { count: number; cancelled: number; total: number; patient: number; insurer: number };
  payments: ByMethod;
  refunds: ByMethod;
  /** Money kept that day: payments minus refunds, per method and in all. */
  net: Record<PaymentMethod | 'total', number>;
}

export interface DayPayments {
  date: string;
  payments: number;
  refunds: number;
  net: number;
  count: number;
}

const emptyByMethod = (): ByMethod => ({ CARD: { count: 0, amount: 0 }, CASH: { count: 0, amount: 0 }, total: { count: 0, amount: 0 } });

/**
 * 일일 정산 for one KST day: the bills issued that day and the money that moved that day (a
 * payment on yesterday's bill is today's cash). SUM answers a string on MariaDB (DECIMAL), hence
 * Number().
 */
export async function dailySettlement(models: Models, date: string): Promise<DailySettlement> {
  const { start, end } = kstDayOf(date);
  const day = { [Op.gte]: start, [Op.lt]: end };

  const billRows = await models.Bill.findAll({
    attributes: ['status', [fn('COUNT', col('id')), 'count'], [fn('SUM', col('total_amount')), 'total'],
      [fn('SUM', col('patient_amount')), 'patient'], [fn('SUM', col('insurer_amount')), 'insurer']],
    where: { created_at: day },
    group: ['status'],
    raw: true,
  }) as unknown as { status: string; count: unknown; total: unknown; patient: unknown; insurer: unknown }[];
  const bills = { count: 0, cancelled: 0, total: 0, patient: 0, insurer: 0 };
  for (const row of billRows) {
    if (row.status === 'CANCELLED') {
      bills.cancelled += Number(row.count);
      continue;
    }
    bills.count += Number(row.count);
    bills.total += Number(row.total);
    bills.patient += Number(row.patient);
    bills.insurer += Number(row.insurer);
  }

  const moneyRows = await models.Payment.findAll({
    attributes: ['kind', 'method', [fn('COUNT', col('id')), 'count'], [fn('SUM', col('amount')), 'amount']],
    where: { created_at: day },
    group: ['kind', 'method'],
    raw: true,
  }) as unknown as { kind: PaymentKind; method: PaymentMethod; count: unknown; amount: unknown }[];
  const payments = emptyByMethod();
  const refunds = emptyByMethod();
  for (const row of moneyRows) {
    const target = row.kind === 'REFUND' ? refunds : payments;
    for (const key of [row.method, 'total'] as const) {
      target[key].count += Number(row.count);
      target[key].amount += Number(row.amount);
    }
  }
  const net = Object.fromEntries((['CARD', 'CASH', 'total'] as const).map((m) => [m, payments[m].amount - refunds[m].amount])) as DailySettlement['net'];
  return { date, bills, payments, refunds, net };
}

/**
 * Money received per KST day over a range (dashboards, statistics), every day present even when
 * nothing moved. Rows are bucketed here rather than in SQL because the KST date expression
 * differs between SQLite and MariaDB; the range is bounded by the caller.
 */
export async function paymentsPerDay(models: Models, from: string, to: string): Promise<DayPayments[]> {
  const rows = await models.Payment.findAll({
    attributes: ['kind', 'amount', 'created_at'],
    where: { created_at: { [Op.gte]: kstDayOf(from).start, [Op.lt]: kstDayOf(to).end } },
    raw: true,
  });
  const days = new Map(kstDatesBetween(from, to).map((date) => [date, { date, payments: 0, refunds: 0, net: 0, count: 0 }]));
  for (const row of rows) {
    const day = days.get(kstDateOf(new Date(row.created_at)));
    if (!day) continue;
    if (row.kind === 'REFUND') day.refunds += row.amount;
    else {
      day.payments += row.amount;
      day.count += 1;
    }
    day.net = day.payments - day.refunds;
  }
  return [...days.values()];
}
