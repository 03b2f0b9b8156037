import type { Transaction } from 'sequelize';
import { computeBill, MAX_BILL_TOTAL, type CareSetting, type ChargeLine, type InsuranceType } from '../../lib/rules/copay.js';
import { feeByCode } from '../../lib/rules/fee-schedule.js';
import { billStatus } from '../../lib/rules/bill-status.js';
import { kstDateOf } from '../../lib/rules/kst-dates.js';
import type { Bill } from '../../models/bill.js';
import type { Models } from '../../models/index.js';
import { invalidField } from '../errors.js';

export interface OrderedItem {
  code: string;
  quantity: number;
}

export interface NewBill {
  patientId: number;
  appointmentId?: string | null;
  careSetting: CareSetting;
  insuranceType: InsuranceType;
  lines: ChargeLine[];
  createdById: number | null;
  /** Defaults to now; the demo seed back-dates past visits. */
  createdAt?: Date;
  /** 진료기간 (KST dates); defaults to the KST day the bill is made. */
  servicePeriod?: { from: string; to: string };
}

/**
 * Prices ordered items from the fee schedule; an unknown code is a 400 naming the line, so a bill
 * is stored whole or not at all.
 */
export function priceItems(items: OrderedItem[]): ChargeLine[] {
  return items.map((item, index) => {
    const fee = feeByCode(item.code);
    if (!fee) invalidField(`items[${index}].code`, `수가표에 없는 코드입니다: ${item.code} (unknown fee code)`);
    return { code: fee.code, name: fee.name, category: fee.category, covered: fee.covered, unitPrice: fee.price, quantity: item.quantity };
  });
}

/** `B20260105-000042`: the KST billing date and the row id, as printed on the receipt. */
export function billNumber(id: number, createdAt: Date): string {
  return `B${kstDateOf(createdAt).replace(/-/g, '')}-${String(id).padStart(6, '0')}`;
}

/**
 * Computes the shares (lib/rules/copay.ts) and stores the bill with its lines inside the caller's
 * transaction. A bill above the cap is a 400.
 */
export async function storeBill(models: Models, transaction: Transaction, input: NewBill): Promise<Bill> {
  let computed: ReturnType<typeof computeBill>;
  try {
    computed = computeBill(input.lines, { insuranceType: input.insuranceType, careSetting: input.careSetting });
  } catch (err) {
    if (err instanceof RangeError) invalidField('items', `진료비 총액은 ${MAX_BILL_TOTAL.toLocaleString('ko-KR')}원을 넘을 수 없습니다 (bill too large)`);
    throw err;
  }
  const { totals } = computed;
  const createdAt = input.createdAt ?? new Date();
  const bill = await models.Bill.create({
    patient_id: input.patientId, appointment_id: input.appointmentId ?? null, care_setting: input.careSetting,
    insurance_type: input.insuranceType, total_amount: totals.total, insurer_amount: totals.insurer, patient_amount: totals.patient,
    paid_amount: 0, refunded_amount: 0, status: billStatus({ patientAmount: totals.patient, paidAmount: 0, refundedAmount: 0 }),
    created_by_id: input.createdById, created_at: createdAt, updated_at: createdAt,
    service_from: input.servicePeriod?.from ?? kstDateOf(createdAt), service_to: input.servicePeriod?.to ?? kstDateOf(createdAt),
  }, { transaction });
  await models.BillItem.bulkCreate(computed.lines.map((line) => ({
    bill_id: bill.id, fee_code: line.code, name: line.name, category: line.category, covered: line.covered,
    unit_price: line.unitPrice, quantity: line.quantity, amount: line.amount, patient_share: line.patientShare, insurer_share: line.insurerShare,
  })), { transaction });
  await bill.update({ bill_number: billNumber(bill.id, createdAt) }, { transaction, silent: true });
  return bill;
}
