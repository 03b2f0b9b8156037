/**
 * contraindicated: a hard stop (the order cannot be signed); major: signed only with an override
 * reason, which is audited; moderate: a warning shown to the prescriber.
 */
export type AlertSeverity = 'contraindicated' | 'major' | 'moderate';
export type AlertType = 'drug-drug' | 'drug-allergy' | 'duplicate-therapy' | 'dose-range';

export interface MedicationAlert {
  /** Stable id of this finding, e.g. 'drug-drug:clarithromycin+simvastatin' (sorted drugs), used to record overrides. */
  key: string;
  severity: AlertSeverity;
  type: AlertType;
  /** Korean first, English second: '와파린과 NSAID 병용: 출혈 위험 증가 (warfarin + NSAID: increased bleeding risk)'. */
  message: string;
  /** Where the rule comes from (a citation a pharmacist can look up). */
  source: string;
  /** The INN ingredients involved (lowercase English). */
  drugs: string[];
}

export interface DrugRef { code?: string; name?: string }

export interface ResolvedDrug {
  /** Formulary code when the drug is on the formulary, else null (a name-only drug such as a home medication). */
  code: string | null;
  /** Display label: the formulary's Korean name, or the INN. */
  label: string;
  /** Lowercase INN ingredients; combination products list each ('amoxicillin', 'clavulanic acid'). */
  ingredients: string[];
  atcCode: string | null;
}

/** One ordered line's dosing: `dose` counts the formulary `doseUnit`; `frequency` is a code of lib/rules/medication-frequency.ts. */
export interface DoseLine { dose: number; frequency: string; days?: number; route?: string }

export interface PatientAllergy { substance: string; reaction?: string; severity?: string }

export interface MedicationCheckInput {
  proposed: { drug: ResolvedDrug; dose?: DoseLine }[];
  /** What the patient already takes (active prescriptions). */
  active: ResolvedDrug[];
  /** patients_patient.allergies as stored: substances are free text in Korean or English ('페니실린', '아스피린', '조영제', 'penicillin', 'sulfa'). */
  allergies: PatientAllergy[];
  patient?: { ageYears?: number | null };
}

/** Most severe first; used to sort alerts and to keep the worse of two findings with one key. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { contraindicated: 0, major: 1, moderate: 2 };

/** `a+b` of the sorted names: the same pair gives the same key whichever drug was ordered first. */
export function pairKey(a: string, b: string): string {
  return [a, b].sort().join('+');
}
