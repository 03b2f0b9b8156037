import { Errors, METRIC, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import { RbacMixin } from '../../mixins/rbac.mixin.js';
import { loadModelZoo, type LoadedModel } from '../../lib/ai/model-zoo.js';
import { InferenceError, InferencePool } from '../../lib/ai/worker-pool.js';
import { INFERENCE_PRIORITIES, type InferencePriority } from '../../lib/ai/job-queue.js';
import { TENSOR_ENCODINGS, decodeTensorData, encodeTensorData, type EncodedData, type TensorEncoding } from '../../lib/ai/tensor-codec.js';
import type { TensorData } from '../../lib/ai/worker-protocol.js';
import type { CdssContext } from '../context.js';
import { runtimeOf } from '../runtime.js';

const { MoleculerClientError, MoleculerError } = Errors;

export interface InferenceRunParams {
  modelId: string;
  inputs: Record<string, { dims: number[]; data: EncodedData }>;
  priority?: InferencePriority;
  timeoutMs?: number;
  /** Lets the caller cancel the job later with `inference.cancel`. */
  jobId?: string;
  /** Output encoding; default float32 for callers in this process, base64 for remote ones. */
  encoding?: TensorEncoding;
}

export interface InferenceRunResult {
  outputs: Record<string, { dims: number[]; data: EncodedData }>;
  modelVersion: string;
  ms: number;
  runMs: number;
}

type InferenceThis = Service & {
  pool: InferencePool | null;
  models: Map<string, LoadedModel>;
  unavailable: string | null;
  jobs: Map<string, AbortController>;
};

const QUEUE_METRIC = 'cdss.inference.queue.depth';
const LATENCY_METRIC = 'cdss.inference.latency';

/** Pool errors as Moleculer errors: client errors keep their Korean-first message. */
function toMoleculerError(err: unknown): Error {
  if (!(err instanceof InferenceError)) return err as Error;
  switch (err.code) {
    case 'BUSY': return new MoleculerClientError(err.message, 503, 'INFERENCE_BUSY', { retryAfter: err.retryAfter });
    case 'TIMEOUT': return new MoleculerError(err.message, 504, 'INFERENCE_TIMEOUT');
    case 'CANCELLED': return new MoleculerClientError(err.message, 409, 'INFERENCE_CANCELLED');
    case 'UNKNOWN_MODEL': return new MoleculerClientError(err.message, 404, 'MODEL_NOT_FOUND');
    case 'STOPPED': return new MoleculerError(err.message, 503, 'INFERENCE_STOPPED', { retryAfter: 5 });
    default: return new MoleculerError(err.message, 500, `INFERENCE_${err.code}`);
  }
}

function invalidInput(message: string, details?: unknown): Error {
  return new MoleculerClientError(`추론 입력이 올바르지 않습니다: ${message} (invalid inference input)`, 422, 'INVALID_INPUT', details);
}

/** The caller's inputs as Float32Arrays, checked against the model card. */
function checkedInputs(model: LoadedModel, inputs: InferenceRunParams['inputs']): Record<string, TensorData> {
  const { name, shape } = model.card.input;
  const names = Object.keys(inputs ?? {});
  if (names.length !== 1 || names[0] !== name) throw invalidInput(`${model.card.id} takes one input '${name}', got ${names.join(', ') || 'none'}`);
  const { dims, data } = inputs[name] ?? {};
  if (!Array.isArray(dims) || dims.length !== shape.length || dims.some((d, i) => d !== shape[i])) {
    throw invalidInput(`dims must be [${shape}]`, { expected: shape, got: dims });
  }
  const decoded = decodeTensorData(data);
  const size = shape.reduce((a, b) => a * b, 1);
  if (!decoded) throw invalidInput('data must be a Float32Array, a number array or base64 of little-endian float32');
  if (decoded.length !== size) throw invalidInput(`data has ${decoded.length} values, dims [${shape}] need ${size}`);
  return { [name]: { dims: [...shape], data: decoded } };
}

/**
 * The inference actor (seed §4.1.5): a pool of ONNX Runtime worker threads over the model zoo.
 * Internal only: department pipelines call it, and nodes with CDSS_SERVICES=ai (GPU nodes with
 * CDSS_ORT_PROVIDERS=cuda,cpu) share the load through the broker. A full pool answers 503 with
 * `retryAfter` at once rather than letting work pile up.
 */
const InferenceService: ServiceSchema<ServiceSettingSchema, InferenceThis> = {
  name: 'inference',
  mixins: [RbacMixin],
  // Tests replace this through the schema; no configuration or request can turn it on.
  settings: { testHooks: false },

  actions: {
    /** Runs one model on one input; answers its outputs (see InferenceRunResult). */
    run: {
      permission: 'internal',
      visibility: 'public',
      params: {
        modelId: { type: 'string', min: 1, max: 64 },
        inputs: { type: 'object' }, // checked by hand: may hold Float32Arrays
        priority: { type: 'enum', values: [...INFERENCE_PRIORITIES], optional: true },
        timeoutMs: { type: 'number', integer: true, positive: true, max: 600_000, optional: true },
        jobId: { type: 'string', min: 1, max: 128, optional: true },
        encoding: { type: 'enum', values: [...TENSOR_ENCODINGS], optional: true },
      },
      async handler(this: InferenceThis, ctx: CdssContext<InferenceRunParams>): Promise<InferenceRunResult> {
        if (!this.pool) throw new MoleculerError(`추론을 사용할 수 없습니다 (inference unavailable): ${this.unavailable}`, 503, 'INFERENCE_UNAVAILABLE');
        const { modelId, priority, timeoutMs, jobId } = ctx.params;
        const model = this.models.get(modelId);
        if (!model) throw new MoleculerClientError(`모델 '${modelId}'을(를) 찾을 수 없습니다 (no such model)`, 404, 'MODEL_NOT_FOUND');
        const inputs = checkedInputs(model, ctx.params.inputs);
        const local = ctx.nodeID === this.broker.nodeID;
        // A Float32Array does not survive the transporter's JSON: remote callers get base64 instead.
        const encoding = ctx.params.encoding === 'float32' && !local ? 'base64' : (ctx.params.encoding ?? (local ? 'float32' : 'base64'));
        if (jobId && this.jobs.has(jobId)) throw new MoleculerClientError(`작업 ID '${jobId}'이(가) 이미 실행 중입니다 (job id in use)`, 409, 'JOB_ID_IN_USE');
        // Only a job the caller can name can be cancelled: no controller (and listener) otherwise.
        const controller = jobId ? new AbortController() : undefined;
        if (jobId) this.jobs.set(jobId, controller!);
        try {
          const result = await this.pool.run({ modelId, inputs, priority, timeoutMs, signal: controller?.signal });
          const outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, { dims: t.dims, data: encodeTensorData(t.data, encoding) }]));
          return { outputs, modelVersion: model.card.version, ms: result.ms, runMs: result.runMs };
        } catch (err) {
          throw toMoleculerError(err);
        } finally {
          if (jobId) this.jobs.delete(jobId);
        }
      },
    },

    /** Cancels a job by the caller's jobId on whichever node holds it (a broadcast). */
    cancel: {
      permission: 'internal',
      visibility: 'public',
      params: { jobId: { type: 'string', min: 1, max: 128 } },
      async handler(this: InferenceThis, ctx: CdssContext<{ jobId: string }>) {
        const local = this.jobs.has(ctx.params.jobId);
        await ctx.broadcast('inference.cancel', { jobId: ctx.params.jobId });
        return { requested: true, local };
      },
    },

    /** The loaded model cards (with the providers each runs on). */
    models: {
      permission: 'internal',
      visibility: 'public',
      handler(this: InferenceThis) {
        const sessions = new Map((this.pool?.models() ?? []).map((s) => [s.id, s]));
        return [...this.models.values()].filter((m) => sessions.has(m.card.id))
          .map((m) => ({ ...m.card, source: m.source, providers: sessions.get(m.card.id)!.providers }));
      },
    },

    /** Pool state: workers, queue by priority, counters, recent latency per model. */
    stats: {
      permission: 'internal',
      visibility: 'public',
      handler(this: InferenceThis) {
        return { nodeID: this.broker.nodeID, unavailable: this.unavailable, ...(this.pool?.stats() ?? {}) };
      },
    },
  },

  events: {
    'inference.cancel'(this: InferenceThis, ctx: CdssContext<{ jobId: string }>) {
      this.jobs.get(ctx.params.jobId)?.abort();
    },
  },

  created(this: InferenceThis) {
    this.pool = null;
    this.models = new Map();
    this.unavailable = '시작 중 (starting)';
    this.jobs = new Map();
  },

  async started(this: InferenceThis) {
    try {
      await startPool.call(this);
    } catch (err) {
      // The rest of the node (EMR, orders, PACS) must not go down with inference: it answers 503
      // with the reason instead (a broken bundled card, ONNX Runtime unable to load, …).
      this.unavailable = (err as Error).message;
      this.logger.error(`추론을 시작할 수 없습니다 (inference failed to start): ${this.unavailable}`);
    }
  },

  async stopped(this: InferenceThis) {
    await this.pool?.stop();
    this.pool = null;
  },
};

