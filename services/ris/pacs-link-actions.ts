import { Errors, type ServiceActionsSchema } from 'moleculer';
import { removeWorklistFile } from '../../lib/dicom/worklist.js';
import { WORKLIST_STATUSES, type RisStatus } from '../../lib/rules/ris-status.js';
import type { ImageType } from '../../lib/constants-clinical.js';
import type { Department } from '../../lib/constants.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext, SessionUser } from '../context.js';
import { isPacsIngest } from '../pacs/medical-images-identity.js';
import { present } from './schedule-rules.js';
import type { RisThis } from './ris-types.js';

/**
 * How the PACS side meets the RIS (issue #5): images that arrive with an accession number —
 * uploaded by a radiographer or pushed by the modality — complete their schedule entry exactly as
 * 촬영 완료 (`ris.complete`) does: the entry goes 판독대기, the OCS order ACQUIRED, the worklist file
 * is removed, the image row is linked. Entries already past acquisition (or cancelled) are left
 * alone. Internal actions, no REST routes.
 */

const { MoleculerClientError } = Errors;

/** The facts of an accession the PACS side checks an upload against (no clinical content). */
export interface AccessionEntry {
  scheduleId: number;
  orderId: number;
  /** patients_patient.id and its chart number (the DICOM PatientID the images must carry). */
  patientId: number;
  chartNumber: string | null;
  status: RisStatus;
  studyInstanceUid: string;
  medicalImageId: number | null;
  modality: string;
  bodyPart: string | null;
  procedureName: string;
}

export interface AcquiredFromPacsParams {
  accessionNumber: string;
  studyInstanceUid: string;
  seriesCount?: number;
  /** The study's DICOM PatientID: an entry of another patient is refused (409), never linked. */
  chartNumber?: string;
  /** The study's image row, when the PACS side has made it already; otherwise one is made here as 촬영 완료 does. */
  medicalImageId?: number;
}

/** The entry as answered, and whether this call completed it. */
export type AcquiredFromPacsAnswer = Record<string, unknown> & { linked: boolean; studyUidChanged: boolean };

/** DICOM modality → the seed's image_type (as acquisition-actions.ts). */
const IMAGE_TYPE: Record<string, ImageType> = { CT: 'CT', MR: 'MRI', DX: 'XRAY', CR: 'XRAY', MG: 'XRAY', US: 'ULTRASOUND' };
const accessionParam = { type: 'string', min: 1, max: 64, trim: true } as const;

async function entryOf(self: RisThis, accessionNumber: string) {
  const row = await self.db().models.RisSchedule.findOne({ where: { accession_number: accessionNumber } });
  return row ? row.get({ plain: true }) as RisScheduleAttributes : null;
}

async function chartNumberOf(self: RisThis, patientId: number): Promise<string | null> {
  const patient = await self.db().models.Patient.findByPk(patientId, { attributes: ['patient_id'], paranoid: false });
  return patient?.patient_id ?? null;
}

/** The person a PACS-driven step is signed by: the entry's radiographer, else whoever booked it. */
async function responsibleRadiographer(self: RisThis, entry: RisScheduleAttributes): Promise<SessionUser | null> {
  const id = entry.radiographer_id ?? entry.scheduled_by_id;
  if (!id) return null;
  const user = await self.db().models.AuthUser.findByPk(id, { attributes: ['id', 'role', 'username', 'first_name', 'last_name'] });
  if (!user) return null;
  const name = [user.last_name, user.first_name].filter(Boolean).join('') || user.username;
  return { id: user.id, realm: 'staff', role: user.role, name, department: null, patientId: null, staffId: null, sessionId: 'system:pacs-ingest' };
}

