import { Op } from 'sequelize';
import type { Models } from '../../models/index.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { Allergy } from '../../models/patient.js';
import { findImagingProcedure } from '../../lib/rules/imaging-procedures.js';
import { findModalityRoom } from '../../lib/rules/ris-rooms.js';
import { worklistAttributes, type WorklistAttributes, type WorklistEntry } from '../../lib/dicom/worklist.js';

/**
 * The worklist items of some schedule entries. The entries were read through the caller's row
 * scope (and audited); the patients and doctors they name are loaded in one query each, and only
 * the columns a modality needs (seed §2.5: basic patient information for the examination).
 */
export async function worklistItems(models: Models, rows: RisScheduleAttributes[]): Promise<Map<number, WorklistAttributes>> {
  const items = new Map<number, WorklistAttributes>();
  if (rows.length === 0) return items;
  const [patients, doctors] = await Promise.all([
    models.Patient.findAll({
      where: { id: { [Op.in]: [...new Set(rows.map((r) => r.patient_id))] } },
      attributes: ['id', 'patient_id', 'name', 'birth_date', 'gender', 'allergies'],
    }),
    models.AuthUser.findAll({
      where: { id: { [Op.in]: [...new Set(rows.map((r) => r.ordering_doctor_id))] } },
      attributes: ['id', 'first_name', 'last_name'],
    }),
  ]);
  const patientById = new Map(patients.map((p) => [p.id, p]));
  const doctorById = new Map(doctors.map((d) => [d.id, d]));
  for (const row of rows) {
    const patient = patientById.get(row.patient_id);
    if (!patient) continue; // a deleted chart has no worklist item
    const doctor = doctorById.get(row.ordering_doctor_id);
    const procedure = findImagingProcedure(row.procedure_code);
    const room = findModalityRoom(row.room);
    const entry: WorklistEntry = {
      scheduleId: row.id,
      accessionNumber: row.accession_number,
      studyInstanceUid: row.study_instance_uid,
      orderNumber: row.order_number,
      priority: row.priority,
      procedure: {
        code: row.procedure_code, name: row.procedure_name, nameEn: procedure?.nameEn ?? row.procedure_name,
        modality: row.modality, bodyPart: row.body_part ?? '', contrast: row.contrast,
      },
      room: { code: row.room, name: room?.name ?? row.room, stationAeTitle: row.station_ae_title },
      scheduledAt: new Date(row.scheduled_at),
      patient: {
        chartNumber: patient.patient_id, name: patient.name, birthDate: patient.birth_date, sex: patient.gender,
        allergies: ((patient.allergies ?? []) as Allergy[]).map((a) => a.substance),
      },
      orderingDoctor: doctor ? { familyName: doctor.last_name ?? '', givenName: doctor.first_name ?? '' } : null,
    };
    items.set(row.id, worklistAttributes(entry, row.status === 'IN_PROGRESS' ? 'STARTED' : 'SCHEDULED'));
  }
  return items;
}
