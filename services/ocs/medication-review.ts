import { Errors } from 'moleculer';
import {
  checkMedications, contrastAllergyAlert, resolveDrug,
  type DoseLine, type DrugRef, type MedicationAlert, type PatientAllergy, type ResolvedDrug,
} from '../../lib/rules/medication-safety/index.js';
import type { PrescriptionAttributes, Medication } from '../../models/prescription.js';
import type { SignedAlert } from '../../models/ocs-order.js';
import type { CdssContext } from '../context.js';

const { MoleculerClientError } = Errors;

/** A drug to check: a formulary code or a generic name, with the dose when it is being ordered. */
export type MedicationToCheck = DrugRef & Partial<DoseLine>;

export interface Override {
  key: string;
  reason: string;
}

/** What the checks need to know of a patient: allergies, age and what they already take. */
export interface PatientMedicationContext {
  allergies: PatientAllergy[];
  ageYears: number | null;
  active: ResolvedDrug[];
}

/**
 * The patient's allergies as stored: a list of `{ substance, reaction, severity }`, or — in rows
 * typed by hand before that shape — free text, one substance per comma.
 */
function allergiesOf(value: unknown): PatientAllergy[] {
  if (Array.isArray(value)) return value.filter((a) => a && typeof a.substance === 'string') as PatientAllergy[];
  if (typeof value === 'string' && value.trim()) return value.split(/[,;\n]/).map((s) => ({ substance: s.trim() })).filter((a) => a.substance);
  return [];
}

/**
 * Reads the patient (404, audited, outside the caller's scope) and their active prescriptions,
 * with the caller's context so both reads are scoped and audited as the caller's.
 */
export async function patientMedicationContext(ctx: CdssContext, patientId: number): Promise<{ patient: Record<string, unknown>; context: PatientMedicationContext }> {
  const patient = await ctx.call<Record<string, unknown>, { id: number }>('patients.get', { id: patientId });
  const active = await ctx.call<PrescriptionAttributes[], { patientIds: number[] }>('prescriptions.active', { patientIds: [patientId] });
  const drugs = active.flatMap((p) => (p.medications as Medication[] | null) ?? []).map((line) => resolveDrug({ code: line.code }))
    .filter((d): d is ResolvedDrug => d !== undefined);
  return { patient, context: { allergies: allergiesOf(patient.allergies), ageYears: typeof patient.age === 'number' ? patient.age : null, active: drugs } };
}

/** Resolves codes and names; unknown ones are refused together (400), each naming its field. */
export function resolveAll(medications: MedicationToCheck[], field = 'medications'): { drug: ResolvedDrug; dose?: DoseLine }[] {
  const problems: { field: string; message: string }[] = [];
  const resolved = medications.map((m, index) => {
    const drug = resolveDrug({ code: m.code, name: m.name });
    if (!drug) problems.push({ field: `${field}[${index}]`, message: `약품을 찾을 수 없습니다: ${m.code ?? m.name} (unknown drug)` });
    const dose = m.dose !== undefined && m.frequency !== undefined ? { dose: m.dose, frequency: m.frequency, days: m.days, route: m.route } : undefined;
    return { drug: drug!, ...(dose ? { dose } : {}) };
  });
  if (problems.length) throw new MoleculerClientError(problems.map((p) => p.message).join(' '), 400, 'VALIDATION_ERROR', problems);
  return resolved;
}

export function reviewMedications(context: PatientMedicationContext, proposed: { drug: ResolvedDrug; dose?: DoseLine }[]): MedicationAlert[] {
  return checkMedications({ proposed, active: context.active, allergies: context.allergies, patient: { ageYears: context.ageYears } });
}

export function reviewContrast(context: PatientMedicationContext): MedicationAlert[] {
  const alert = contrastAllergyAlert(context.allergies);
  return alert ? [alert] : [];
}

/**
 * The signing rule: a contraindicated alert is a hard stop; a major one needs the prescriber's
 * reason (an override, kept with the order and audited); a moderate one is a warning. Refusals are
 * 422 with the alerts in `details`, so the order screen can show them and ask for reasons.
 */
export function signAlerts(alerts: MedicationAlert[], overrides: Override[] = []): SignedAlert[] {
  const stops = alerts.filter((a) => a.severity === 'contraindicated');
  if (stops.length) {
    throw new MoleculerClientError(
      `병용·투여 금기로 처방할 수 없습니다: ${stops.map((a) => a.message).join('; ')} (contraindicated)`, 422, 'MEDICATION_CONTRAINDICATED', { alerts: stops },
    );
  }
  const reasons = new Map(overrides.map((o) => [o.key, o.reason.trim()]));
  const unexplained = alerts.filter((a) => a.severity === 'major' && !reasons.get(a.key));
  if (unexplained.length) {
    throw new MoleculerClientError(
      `중대한 경고에 대한 처방 사유가 필요합니다: ${unexplained.map((a) => a.message).join('; ')} (override reason required)`, 422, 'OVERRIDE_REQUIRED', { alerts: unexplained },
    );
  }
  return alerts.map((a) => (a.severity === 'major' ? { ...a, overrideReason: reasons.get(a.key)! } : { ...a }));
}
