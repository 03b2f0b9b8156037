import { allergyAlerts } from './allergy-check.js';
import { doseAlerts } from './dose-check.js';
import { interactionAlerts } from './drug-interactions.js';
import { duplicateAlert } from './duplicate-therapy.js';
import { SEVERITY_RANK, type AlertType, type MedicationAlert, type MedicationCheckInput, type ResolvedDrug } from './types.js';

export type {
  AlertSeverity, AlertType, DoseLine, DrugRef, MedicationAlert, MedicationCheckInput, PatientAllergy, ResolvedDrug,
} from './types.js';
export { resolveDrug } from './drug-resolution.js';
export { contrastAllergyAlert } from './allergy-check.js';

/** Within one severity the prescriber reads the patient-specific findings first. */
const TYPE_ORDER: Record<AlertType, number> = { 'drug-allergy': 0, 'drug-drug': 1, 'dose-range': 2, 'duplicate-therapy': 3 };

function pairAlerts(x: ResolvedDrug, y: ResolvedDrug): MedicationAlert[] {
  const duplicate = duplicateAlert(x, y);
  return [...interactionAlerts(x, y), ...(duplicate ? [duplicate] : [])];
}

/**
 * Every alert for the proposed drugs: drug–drug and duplication among themselves and against the
 * active ones, drug–allergy, and dose ranges — most severe first, one alert per key (the most
 * severe, should two rules ever share one). Active drugs are not re-checked against each other:
 * they were checked when they were ordered.
 */
export function checkMedications(input: MedicationCheckInput): MedicationAlert[] {
  const { proposed, active, allergies } = input;
  const found: MedicationAlert[] = [];
  proposed.forEach(({ drug }, i) => {
    for (const other of proposed.slice(i + 1)) found.push(...pairAlerts(drug, other.drug));
    for (const current of active) found.push(...pairAlerts(drug, current));
    found.push(...allergyAlerts(drug, allergies));
  });
  found.push(...doseAlerts(proposed, input.patient?.ageYears));

  const byKey = new Map<string, MedicationAlert>();
  for (const alert of found) {
    const kept = byKey.get(alert.key);
    if (!kept || SEVERITY_RANK[alert.severity] < SEVERITY_RANK[kept.severity]) byKey.set(alert.key, alert);
  }
  return [...byKey.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]
    || a.key.localeCompare(b.key));
}
