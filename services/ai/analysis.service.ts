import { SerialByKey } from '../../lib/serial-by-key.js';
import type { ServiceSchema, ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { DbMixin } from '../../mixins/db.mixin.js';
import type { ImageRecorded } from '../pacs/medical-images.service.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';
import { analysisActions } from './analysis-actions.js';
import { portalAnalysisActions } from './analysis-portal.js';
import { AI_ANALYSIS_USER } from './analysis-identity.js';
import { jobActions } from './analysis-jobs.js';
import { queueMethods } from './analysis-queue.js';
import type { AnalysisThis } from './analysis-types.js';

export type { AnalysisAnswer, AnalysisDone, AnalyzeParams } from './analysis-types.js';

/** How often the queue looks for work queued elsewhere (another node, a restart) and for stale runs, ms. */
const PUMP_INTERVAL_MS = 10_000;

/** Work left by a process that died goes back on the queue; then the queue looks for work now and every PUMP_INTERVAL_MS. */
async function startQueue(self: AnalysisThis): Promise<void> {
  if (self.pumpTimer || self.stopping) return;
  await self.recoverStale();
  self.pumpTimer = setInterval(() => {
    void self.recoverStale().then(() => self.pump(), (err: Error) => self.logger.error('AI analysis queue:', err.message));
  }, PUMP_INTERVAL_MS);
  self.pumpTimer.unref();
  self.pump();
}

/**
 * The department AI analyses (issue #6, seed §4.1.5, §7.3): a study's series go through the
 * pipeline of their department (lib/ai/pipeline: lung nodules, brain lesions, breast US/MRI/
 * pathology, pancreas, skin) with the inference actor's models; the findings, measurements and
 * guideline recommendations become a `medical_images_aianalysisresult` row, a DICOM SEG and SR in
 * the PACS, the study's AI flag on the reading worklist and notifications. Requested through
 * `POST /medical-images/:id/analyze` (doctors, radiologists), or started by arriving images
 * (`image.recorded`, CDSS_AI_AUTO). Rows are scoped by `patient_fk_id` like the image itself.
 *
 * The files beside this one: analysis-actions.ts (the API), analysis-plan.ts (which pipeline reads
 * which series), analysis-jobs.ts (queueing, one run), analysis-queue.ts (the persisted queue),
 * analysis-run.ts, analysis-dicom.ts (SEG/SR), analysis-outcome.ts (flags and notifications),
 * analysis-visualization.ts (the 3-D view), analysis-overlay.ts (the 2-D overlay preview),
 * analysis-infer.ts (the models through the broker).
 */
const AiAnalysisService: ServiceSchema<ServiceSettingSchema, AnalysisThis> = {
  name: 'ai-analysis',
  mixins: [RbacMixin, DbMixin({ model: 'AIAnalysisResult', resourceType: 'AIAnalysisResult', patientColumn: 'patient_fk_id' })],
  // Analyses running at once in this process; each keeps the inference pool busy with its tiles.
  settings: { rest: '/medical-images', concurrency: 2 },

  actions: {
    ...analysisActions,
    ...portalAnalysisActions,
    ...jobActions,
  },

  events: {
    /**
     * Images were recorded (an upload, or a study the PACS called stable): queue the automatic
     * analyses as the AI identity. Failures are logged; the images are there either way.
     */
    async 'image.recorded'(this: AnalysisThis, ctx: CdssContext<ImageRecorded>) {
      if (runtimeOf(this.broker).config.aiAuto === 'none' || this.stopping) return;
      const { image } = ctx.params;
      try {
        await this.broker.call('ai-analysis.queueAuto', { imageId: image.id }, {
          meta: { user: AI_ANALYSIS_USER, requestId: `ai-auto-${image.study_instance_uid ?? image.id}`.slice(0, 64) },
        });
      } catch (err) {
        this.logger.error(`AI analysis of image ${image.id} not queued:`, (err as Error).message);
      }
    },

    /**
     * The queue starts once every actor of the node has: it needs the inference pool and the PACS,
     * and on SQLite a write during the demo seed's long transaction would make the seed fail.
     */
    async '$broker.started'(this: AnalysisThis) {
      await startQueue(this);
    },
  },

  methods: {
    ...queueMethods,
  },

  created(this: AnalysisThis) {
    this.running = new Map();
    this.stopping = false;
    this.pumpTimer = null;
    this.filling = false;
    this.pumpAgain = false;
    this.studyLocks = new SerialByKey();
    this.figures = new Map();
    this.overlays = new Map();
    this.overlayPngs = new Map();
  },

  async started(this: AnalysisThis) {
    this.stopping = false;
    // A service added to a running broker starts its queue now; otherwise with the node ($broker.started).
    if ((this.broker as unknown as { started: boolean }).started) await startQueue(this);
  },

  async stopped(this: AnalysisThis) {
    this.stopping = true;
    if (this.pumpTimer) clearInterval(this.pumpTimer);
    this.pumpTimer = null;
    // A run stops at its next model call and goes back to QUEUED (analysis-jobs.ts).
    await Promise.allSettled([...this.running.values()]);
  },
};

export default AiAnalysisService;
