import { createHash } from 'node:crypto';
import { QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import { writeTransaction } from '../../models/database.js';
import { IMAGE_STATUSES } from '../../lib/constants.js';
import type { ImageType } from '../../lib/constants-clinical.js';
import { WORKLIST_STATUSES } from '../../lib/rules/ris-status.js';
import { QC_STATUSES } from '../../models/image-qc.js';
import type { MedicalImage, MedicalImageAttributes } from '../../models/medical-image.js';
import type { AcquiredFromPacsParams } from '../ris/pacs-link-actions.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import { mergeQc } from './medical-images-qc.js';
import type { MedicalImageAnswer, MedicalImagesMethods, MedicalImagesThis, PacsStudyInfo, StudyRecordInput } from './medical-images-types.js';

/**
 * Keeping one row per PACS study (seed §3.2.1): the `medical-images` methods that create or
 * update a study's row from what an upload or the PACS listener learned, and link it to its RIS
 * entry. Both paths go through `recordStudy`, one study at a time per process, and the unique
 * Study UID (migration 0016) settles a race between processes.
 */

/** Objects that are not images of the patient: they never decide what kind of study it is. */
const NON_IMAGE_MODALITIES = new Set(['SR', 'SEG', 'PR', 'KO', 'REG', 'RTSTRUCT', 'DOC', 'AU', 'ECG']);

/** DICOM modality (PS3.3 C.7.3.1.1.1) → the seed's image_type. */
const IMAGE_TYPE: Record<string, ImageType> = {
  CT: 'CT', MR: 'MRI', DX: 'XRAY', CR: 'XRAY', MG: 'XRAY', RF: 'XRAY', XA: 'XRAY', PX: 'XRAY', US: 'ULTRASOUND',
  XC: 'PHOTO', VL: 'PHOTO', GM: 'PHOTO', ES: 'PHOTO', OT: 'PHOTO', SC: 'PHOTO', SM: 'PATHOLOGY',
};

export function imageTypeOf(modalities: string[]): ImageType {
  const primary = modalities.find((m) => !NON_IMAGE_MODALITIES.has(m)) ?? modalities[0];
  return (primary && IMAGE_TYPE[primary]) || 'XRAY';
}

/** The row as answered: stored columns plus Korean labels. */
export function presentImage(row: MedicalImageAttributes | Record<string, unknown>): MedicalImageAnswer {
  const image = row as MedicalImageAttributes;
  return {
    ...image,
    status_label: IMAGE_STATUSES[image.status] ?? image.status,
    qc_status_label: QC_STATUSES[image.qc_status] ?? image.qc_status,
  };
}

/** patients_patient.id of a chart number (the same lookup the model's create hook does). */
export async function chartIdOf(self: MedicalImagesThis, chartNumber: string): Promise<number | null> {
  const [chart] = await self.db().sequelize.query<{ id: number }>('SELECT id FROM patients_patient WHERE patient_id = ?', {
    replacements: [chartNumber], type: QueryTypes.SELECT,
  });
  return chart?.id ?? null;
}

/**
 * Orthanc's public id of a study: the SHA-1 of `PatientID|StudyInstanceUID` in five dash-separated
 * groups of eight hex digits (Orthanc's DicomInstanceHasher), so the row links to Orthanc's REST
 * resources without asking it.
 */
export function orthancStudyId(patientId: string, studyInstanceUid: string): string {
  const hex = createHash('sha1').update(`${patientId}|${studyInstanceUid}`).digest('hex');
  return hex.match(/.{8}/g)!.join('-');
}

/** The columns an input sets on the study's row; first-time facts only where the row has none yet. */
function columnsFor(input: StudyRecordInput, current: MedicalImageAttributes | null, orthanc: boolean): Partial<MedicalImageAttributes> {
  const firstFacts: Partial<MedicalImageAttributes> = {
    taken_date: input.takenDate ?? new Date(), description: input.description, body_part: input.bodyPart?.slice(0, 64) ?? null,
    department: input.department, image_source: input.imageSource, uploaded_by_id: input.uploadedById,
  };
  const missing = Object.fromEntries(Object.entries(firstFacts).filter(([key, value]) => value != null && current?.[key as keyof MedicalImageAttributes] == null));
  const modality = input.modalities.join(',').slice(0, 32) || current?.modality || null;
  return {
    ...missing,
    study_instance_uid: input.studyInstanceUid,
    ...(orthanc ? { orthanc_id: orthancStudyId(input.chartNumber, input.studyInstanceUid) } : {}),
    accession_number: input.accessionNumber ?? current?.accession_number ?? null,
    modality,
    series_count: input.seriesCount,
    instance_count: input.instanceCount,
    ...mergeQc(current, input.qc),
  };
}

/** Only the columns whose value differs (JSON compared as text), so an unchanged study writes nothing. */
function changedColumns(current: MedicalImageAttributes, next: Partial<MedicalImageAttributes>): Partial<MedicalImageAttributes> {
  const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date
    ? new Date(a as Date).getTime() === new Date(b as Date).getTime()
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null));
  return Object.fromEntries(Object.entries(next).filter(([key, value]) => !same(current[key as keyof MedicalImageAttributes], value)));
}

