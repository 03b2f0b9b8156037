import type { Worker } from 'node:worker_threads';
import type { RunRequest, RunResult } from './pool-types.js';
import type { SharedTensor } from './worker-protocol.js';

/**
 * The pool's bookkeeping per job and per worker (lib/ai/worker-pool.ts), and the copy of a job's
 * inputs into its worker's shared input buffers.
 */

/** Jobs a worker holds at once: the one it runs and the next (see worker-pool.ts). */
export const PREFETCH = 2;

export interface Job {
  id: number;
  request: RunRequest;
  priority: NonNullable<RunRequest['priority']>;
  attempts: number;
  submittedAt: number;
  /** queued: in the pool's lanes; sent: with a worker; settled: answered (a worker may still hold it). */
  state: 'queued' | 'sent' | 'settled';
  resolve(result: RunResult): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  detach(): void;
  /** Which of its worker's input buffers holds its inputs while sent. */
  buffer?: number;
}

export interface Slot {
  worker: Worker | null;
  ready: boolean;
  /** Jobs sent to this worker, in the order it runs them. */
  jobs: Job[];
  buffers: SharedArrayBuffer[];
  failures: number;
  /** Watches a running job that was dropped: if the worker is still on it after a grace period, it is replaced. */
  wedge?: { job: Job; timer: NodeJS.Timeout };
}

/** Copies a job's inputs into a free input buffer of its worker (one is free: jobs < PREFETCH). */
export function shareInputs(slot: Slot, job: Job): Record<string, SharedTensor> {
  const buffer = slot.buffers.findIndex((_, i) => !slot.jobs.some((j) => j !== job && j.buffer === i));
  job.buffer = buffer;
  const shared: Record<string, SharedTensor> = {};
  let offset = 0;
  for (const [name, t] of Object.entries(job.request.inputs)) {
    new Float32Array(slot.buffers[buffer], offset * 4, t.data.length).set(t.data);
    shared[name] = { dims: t.dims, buffer, offset, length: t.data.length };
    offset += t.data.length;
  }
  return shared;
}
