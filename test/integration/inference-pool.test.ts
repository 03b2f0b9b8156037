import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import type { InferenceRunParams, InferenceRunResult } from '../../services/ai/inference.service.js';
import { InferencePool } from '../../lib/ai/worker-pool.js';
import { loadModelZoo } from '../../lib/ai/model-zoo.js';
import { decodeTensorData } from '../../lib/ai/tensor-codec.js';
import { blobMask, maskIoU, phantom, thresholdMask, type Blob } from '../../lib/ai/phantoms.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { failsWith, inferenceNode, type Failure } from '../helpers/inference.js';

/**
 * The inference actor on a real broker. Most cases run on a node hosting only `inference` (with
 * the test hook on, a queue of 3 and one worker), so the pool's behaviour is measured without the
 * rest of CDSS; the last suite checks the actor inside a whole node. The 3-D model (about 20 ms a
 * run here) is the slow job that keeps the single worker busy while others queue.
 */
const SEG2D = 'reference-blob-seg2d';
const SEG3D = 'reference-blob-seg3d';
const volume = phantom([64, 64, 64], [{ center: [32, 32, 32], radius: 10 }], { noise: 0.05 });
const disc = (radius: number) => ({ center: [128 + radius / 3, 120], radius });
const image = (blob: Blob) => phantom([256, 256], [blob], { noise: 0.05, seed: blob.radius });

