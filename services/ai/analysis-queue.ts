import { Op, literal } from 'sequelize';
import { PRIORITY_RANK_SQL } from '../../lib/rules/order-status.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import { AI_ANALYSIS_USER } from './analysis-identity.js';
import type { AnalysisMethods, AnalysisThis } from './analysis-types.js';

/**
 * The analysis rows are the job queue (persisted, so a restart loses no requested work): QUEUED
 * rows are claimed STAT first, then oldest, by an update that only one process can win, and run
 * with at most `settings.concurrency` per process. A RUNNING row whose process died is queued again
 * after STALE_MS. Each run is a root call of `ai-analysis.run` under the AI identity, with no
 * deadline: a volume can take minutes, every model call inside it has its own timeout.
 */

/** A RUNNING row untouched this long belonged to a process that is gone. */
export const STALE_MS = 15 * 60_000;
/** Rows looked at per claim attempt (others may win some of them). */
const CLAIM_BATCH = 5;

async function claimNext(self: AnalysisThis): Promise<AIAnalysisResultAttributes | null> {
  const model = self.db().models.AIAnalysisResult;
  const candidates = await model.findAll({
    where: { status: 'QUEUED' }, order: [[literal(PRIORITY_RANK_SQL), 'ASC'], ['id', 'ASC']], limit: CLAIM_BATCH, attributes: ['id'],
  });
  for (const { id } of candidates) {
    const [claimed] = await model.update({ status: 'RUNNING', started_at: new Date() }, { where: { id, status: 'QUEUED' } });
    if (!claimed) continue;
    const row = await model.findByPk(id);
    if (row) return row.get({ plain: true }) as AIAnalysisResultAttributes;
  }
  return null;
}

async function fill(self: AnalysisThis): Promise<void> {
  const concurrency = Number(self.settings.concurrency) || 1;
  while (!self.stopping && self.running.size < concurrency) {
    const row = await claimNext(self);
    if (!row) return;
    const job = self.runClaimed(row).finally(() => {
      self.running.delete(row.id);
      self.pump();
    });
    self.running.set(row.id, job);
  }
}

export const queueMethods: AnalysisMethods & ThisType<AnalysisThis> = {
  pump() {
    const self = this;
    if (self.stopping) return;
    if (self.filling) {
      self.pumpAgain = true;
      return;
    }
    self.filling = true;
    fill(self)
      .catch((err: Error) => self.logger.error('AI analysis queue:', err.message))
      .finally(() => {
        self.filling = false;
        if (self.pumpAgain) {
          self.pumpAgain = false;
          self.pump();
        }
      });
  },

  async runClaimed(row) {
    try {
      await this.broker.call('ai-analysis.run', { id: row.id }, {
        meta: { user: AI_ANALYSIS_USER, requestId: `ai-analysis-${row.id}` }, timeout: 0, nodeID: this.broker.nodeID,
      });
    } catch (err) {
      // `run` records its own failures on the row; what reaches here is the broker's (stopping, transport).
      this.logger.warn(`AI analysis ${row.id}:`, (err as Error).message);
    }
  },

  async recoverStale() {
    const [requeued] = await this.db().models.AIAnalysisResult.update(
      { status: 'QUEUED', started_at: null },
      { where: { status: 'RUNNING', started_at: { [Op.lt]: new Date(Date.now() - STALE_MS) } } },
    );
    if (requeued) this.logger.warn(`AI analysis: ${requeued} stale RUNNING analysis(es) queued again`);
    return requeued;
  },

  async withStudyLock(studyInstanceUid, work) {
    return this.studyLocks.run(studyInstanceUid, work);
  },
};
