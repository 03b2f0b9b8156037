import type { ServiceActionsSchema } from 'moleculer';
import { Op } from 'sequelize';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';
import type { RisThis } from './ris-types.js';

/**
 * The AI flag of a study's RIS entry (issue #6): after a department pipeline has analysed the
 * study, the `ai-analysis` actor sets how suspicious its findings are, with the summary line and
 * the analysis id, so the reading worklist can put a suspicious routine study ahead of a clean one
 * (schedule-rules.ts scheduleOrder). Internal, no REST route; the caller decides the values (the
 * highest suspicion over the study's latest analyses), this only stores them, audited.
 */

/** The RIS column holds a short line; the full text stays on the analysis row. */
const SUMMARY_MAX = 500;

export interface AiFlagParams {
  studyInstanceUid: string;
  /** The study's image row, for entries whose Study UID differs from the images' (pre-assigned at booking). */
  medicalImageId?: number;
  suspicion: number;
  summary: string | null;
  analysisId: number | null;
}

/** Who should hear of the result: the entry and its ordering doctor (auth_user.id). */
export interface AiFlagAnswer {
  scheduleId: number;
  orderingDoctorId: number;
  priority: string;
  changed: boolean;
}

export const aiFlagActions: ServiceActionsSchema = {
  /** Sets the study's AI flag; null when the study has no RIS entry (an upload without an order). */
  aiFlag: {
    permission: 'internal',
    visibility: 'public',
    params: {
      studyInstanceUid: { type: 'string', min: 1, max: 64 },
      medicalImageId: { type: 'number', integer: true, positive: true, optional: true },
      suspicion: { type: 'number', integer: true, min: 0, max: 3 },
      summary: { type: 'string', max: 20_000, nullable: true },
      analysisId: { type: 'number', integer: true, positive: true, nullable: true },
    },
    async handler(this: RisThis, ctx: CdssContext<AiFlagParams>): Promise<AiFlagAnswer | null> {
      const { studyInstanceUid, medicalImageId, suspicion, summary, analysisId } = ctx.params;
      const { models } = this.db();
      const where = medicalImageId
        ? { [Op.or]: [{ study_instance_uid: studyInstanceUid }, { medical_image_id: medicalImageId }] }
        : { study_instance_uid: studyInstanceUid };
      const row = await models.RisSchedule.findOne({ where, order: [['id', 'DESC']] });
      if (!row) return null;
      const entry = row.get({ plain: true }) as RisScheduleAttributes;
      const line = summary ? (summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary) : null;
      const changes = { ai_suspicion: suspicion, ai_summary: line, ai_analysis_id: analysisId };
      const changed = entry.ai_suspicion !== suspicion || entry.ai_summary !== line || entry.ai_analysis_id !== analysisId;
      if (changed) {
        await row.update(changes);
        await this.auditAccess(ctx, {
          actionType: 'update', resourceId: String(entry.id), patientId: entry.patient_id, outcome: 'success',
          description: `AI flag: suspicion ${suspicion}, analysis ${analysisId ?? '-'}`,
        });
      }
      return { scheduleId: entry.id, orderingDoctorId: entry.ordering_doctor_id, priority: entry.priority, changed };
    },
  },
};