describe('inference pool on a broker', () => {
  let node: Awaited<ReturnType<typeof inferenceNode>>;
  let pool: InferencePool;
  const call = (params: Partial<InferenceRunParams>) => node.broker.call<InferenceRunResult, Partial<InferenceRunParams>>('inference.run', params);
  const slow = (extra: Partial<InferenceRunParams> = {}) => call({ modelId: SEG3D, inputs: { image: { dims: [1, 1, 64, 64, 64], data: volume } }, ...extra });
  const segment = (blob: Blob, extra: Partial<InferenceRunParams> = {}) =>
    call({ modelId: SEG2D, inputs: { image: { dims: [1, 1, 256, 256], data: image(blob) } }, ...extra });
  const iou = (result: InferenceRunResult, blob: Blob) =>
    maskIoU(thresholdMask(result.outputs.probability.data as Float32Array), blobMask([256, 256], [blob]));
  const stats = () => node.broker.call<ReturnType<InferencePool['stats']>>('inference.stats');

  before(async () => {
    node = await inferenceNode({ CDSS_INFERENCE_QUEUE: '3', CDSS_INFERENCE_WORKERS: '1' }, true);
    pool = (node.broker.getLocalService('inference') as unknown as { pool: InferencePool }).pool;
  });
  after(() => node.stop());

  test('runs a model and answers its outputs, version and timing', async () => {
    const result = await segment(disc(30));
    assert.equal(result.modelVersion, '1.0.0');
    assert.deepEqual(result.outputs.probability.dims, [1, 1, 256, 256]);
    assert.ok(result.outputs.probability.data instanceof Float32Array, 'a caller in this process gets a Float32Array');
    assert.ok(iou(result, disc(30)) >= 0.8);
    assert.ok(result.ms >= result.runMs && result.runMs > 0);
  });

  test('a full queue answers 503 INFERENCE_BUSY with retryAfter at once', async () => {
    const all = Promise.allSettled(Array.from({ length: 6 }, () => slow()));
    await tick();
    const depth = node.broker.metrics.getMetric('cdss.inference.queue.depth')!.get({ priority: 'ROUTINE' })!.value;
    const settled = await all;
    // ≥ 2, not 3: on a starved CPU the first result may already have let one job through.
    assert.ok(depth >= 2, `the queue-depth gauge saw the queue fill (${depth})`);
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as Failure);
    assert.equal(refused.length, 1, 'two at the worker (running + prefetched), three queued, the sixth refused');
    for (const err of refused) {
      failsWith(503, 'INFERENCE_BUSY', /^추론 대기열이 가득 찼습니다\. \d+초 후 다시 시도하세요 \(inference busy, retry after \d+ s\)$/)(err);
      assert.ok(Number.isInteger(err.data!.retryAfter) && err.data!.retryAfter! >= 1);
    }
  });

  test('a job times out while queued, and while running (its late result is dropped)', async () => {
    const ahead = [slow(), slow()]; // the worker's two places
    await assert.rejects(slow({ timeoutMs: 1 }), failsWith(504, 'INFERENCE_TIMEOUT', /while queued/));
    await Promise.all(ahead);
    await assert.rejects(slow({ timeoutMs: 2 }), failsWith(504, 'INFERENCE_TIMEOUT', /while running/));
    assert.ok(iou(await segment(disc(25)), disc(25)) >= 0.8, 'the next job gets its own result');
  });

  test('a cancelled queued job never runs', async () => {
    const before = (await stats()).dispatched;
    const ahead = [slow(), slow()]; // they take the worker's two places: the victim waits in the queue
    const victim = slow({ jobId: 'cancel-queued' });
    await tick();
    assert.deepEqual(await node.broker.call('inference.cancel', { jobId: 'cancel-queued' }), { requested: true, local: true });
    await assert.rejects(victim, failsWith(409, 'INFERENCE_CANCELLED'));
    await Promise.all(ahead);
    assert.equal((await stats()).dispatched - before, 2, 'only the two jobs ahead reached a worker');
  });

  test('a cancelled running job is answered at once and its result discarded', async () => {
    const running = slow({ jobId: 'cancel-running' });
    await tick();
    assert.equal((await stats()).busy, 1);
    await node.broker.call('inference.cancel', { jobId: 'cancel-running' });
    await assert.rejects(running, failsWith(409, 'INFERENCE_CANCELLED'));
    assert.ok(iou(await segment(disc(35)), disc(35)) >= 0.8);
  });

  test('a worker crash loses no job: it is replaced and the job retried once', async () => {
    const before = await stats();
    pool.armCrash(1);
    const blobs = [disc(20), disc(30), disc(40)];
    const results = await Promise.all(blobs.map((b) => segment(b)));
    results.forEach((r, i) => assert.ok(iou(r, blobs[i]) >= 0.8, `job ${i} got its own image's answer`));
    const now = await stats();
    assert.equal(now.crashes - before.crashes, 1);
    assert.equal(now.retried - before.retried, 1);
    assert.equal(now.ready, 1, 'the replacement is up');
  });

  test('a job that crashes its worker twice fails with a clear error; the pool recovers', async () => {
    pool.armCrash(2);
    await assert.rejects(segment(disc(30)), failsWith(500, 'INFERENCE_WORKER_CRASHED', /crashed twice on this job, model reference-blob-seg2d/));
    assert.ok(iou(await segment(disc(30)), disc(30)) >= 0.8);
  });

  test('STAT overtakes URGENT overtakes ROUTINE in a busy pool; FIFO within a priority', async () => {
    const order: string[] = [];
    const track = (label: string, job: Promise<unknown>) => job.then(() => order.push(label));
    // routine-1 runs and routine-2 waits at the worker (its prefetched job); the rest queue.
    await Promise.all([
      track('routine-1', slow()), track('routine-2', slow()), track('routine-3', slow()),
      track('urgent', slow({ priority: 'URGENT' })), track('stat', slow({ priority: 'STAT' })),
    ]);
    assert.deepEqual(order, ['routine-1', 'routine-2', 'stat', 'urgent', 'routine-3']);
  });

  test('a job that times out while waiting at a worker is skipped there, not run', async () => {
    const before = await stats();
    const first = slow();
    const skipped = slow({ timeoutMs: 5 });
    await assert.rejects(skipped, failsWith(504, 'INFERENCE_TIMEOUT', /while waiting at a worker/));
    await first;
    await slow();
    const after = await stats();
    assert.equal(after.dispatched - before.dispatched, 3);
    assert.equal(after.skipped - before.skipped, 1, 'the worker reported the job skipped, not run');
  });

  test('the same input gives the same output, in every encoding', async () => {
    const a = await segment(disc(28));
    const b = await segment(disc(28));
    const c = await segment(disc(28), { encoding: 'base64' });
    const d = await call({ modelId: SEG2D, inputs: { image: { dims: [1, 1, 256, 256], data: Array.from(image(disc(28))) } }, encoding: 'array' });
    const bytes = (data: unknown) => Buffer.from(decodeTensorData(data)!.buffer);
    assert.ok(bytes(a.outputs.probability.data).equals(bytes(b.outputs.probability.data)));
    assert.equal(typeof c.outputs.probability.data, 'string');
    assert.ok(bytes(a.outputs.probability.data).equals(bytes(c.outputs.probability.data)));
    assert.ok(Array.isArray(d.outputs.probability.data));
    assert.ok(bytes(a.outputs.probability.data).equals(bytes(d.outputs.probability.data)));
  });

  test('bad requests: unknown model 404, wrong dims or data 422, before anything is queued', async () => {
    await assert.rejects(call({ modelId: 'no-such-model', inputs: {} }), failsWith(404, 'MODEL_NOT_FOUND'));
    await assert.rejects(call({ modelId: SEG2D, inputs: { image: { dims: [1, 1, 128, 128], data: new Float32Array(128 * 128) } } }), (err: Failure) => {
      failsWith(422, 'INVALID_INPUT', /dims must be \[1,1,256,256\]/)(err);
      assert.deepEqual(err.data!.expected, [1, 1, 256, 256]);
      return true;
    });
    await assert.rejects(call({ modelId: SEG2D, inputs: { image: { dims: [1, 1, 256, 256], data: new Float32Array(10) } } }), failsWith(422, 'INVALID_INPUT', /10 values/));
    await assert.rejects(call({ modelId: SEG2D, inputs: { pixels: { dims: [1, 1, 256, 256], data: [] } } }), failsWith(422, 'INVALID_INPUT', /one input 'image'/));
    await assert.rejects(call({ modelId: SEG2D, inputs: {}, priority: 'NOW' as 'STAT' }), failsWith(422, 'VALIDATION_ERROR'));
  });

  test('latency per model lands in the broker metrics and the stats', async () => {
    const histogram = node.broker.metrics.getMetric('cdss.inference.latency')!.get({ model: SEG2D }) as unknown as { count: number };
    assert.ok(histogram.count > 5);
    const { latency } = await stats();
    assert.ok(latency[SEG2D].samples > 5 && latency[SEG2D].p95 >= latency[SEG2D].p50);
  });

  test('the models action lists the loaded cards with their providers', async () => {
    const models = await node.broker.call<{ id: string; clinicalUse: boolean; providers: string[] }[]>('inference.models');
    const zoo = await loadModelZoo({ modelDir: null, logger: { info() {}, warn() {} } });
    // Every bundled card (the three reference models and the department cards reusing them), on cpu, none clinical.
    assert.deepEqual(models.map((m) => [m.id, m.clinicalUse, m.providers]), zoo.map((m) => [m.card.id, false, ['cpu']]));
    assert.ok([SEG2D, SEG3D, 'reference-lesion-cls'].every((id) => models.some((m) => m.id === id)));
  });
});

