import { KoreanDocument, koreanDate, koreanDay, won } from '../../lib/documents/pdf.js';
import { CARE_SETTINGS, INSURANCE_TYPES } from '../../lib/rules/copay.js';
import { FEE_CATEGORIES, type FeeCategory } from '../../lib/rules/fee-schedule.js';
import { PAYMENT_KINDS, PAYMENT_METHODS, netPaid, outstanding } from '../../lib/rules/bill-status.js';
import { kstDateTime } from '../../lib/rules/kst-dates.js';
import type { BillAttributes } from '../../models/bill.js';
import type { BillItemAttributes } from '../../models/bill-item.js';
import type { PaymentAttributes } from '../../models/payment.js';
import type { CdssContext, CdssMeta } from '../context.js';
import { HOSPITAL } from '../../lib/documents/hospital.js';

export interface ReceiptInput {
  bill: BillAttributes;
  items: BillItemAttributes[];
  payments: PaymentAttributes[];
  patient: { name: string; patientNumber: string };
  issuedAt: Date;
}

interface CategoryTotals {
  coveredPatient: number;
  coveredInsurer: number;
  uncovered: number;
}

/**
 * Per chapter of the fee schedule, as the 진료비 계산서·영수증 form prints them: the covered
 * lines' patient and insurer parts, and what was charged in full (비급여, or every line when the
 * patient has no insurance).
 */
function totalsByCategory(bill: BillAttributes, items: BillItemAttributes[]): Map<FeeCategory, CategoryTotals> {
  const byCategory = new Map<FeeCategory, CategoryTotals>();
  for (const item of items) {
    const entry = byCategory.get(item.category) ?? { coveredPatient: 0, coveredInsurer: 0, uncovered: 0 };
    if (item.covered && bill.insurance_type !== 'NONE') {
      entry.coveredPatient += item.patient_share;
      entry.coveredInsurer += item.insurer_share;
    } else {
      entry.uncovered += item.amount;
    }
    byCategory.set(item.category, entry);
  }
  return byCategory;
}

/**
 * `2026년 11월 2일` for one day, `2026-11-02 ~ 2026-11-09` for a stay (short enough for its box);
 * bills from before the column existed print their billing day.
 */
function servicePeriodText(bill: BillAttributes): string {
  if (!bill.service_from || !bill.service_to) return koreanDate(bill.created_at);
  if (bill.service_from === bill.service_to) return koreanDay(bill.service_from);
  return `${bill.service_from} ~ ${bill.service_to}`;
}

/** The 진료비 계산서·영수증 of one bill as a PDF (drawn only through lib/documents/pdf.ts). */
export async function renderReceipt({ bill, items, payments, patient, issuedAt }: ReceiptInput): Promise<Buffer> {
  const money = { patientAmount: bill.patient_amount, paidAmount: bill.paid_amount, refundedAmount: bill.refunded_amount };
  const categories = totalsByCategory(bill, items);
  const sum = (pick: (t: CategoryTotals) => number) => [...categories.values()].reduce((total, t) => total + pick(t), 0);
  const doc = new KoreanDocument({ title: '진료비 계산서·영수증', issuer: HOSPITAL.name, issuedAt, number: bill.bill_number ?? String(bill.id) });

  doc.fields([
    ['환자 성명', patient.name],
    ['환자번호', patient.patientNumber],
    ['진료기간', servicePeriodText(bill)],
    ['진료 구분', CARE_SETTINGS[bill.care_setting]],
    ['보험 유형', INSURANCE_TYPES[bill.insurance_type]],
    ['영수증 번호', bill.bill_number ?? String(bill.id)],
  ]);

  // In the form's chapter order, whatever order the lines were entered in.
  const chapterRows = (Object.keys(FEE_CATEGORIES) as FeeCategory[]).flatMap((category) => {
    const t = categories.get(category);
    return t ? [[FEE_CATEGORIES[category], won(t.coveredPatient), won(t.coveredInsurer), won(t.uncovered), won(t.coveredPatient + t.coveredInsurer + t.uncovered)]] : [];
  });
  doc.heading('항목별 진료비');
  doc.table(
    [
      { header: '항목', width: 0.28 },
      { header: '급여 본인부담금', width: 0.18, align: 'right' },
      { header: '급여 공단부담금', width: 0.18, align: 'right' },
      { header: '비급여 (전액본인)', width: 0.18, align: 'right' },
      { header: '합계', width: 0.18, align: 'right' },
    ],
    [
      ...chapterRows,
      ['계', won(sum((t) => t.coveredPatient)), won(sum((t) => t.coveredInsurer)), won(sum((t) => t.uncovered)), won(bill.total_amount)],
    ],
  );

  doc.heading('세부 내역');
  doc.table(
    [
      { header: '코드', width: 0.14 },
      { header: '명칭', width: 0.4 },
      { header: '단가', width: 0.14, align: 'right' },
      { header: '수량', width: 0.08, align: 'right' },
      { header: '금액', width: 0.14, align: 'right' },
      { header: '구분', width: 0.1, align: 'center' },
    ],
    items.map((item) => [item.fee_code, item.name, won(item.unit_price), String(item.quantity), won(item.amount), item.covered ? '급여' : '비급여']),
  );

  doc.heading('합계');
  doc.fields([
    ['진료비 총액', won(bill.total_amount)],
    ['공단부담 총액', won(bill.insurer_amount)],
    ['환자부담 총액', won(bill.patient_amount)],
    ['납부한 금액', won(netPaid(money))],
    ['환불 금액', won(bill.refunded_amount)],
    ['미납액', won(outstanding(money))],
  ]);

  doc.heading('수납 내역');
  doc.table(
    [
      { header: '일시', width: 0.24 },
      { header: '구분', width: 0.12, align: 'center' },
      { header: '결제 수단', width: 0.14, align: 'center' },
      { header: '금액', width: 0.2, align: 'right' },
      { header: '카드 승인번호', width: 0.3, align: 'center' },
    ],
    payments.map((p) => [kstDateTime(p.created_at), PAYMENT_KINDS[p.kind], PAYMENT_METHODS[p.method], won(p.amount), p.approval_number ?? '-']),
  );
  doc.heading('안내');
  doc.paragraph('급여 본인부담금은 10원 미만을 절사하여 산정하였으며, 절사액은 공단이 부담합니다. 이 계산서·영수증은 소득공제 신청에 사용할 수 있습니다.');
  doc.signature([`발행일: ${koreanDate(issuedAt)}`, HOSPITAL.name]);
  return doc.toBuffer();
}

/** Marks the answer as a PDF download; moleculer-web sends the returned Buffer as it is. */
export function answerAsPdf(ctx: CdssContext, filename: string, bytes: Buffer): Buffer {
  const meta = ctx.meta as CdssMeta & { $responseType?: string };
  meta.$responseType = 'application/pdf';
  meta.$responseHeaders = { ...meta.$responseHeaders, 'Content-Disposition': `attachment; filename="${filename}"` };
  return bytes;
}
