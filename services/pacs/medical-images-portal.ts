import type { ServiceActionsSchema } from 'moleculer';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { MedicalImageAttributes } from '../../models/medical-image.js';
import type { CdssContext } from '../context.js';
import { downloadImage, downloadParams, type DownloadParams } from './medical-images-download.js';
import { presentImage } from './medical-images-records.js';
import type { MedicalImagesThis } from './medical-images-types.js';

/**
 * The patient's own images in the portal (seed §4.3.3 내 의료 이미지: 조회, 다운로드), called by the
 * portal actor with the patient's ctx: the row scope `self` keeps them to their own chart, and
 * another patient's study is a 404 like a missing one. Staff-only columns (notes, QC, who did
 * what) are not answered.
 */

const PATIENT_COLUMNS = ['id', 'image_type', 'description', 'taken_date', 'department', 'body_part', 'modality', 'series_count',
  'instance_count', 'status', 'accession_number', 'created_at', 'patient_fk_id'];
const id = { type: 'number', integer: true, positive: true, convert: true } as const;

function forPatient(row: Record<string, unknown>) {
  const { qc_status: _qc, qc_status_label: _label, patient_fk_id: _patient, ...rest } = presentImage(row) as unknown as Record<string, unknown>;
  return rest;
}

export const portalActions: ServiceActionsSchema = {
  mine: {
    permission: 'portal.self',
    visibility: 'public',
    params: { ...pagingParams },
    async handler(this: MedicalImagesThis, ctx: CdssContext<PagingParams>) {
      const found = await this.scopedFindPage(ctx, {
        order: [['taken_date', 'DESC'], ['id', 'DESC']], attributes: PATIENT_COLUMNS, page: ctx.params.page, pageSize: ctx.params.pageSize,
      }, 'my images');
      return { ...found, items: found.items.map(forPatient) };
    },
  },

  mineDownload: {
    permission: 'portal.self',
    visibility: 'public',
    params: { id, ...downloadParams },
    async handler(this: MedicalImagesThis, ctx: CdssContext<DownloadParams & { id: number }>) {
      const row = await this.scopedFindOne(ctx, ctx.params.id) as unknown as MedicalImageAttributes;
      return downloadImage(this, ctx, row, ctx.params);
    },
  },
};
