import type { InferencePriority } from './job-queue.js';
import type { TensorData, WorkerModel } from './worker-protocol.js';

/** The inference pool's public types (lib/ai/worker-pool.ts). */
export type InferenceErrorCode = 'BUSY' | 'TIMEOUT' | 'CANCELLED' | 'WORKER_CRASHED' | 'UNKNOWN_MODEL' | 'RUN_FAILED' | 'STOPPED';

export class InferenceError extends Error {
  constructor(readonly code: InferenceErrorCode, message: string, readonly retryAfter?: number) {
    super(message);
    this.name = 'InferenceError';
  }
}

export interface PoolOptions {
  workers: number;
  queueLimit: number;
  providers: string[];
  models: WorkerModel[];
  defaultTimeoutMs: number;
  /** Nice value each worker thread gives itself (Linux; 0 leaves it as the process). */
  nice?: number;
  /** How long a worker may go on with a job that already timed out before it is replaced. */
  wedgeGraceMs?: number;
  /** Tests only: lets armCrash() make a worker exit mid-job. Never set from configuration. */
  testHooks?: boolean;
  metrics?: { queueDepth(depth: number, byPriority: Record<InferencePriority, number>): void; latency(modelId: string, ms: number): void };
  log?: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

export interface RunRequest {
  modelId: string;
  inputs: Record<string, TensorData>;
  priority?: InferencePriority;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RunResult {
  outputs: Record<string, TensorData>;
  /** Submit to result: queue wait plus run. */
  ms: number;
  runMs: number;
  attempts: number;
}
