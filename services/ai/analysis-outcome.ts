import { Op } from 'sequelize';
import { ANALYSIS_TYPES } from '../../lib/constants.js';
import { SUSPICION_LEVELS, type PipelineResult } from '../../lib/ai/pipeline/types.js';
import { bilingual } from '../../lib/rules/guidelines/common.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { MedicalImageAnswer } from '../pacs/medical-images.service.js';
import type { NotifyParams } from '../realtime/notifications.service.js';
import type { AiFlagAnswer, AiFlagParams } from '../ris/ris.service.js';
import type { CdssContext } from '../context.js';
import { presentAnalysis } from './analysis-present.js';
import type { AnalysisDone, AnalysisThis } from './analysis-types.js';

/**
 * What follows a DONE analysis (issue #6): the image row moves to 판독대기 when it was only 촬영완료,
 * the study's RIS entry carries the AI flag the reading worklist sorts by, the doctors who asked
 * hear of it (and every active radiologist when the result is suspicious), and `ai.analysisDone`
 * is emitted. Each step is the owning actor's internal action, audited there.
 */

const TITLE_MAX = 200;
const MESSAGE_MAX = 2000;

/**
 * The study's flag: the most suspicious of its latest DONE analysis per pipeline and series (an
 * older run that a newer one of the same pipeline replaced no longer counts).
 */
async function studyFlag(self: AnalysisThis, studyInstanceUid: string): Promise<{ suspicion: number; summary: string | null; analysisId: number | null }> {
  const rows = await self.db().models.AIAnalysisResult.findAll({
    where: { study_instance_uid: studyInstanceUid, status: 'DONE' }, order: [['id', 'DESC']],
    attributes: ['id', 'pipeline_id', 'series_instance_uid', 'suspicion', 'findings'],
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.pipeline_id}|${row.series_instance_uid}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  const top = [...latest.values()].sort((a, b) => b.suspicion - a.suspicion || b.id - a.id)[0];
  return top ? { suspicion: top.suspicion, summary: top.findings, analysisId: top.id } : { suspicion: 0, summary: null, analysisId: null };
}

/** auth_user ids to tell: the ordering doctor, the image's requesting doctor, whoever asked, and radiologists when suspicious. */
async function recipients(self: AnalysisThis, row: AIAnalysisResultAttributes, image: MedicalImageAnswer | null, entry: AiFlagAnswer | null, suspicion: number): Promise<number[]> {
  const { models } = self.db();
  const ids = new Set<number>();
  if (entry) ids.add(entry.orderingDoctorId);
  if (image?.requested_by_id) {
    const doctor = await models.Doctor.findByPk(image.requested_by_id, { attributes: ['user_id'] });
    if (doctor) ids.add(doctor.user_id);
  }
  if (row.requested_by_id) ids.add(row.requested_by_id);
  if (suspicion >= SUSPICION_LEVELS.SUSPICIOUS) {
    const radiologists = await models.AuthUser.findAll({ where: { role: 'radiologist', is_active: true }, attributes: ['id'] });
    for (const r of radiologists) ids.add(r.id);
  }
  // Only active accounts: a doctor who left does not collect notifications.
  const active = await models.AuthUser.findAll({ where: { id: { [Op.in]: [...ids] }, is_active: true }, attributes: ['id'] });
  return active.map((u) => u.id).sort((a, b) => a - b);
}

function notice(row: AIAnalysisResultAttributes, result: PipelineResult): Pick<NotifyParams, 'title' | 'message'> {
  const type = ANALYSIS_TYPES[row.analysis_type] ?? row.analysis_type;
  const flag = result.suspicion >= SUSPICION_LEVELS.SUSPICIOUS ? '의심 소견 (suspicious finding) — ' : '';
  const title = `${flag}AI 분석 완료 (AI analysis done): ${type}`;
  const reference = result.models.some((m) => !m.clinicalUse) ? '\n참조 모델 결과, 임상 사용 불가 (reference model: not for clinical use)' : '';
  return { title: title.slice(0, TITLE_MAX), message: `${bilingual(result.summary)}${reference}`.slice(0, MESSAGE_MAX) };
}

/** Everything after DONE; answers the `ai.analysisDone` payload it emitted. */
export async function announceDone(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes, result: PipelineResult): Promise<AnalysisDone> {
  const image = await ctx.call<MedicalImageAnswer | null, object>('medical-images.aiAnalysed', { id: row.image_id, analysisId: row.id });
  let entry: AiFlagAnswer | null = null;
  if (row.study_instance_uid) {
    const flag = await studyFlag(self, row.study_instance_uid);
    entry = await ctx.call<AiFlagAnswer | null, AiFlagParams>('ris.aiFlag', { studyInstanceUid: row.study_instance_uid, medicalImageId: row.image_id, ...flag });
  }
  const userIds = await recipients(self, row, image, entry, result.suspicion);
  if (userIds.length) {
    await ctx.call<{ ids: number[] }, NotifyParams>('notifications.notify', {
      userIds, type: 'ANALYSIS_DONE', ...notice(row, result), resourceType: 'AIAnalysisResult', resourceId: row.id,
    });
  }
  const done: AnalysisDone = {
    analysis: presentAnalysis(row), imageId: row.image_id, patientId: row.patient_fk_id, studyInstanceUid: row.study_instance_uid,
    pipelineId: row.pipeline_id, suspicion: result.suspicion, notified: userIds,
  };
  void ctx.emit('ai.analysisDone', done);
  return done;
}

/** A manual analysis that failed is news to whoever asked (an automatic one is only logged). */
export async function announceFailed(ctx: CdssContext, row: AIAnalysisResultAttributes, error: string): Promise<void> {
  if (!row.requested_by_id) return;
  const type = ANALYSIS_TYPES[row.analysis_type] ?? row.analysis_type;
  await ctx.call<{ ids: number[] }, NotifyParams>('notifications.notify', {
    userIds: [row.requested_by_id], type: 'ALERT', title: `AI 분석 실패 (AI analysis failed): ${type}`.slice(0, TITLE_MAX),
    message: error.slice(0, MESSAGE_MAX), resourceType: 'AIAnalysisResult', resourceId: row.id,
  });
}
