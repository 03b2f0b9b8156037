import { Errors, type ServiceActionsSchema } from 'moleculer';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { CdssContext } from '../context.js';
import { presentAnalysis } from './analysis-present.js';
import type { AnalysisAnswer, AnalysisThis } from './analysis-types.js';
import { checkVisualizable, visualizationJson } from './analysis-visualization.js';

const { MoleculerClientError } = Errors;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;

/**
 * The finished analyses of one image for the patient portal. Internal: the portal actor has already
 * established that the image is the patient's own and its reading released (services/roles/patient-ai.ts)
 * and audits the read; staff keep the scoped actions (analysis-actions.ts).
 */
export const portalAnalysisActions: ServiceActionsSchema = {
  doneForImage: {
    permission: 'internal',
    visibility: 'public',
    params: { imageId: id },
    async handler(this: AnalysisThis, ctx: CdssContext<{ imageId: number }>): Promise<AnalysisAnswer[]> {
      const rows = await this.db().models.AIAnalysisResult.findAll({ where: { image_id: ctx.params.imageId, status: 'DONE' }, order: [['id', 'DESC']], limit: 20 });
      return rows.map((r) => presentAnalysis(r.get({ plain: true }) as AIAnalysisResultAttributes));
    },
  },

  visualizationForImage: {
    permission: 'internal',
    visibility: 'public',
    params: { imageId: id, analysisId: id },
    async handler(this: AnalysisThis, ctx: CdssContext<{ imageId: number; analysisId: number }>): Promise<string> {
      const row = await this.db().models.AIAnalysisResult.findByPk(ctx.params.analysisId);
      if (!row || row.image_id !== ctx.params.imageId) {
        throw new MoleculerClientError(`AIAnalysisResult ${ctx.params.analysisId}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
      }
      const plain = row.get({ plain: true }) as AIAnalysisResultAttributes;
      checkVisualizable(plain);
      return visualizationJson(this, ctx, plain);
    },
  },
};
