/**
 * Messages between the inference pool (main thread) and its workers (lib/ai/inference-worker.ts).
 * Inputs go through shared memory: each worker has PREFETCH input buffers (SharedArrayBuffers
 * given at start), the pool copies a job's inputs into a free one and sends only where they lie;
 * no per-job allocation on either side, and the job keeps its own inputs for a retry. Outputs
 * come back as the worker's own Float32Arrays, transferred (it has no further use for them).
 */
export interface TensorData {
  dims: number[];
  data: Float32Array;
}

/** Where one input tensor lies in the worker's shared input buffers (offset and length in floats). */
export interface SharedTensor {
  dims: number[];
  buffer: number;
  offset: number;
  length: number;
}

export interface WorkerModel {
  id: string;
  path: string;
  inputName: string;
  inputShape: number[];
  outputName: string;
}

export interface WorkerInit {
  models: WorkerModel[];
  /** Execution providers in order of preference; the worker falls back to cpu when listed. */
  providers: string[];
  /** Only ever true in tests: lets a run message ask the worker to crash (see InferencePool.armCrash). */
  testHooks: boolean;
  /** Linux nice value for this thread (see lib/ai/thread-priority.ts). */
  nice: number;
  inputBuffers: SharedArrayBuffer[];
}

export interface LoadedSession {
  id: string;
  providers: string[];
  loadMs: number;
  warmUpMs: number;
}

export type ToWorker =
  | { type: 'run'; jobId: number; modelId: string; inputs: Record<string, SharedTensor>; crash?: boolean }
  /** The job was cancelled or timed out: do not start it if it has not started. */
  | { type: 'skip'; jobId: number }
  /** Leave after the current run; start nothing more. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; loaded: LoadedSession[]; failed: { id: string; message: string }[] }
  | { type: 'result'; jobId: number; outputs: Record<string, TensorData>; runMs: number }
  | { type: 'failed'; jobId: number; message: string }
  | { type: 'skipped'; jobId: number };

/** Exit code of a worker that crashed on purpose through the test hook. */
export const TEST_CRASH_EXIT_CODE = 70;
