import type { SerialByKey } from '../../lib/serial-by-key.js';
import type { Service } from 'moleculer';
import type { DbMethods } from '../../mixins/db.mixin.js';
import type { InferencePriority } from '../../lib/ai/job-queue.js';
import type { PatientContext, PipelineId } from '../../lib/ai/pipeline/types.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { Overlay } from './analysis-overlay.js';

/**
 * The shapes shared by the `ai-analysis` files: what the API takes and answers, what an analysis
 * row remembers of its request, what `ai.analysisDone` carries, and the `this` of the handlers.
 */

/** `POST /medical-images/:id/analyze`. Without `pipeline`, every pipeline that fits the study's series. */
export interface AnalyzeParams {
  id: number;
  pipeline?: PipelineId;
  seriesInstanceUid?: string;
  /** One image of the series (2-D pipelines: which image; 3-D: that instance alone is refused as too few slices by the pipeline). */
  sopInstanceUid?: string;
  priority?: InferencePriority;
  lungContext?: 'incidental' | 'screening';
  lungRisk?: 'low' | 'high';
  priorBirads?: string;
}

/** What an analysis row keeps of its request (`results.request`) until it runs, and after. */
export interface AnalysisRequest {
  /** The normalised body part the cards were chosen for; null when the pipeline was named explicitly. */
  bodyPart: string | null;
  sopInstanceUid?: string;
  /** What the requester's EMR view knew (age, sex) and said (lung context, risk, prior BI-RADS). */
  patient?: Partial<PatientContext>;
}

/** A row as answered: stored columns plus the Korean labels a screen shows. */
export type AnalysisAnswer = AIAnalysisResultAttributes & { status_label: string; pipeline_name: string | null; has3d: boolean; hasOverlay: boolean };

/** `ai.analysisDone`: an analysis finished (DONE); for dashboards, the viewer and the realtime push. */
export interface AnalysisDone {
  analysis: AnalysisAnswer;
  imageId: number;
  patientId: number | null;
  studyInstanceUid: string | null;
  pipelineId: string | null;
  suspicion: number;
  /** auth_user ids notified. */
  notified: number[];
}

export interface AnalysisMethods {
  /** Starts queued analyses while fewer than `settings.concurrency` run in this process. */
  pump(): void;
  /** Runs one claimed analysis to DONE or FAILED (back to QUEUED when the node is stopping). */
  runClaimed(row: AIAnalysisResultAttributes): Promise<void>;
  /** Re-queues analyses left RUNNING by a process that died. */
  recoverStale(): Promise<number>;
  /** Runs `work` after earlier work on the same study in this process (the auto trigger's check-then-insert). */
  withStudyLock<T>(studyInstanceUid: string, work: () => Promise<T>): Promise<T>;
}

export type AnalysisThis = Service & DbMethods & AnalysisMethods & {
  running: Map<number, Promise<void>>;
  stopping: boolean;
  pumpTimer: NodeJS.Timeout | null;
  /** A claim round is under way; `pumpAgain` asks for one more when it ends (work finished meanwhile). */
  filling: boolean;
  pumpAgain: boolean;
  studyLocks: SerialByKey;
  /** Visualization figures (JSON text) by analysis id, most recent last. */
  figures: Map<number, string>;
  /** Overlay previews (slice list and per-slice masks) by analysis id, being built or built; most recent last. */
  overlays: Map<number, Promise<Overlay>>;
  /** Rendered overlay slices (PNG) by `analysisId:slice:window`, most recent last. */
  overlayPngs: Map<string, Buffer>;
};
