import type { Page } from '../../mixins/db.mixin.js';
import type { Allergy } from '../../models/patient.js';
import type { PrescriptionAttributes } from '../../models/prescription.js';
import { FREQUENCIES } from '../../lib/rules/medication-frequency.js';
import type { CdssContext } from '../context.js';

/** seed §4.4 건강 정보: what a patient sees at a glance on the portal's dashboard. */
export interface HealthSummary {
  allergies: Allergy[];
  activeMedications: {
    prescriptionId: number;
    prescribedOn: Date;
    name: string;
    dose: string;
    frequency: string;
    days: number;
    instructions: string | null;
  }[];
  latestVitals: { recordedAt: Date; vitalSigns: Record<string, unknown>; abnormal: unknown[] } | null;
  recentDiagnoses: { recordId: number; visitDate: string; department: string | null; diagnosisCode: string | null; diagnosis: string | null }[];
}

const RECENT_DIAGNOSES = 5;

/**
 * Composes the summary from the actors that own each part, each call in the patient's own scope
 * and audited there: chart (allergies), ACTIVE prescriptions, the latest charted vitals (without
 * nursing notes) and the diagnoses of the latest signed records.
 */
export async function healthSummary(ctx: CdssContext): Promise<HealthSummary> {
  const [patient, prescriptions, vitals, records] = await Promise.all([
    ctx.call<{ allergies?: Allergy[] | null } | null, object>('patients.self', {}),
    ctx.call<Page<PrescriptionAttributes>, object>('prescriptions.mine', { status: 'ACTIVE', page: 1, pageSize: 100 }),
    ctx.call<{ record_date: Date; vital_signs: Record<string, unknown>; abnormal: unknown[] } | null, object>('nursing.latestMine', {}),
    ctx.call<Page<Record<string, unknown>>, object>('records.mine', { page: 1, pageSize: RECENT_DIAGNOSES }),
  ]);
  return {
    allergies: patient?.allergies ?? [],
    activeMedications: prescriptions.items.flatMap((prescription) => (prescription.medications ?? []).map((line) => ({
      prescriptionId: prescription.id,
      prescribedOn: prescription.prescription_date,
      name: line.name,
      dose: `${line.dose}${line.doseUnit}`,
      frequency: FREQUENCIES[line.frequency]?.label ?? line.frequency,
      days: line.days,
      instructions: line.instructions ?? null,
    }))),
    latestVitals: vitals ? { recordedAt: vitals.record_date, vitalSigns: vitals.vital_signs, abnormal: vitals.abnormal } : null,
    recentDiagnoses: records.items.map((record) => ({
      recordId: Number(record.id),
      visitDate: String(record.visit_date),
      department: (record.department as string | null) ?? null,
      diagnosisCode: (record.diagnosis_code as string | null) ?? null,
      diagnosis: (record.diagnosis as string | null) ?? null,
    })),
  };
}
