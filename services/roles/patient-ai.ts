import { Errors, type ServiceActionsSchema } from 'moleculer';
import type { Page } from '../../mixins/db.mixin.js';
import type { AnalysisAnswer } from '../ai/analysis-types.js';
import { audit } from '../../mixins/audit.js';
import type { CdssContext } from '../context.js';

const { MoleculerClientError } = Errors;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;

/** What a suspicion level means for the patient reading it (Korean first). */
const PLAIN_WORDS: Record<number, string> = {
  0: 'AI가 특별한 이상 소견을 찾지 못했습니다 (the AI found nothing notable)',
  1: 'AI가 작은 소견을 찾았습니다. 경과 관찰이 권고될 수 있습니다 (a small finding; follow-up may be advised)',
  2: 'AI가 추가 검사가 필요할 수 있는 소견을 찾았습니다 (a finding that may need further tests)',
  3: 'AI가 빠른 추가 검사가 권고되는 소견을 찾았습니다 (a finding that calls for prompt further tests)',
};
const NOT_A_DIAGNOSIS = 'AI 결과는 참고용이며 진단이 아닙니다. 결과의 의미는 담당 의사와 상담하세요 (AI results are not a diagnosis: talk them over with your doctor)';

/**
 * AI results are shown only for an image of the patient's own released reports (the reports actor
 * scopes `mine` to the patient); anything else is 404, audited as denied. Answers the chart id.
 */
async function refuseUnlessReleased(ctx: CdssContext, imageId: number): Promise<number> {
  const released = await ctx.call<Page<{ patient_id: number }>, object>('radiology-reports.mine', { imageId, page: 1, pageSize: 1 });
  const report = released.items[0];
  const facts = { actionType: 'read' as const, resourceType: 'AIAnalysisResult', resourceId: `image:${imageId}` };
  if (!report) {
    await audit(ctx, { ...facts, outcome: 'denied', description: 'AI results of an image without a released report' });
    throw new MoleculerClientError('판독 결과가 공개된 영상의 AI 결과만 볼 수 있습니다 (AI results are shown once the doctor has released the report)', 404, 'NOT_RELEASED');
  }
  await audit(ctx, { ...facts, outcome: 'success', patientId: report.patient_id, description: 'AI results read in the portal' });
  return report.patient_id;
}

/**
 * `/api/v1/portal/images/{id}/analyses…`: the AI results of one of my studies in plain words, once
 * the doctor has released its radiology report — never before, and never another patient's (the
 * image and analysis actors scope and audit every read as they do for staff).
 */
export const portalAiActions: ServiceActionsSchema = {
  imageAnalyses: {
    rest: 'GET /images/:id/analyses',
    permission: 'portal.self',
    summary: '내 영상의 AI 분석 결과 (쉬운 말로; 판독 공개 후) / the AI results of one of my studies in plain words, after the report is released',
    params: { id },
    async handler(ctx: CdssContext<{ id: number }>) {
      await refuseUnlessReleased(ctx, ctx.params.id);
      const done = await ctx.call<AnalysisAnswer[], object>('ai-analysis.doneForImage', { imageId: ctx.params.id });
      return {
        notice: NOT_A_DIAGNOSIS,
        items: done.map((a) => ({
          id: a.id,
          pipelineName: a.pipeline_name,
          analysisType: a.analysis_type,
          has3d: a.has3d,
          analysedAt: a.analysis_date,
          plain: PLAIN_WORDS[a.suspicion ?? 0] ?? PLAIN_WORDS[0],
          findings: a.findings,
          recommendations: a.recommendations,
          notForClinicalUse: Boolean((a.results as { notForClinicalUse?: boolean } | null)?.notForClinicalUse),
        })),
      };
    },
  },

  imageAnalysisVisualization: {
    rest: 'GET /images/:id/analyses/:analysisId/visualization',
    permission: 'portal.self',
    summary: '내 영상 AI 분석 3D 보기 (판독 공개 후) / the 3-D view of one of my analyses, after the report is released',
    params: { id, analysisId: id },
    async handler(ctx: CdssContext<{ id: number; analysisId: number }>) {
      await refuseUnlessReleased(ctx, ctx.params.id);
      const json = await ctx.call<string, object>('ai-analysis.visualizationForImage', { imageId: ctx.params.id, analysisId: ctx.params.analysisId });
      ctx.meta.$responseType = 'application/json; charset=utf-8';
      return json;
    },
  },
};
