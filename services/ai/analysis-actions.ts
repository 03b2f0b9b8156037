import { Errors, type ServiceActionsSchema } from 'moleculer';
import { INFERENCE_PRIORITIES } from '../../lib/ai/job-queue.js';
import { normaliseBodyPart, type CardChoice } from '../../lib/ai/pipeline/registry.js';
import { PIPELINE_IDS, type PatientContext } from '../../lib/ai/pipeline/types.js';
import { pagingParams, type PagingParams } from '../../lib/http/paging.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { MedicalImageAnswer, PacsStudyInfo } from '../pacs/medical-images.service.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { CdssContext } from '../context.js';
import { loadedCards } from './analysis-infer.js';
import { planAnalyses } from './analysis-plan.js';
import { presentAnalysis } from './analysis-present.js';
import { queueAnalyses } from './analysis-jobs.js';
import type { AnalysisAnswer, AnalysisRequest, AnalysisThis, AnalyzeParams } from './analysis-types.js';
import { checkVisualizable, visualizationJson } from './analysis-visualization.js';

/**
 * The AI analysis API under /medical-images (issue #6, seed §7.3 POST /medical-images/:id/analyze):
 * ask for an analysis of a study (answered at once, the work queued), read an image's analyses,
 * and the 3-D view of one. The image is always read through `medical-images.get` with the
 * caller's own context, so its row scope and audit decide who may ask about it.
 */

const { MoleculerClientError } = Errors;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const uid = { type: 'string', min: 1, max: 64, pattern: /^[0-9]+(\.[0-9]+)*$/ } as const;
type ImageWithStudy = MedicalImageAnswer & { patient: PatientLabel | null; study: PacsStudyInfo | null };

/** The image, in the caller's scope (404 outside it, audited by medical-images). */
const scopedImage = (ctx: CdssContext, imageId: number) => ctx.call<ImageWithStudy, { id: number }>('medical-images.get', { id: imageId });

async function cardsOrUnavailable(ctx: CdssContext): Promise<CardChoice[]> {
  const cards = await loadedCards(ctx).catch((err: Errors.MoleculerError) => {
    throw new MoleculerClientError(`AI 추론을 사용할 수 없습니다 (inference unavailable): ${err.message}`, 503, 'AI_UNAVAILABLE', { retryAfter: 30 });
  });
  if (cards.length === 0) throw new MoleculerClientError('불러온 AI 모델이 없습니다 (no AI model loaded)', 503, 'AI_UNAVAILABLE', { retryAfter: 30 });
  return cards;
}

/** What the request and the caller's view of the chart tell the pipeline about the patient. */
function requestedPatient(params: AnalyzeParams, label: PatientLabel | null): Partial<PatientContext> {
  const sex = label?.gender === 'M' || label?.gender === 'F' ? label.gender : undefined;
  return Object.fromEntries(Object.entries({
    ageYears: label?.age ?? undefined, sex, lungContext: params.lungContext, lungRisk: params.lungRisk, priorBirads: params.priorBirads,
  }).filter(([, v]) => v !== undefined && v !== null));
}

