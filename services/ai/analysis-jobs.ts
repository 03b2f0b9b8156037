import type { ServiceActionsSchema } from 'moleculer';
import { Op } from 'sequelize';
import { normaliseBodyPart } from '../../lib/ai/pipeline/registry.js';
import type { InferencePriority } from '../../lib/ai/job-queue.js';
import type { AIAnalysisResultAttributes, AnalysisTrigger } from '../../models/ai-analysis-result.js';
import type { MedicalImageAttributes } from '../../models/medical-image.js';
import type { StudyInfo } from '../pacs/archive.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import { loadedCards } from './analysis-infer.js';
import { announceDone, announceFailed } from './analysis-outcome.js';
import { autoPlans, type PlannedAnalysis } from './analysis-plan.js';
import { presentAnalysis } from './analysis-present.js';
import { runAnalysis } from './analysis-run.js';
import type { AnalysisAnswer, AnalysisRequest, AnalysisThis } from './analysis-types.js';

/**
 * Putting analyses on the queue and running them (issue #6). A request and the arrival of images
 * both end in `queueAnalyses`; `ai-analysis.run` is one job, called by the queue
 * (analysis-queue.ts) under the AI identity. Internal actions, no REST routes.
 */

const ERROR_MAX = 1000;

/** How urgent the study is: its RIS order's priority (STAT studies are analysed first), else routine. */
async function studyPriority(self: AnalysisThis, image: Pick<MedicalImageAttributes, 'id' | 'study_instance_uid'>): Promise<InferencePriority> {
  const entry = await self.db().models.RisSchedule.findOne({
    where: { [Op.or]: [{ medical_image_id: image.id }, ...(image.study_instance_uid ? [{ study_instance_uid: image.study_instance_uid }] : [])] },
    attributes: ['priority'], order: [['id', 'DESC']],
  });
  return (entry?.priority as InferencePriority | undefined) ?? 'ROUTINE';
}

/**
 * One QUEUED row per plan (audited creates), then the queue is woken. A plan whose analysis is
 * already waiting or running (same image, pipeline, series and image asked for) answers that row
 * instead: asking twice does not run twice.
 */
export async function queueAnalyses(
  self: AnalysisThis, ctx: CdssContext, image: Pick<MedicalImageAttributes, 'id' | 'patient_fk_id' | 'study_instance_uid'>,
  items: { plan: PlannedAnalysis; request: AnalysisRequest }[], options: { trigger: AnalysisTrigger; priority?: InferencePriority; requestedBy?: number },
): Promise<AIAnalysisResultAttributes[]> {
  const model = self.db().models.AIAnalysisResult;
  const priority = options.priority ?? await studyPriority(self, image);
  const rows: AIAnalysisResultAttributes[] = [];
  for (const { plan, request } of items) {
    const pending = await model.findAll({
      where: { image_id: image.id, pipeline_id: plan.pipeline.id, series_instance_uid: plan.series.seriesInstanceUid, status: { [Op.in]: ['QUEUED', 'RUNNING'] } },
      order: [['id', 'DESC']],
    });
    const same = pending.map((r) => presentAnalysis(r.get({ plain: true }))).find((r) => ((r.results?.request as AnalysisRequest | undefined)?.sopInstanceUid) === request.sopInstanceUid);
    if (same) {
      rows.push(same);
      continue;
    }
    const created = await self.auditedCreate(ctx, (transaction) => model.create({
      image_id: image.id, patient_fk_id: image.patient_fk_id, analysis_type: plan.pipeline.analysisType, status: 'QUEUED', analysis_date: new Date(),
      pipeline_id: plan.pipeline.id, study_instance_uid: image.study_instance_uid, series_instance_uid: plan.series.seriesInstanceUid,
      priority, trigger: options.trigger, requested_by_id: options.requestedBy ?? null, results: { request },
    }, { transaction }));
    rows.push(created as unknown as AIAnalysisResultAttributes);
  }
  self.pump();
  return rows;
}

