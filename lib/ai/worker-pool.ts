import type { Worker } from 'node:worker_threads';
import { PriorityLanes } from './job-queue.js';
import { LatencyWindow } from './latency-window.js';
import { InferenceError, type PoolOptions, type RunRequest, type RunResult } from './pool-types.js';
import { closeWorker, startInferenceWorker } from './worker-start.js';
import { PREFETCH, shareInputs, type Job, type Slot } from './worker-slot.js';
import type { FromWorker, LoadedSession, ToWorker } from './worker-protocol.js';

export { InferenceError } from './pool-types.js';

/**
 * The inference actor pool's engine: N worker threads (lib/ai/inference-worker.ts), a bounded
 * queue with STAT > URGENT > ROUTINE lanes, per-job timeouts and cancellation, and crash
 * recovery: a worker that dies is replaced and the job it was running is retried once. No broker
 * here: services/ai/inference.service.ts maps these errors to Moleculer's and feeds the metrics.
 *
 * Each worker holds up to PREFETCH jobs: the one it runs and the next, so it never waits for a
 * round trip through the main thread between two runs (with a 2 ms model that wait cost a
 * quarter of the throughput). The price: a STAT job may wait behind one already-sent job.
 */
export class InferencePool {
  private readonly slots: Slot[];
  private readonly queue = new PriorityLanes<Job>();
  private readonly latencies = new LatencyWindow();
  private available = new Map<string, LoadedSession>();
  private nextJobId = 1;
  private stopping = false;
  private crashesArmed = 0;
  /** Floats in one input buffer: the largest model input. */
  private readonly bufferFloats: number;
  readonly counters = { dispatched: 0, skipped: 0, completed: 0, failed: 0, timedOut: 0, cancelled: 0, refusedBusy: 0, crashes: 0, retried: 0, retired: 0 };

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: options.workers }, () => ({ worker: null, ready: false, jobs: [], buffers: [], failures: 0 }));
    this.bufferFloats = Math.max(1, ...options.models.map((m) => m.inputShape.reduce((a, b) => a * b, 1)));
  }

  /** Starts every worker (sessions loaded and warmed up); answers what loaded and what failed. */
  async start(): Promise<{ loaded: LoadedSession[]; failed: { id: string; message: string }[] }> {
    try {
      const reports = await Promise.all(this.slots.map((slot) => this.spawn(slot)));
      this.available = new Map(reports[0].loaded.map((s) => [s.id, s]));
      return { loaded: reports[0].loaded, failed: reports[0].failed };
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** Queues one job; settles with its outputs or an InferenceError. */
  run(request: RunRequest): Promise<RunResult> {
    if (this.stopping) return Promise.reject(new InferenceError('STOPPED', '추론 풀이 종료 중입니다 (inference pool stopping)'));
    if (!this.available.has(request.modelId)) {
      return Promise.reject(new InferenceError('UNKNOWN_MODEL', `모델 '${request.modelId}'이(가) 로드되어 있지 않습니다 (model not loaded)`));
    }
    if (request.signal?.aborted) return Promise.reject(new InferenceError('CANCELLED', '추론 작업이 취소되었습니다 (inference job cancelled)'));
    const floats = Object.values(request.inputs).reduce((n, t) => n + t.data.length, 0);
    if (floats > this.bufferFloats) return Promise.reject(new InferenceError('RUN_FAILED', `입력이 모델 입력보다 큽니다 (inputs of ${floats} values exceed the largest model input)`));
    if (this.queue.size >= this.options.queueLimit) {
      this.counters.refusedBusy++;
      const retryAfter = this.retryAfterSeconds();
      return Promise.reject(new InferenceError('BUSY', `추론 대기열이 가득 찼습니다. ${retryAfter}초 후 다시 시도하세요 (inference busy, retry after ${retryAfter} s)`, retryAfter));
    }
    return new Promise<RunResult>((resolve, reject) => {
      const job: Job = {
        id: this.nextJobId++, request, priority: request.priority ?? 'ROUTINE', attempts: 0, submittedAt: performance.now(),
        state: 'queued', resolve, reject, detach: () => {},
        timer: setTimeout(() => this.drop(job, 'TIMEOUT'), request.timeoutMs ?? this.options.defaultTimeoutMs),
      };
      if (request.signal) {
        const onAbort = () => this.drop(job, 'CANCELLED');
        request.signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => request.signal!.removeEventListener('abort', onAbort);
      }
      this.queue.put(job, job.priority);
      this.dispatch();
    });
  }

  /** Tests only: the next `times` jobs a worker starts make it exit before answering. */
  armCrash(times = 1): void {
    if (!this.options.testHooks) throw new Error('armCrash needs testHooks (tests only)');
    this.crashesArmed += times;
  }

  models(): LoadedSession[] {
    return [...this.available.values()];
  }

  stats() {
    return {
      workers: this.slots.length, ready: this.slots.filter((s) => s.ready).length, busy: this.slots.filter((s) => s.jobs.length).length,
      queued: this.queue.size, queuedByPriority: this.queue.sizes(), queueLimit: this.options.queueLimit, ...this.counters,
      latency: this.latencies.summary(),
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const stopped = new InferenceError('STOPPED', '추론 풀이 종료되었습니다 (inference pool stopped)');
    for (const job of this.queue.drain()) this.settle(job, stopped);
    await Promise.all(this.slots.map(async (slot) => {
      clearTimeout(slot.wedge?.timer);
      for (const job of slot.jobs.splice(0)) this.settle(job, stopped);
      const worker = slot.worker;
      Object.assign(slot, { worker: null, ready: false });
      if (worker) await closeWorker(worker, 30_000, () => this.options.log?.error('inference worker still running after 30 s; left to finish'));
    }));
  }

  private spawn(slot: Slot): Promise<Extract<FromWorker, { type: 'ready' }>> {
    const { models, providers, testHooks = false, nice = 0 } = this.options;
    slot.buffers = Array.from({ length: PREFETCH }, () => new SharedArrayBuffer(this.bufferFloats * 4));
    const worker = startInferenceWorker({ models, providers, testHooks, nice, inputBuffers: slot.buffers });
    slot.worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type !== 'ready') return this.finish(slot, message);
        ready = true;
        slot.ready = true;
        resolve(message);
        this.dispatch();
      });
      worker.on('error', (err) => this.options.log?.error(`inference worker error: ${err.stack ?? err.message}`));
      worker.on('exit', (code) => {
        if (!ready) reject(new Error(`추론 워커를 시작할 수 없습니다 (inference worker exited with ${code} before it was ready)`));
        else this.replace(slot, worker, code);
      });
    });
  }

  /**
   * A worker died. The job it was running is retried once (then failed); the jobs waiting behind
   * it go back ahead of their lanes, uncharged. Then a replacement starts, with backoff.
   */
  private replace(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker || this.stopping) return;
    clearTimeout(slot.wedge?.timer);
    const [running, ...waiting] = slot.jobs.splice(0);
    Object.assign(slot, { worker: null, ready: false });
    this.counters.crashes++;
    this.options.log?.warn(`inference worker exited (code ${code}); starting a replacement`);
    for (const job of waiting.reverse()) this.requeue(job, false);
    if (running && running.state === 'sent') {
      if (running.attempts < 2) this.requeue(running, true);
      else this.settle(running, new InferenceError('WORKER_CRASHED', `추론 워커가 이 작업에서 두 번 중단되었습니다 (inference worker crashed twice on this job, model ${running.request.modelId})`));
    }
    this.respawn(slot);
  }

  /**
   * A worker still on a dropped job after the grace period is wedged. It cannot be killed safely
   * (worker-start.ts), so it is retired: told to leave after that run, its waiting jobs requeued,
   * and a replacement takes its place now.
   */
  private retire(slot: Slot): void {
    const worker = slot.worker;
    if (!worker) return;
    const [, ...waiting] = slot.jobs.splice(0);
    Object.assign(slot, { worker: null, ready: false });
    this.counters.retired++;
    this.options.log?.warn(`inference worker still on a dropped job after ${this.options.wedgeGraceMs ?? 10_000} ms; replacing it`);
    for (const job of waiting.reverse()) this.requeue(job, false);
    void closeWorker(worker, 10 * 60_000, () => this.options.log?.error('retired inference worker still running after 10 min; left to finish'));
    this.respawn(slot);
  }

  private respawn(slot: Slot): void {
    if (this.stopping) return;
    this.spawn(slot).then(() => { slot.failures = 0; }, (err: Error) => {
      slot.failures++;
      this.options.log?.error(`${err.message}; retrying`);
      setTimeout(() => this.respawn(slot), Math.min(30_000, 250 * 2 ** slot.failures)).unref();
    });
  }

  private requeue(job: Job, charged: boolean): void {
    if (job.state !== 'sent') return;
    if (charged) this.counters.retried++;
    else job.attempts--; // it never started: the crash was not its doing
    job.state = 'queued';
    this.queue.put(job, job.priority, true);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.ready && slot.worker && slot.jobs.length < PREFETCH) {
        const job = this.queue.take();
        if (!job) break;
        job.state = 'sent';
        job.attempts++;
        this.counters.dispatched++;
        slot.jobs.push(job);
        const crash = this.crashesArmed > 0 && Boolean(this.options.testHooks);
        if (crash) this.crashesArmed--;
        const message: ToWorker = { type: 'run', jobId: job.id, modelId: job.request.modelId, inputs: shareInputs(slot, job), ...(crash ? { crash } : {}) };
        slot.worker.postMessage(message);
      }
    }
    this.reportDepth();
  }

  private finish(slot: Slot, message: Exclude<FromWorker, { type: 'ready' }>): void {
    const index = slot.jobs.findIndex((j) => j.id === message.jobId);
    if (index < 0) return;
    const [job] = slot.jobs.splice(index, 1);
    if (slot.wedge?.job === job) clearTimeout(slot.wedge.timer);
    if (message.type === 'skipped') this.counters.skipped++;
    else if (job.state === 'sent') { // otherwise it timed out or was cancelled: the result is discarded
      if (message.type === 'failed') this.settle(job, new InferenceError('RUN_FAILED', `추론 실행 오류 (inference failed): ${message.message}`));
      else {
        const ms = performance.now() - job.submittedAt;
        this.latencies.record(job.request.modelId, ms, message.runMs);
        this.options.metrics?.latency(job.request.modelId, ms);
        this.settle(job, { outputs: message.outputs, ms, runMs: message.runMs, attempts: job.attempts });
      }
    }
    this.dispatch();
  }

  /** Timeout or cancellation: answered now; a queued job is removed, a sent one is skipped or its result dropped. */
  private drop(job: Job, code: 'TIMEOUT' | 'CANCELLED'): void {
    if (job.state === 'settled') return;
    if (job.state === 'queued') this.queue.remove(job);
    const slot = this.slots.find((s) => s.jobs.includes(job));
    const where = !slot ? '대기열에서 (while queued)' : slot.jobs[0] === job ? '실행 중 (while running)' : '워커에서 대기 중 (while waiting at a worker)';
    this.counters[code === 'TIMEOUT' ? 'timedOut' : 'cancelled']++;
    this.settle(job, code === 'CANCELLED'
      ? new InferenceError('CANCELLED', '추론 작업이 취소되었습니다 (inference job cancelled)')
      : new InferenceError('TIMEOUT', `추론 시간 초과 ${job.request.timeoutMs ?? this.options.defaultTimeoutMs} ms, ${where} (inference timed out)`));
    if (slot?.worker) slot.worker.postMessage({ type: 'skip', jobId: job.id } satisfies ToWorker);
    if (slot?.jobs[0] === job) {
      // A run that outlives its deadline by the grace period means a wedged worker: replace it.
      const grace = this.options.wedgeGraceMs ?? 10_000;
      clearTimeout(slot.wedge?.timer);
      const timer = setTimeout(() => {
        if (slot.jobs[0] === job) this.retire(slot);
      }, grace);
      slot.wedge = { job, timer: timer.unref() };
    }
    this.reportDepth();
  }

  private settle(job: Job, outcome: RunResult | Error): void {
    if (job.state === 'settled') return;
    job.state = 'settled';
    clearTimeout(job.timer);
    job.detach();
    if (outcome instanceof Error) {
      this.counters.failed++;
      job.reject(outcome);
    } else {
      this.counters.completed++;
      job.resolve(outcome);
    }
  }

  private reportDepth(): void {
    this.options.metrics?.queueDepth(this.queue.size, this.queue.sizes());
  }

  /** Seconds until the queue has likely drained: work ahead × recent mean run time ÷ workers. */
  private retryAfterSeconds(): number {
    const ahead = this.queue.size + this.slots.reduce((n, s) => n + s.jobs.length, 0);
    return Math.max(1, Math.ceil((ahead * this.latencies.meanRunMs(1000)) / this.slots.length / 1000));
  }
}
