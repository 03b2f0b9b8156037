import { Errors, type ServiceActionsSchema } from 'moleculer';
import { INFERENCE_PRIORITIES } from '../../lib/ai/job-queue.js';
import { normaliseBodyPart, type CardChoice } from '../../lib/ai/pipeline/registry.js';
import { PIPELINE_IDS, type PatientContext, type PipelineId } from '../../lib/ai/pipeline/types.js';
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
import { checkOverlayable, overlayInfo, overlayPng, type OverlayInfo, type OverlayRequest } from './analysis-overlay.js';
import { checkVisualizable, visualizationJson } from './analysis-visualization.js';

/**
 * The AI analysis API under /medical-images (issue #6, seed §7.3 POST /medical-images/:id/analyze):
 * ask for an analysis of a study (answered at once, the work queued), read an image's analyses,
 * a patient's analyses across images (the breast work-up: ultrasound → MRI → pathology), and the
 * 3-D view and 2-D overlay preview of one. The image is always read through
 * `medical-images.get` with the caller's own context, so its row scope and audit decide who may
 * ask about it; an analysis is read with its own row scope and audit (404 outside it).
 */

const { MoleculerClientError } = Errors;

const id = { type: 'number', integer: true, positive: true, convert: true } as const;
const uid = { type: 'string', min: 1, max: 64, pattern: /^[0-9]+(\.[0-9]+)*$/ } as const;
type ImageWithStudy = MedicalImageAnswer & { patient: PatientLabel | null; study: PacsStudyInfo | null };

/** The image, in the caller's scope (404 outside it, audited by medical-images). */
const scopedImage = (ctx: CdssContext, imageId: number) => ctx.call<ImageWithStudy, { id: number }>('medical-images.get', { id: imageId });

/** An analysis of the image, in the caller's scope (404 outside it or when it belongs to another image; audited). */
async function scopedAnalysis(self: AnalysisThis, ctx: CdssContext, imageId: number, analysisId: number): Promise<AIAnalysisResultAttributes> {
  const row = await self.scopedFindOne(ctx, analysisId) as unknown as AIAnalysisResultAttributes;
  if (row.image_id !== imageId) {
    throw new MoleculerClientError(`AIAnalysisResult ${analysisId}을(를) 찾을 수 없습니다 (not found)`, 404, 'NOT_FOUND');
  }
  return row;
}

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

/** `pipeline=breast-ultrasound,breast-mri` → the ids; a 400 names any that is not a pipeline. */
function pipelineList(value: string | undefined): PipelineId[] | null {
  if (!value) return null;
  const ids = [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))];
  const unknown = ids.filter((v) => !(PIPELINE_IDS as readonly string[]).includes(v));
  if (unknown.length || ids.length === 0) {
    throw new MoleculerClientError(`알 수 없는 파이프라인입니다 (unknown pipeline): ${unknown.join(', ') || value}; ${PIPELINE_IDS.join(', ')}`, 400, 'BAD_PIPELINE', { unknown });
  }
  return ids as PipelineId[];
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

  listForPatient: {
    rest: { method: 'GET', basePath: '/ai-analysis', path: '/patients/:patientId/analyses' },
    permission: 'images.read',
    summary: '환자의 AI 분석 결과 (영상 전체, 최신 순; pipeline=쉼표로 나눈 파이프라인, 예: 유방 초음파 → MRI → 병리 단계) / a patient\'s AI analyses across images, newest first; `pipeline` narrows to a comma-separated list (the breast work-up)',
    params: {
      patientId: id,
      pipeline: { type: 'string', max: 200, optional: true },
      ...pagingParams,
      $$strict: true,
    },
    async handler(this: AnalysisThis, ctx: CdssContext<{ patientId: number; pipeline?: string } & PagingParams>) {
      const { patientId, page, pageSize } = ctx.params;
      const pipelines = pipelineList(ctx.params.pipeline);
      await ctx.call('patients.get', { id: patientId }); // 404 (audited) outside the caller's scope
      const where = { patient_fk_id: patientId, ...(pipelines ? { pipeline_id: pipelines } : {}) };
      const found = await this.scopedFindPage(ctx, { where, order: [['analysis_date', 'DESC'], ['id', 'DESC']], page, pageSize },
        `AI analyses of patient ${patientId}${pipelines ? ` (${pipelines.join(',')})` : ''}`);
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
      const row = await scopedAnalysis(this, ctx, ctx.params.id, ctx.params.analysisId);
      checkVisualizable(row);
      const json = await visualizationJson(this, ctx, row);
      ctx.meta.$responseType = 'application/json; charset=utf-8';
      return json;
    },
  },

  overlay: {
    rest: 'GET /:id/analyze/:analysisId/overlay',
    permission: 'images.read',
    summary: 'AI 분석 2D 겹쳐 보기 (PNG: 원본 슬라이스를 회색조로, 분할된 소견을 색으로; slice 없으면 가장 큰 소견이 가장 큰 슬라이스) / the 2-D overlay preview of an analysis: one slice in grey with the stored SEG\'s segments in colour, as image/png (X-Overlay-Slice, X-Overlay-Slices headers)',
    params: {
      id, analysisId: id,
      slice: { type: 'number', integer: true, min: 0, max: 100_000, convert: true, optional: true },
      windowCenter: { type: 'number', convert: true, optional: true },
      windowWidth: { type: 'number', positive: true, convert: true, optional: true },
      $$strict: true,
    },
    async handler(this: AnalysisThis, ctx: CdssContext<{ id: number; analysisId: number } & OverlayRequest>): Promise<Buffer> {
      const row = await scopedAnalysis(this, ctx, ctx.params.id, ctx.params.analysisId);
      checkOverlayable(row);
      const { slice, sliceCount, png } = await overlayPng(this, ctx, row, ctx.params);
      ctx.meta.$responseType = 'image/png';
      ctx.meta.$responseHeaders = { ...ctx.meta.$responseHeaders, 'X-Overlay-Slice': String(slice), 'X-Overlay-Slices': String(sliceCount) };
      return png;
    },
  },

  overlayInfo: {
    rest: 'GET /:id/analyze/:analysisId/overlay/info',
    permission: 'images.read',
    summary: 'AI 분석 2D 겹쳐 보기 안내 (슬라이스 수, 소견이 있는 슬라이스, 처음 보일 슬라이스, 분할 색) / what the overlay preview steps through: the slice count, the slices with findings, the default slice and each segment\'s label and colour',
    params: { id, analysisId: id },
    async handler(this: AnalysisThis, ctx: CdssContext<{ id: number; analysisId: number }>): Promise<OverlayInfo> {
      const row = await scopedAnalysis(this, ctx, ctx.params.id, ctx.params.analysisId);
      checkOverlayable(row);
      return overlayInfo(this, ctx, row);
    },
  },
};
