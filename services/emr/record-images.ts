import { Op, type Transaction } from 'sequelize';
import type { Models } from '../../models/index.js';
import { invalidField } from '../errors.js';

/** What a record shows of each related image: enough to find it in the viewer. */
const IMAGE_SUMMARY = ['id', 'image_type', 'body_part', 'description', 'taken_date', 'status', 'study_instance_uid', 'orthanc_id'] as const;

/**
 * The images a medical record refers to (seed §3.3.1 `related_images`). Images are keyed to the
 * chart number, so a record may link only images of its own patient.
 */
export async function assertImagesOfPatient(models: Models, chartNumber: string, imageIds: number[]): Promise<void> {
  const unique = [...new Set(imageIds)];
  if (unique.length === 0) return;
  const found = await models.MedicalImage.findAll({ where: { id: unique, patient_id: chartNumber }, attributes: ['id'] });
  const missing = unique.filter((id) => !found.some((image) => image.id === id));
  if (missing.length) invalidField('relatedImageIds', `이 환자의 영상이 아닙니다: ${missing.join(', ')} (not images of this patient)`);
}

/** Replaces the record's image links with `imageIds`. */
export async function linkImages(models: Models, recordId: number, imageIds: number[], transaction: Transaction): Promise<void> {
  await models.MedicalRecordRelatedImage.destroy({ where: { medical_record_id: recordId }, transaction });
  const unique = [...new Set(imageIds)];
  if (unique.length) {
    await models.MedicalRecordRelatedImage.bulkCreate(unique.map((id) => ({ medical_record_id: recordId, medicalimage_id: id })), { transaction });
  }
}

/** The linked images of a record, oldest first. */
export async function imagesOf(models: Models, recordId: number, transaction?: Transaction): Promise<Record<string, unknown>[]> {
  const links = await models.MedicalRecordRelatedImage.findAll({ where: { medical_record_id: recordId }, attributes: ['medicalimage_id'], transaction });
  if (links.length === 0) return [];
  const images = await models.MedicalImage.findAll({
    where: { id: links.map((l) => l.medicalimage_id) }, attributes: [...IMAGE_SUMMARY], order: [['taken_date', 'ASC'], ['id', 'ASC']], transaction,
  });
  return images.map((image) => image.get({ plain: true }) as unknown as Record<string, unknown>);
}

/**
 * Images a doctor should look at: those they requested or of their department, read by a
 * radiologist (READ, the report is back) or still waiting to be read, newest first.
 */
export async function imagesAwaitingReview(models: Models, doctorId: number, department: string | null): Promise<Record<string, unknown>[]> {
  const images = await models.MedicalImage.findAll({
    where: {
      status: { [Op.in]: ['AWAITING_READ', 'READING', 'READ'] },
      [Op.or]: [{ requested_by_id: doctorId }, ...(department ? [{ department }] : [])],
    },
    attributes: [...IMAGE_SUMMARY, 'patient_id', 'updated_at'],
    order: [['updated_at', 'DESC'], ['id', 'DESC']],
    limit: 20,
  });
  return images.map((image) => image.get({ plain: true }) as unknown as Record<string, unknown>);
}