describe('worker lifecycle (the pool on its own)', () => {
  const inputs = { image: { dims: [1, 1, 64, 64, 64], data: volume } };
  const newPool = async (wedgeGraceMs: number) => {
    const zoo = await loadModelZoo({ modelDir: null, logger: { info() {}, warn() {} } });
    const pool = new InferencePool({
      workers: 1, queueLimit: 4, providers: ['cpu'], defaultTimeoutMs: 5000, wedgeGraceMs,
      models: zoo.map((m) => ({ id: m.card.id, path: m.path, inputName: m.card.input.name, inputShape: m.card.input.shape, outputName: m.card.output.name })),
    });
    await pool.start();
    return pool;
  };

  test('stopping while a run is in progress answers its jobs and takes the process down with nothing', async () => {
    const pool = await newPool(10_000);
    const outcomes = Promise.allSettled([pool.run({ modelId: SEG3D, inputs }), pool.run({ modelId: SEG3D, inputs })]);
    await tick();
    assert.equal(pool.stats().busy, 1);
    await pool.stop(); // a terminate() here, mid-run, would abort this whole test process
    for (const outcome of await outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.match((outcome as PromiseRejectedResult).reason.message, /inference pool stopped/);
    }
  });

  test('a worker still on a dropped job after the grace period is replaced; the pool goes on', async () => {
    const pool = await newPool(1);
    try {
      // "While running" means sent to the worker; on a loaded machine the skip can reach the worker
      // before it starts the run, and then there is nothing to wait for (counted as skipped). Try
      // until the worker really was inside the run when the deadline passed.
      for (let attempt = 1; ; attempt++) {
        const skippedBefore = pool.stats().skipped;
        await assert.rejects(pool.run({ modelId: SEG3D, inputs, timeoutMs: 2 }), /while running/);
        const result = await pool.run({ modelId: SEG3D, inputs });
        assert.equal(result.attempts, 1);
        if (pool.stats().retired > 0) break;
        assert.equal(pool.stats().skipped, skippedBefore + 1, 'not retired only because the worker never started the run');
        assert.ok(attempt < 10, 'the worker never started a run within 2 ms in 10 tries');
      }
      assert.equal(pool.stats().retired, 1, 'the worker was replaced, not waited for');
      assert.equal(pool.stats().retried, 0, 'the dropped job was not run again');
    } finally {
      await pool.stop();
    }
  });
});

