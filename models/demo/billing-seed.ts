import type { Transaction } from 'sequelize';
import type { CareSetting, InsuranceType } from '../../lib/rules/copay.js';
import { billStatus } from '../../lib/rules/bill-status.js';
import { priceItems, storeBill } from '../../services/billing/bill-store.js';
import type { Models } from '../index.js';

/** Demo insurance by patient number (1-based, seed order); everyone else has 건강보험. */
const DEMO_INSURANCE: Record<number, InsuranceType> = { 2: 'MEDICAL_AID_1', 3: 'MEDICAL_AID_2', 4: 'NONE' };

interface DemoBill {
  patient: number;
  careSetting: CareSetting;
  items: [code: string, quantity: number][];
  /** What was paid at the desk, as [method, amount]; 'ALL' pays the whole patient share. */
  paid: ['CARD' | 'CASH', number | 'ALL'][];
}

/** Today's bills at the front desk: open, partly paid and paid, across insurance types. */
const TODAY: DemoBill[] = [
  { patient: 6, careSetting: 'OUTPATIENT', items: [['AA254', 1], ['B1010', 1], ['B4031', 1]], paid: [['CARD', 'ALL']] },
  { patient: 2, careSetting: 'OUTPATIENT', items: [['AA254', 1], ['G2101', 1]], paid: [['CASH', 'ALL']] },
  { patient: 3, careSetting: 'OUTPATIENT', items: [['AA154', 1], ['EB441', 1], ['HA311', 1]], paid: [['CARD', 10_000]] },
  { patient: 11, careSetting: 'OUTPATIENT', items: [['AA254', 1], ['E7611', 1], ['EZ760', 1]], paid: [] },
];

/**
 * Demo billing: insurance for every demo patient, a paid outpatient bill for patient1's past
 * visit (so the portal's receipt page has something to show), and a few of today's bills.
 * Runs inside the demo seed's transaction, after the patients and their appointments exist.
 */
export async function seedDemoBilling(models: Models, transaction: Transaction, frontDeskUserId: number): Promise<void> {
  const patients = await models.Patient.findAll({ order: [['id', 'ASC']], attributes: ['id'], transaction });
  const insuranceOf = (n: number): InsuranceType => DEMO_INSURANCE[n] ?? 'NHI';
  await models.PatientInsurance.bulkCreate(patients.map((patient, index) => {
    const type = insuranceOf(index + 1);
    return {
      patient_id: patient.id, insurance_type: type, updated_by_id: frontDeskUserId, valid_from: '2020-01-01',
      insurer: type === 'NHI' ? '국민건강보험공단' : type === 'NONE' ? null : '서울특별시 (의료급여)',
      card_number: type === 'NONE' ? null : `9${String(patient.id).padStart(10, '0')}`,
    };
  }), { transaction });

  const patient1 = patients[0].id;
  const pastVisit = await models.Appointment.findOne({ where: { patient_id: patient1, status: 'COMPLETED' }, transaction });
  const visitEnd = new Date((pastVisit?.start_time ?? new Date()).getTime() + 40 * 60_000);
  const bills: (DemoBill & { createdAt?: Date; appointmentId?: string | null })[] = [
    {
      patient: 1, careSetting: 'OUTPATIENT', items: [['AA154', 1], ['G2101', 1], ['B1010', 1], ['B4031', 1]], paid: [['CARD', 'ALL']],
      createdAt: visitEnd, appointmentId: pastVisit?.id ?? null,
    },
    ...TODAY,
  ];
  for (const demo of bills) {
    const patientId = patients[demo.patient - 1].id;
    const createdAt = demo.createdAt ?? new Date();
    const bill = await storeBill(models, transaction, {
      patientId, appointmentId: demo.appointmentId, careSetting: demo.careSetting, insuranceType: insuranceOf(demo.patient),
      lines: priceItems(demo.items.map(([code, quantity]) => ({ code, quantity }))), createdById: frontDeskUserId, createdAt,
    });
    let paid = 0;
    for (const [method, amount] of demo.paid) {
      const value = amount === 'ALL' ? bill.patient_amount - paid : amount;
      await models.Payment.create({
        bill_id: bill.id, kind: 'PAYMENT', method, amount: value, received_by_id: frontDeskUserId, created_at: createdAt,
        approval_number: method === 'CARD' ? `DEMO${String(bill.id).padStart(6, '0')}` : null,
      }, { transaction });
      paid += value;
    }
    await bill.update({ paid_amount: paid, status: billStatus({ patientAmount: bill.patient_amount, paidAmount: paid, refundedAmount: 0 }) },
      { transaction, silent: true });
  }
}
