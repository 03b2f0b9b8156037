import { Errors, type ServiceActionsSchema } from 'moleculer';
import { DEPARTMENT_CODES } from '../../lib/constants.js';
import { dateParam, pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { MedicalImageAttributes } from '../../models/medical-image.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { CdssContext } from '../context.js';
import { downloadImage, downloadParams, type DownloadParams } from './medical-images-download.js';
import { imageListWhere, type ImageFilterParams } from './medical-images-filters.js';
import { presentImage } from './medical-images-records.js';
import type { MedicalImageAnswer, MedicalImagesThis, PacsStudyInfo } from './medical-images-types.js';

/**
 * The staff's image records (seed §7.3, §4.1.3, §4.4.2–4.4.3, §4.5.2): the list with the
 * department filters, one study with its series from the PACS and its QC findings, the
 * radiographer's QC resolution, and the download. Row scopes and audit through the db mixin.
 */

const { MoleculerClientError } = Errors;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const NEWEST_FIRST: [string, string][] = [['taken_date', 'DESC'], ['id', 'DESC']];

export const imageFilterParams = {
  patientId: { type: 'number', integer: true, positive: true, convert: true, optional: true },
  department: { type: 'enum', values: DEPARTMENT_CODES, optional: true },
  modality: { type: 'string', max: 16, optional: true },
  status: { type: 'string', max: 100, optional: true },
  qcStatus: { type: 'string', max: 100, optional: true },
  accessionNumber: { type: 'string', max: 16, optional: true },
  from: { ...dateParam, optional: true },
  to: { ...dateParam, optional: true },
} as const;

/** Labels rows with their patient's name (one scoped, audited `patients.labels` call). */
async function withPatients(ctx: CdssContext, rows: MedicalImageAnswer[]): Promise<(MedicalImageAnswer & { patient: PatientLabel | null })[]> {
  const ids = [...new Set(rows.map((r) => r.patient_fk_id).filter((v): v is number => v != null))];
  const labels = ids.length ? await ctx.call<PatientLabel[], { ids: number[] }>('patients.labels', { ids }) : [];
  const byId = new Map(labels.map((l) => [l.id, l]));
  return rows.map((row) => ({ ...row, patient: row.patient_fk_id != null ? byId.get(row.patient_fk_id) ?? null : null }));
}

/** The study as the PACS has it; null (not an error) when the archive does not answer, so the record still shows. */
async function studyOrNull(self: MedicalImagesThis, ctx: CdssContext, row: MedicalImageAttributes): Promise<PacsStudyInfo | null> {
  if (!row.study_instance_uid) return null;
  try {
    return await self.studyInfo(ctx, row.study_instance_uid);
  } catch (err) {
    if ((err as Errors.MoleculerError).code < 500) throw err;
    self.logger.warn(`PACS did not answer for study ${row.study_instance_uid}:`, (err as Error).message);
    return null;
  }
}

export const imageActions: ServiceActionsSchema = {
  list: {
    rest: 'GET /',
    permission: 'images.read',
    summary: '의료 영상 목록 (환자·진료과·모달리티·상태·QC·기간 필터) / image records: filter by patient, department, modality, status, QC status, dates',
    params: { ...imageFilterParams, ...pagingParams },
    async handler(this: MedicalImagesThis, ctx: CdssContext<ImageFilterParams & PagingParams>) {
      const { page, pageSize, ...filters } = ctx.params;
      const found = await this.scopedFindPage(ctx, { where: imageListWhere(filters), order: NEWEST_FIRST, page, pageSize }, 'image list');
      return { ...found, items: await withPatients(ctx, found.items.map(presentImage)) };
    },
  },

  get: {
    rest: 'GET /:id',
    permission: 'images.read',
    summary: '의료 영상 상세 (시리즈·인스턴스, 품질 검사 결과) / one study: its series and instances from the PACS, QC findings',
    params: { id },
    async handler(this: MedicalImagesThis, ctx: CdssContext<{ id: number }>) {
      const row = await this.scopedFindOne(ctx, ctx.params.id) as unknown as MedicalImageAttributes;
      const [withPatient] = await withPatients(ctx, [presentImage(row)]);
      return { ...withPatient, study: await studyOrNull(this, ctx, row) };
    },
  },

  download: {
    rest: 'GET /:id/download',
    permission: 'images.read',
    summary: '영상 다운로드 (DICOM: 인스턴스 또는 ZIP; PNG/JPEG: 윈도우 레벨 적용) / download: DICOM (one instance, or the series/study as ZIP) or a rendered PNG/JPEG frame',
    params: { id, ...downloadParams },
    async handler(this: MedicalImagesThis, ctx: CdssContext<DownloadParams & { id: number }>) {
      const row = await this.scopedFindOne(ctx, ctx.params.id) as unknown as MedicalImageAttributes;
      return downloadImage(this, ctx, row, ctx.params);
    },
  },

  /**
   * The radiographer has looked at the QC findings (seed §4.4.2 이미지 품질 검사) and signs them
   * off with a note. A study not checked yet (PENDING) may be signed off too; resolving again
   * answers the resolution unchanged; a study that passed has nothing to resolve (409).
   */
  resolveQc: {
    rest: 'POST /:id/qc/resolve',
    permission: 'images.qc',
    summary: '품질 검사 소견 확인 완료 (메모 필수) / resolve a study\'s QC findings with a note',
    params: { id, note: { type: 'string', min: 2, max: 1000, trim: true }, $$strict: true },
    async handler(this: MedicalImagesThis, ctx: CdssContext<{ id: number; note: string }>): Promise<MedicalImageAnswer> {
      const userId = ctx.meta.user!.id;
      const row = await this.scopedUpdate(ctx, ctx.params.id, async (current) => {
        const image = current as unknown as MedicalImageAttributes;
        if (image.qc_status === 'RESOLVED') return {};
        if (image.qc_status === 'PASSED') {
          throw new MoleculerClientError('품질 검사를 통과한 영상입니다: 확인할 소견이 없습니다 (QC passed: nothing to resolve)', 409, 'QC_NOTHING_TO_RESOLVE', { id: image.id });
        }
        return { qc_status: 'RESOLVED', qc_resolved_by_id: userId, qc_resolved_at: new Date(), qc_resolution_note: ctx.params.note };
      });
      return presentImage(row);
    },
  },
};

export type ImagePage = Page<MedicalImageAnswer & { patient: PatientLabel | null }>;