async function failed(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes, err: Error): Promise<AIAnalysisResultAttributes> {
  const model = self.db().models.AIAnalysisResult;
  if (self.stopping) {
    // Interrupted by shutdown, not broken: the next start runs it again.
    await model.update({ status: 'QUEUED', started_at: null }, { where: { id: row.id } });
    return { ...row, status: 'QUEUED', started_at: null };
  }
  const error = (err.message || String(err)).slice(0, ERROR_MAX);
  const changes = { status: 'FAILED' as const, error, finished_at: new Date() };
  await model.update(changes, { where: { id: row.id } });
  await self.auditAccess(ctx, { actionType: 'update', resourceId: String(row.id), patientId: row.patient_fk_id, outcome: 'success', description: `AI ${row.pipeline_id} FAILED: ${error}`.slice(0, 500) });
  self.logger.warn(`AI analysis ${row.id} (${row.pipeline_id}) failed:`, error);
  await announceFailed(ctx, row, error).catch((e: Error) => self.logger.error(`AI analysis ${row.id}: failure not announced:`, e.message));
  return { ...row, ...changes };
}

export const jobActions: ServiceActionsSchema = {
  /** Runs one claimed (RUNNING) analysis to DONE or FAILED; the queue calls it under the AI identity. */
  run: {
    permission: 'internal',
    visibility: 'public',
    params: { id: { type: 'number', integer: true, positive: true } },
    async handler(this: AnalysisThis, ctx: CdssContext<{ id: number }>): Promise<AnalysisAnswer | null> {
      const found = await this.db().models.AIAnalysisResult.findByPk(ctx.params.id);
      const row = found?.get({ plain: true }) as AIAnalysisResultAttributes | undefined;
      if (!row || row.status !== 'RUNNING') return null;
      let outcome: Awaited<ReturnType<typeof runAnalysis>>;
      try {
        outcome = await runAnalysis(this, ctx, row);
      } catch (err) {
        return presentAnalysis(await failed(this, ctx, row, err as Error));
      }
      // The analysis is DONE whatever happens next; a failed follow-up step is logged, not undone.
      await announceDone(this, ctx, outcome.row, outcome.result)
        .catch((err: Error) => this.logger.error(`AI analysis ${row.id}: follow-up after DONE failed:`, err.message));
      return presentAnalysis(outcome.row);
    },
  },

  /**
   * Queues the automatic analyses of a recorded image (CDSS_AI_AUTO): every image series a
   * pipeline fits, unless that study, pipeline and series was analysed (or tried) before — our own
   * SEG and SR arriving make the study stable again, and must not start it over.
   */
  queueAuto: {
    permission: 'internal',
    visibility: 'public',
    params: { imageId: { type: 'number', integer: true, positive: true } },
    async handler(this: AnalysisThis, ctx: CdssContext<{ imageId: number }>): Promise<AnalysisAnswer[]> {
      const allowed = runtimeOf(this.broker).config.aiAuto;
      const { models } = this.db();
      const image = (await models.MedicalImage.findByPk(ctx.params.imageId))?.get({ plain: true }) as MedicalImageAttributes | undefined;
      // An image of no known chart (QC: PATIENT_UNKNOWN) would give an analysis no one's scope holds.
      if (allowed === 'none' || !image?.study_instance_uid || image.patient_fk_id == null) return [];
      const studyInstanceUid = image.study_instance_uid;
      const rows = await this.withStudyLock(studyInstanceUid, async () => {
        const info = await ctx.call<StudyInfo | null, object>('pacs.studyInfo', { studyInstanceUid });
        if (!info) return [];
        const plans = autoPlans(info, await loadedCards(ctx), normaliseBodyPart(image.body_part, image.department), allowed);
        if (plans.length === 0) return [];
        const earlier = await models.AIAnalysisResult.findAll({ where: { study_instance_uid: studyInstanceUid }, attributes: ['pipeline_id', 'series_instance_uid'] });
        const done = new Set(earlier.map((e) => `${e.pipeline_id}|${e.series_instance_uid}`));
        const fresh = plans.filter((p) => !done.has(`${p.pipeline.id}|${p.series.seriesInstanceUid}`));
        return queueAnalyses(this, ctx, image, fresh.map((plan) => ({ plan, request: { bodyPart: plan.bodyPart } })), { trigger: 'auto' });
      });
      return rows.map(presentAnalysis);
    },
  },
};