export const analysisActions: ServiceActionsSchema = {
  analyze: {
    rest: 'POST /:id/analyze',
    permission: 'ai.analyze',
    summary: 'AI 영상 분석 요청 (진료과 파이프라인; 202, 백그라운드 실행) / queue a department AI analysis of a study: answered 202 with the QUEUED rows',
    params: {
      id,
      pipeline: { type: 'enum', values: [...PIPELINE_IDS], optional: true },
      seriesInstanceUid: { ...uid, optional: true },
      sopInstanceUid: { ...uid, optional: true },
      priority: { type: 'enum', values: [...INFERENCE_PRIORITIES], optional: true },
      lungContext: { type: 'enum', values: ['incidental', 'screening'], optional: true },
      lungRisk: { type: 'enum', values: ['low', 'high'], optional: true },
      priorBirads: { type: 'string', pattern: /^(0|1|2|3|4|4A|4B|4C|5|6)$/, optional: true },
      $$strict: true,
    },
    async handler(this: AnalysisThis, ctx: CdssContext<AnalyzeParams>): Promise<{ analyses: AnalysisAnswer[] }> {
      const image = await scopedImage(ctx, ctx.params.id);
      if (!image.study) {
        throw new MoleculerClientError('영상이 아직 PACS에 없습니다 (the study has no images in the PACS yet)', 409, 'STUDY_NOT_IN_PACS', { id: image.id });
      }
      const cards = await cardsOrUnavailable(ctx);
      const { pipeline, seriesInstanceUid, sopInstanceUid } = ctx.params;
      const plans = planAnalyses(image.study, cards, normaliseBodyPart(image.body_part, image.department), { pipeline, seriesInstanceUid, sopInstanceUid });
      const request = (bodyPart: string | null): AnalysisRequest => ({
        bodyPart, ...(sopInstanceUid ? { sopInstanceUid } : {}), patient: requestedPatient(ctx.params, image.patient),
      });
      const rows = await queueAnalyses(this, ctx, image, plans.map((plan) => ({ plan, request: request(plan.bodyPart) })), {
        trigger: 'manual', priority: ctx.params.priority, requestedBy: ctx.meta.user!.id,
      });
      ctx.meta.$statusCode = 202;
      return { analyses: rows.map(presentAnalysis) };
    },
  },

  list: {
    rest: 'GET /:id/analyze',
    permission: 'images.read',
    summary: 'AI 분석 결과 목록 (최신 순; 상태, 소견, 권고, 결과 JSON) / an image\'s AI analyses, newest first, with status and results',
    params: { id, ...pagingParams },
    async handler(this: AnalysisThis, ctx: CdssContext<{ id: number } & PagingParams>) {
      await scopedImage(ctx, ctx.params.id);
      const { page, pageSize } = ctx.params;
      const found = await this.scopedFindPage(ctx, { where: { image_id: ctx.params.id }, order: [['id', 'DESC']], page, pageSize }, `AI analyses of image ${ctx.params.id}`);
      return { ...found, items: found.items.map(presentAnalysis) };
    },
  },

  models: {
    rest: { method: 'GET', basePath: '/ai', path: '/models' },
    permission: 'images.read',
    summary: 'AI 모델 카드 (용도, 한계, 임상 사용 여부, 버전) / the loaded AI model cards: intended use, limitations, clinical use, version',
    async handler(this: AnalysisThis, ctx: CdssContext) {
      const cards = await cardsOrUnavailable(ctx);
      return {
        items: cards.map(({ card, source }) => ({
          id: card.id, version: card.version, name: card.name, origin: card.origin, task: card.task, modality: card.modality,
          bodyPart: card.bodyPart, department: card.department, pipeline: card.pipeline, labels: card.labels,
          intendedUse: card.intendedUse, limitations: card.limitations, clinicalUse: card.clinicalUse, references: card.references,
          sha256: card.sha256, source,
        })),
      };
    },
  },

  visualization: {
    rest: 'GET /:id/analyze/:analysisId/visualization',
    permission: 'images.read',
    summary: 'AI 분석 3D 시각화 (Plotly 그림 JSON: 분할 표면 mesh3d + 세 단면) / the 3-D view of an analysis: a Plotly figure from the stored SEG',
    params: { id, analysisId: id },
    async handler(this: AnalysisThis, ctx: CdssContext<{ id: number; analysisId: number }>): Promise<string> {
      const row = await this.scopedFindOne(ctx, ctx.params.analysisId) as unknown as AIAnalysisResultAttributes;
      if (row.image_id !== ctx.params.id) {
        throw new MoleculerClientError(`AIAnalysisResult ${ctx.params.analysisId}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
      }
      checkVisualizable(row);
      const json = await visualizationJson(this, ctx, row);
      ctx.meta.$responseType = 'application/json; charset=utf-8';
      return json;
    },
  },
};