describe('inference that cannot start', () => {
  test('answers 503 with the reason, and the node stays up', async () => {
    // cuda alone on a machine without CUDA: no model loads, and no cpu fallback was allowed.
    const node = await inferenceNode({ CDSS_ORT_PROVIDERS: 'cuda' }, false);
    try {
      await assert.rejects(node.broker.call('inference.run', { modelId: SEG2D, inputs: {} }),
        failsWith(503, 'INFERENCE_UNAVAILABLE', /^추론을 사용할 수 없습니다 \(inference unavailable\): no model could be loaded \(.*Cuda/));
      assert.deepEqual(await node.broker.call('inference.models'), []);
    } finally {
      await node.stop();
    }
  });
});

describe('inference in a whole CDSS node', () => {
  let t: TestNode;
  before(async () => {
    // The GPU nodes' setting on a CPU node: the worker falls back to cpu instead of failing.
    t = await startTestNode({ CDSS_ORT_PROVIDERS: 'cuda,cpu' });
  });
  after(() => t.stop());

  test('the actor is up, warmed up, on cpu, and its test hook is off', async () => {
    const stats = await t.node.broker.call<{ ready: number; dispatched: number }>('inference.stats');
    assert.equal(stats.ready, 1);
    const models = await t.node.broker.call<{ id: string; providers: string[] }[]>('inference.models');
    assert.ok(models.length >= 3);
    assert.deepEqual(models.map((m) => m.providers), models.map(() => ['cpu']));
    const pool = (t.node.broker.getLocalService('inference') as unknown as { pool: InferencePool }).pool;
    assert.throws(() => pool.armCrash(), /armCrash needs testHooks/);
  });

  test('a base64 round trip segments the disc', async () => {
    const blob = disc(30);
    const data = Buffer.from(image(blob).buffer).toString('base64');
    const result = await t.node.broker.call<InferenceRunResult, InferenceRunParams>('inference.run', {
      modelId: SEG2D, inputs: { image: { dims: [1, 1, 256, 256], data } }, encoding: 'base64', priority: 'STAT',
    });
    const mask = thresholdMask(decodeTensorData(result.outputs.probability.data)!);
    assert.ok(maskIoU(mask, blobMask([256, 256], [blob])) >= 0.8);
  });

  test('it is not reachable over HTTP', async () => {
    const { accessToken } = await t.http.loginStaff('radiologist', TEST_PASSWORD);
    const res = await t.http.get('/api/v1/inference/models', { token: accessToken });
    assert.equal(res.status, 404);
  });
});