async function findStudyRow(self: MedicalImagesThis, input: StudyRecordInput, transaction: Transaction): Promise<MedicalImage | null> {
  const { models } = self.db();
  const byUid = await models.MedicalImage.findOne({ where: { study_instance_uid: input.studyInstanceUid }, transaction });
  if (byUid || !input.schedule?.medicalImageId) return byUid;
  // RIS made the row at 촬영완료 with the UID pre-assigned at booking, and the images came with
  // another one: that row is this study's, as long as no images were recorded on it yet.
  const ordered = await models.MedicalImage.findByPk(input.schedule.medicalImageId, { transaction });
  return ordered && ordered.patient_id === input.chartNumber && !ordered.instance_count ? ordered : null;
}

async function writeStudyRow(self: MedicalImagesThis, ctx: CdssContext, input: StudyRecordInput): Promise<MedicalImageAttributes> {
  const { models, sequelize } = self.db();
  const orthanc = runtimeOf(self.broker).config.pacs === 'orthanc';
  const written = await writeTransaction(sequelize, async (transaction): Promise<{ row: MedicalImage; action: 'create' | 'update' | null; changed: string[] }> => {
    const row = await findStudyRow(self, input, transaction);
    if (row) {
      const current = row.get({ plain: true }) as MedicalImageAttributes;
      const changes = changedColumns(current, columnsFor(input, current, orthanc));
      if (Object.keys(changes).length > 0) await row.update(changes, { transaction });
      return { row, action: Object.keys(changes).length > 0 ? 'update' as const : null, changed: Object.keys(changes) };
    }
    const created = await models.MedicalImage.create({
      patient_id: input.chartNumber, image_type: imageTypeOf(input.modalities), status: 'TAKEN',
      ...columnsFor(input, null, orthanc),
    }, { transaction });
    return { row: created, action: 'create' as const, changed: [] };
  }).catch(async (err: Error) => {
    // A lost race on the unique Study UID is retried by the caller; anything else is audited here.
    if (!(err instanceof UniqueConstraintError)) {
      await self.auditAccess(ctx, { actionType: 'update', outcome: 'error', description: `PACS study ${input.studyInstanceUid}: ${err.message}`.slice(0, 500) });
    }
    throw err;
  });
  const plain = written.row.get({ plain: true }) as MedicalImageAttributes;
  if (written.action) {
    await self.auditAccess(ctx, {
      actionType: written.action, resourceId: String(plain.id), patientId: plain.patient_fk_id, outcome: 'success',
      description: (written.action === 'create' ? `PACS study ${plain.study_instance_uid}` : `PACS study: changed ${written.changed.join(', ')}`).slice(0, 500),
    });
  }
  return plain;
}

export const recordMethods: MedicalImagesMethods & ThisType<MedicalImagesThis> = {
  async withStudyLock(studyInstanceUid, work) {
    return this.studyLocks.run(studyInstanceUid, work);
  },

  async studyInfo(ctx, studyInstanceUid) {
    return ctx.call<PacsStudyInfo | null, { studyInstanceUid: string }>('pacs.studyInfo', { studyInstanceUid });
  },

  async recordStudy(ctx, input) {
    return this.withStudyLock(input.studyInstanceUid, async () => {
      let row: MedicalImageAttributes;
      try {
        row = await writeStudyRow(this, ctx, input);
      } catch (err) {
        // Another process inserted the study's row first: this one updates it instead.
        if (!(err instanceof UniqueConstraintError)) throw err;
        row = await writeStudyRow(this, ctx, input);
      }
      const schedule = input.schedule;
      if (schedule && input.accessionNumber && schedule.chartNumber === input.chartNumber && WORKLIST_STATUSES.includes(schedule.status)) {
        await ctx.call<unknown, AcquiredFromPacsParams>('ris.acquiredFromPacs', {
          accessionNumber: input.accessionNumber, studyInstanceUid: input.studyInstanceUid, seriesCount: input.seriesCount || undefined,
          chartNumber: input.chartNumber, medicalImageId: row.id,
        });
        const linked = await this.db().models.MedicalImage.findByPk(row.id);
        if (linked) row = linked.get({ plain: true }) as MedicalImageAttributes;
      }
      return row;
    });
  },
};
