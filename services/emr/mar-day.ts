import type { Medication, PrescriptionAttributes } from '../../models/prescription.js';
import type { AdministrationStatus, MedicationAdministrationAttributes } from '../../models/medication-administration.js';
import { courseWindow, dueDoses, isAsNeeded, isOverdue, type PrescriptionCourse, type TimeWindow } from '../../lib/rules/medication-schedule.js';

/** The prescription facts the MAR reads. */
export type MarPrescription = Pick<PrescriptionAttributes, 'id' | 'patient_id' | 'prescription_date' | 'medications' | 'status' | 'discontinued_at'>;

/** A charted dose as the MAR stores it. */
export type MarAdministrationRow = Omit<MedicationAdministrationAttributes, 'created_at'>;

/** The drug a dose belongs to: one line of a prescription. */
export interface MarLine {
  patientId: number;
  prescriptionId: number;
  medicationIndex: number;
  code: string;
  drugName: string;
  dose: number;
  doseUnit: string;
  route: Medication['route'];
  frequency: Medication['frequency'];
  instructions: string | null;
}

export interface Charting {
  id: number;
  status: AdministrationStatus;
  administeredAt: string;
  nurseId: number;
  reason: string | null;
  notes: string | null;
}

/** A scheduled dose of the day and what was charted for it (null: not yet). */
export interface DueDose extends MarLine {
  scheduledTime: string;
  status: AdministrationStatus | null;
  charting: Charting | null;
  overdue: boolean;
}

export interface PrnAdministration extends MarLine, Charting {}

export interface MarSummary {
  due: number;
  given: number;
  held: number;
  refused: number;
  overdue: number;
}

export interface MarDay {
  date: string;
  summary: MarSummary;
  items: DueDose[];
  /** PRN lines that may be charted today. */
  prnLines: MarLine[];
  prnAdministrations: PrnAdministration[];
}

export function courseOf(prescription: MarPrescription): PrescriptionCourse {
  return { prescribedAt: prescription.prescription_date, discontinuedAt: prescription.discontinued_at };
}

export function lineOf(prescription: MarPrescription, index: number): MarLine | null {
  const m = prescription.medications?.[index];
  if (!m) return null;
  return {
    patientId: prescription.patient_id, prescriptionId: prescription.id, medicationIndex: index, code: m.code, drugName: m.name,
    dose: m.dose, doseUnit: m.doseUnit, route: m.route, frequency: m.frequency, instructions: m.instructions ?? null,
  };
}

function chartingOf(row: MarAdministrationRow): Charting {
  return { id: row.id, status: row.status, administeredAt: row.administered_at.toISOString(), nurseId: row.nurse_id, reason: row.reason, notes: row.notes };
}

const doseKey = (prescriptionId: number, index: number, time: Date) => `${prescriptionId}/${index}/${time.getTime()}`;

/**
 * One KST day of the MAR: every dose due in `window` with its charting, the PRN lines open that
 * day and the PRN doses charted in it. A charted dose is shown even when it is no longer due (its
 * prescription was discontinued after the charting): nothing on the record disappears.
 */
export function buildMarDay(date: string, window: TimeWindow, prescriptions: MarPrescription[], administrations: MarAdministrationRow[], now: Date): MarDay {
  const byId = new Map(prescriptions.map((p) => [p.id, p]));
  const charted = new Map(administrations.filter((a) => a.scheduled_time).map((a) => [doseKey(a.prescription_id, a.medication_index, a.scheduled_time!), a]));
  const items: DueDose[] = [];
  const prnLines: MarLine[] = [];
  const dueDose = (line: MarLine, time: Date, row: MarAdministrationRow | undefined): DueDose => ({
    ...line, scheduledTime: time.toISOString(), status: row?.status ?? null, charting: row ? chartingOf(row) : null,
    overdue: !row && isOverdue(time, now),
  });

  for (const prescription of prescriptions) {
    (prescription.medications ?? []).forEach((medication, index) => {
      const line = lineOf(prescription, index)!;
      if (isAsNeeded(medication)) {
        const open = courseWindow(courseOf(prescription), medication);
        if (open.start < window.end && open.end > window.start && open.end > open.start) prnLines.push(line);
        return;
      }
      for (const time of dueDoses(courseOf(prescription), medication, window)) {
        const key = doseKey(prescription.id, index, time);
        items.push(dueDose(line, time, charted.get(key)));
        charted.delete(key);
      }
    });
  }
  for (const row of charted.values()) {
    const line = byId.has(row.prescription_id) ? lineOf(byId.get(row.prescription_id)!, row.medication_index) : null;
    if (line) items.push(dueDose(line, row.scheduled_time!, row));
  }
  items.sort((a, b) => a.scheduledTime.localeCompare(b.scheduledTime) || a.patientId - b.patientId || a.prescriptionId - b.prescriptionId || a.medicationIndex - b.medicationIndex);

  const prnAdministrations = administrations
    .filter((a) => !a.scheduled_time && byId.has(a.prescription_id))
    .map((a) => ({ ...lineOf(byId.get(a.prescription_id)!, a.medication_index)!, ...chartingOf(a) }))
    .sort((a, b) => a.administeredAt.localeCompare(b.administeredAt));

  const count = (status: AdministrationStatus) => items.filter((i) => i.status === status).length;
  const summary = { due: items.length, given: count('GIVEN'), held: count('HELD'), refused: count('REFUSED'), overdue: items.filter((i) => i.overdue).length };
  return { date, summary, items, prnLines, prnAdministrations };
}