export const pacsLinkActions: ServiceActionsSchema = {
  /**
   * The entry of an accession number, whoever's it is: an upload must be refused when its
   * accession belongs to another patient, even one outside the uploader's scope. Audited.
   */
  byAccession: {
    permission: 'internal',
    visibility: 'public',
    params: { accessionNumber: accessionParam },
    async handler(this: RisThis, ctx: CdssContext<{ accessionNumber: string }>): Promise<AccessionEntry | null> {
      const entry = await entryOf(this, ctx.params.accessionNumber);
      if (!entry) return null;
      await this.auditAccess(ctx, {
        actionType: 'read', resourceId: String(entry.id), patientId: entry.patient_id, outcome: 'success', description: `accession ${entry.accession_number} checked for PACS images`,
      });
      return {
        scheduleId: entry.id, orderId: entry.order_id, patientId: entry.patient_id, chartNumber: await chartNumberOf(this, entry.patient_id),
        status: entry.status, studyInstanceUid: entry.study_instance_uid, medicalImageId: entry.medical_image_id, modality: entry.modality,
        bodyPart: entry.body_part, procedureName: entry.procedure_name,
      };
    },
  },

  /**
   * Images of an accession reached the PACS: a 촬영대기 or 촬영중 entry is completed (started
   * first when still waiting) with the caller's ctx. Without a signed-in user (the PACS listener's
   * identity) the step is signed by the entry's radiographer. A Study UID other than the one
   * pre-assigned at booking is accepted — the entry takes the real one, and its notes keep the
   * pre-assigned one. Answers null for an unknown accession.
   */
  acquiredFromPacs: {
    permission: 'internal',
    visibility: 'public',
    params: {
      accessionNumber: accessionParam,
      studyInstanceUid: { type: 'string', min: 1, max: 64 },
      seriesCount: { type: 'number', integer: true, min: 1, max: 10_000, optional: true },
      chartNumber: { type: 'string', min: 1, max: 64, optional: true },
      medicalImageId: { type: 'number', integer: true, positive: true, optional: true },
    },
    async handler(this: RisThis, ctx: CdssContext<AcquiredFromPacsParams>): Promise<AcquiredFromPacsAnswer | null> {
      const { accessionNumber, studyInstanceUid, seriesCount, chartNumber, medicalImageId } = ctx.params;
      const entry = await entryOf(this, accessionNumber);
      if (!entry) return null;
      if (chartNumber !== undefined && (await chartNumberOf(this, entry.patient_id)) !== chartNumber) {
        throw new MoleculerClientError(
          `접수번호 ${accessionNumber}은(는) 다른 환자의 오더입니다 (accession belongs to another patient's order)`, 409, 'ACCESSION_OTHER_PATIENT', { accessionNumber },
        );
      }
      if (!WORKLIST_STATUSES.includes(entry.status)) return { ...present(entry), linked: false, studyUidChanged: false };
      if (isPacsIngest(ctx)) {
        const radiographer = await responsibleRadiographer(this, entry);
        if (!radiographer) {
          this.logger.warn(`PACS study ${studyInstanceUid} for ${accessionNumber}: no radiographer to sign the acquisition; entry left ${entry.status}`);
          return { ...present(entry), linked: false, studyUidChanged: false };
        }
        // A root call: its meta (the radiographer) must not flow back into the listener's context.
        return this.broker.call<AcquiredFromPacsAnswer, AcquiredFromPacsParams>('ris.acquiredFromPacs', ctx.params, {
          meta: { user: radiographer, requestId: ctx.meta.requestId },
        });
      }
      const { models } = this.db();
      const user = ctx.meta.user!;
      const via = `PACS ${accessionNumber}`;
      if (entry.status === 'WAITING') {
        // As `ris.start`: 촬영중, the order in progress.
        const started = await this.moveTo(ctx, entry.id, 'IN_PROGRESS', async (current) => ({
          started_at: new Date(), radiographer_id: current.radiographer_id ?? (user.role === 'radiology_technician' ? user.id : null),
        }));
        await this.transitionOrder(ctx, started, 'IN_PROGRESS', async () => {
          await models.RisSchedule.update({ status: 'WAITING', started_at: null }, { where: { id: started.id, status: 'IN_PROGRESS' } });
        }, { note: `${via} ${started.room}` });
        this.announce(ctx, started, 'WAITING', 'IN_PROGRESS');
      }
      // As `ris.complete`: the image row, 판독대기, the order ACQUIRED, off the worklist.
      const technician = await models.RadiologyTechnician.findOne({ where: { user_id: user.id }, attributes: ['id'] });
      const studyUidChanged = studyInstanceUid !== entry.study_instance_uid;
      let createdImageId: number | null = null;
      let imageId: number | null = null;
      const acquired = await this.moveTo(ctx, entry.id, 'ACQUIRED', async (current, transaction) => {
        const doctor = await models.Doctor.findOne({ where: { user_id: current.ordering_doctor_id }, attributes: ['id', 'department'], transaction });
        const ordered = {
          requested_by_id: doctor?.id ?? null, department: (doctor?.department ?? null) as Department | null, body_part: current.body_part,
          taken_by_id: technician?.id ?? null, accession_number: current.accession_number,
        };
        const now = new Date();
        if (medicalImageId) {
          const image = await models.MedicalImage.findByPk(medicalImageId, { transaction });
          if (!image) throw new MoleculerClientError(`MedicalImage ${medicalImageId}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
          // Only what the upload or the modality did not say.
          const missing = Object.fromEntries(Object.entries(ordered).filter(([key]) => image.get(key) == null));
          await image.update({ ...missing, description: image.description ?? `${current.procedure_name} (${current.accession_number})` }, { transaction });
          imageId = image.id;
        } else {
          const chart = await models.Patient.findByPk(current.patient_id, { attributes: ['patient_id'], paranoid: false, transaction });
          const image = await models.MedicalImage.create({
            ...ordered, patient_id: chart!.patient_id, image_type: IMAGE_TYPE[current.modality] ?? 'XRAY',
            description: `${current.procedure_name} (${current.accession_number})`, taken_date: now, status: 'AWAITING_READ', study_instance_uid: studyInstanceUid,
          }, { transaction });
          imageId = createdImageId = image.id;
        }
        const uidNote = studyUidChanged ? `PACS Study UID가 예약 UID와 다름 (pre-assigned ${current.study_instance_uid})` : null;
        return {
          status: 'AWAITING_READ', acquired_at: now, awaiting_read_at: now, medical_image_id: imageId,
          series_count: seriesCount ?? current.series_count, study_instance_uid: studyInstanceUid,
          notes: [current.notes, uidNote].filter(Boolean).join('\n').slice(0, 1000) || null,
        };
      });
      if (createdImageId) {
        await this.auditAccess(ctx, { actionType: 'create', resourceType: 'MedicalImage', resourceId: String(createdImageId), patientId: acquired.patient_id, outcome: 'success', description: `acquired ${acquired.accession_number} from PACS` });
      }
      await this.transitionOrder(ctx, acquired, 'ACQUIRED', async () => {
        const [reverted] = await models.RisSchedule.update(
          { status: 'IN_PROGRESS', acquired_at: null, awaiting_read_at: null, medical_image_id: null, series_count: entry.series_count, study_instance_uid: entry.study_instance_uid, notes: entry.notes },
          { where: { id: acquired.id, status: 'AWAITING_READ' } },
        );
        if (!reverted) return;
        if (createdImageId) await models.MedicalImage.destroy({ where: { id: createdImageId } });
        else await models.MedicalImage.update({ status: 'TAKEN' }, { where: { id: imageId! } });
      }, { note: `${via}${seriesCount ? ` ${seriesCount} series` : ''}${studyUidChanged ? ` (Study UID ${studyInstanceUid})` : ''}` });
      await removeWorklistFile(this.worklistDir(), acquired.accession_number);
      this.announce(ctx, acquired, 'IN_PROGRESS', 'ACQUIRED');
      this.announce(ctx, acquired, 'ACQUIRED', 'AWAITING_READ');
      return { ...present(acquired), linked: true, studyUidChanged };
    },
  },
};
