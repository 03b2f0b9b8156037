import { Op, type WhereOptions } from 'sequelize';
import { IMAGE_STATUSES, type Department } from '../../lib/constants.js';
import type { ImageSource, ImageStatus, ImageType } from '../../lib/constants-clinical.js';
import { isCalendarDate, kstDayOf } from '../../lib/rules/kst-dates.js';
import { QC_STATUS_CODES, type QcStatus } from '../../models/image-qc.js';
import { invalidField } from '../errors.js';

/**
 * The filters of the image lists (seed §4.1.3 환자별·진료과별 이미지 조회): patient, department,
 * modality, status, QC status, accession and the day range of the study, as one WHERE.
 */

/**
 * seed §4.1.3 진료과별 특화 이미지: a department sees the studies it requested and those of its
 * body region — 호흡기내과 the chest (폐 CT), 신경외과 head and spine (뇌 CT/MRI), 유방외과 the
 * breast (유방 MRI), 소화기내과 the abdomen (복부 CT/MRI), 피부과 skin photographs (camera, app).
 */
const DEPARTMENT_IMAGES: Record<Department, { bodyParts: string[]; imageTypes?: ImageType[]; sources?: ImageSource[] }> = {
  PULMONOLOGY: { bodyParts: ['CHEST', 'LUNG', 'THORAX'] },
  NEUROSURGERY: { bodyParts: ['HEAD', 'BRAIN', 'SKULL', 'SPINE', 'CSPINE', 'TSPINE', 'LSPINE'] },
  BREAST_SURGERY: { bodyParts: ['BREAST'] },
  GASTROENTEROLOGY: { bodyParts: ['ABDOMEN', 'ABDOMENPELVIS', 'PANCREAS', 'LIVER'] },
  DERMATOLOGY: { bodyParts: ['SKIN'], imageTypes: ['PHOTO', 'DERMOSCOPY'], sources: ['CAMERA', 'MOBILE_APP'] },
};

/** A DICOM modality code → the seed's image_type, for rows recorded before their images arrived. */
const TYPE_OF_MODALITY: Record<string, ImageType> = { CT: 'CT', MR: 'MRI', DX: 'XRAY', CR: 'XRAY', MG: 'XRAY', US: 'ULTRASOUND', XC: 'PHOTO', SM: 'PATHOLOGY' };

export interface ImageFilterParams {
  patientId?: number;
  department?: Department;
  modality?: string;
  status?: string;
  qcStatus?: string;
  accessionNumber?: string;
  from?: string;
  to?: string;
}

/** A comma list of codes, each one of `allowed` (400 naming the field otherwise). */
function codeList<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (value === undefined) return undefined;
  const codes = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const unknown = codes.filter((c) => !(allowed as readonly string[]).includes(c));
  if (codes.length === 0 || unknown.length > 0) invalidField(field, `알 수 없는 값입니다: ${unknown.join(', ') || value} (one of ${allowed.join(', ')})`);
  return codes as T[];
}

function dayBound(field: string, value: string | undefined): { start: Date; end: Date } | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) invalidField(field, `존재하지 않는 날짜입니다: ${value} (not a calendar date)`);
  return kstDayOf(value);
}

export function departmentCondition(department: Department): WhereOptions {
  const rule = DEPARTMENT_IMAGES[department];
  return {
    [Op.or]: [
      { department },
      { body_part: rule.bodyParts },
      ...(rule.imageTypes ? [{ image_type: rule.imageTypes }] : []),
      ...(rule.sources ? [{ image_source: rule.sources }] : []),
    ],
  };
}

/** One modality among a study's comma-separated modalities, or the image type of a row without them. */
function modalityCondition(modality: string): WhereOptions {
  const code = modality.trim().toUpperCase();
  if (!/^[A-Z0-9]{1,16}$/.test(code)) invalidField('modality', `DICOM 모달리티 코드가 아닙니다: ${modality} (not a DICOM modality code)`);
  const byType = TYPE_OF_MODALITY[code];
  return {
    [Op.or]: [
      { modality: { [Op.or]: [{ [Op.eq]: code }, { [Op.like]: `${code},%` }, { [Op.like]: `%,${code}` }, { [Op.like]: `%,${code},%` }] } },
      ...(byType ? [{ modality: null, image_type: byType }] : []),
    ],
  };
}

export function imageListWhere(params: ImageFilterParams): WhereOptions {
  const conditions: WhereOptions[] = [];
  if (params.patientId) conditions.push({ patient_fk_id: params.patientId });
  if (params.department) conditions.push(departmentCondition(params.department));
  if (params.modality) conditions.push(modalityCondition(params.modality));
  const statuses = codeList<ImageStatus>('status', params.status, Object.keys(IMAGE_STATUSES) as ImageStatus[]);
  if (statuses) conditions.push({ status: statuses });
  const qcStatuses = codeList<QcStatus>('qcStatus', params.qcStatus, QC_STATUS_CODES);
  if (qcStatuses) conditions.push({ qc_status: qcStatuses });
  if (params.accessionNumber) conditions.push({ accession_number: params.accessionNumber.trim() });
  const from = dayBound('from', params.from);
  const to = dayBound('to', params.to);
  if (from || to) {
    conditions.push({ taken_date: { ...(from ? { [Op.gte]: from.start } : {}), ...(to ? { [Op.lt]: to.end } : {}) } });
  }
  return { [Op.and]: conditions };
}
