import type { Transaction } from 'sequelize';
import type { Models } from '../index.js';
import { dosageText, durationText, medicationLines, type PrescriptionItemInput } from '../../lib/rules/prescribing.js';

/** What the demo doctors prescribe for the demo diagnoses (models/demo/korean-names.ts). */
const REGIMENS: Record<string, PrescriptionItemInput[]> = {
  'J18.9': [
    { code: 'AMC625', dose: 1, frequency: 'TID', days: 7, instructions: '식후 30분' },
    { code: 'ERD300', dose: 1, frequency: 'TID', days: 7, instructions: '식후 30분' },
    { code: 'APAP500', dose: 1, frequency: 'PRN', days: 7, instructions: '38°C 이상 발열 시, 하루 4회까지' },
  ],
  'J44.9': [
    { code: 'TIO25', dose: 2, frequency: 'QD', days: 30, instructions: '아침에 흡입' },
    { code: 'BUDFOR160', dose: 1, frequency: 'BID', days: 30, instructions: '흡입 후 입안 헹굼' },
    { code: 'SAL100', dose: 2, frequency: 'PRN', days: 30, instructions: '숨찰 때' },
  ],
  'R91': [{ code: 'DXM15', dose: 1, frequency: 'TID', days: 5, instructions: '기침이 심할 때까지만' }],
  'G44.2': [
    { code: 'APAP500', dose: 1, frequency: 'TID', days: 7, instructions: '식후 30분' },
    { code: 'EPR50', dose: 1, frequency: 'TID', days: 7, instructions: '식후 30분' },
  ],
  'M51.2': [
    { code: 'CXB200', dose: 1, frequency: 'BID', days: 14, instructions: '식후 30분' },
    { code: 'PGB75', dose: 1, frequency: 'BID', days: 14 },
    { code: 'REB100', dose: 1, frequency: 'TID', days: 14, instructions: '식후 30분' },
  ],
  'N63': [{ code: 'APAP500', dose: 1, frequency: 'PRN', days: 5, instructions: '조직검사 후 통증 시' }],
  'K86.1': [
    { code: 'PCL25K', dose: 1, frequency: 'TID', days: 30, instructions: '식사 직후' },
    { code: 'PAN40', dose: 1, frequency: 'QD', days: 30, instructions: '아침 식전' },
  ],
  'K29.7': [
    { code: 'ESO40', dose: 1, frequency: 'QD', days: 28, instructions: '아침 식전' },
    { code: 'REB100', dose: 1, frequency: 'TID', days: 14, instructions: '식후 30분' },
  ],
};

/** The first patients (two per department) get one; derm and benign-breast follow-ups need none. */
const PRESCRIBED_PATIENTS = 10;
/** Demo patient 6's course was stopped, so the lists show both statuses. */
const DISCONTINUED_PATIENT_INDEX = 5;

/**
 * Demo prescriptions, linked to each patient's signed record and dated with it: `patient1` has an
 * ACTIVE one. Demo doctors also get fictitious licence numbers (9xxxx) for the printed 처방전.
 */
export async function seedDemoPrescriptions(models: Models, transaction: Transaction): Promise<number> {
  const doctors = await models.Doctor.findAll({ order: [['id', 'ASC']], transaction });
  for (const doctor of doctors) {
    if (!doctor.license_number) await doctor.update({ license_number: String(90001 + doctor.id) }, { transaction });
  }
  const records = await models.MedicalRecord.findAll({
    where: { status: 'SIGNED' }, order: [['patient_fk_id', 'ASC'], ['id', 'ASC']], limit: PRESCRIBED_PATIENTS, transaction,
  });
  let created = 0;
  for (const [index, record] of records.entries()) {
    // A prescription the seed already wrote for this patient (the MAR's demo course) is linked to
    // the visit instead of adding a second course the ward would have to give.
    const [linked] = await models.Prescription.update({ medical_record_id: record.id }, {
      where: { patient_id: record.patient_fk_id, medical_record_id: null }, transaction,
    });
    if (linked > 0) continue;
    const regimen = REGIMENS[record.diagnosis_code ?? ''];
    const doctor = doctors.find((d) => d.user_id === record.doctor_fk_id);
    if (!regimen || !doctor) continue;
    const lines = medicationLines(regimen);
    const prescribedAt = record.signed_at ?? new Date();
    const discontinued = index === DISCONTINUED_PATIENT_INDEX;
    await models.Prescription.create({
      medical_record_id: record.id, patient_id: record.patient_fk_id, doctor_id: doctor.id, prescription_date: prescribedAt,
      medications: lines, dosage: dosageText(lines), duration: durationText(lines), notes: '데모 데이터 (가상 처방)',
      status: discontinued ? 'DISCONTINUED' : 'ACTIVE',
      discontinued_at: discontinued ? new Date(prescribedAt.getTime() + 86_400_000) : null,
      discontinued_reason: discontinued ? '증상 호전으로 중단' : null,
      discontinued_by_id: discontinued ? doctor.user_id : null,
    }, { transaction });
    created++;
  }
  return created;
}
