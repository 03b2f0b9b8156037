import type { ServiceActionsSchema } from 'moleculer';
import type { MedicalImageAttributes } from '../../models/medical-image.js';
import type { CdssContext } from '../context.js';
import { presentImage } from './medical-images-records.js';
import type { MedicalImageAnswer, MedicalImagesThis } from './medical-images-types.js';

/**
 * What an AI analysis changes on the study's image row (issue #6): a study still 촬영완료 (TAKEN —
 * images that came without a RIS order move no further on their own) is 판독대기 once a department
 * pipeline has looked at it, so it reaches the radiologists' list. Studies already further on
 * (판독대기, 판독중, 판독완료, moved by RIS) are left as they are.
 */

export interface AiAnalysedParams {
  id: number;
  analysisId: number;
}

export const aiActions: ServiceActionsSchema = {
  /** TAKEN → AWAITING_READ after an analysis is done; answers the row (unchanged when it was further on). */
  aiAnalysed: {
    permission: 'internal',
    visibility: 'public',
    params: { id: { type: 'number', integer: true, positive: true }, analysisId: { type: 'number', integer: true, positive: true } },
    async handler(this: MedicalImagesThis, ctx: CdssContext<AiAnalysedParams>): Promise<MedicalImageAnswer | null> {
      const { models } = this.db();
      const [moved] = await models.MedicalImage.update({ status: 'AWAITING_READ' }, { where: { id: ctx.params.id, status: 'TAKEN' } });
      const row = await models.MedicalImage.findByPk(ctx.params.id);
      if (!row) return null;
      const image = row.get({ plain: true }) as MedicalImageAttributes;
      if (moved) {
        await this.auditAccess(ctx, {
          actionType: 'update', resourceId: String(image.id), patientId: image.patient_fk_id, outcome: 'success',
          description: `AI analysis ${ctx.params.analysisId} done: TAKEN → AWAITING_READ`,
        });
      }
      return presentImage(image);
    },
  },
};