/** Loads the zoo, starts the workers (sessions loaded and warmed up) and the metrics. */
async function startPool(this: InferenceThis): Promise<void> {
  const { config } = runtimeOf(this.broker);
  const loaded = await loadModelZoo({ modelDir: config.modelDir, logger: this.logger });
  const metrics = this.broker.metrics;
  // No-ops while metrics are off in moleculer.config.ts; they report as soon as they are on.
  metrics.register({ type: METRIC.TYPE_GAUGE, name: QUEUE_METRIC, labelNames: ['priority'], description: 'Inference jobs waiting for a worker' });
  metrics.register({
    type: METRIC.TYPE_HISTOGRAM, name: LATENCY_METRIC, labelNames: ['model'], unit: 'millisecond', description: 'Inference job latency (queue + run)',
    buckets: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000], quantiles: [0.5, 0.95, 0.99],
  } as Parameters<typeof metrics.register>[0]);
  const pool = new InferencePool({
    workers: config.inferenceWorkers, queueLimit: config.inferenceQueue, providers: config.ortProviders, defaultTimeoutMs: config.inferenceTimeoutMs, nice: config.inferenceNice,
    testHooks: this.settings.testHooks === true, log: this.logger,
    models: loaded.map((m) => ({ id: m.card.id, path: m.path, inputName: m.card.input.name, inputShape: m.card.input.shape, outputName: m.card.output.name })),
    metrics: {
      queueDepth: (_total, byPriority) => { for (const [priority, n] of Object.entries(byPriority)) metrics.set(QUEUE_METRIC, n, { priority }); },
      latency: (model, ms) => metrics.observe(LATENCY_METRIC, ms, { model }),
    },
  });
  const { loaded: sessions, failed } = await pool.start();
  for (const f of failed) this.logger.error(`모델을 불러올 수 없어 건너뜁니다 (model skipped) ${f.id}: ${f.message}`);
  if (loaded.length && !sessions.length) {
    await pool.stop();
    throw new Error(`no model could be loaded (${failed[0]?.message})`);
  }
  this.models = new Map(loaded.filter((m) => sessions.some((s) => s.id === m.card.id)).map((m) => [m.card.id, m]));
  this.pool = pool;
  this.unavailable = null;
  const used = sessions[0]?.providers.join(',') ?? '-';
  if (sessions.length && used !== config.ortProviders.join(',')) {
    this.logger.warn(`CDSS_ORT_PROVIDERS=${config.ortProviders.join(',')} could not be used; running on ${used}`);
  }
  this.logger.info(`inference: ${config.inferenceWorkers} worker(s), providers ${used}, ${sessions.length} model(s) warmed up`);
}

export default InferenceService;
