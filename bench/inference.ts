import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ServiceBroker, type ServiceSchema } from 'moleculer';
import ort from 'onnxruntime-node';
import { loadConfig } from '../lib/config.js';
import { brokerOptions } from '../moleculer.config.js';
import { attachRuntime } from '../services/runtime.js';
import InferenceService, { type InferenceRunParams } from '../services/ai/inference.service.js';
import { BUNDLED_ZOO } from '../lib/ai/model-zoo.js';
import { phantom } from '../lib/ai/phantoms.js';
import { latencySummary, onCleanUp, positiveInt, runBench, table, type Latency } from './harness.js';

/**
 * Inference benchmark (issue #6), in one run: bare onnxruntime-node on the reference 2-D
 * segmenter (256², one session, one intra-op thread, called back to back on the main thread)
 * against the same model through `inference.run` on a broker (the actor pool: one worker
 * thread, the queue, the broker's validators and hooks), with `--concurrency` calls in flight.
 * Rounds interleave the rows, so that load from elsewhere on the machine hits all of them alike.
 * A third row sends and receives base64, as a caller on another node would.
 *
 *   npx tsx bench/inference.ts [--duration 2] [--rounds 9] [--concurrency 4] [--workers 1] [--nice 10]
 */
const TARGET_RATIO = 0.95;
const TARGET_P95_MS = 100;
const MODEL = 'reference-blob-seg2d';
const DIMS = [1, 1, 256, 256];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '9' },
    concurrency: { type: 'string', default: '4' },
    workers: { type: 'string', default: '1' },
    /** The inference threads' nice value (CDSS_INFERENCE_NICE); default: the configuration's default. */
    nice: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('usage: npx tsx bench/inference.ts [--duration 2] [--rounds 9] [--concurrency 4] [--workers 1] [--nice 10]');
  process.exit(0);
}
const duration = positiveInt(args.duration, 'duration') * 1000;
const rounds = positiveInt(args.rounds, 'rounds');
const concurrency = positiveInt(args.concurrency, 'concurrency');
const workers = positiveInt(args.workers, 'workers');

// Eight different phantoms, cycled, so neither side runs on one buffer only.
const images = Array.from({ length: 8 }, (_, i) => phantom([256, 256], [{ center: [60 + 20 * i, 128], radius: 10 + 4 * i }], { noise: 0.05, seed: i + 1 }));
const base64Images = images.map((image) => Buffer.from(image.buffer).toString('base64'));

interface Tally {
  images: number;
  ms: number;
  samples: number[];
}
const tally = (): Tally => ({ images: 0, ms: 0, samples: [] });

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Runs `one` with `inFlight` calls outstanding for `ms`; adds the count and latencies to `into`.
 * Each segment starts from a collected heap and half a second unmeasured on the same path.
 */
async function drive(ms: number, inFlight: number, one: (i: number) => Promise<unknown>, into: Tally, settle = 500): Promise<void> {
  collectGarbage();
  if (settle) await drive(settle, inFlight, one, tally(), 0);
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (performance.now() - started < ms) {
      const t0 = performance.now();
      await one(next++);
      into.samples.push(performance.now() - t0);
      into.images++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  into.ms += performance.now() - started;
}

async function main(): Promise<number> {
  const session = await ort.InferenceSession.create(path.join(BUNDLED_ZOO, 'models', `${MODEL}.onnx`), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const raw = (i: number) => session.run({ image: new ort.Tensor('float32', images[i % images.length], DIMS) });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-bench-inference-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ CDSS_DATA_DIR: dataDir, CDSS_LOG_LEVEL: 'warn', CDSS_INFERENCE_WORKERS: String(workers), CDSS_INFERENCE_QUEUE: '1000',
    ...(args.nice !== undefined ? { CDSS_INFERENCE_NICE: args.nice } : {}) });
  const broker = new ServiceBroker(brokerOptions(config));
  attachRuntime(broker, config);
  broker.createService(InferenceService as ServiceSchema);
  await broker.start();
  onCleanUp(() => broker.stop());
  const viaBroker = (i: number) => broker.call<unknown, InferenceRunParams>('inference.run', { modelId: MODEL, inputs: { image: { dims: DIMS, data: images[i % images.length] } } });
  const viaBase64 = (i: number) => broker.call<unknown, InferenceRunParams>('inference.run', {
    modelId: MODEL, inputs: { image: { dims: DIMS, data: base64Images[i % images.length] } }, encoding: 'base64',
  });

  console.log(`${rounds} rounds of ${duration / 1000} s each (after 0.5 s unmeasured): raw, pool, pool base64 (${concurrency} in flight, ${workers} worker(s))`);
  const results = { raw: tally(), pool: tally(), base64: tally() };
  // The order rotates every round: a segment run right after another kind measured up to 10 %
  // lower (heap and scheduler state carry over for seconds), so each row takes each place alike.
  const segments = [() => drive(duration, 1, raw, results.raw), () => drive(duration, concurrency, viaBroker, results.pool),
    () => drive(duration, concurrency, viaBase64, results.base64)];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < segments.length; i++) await segments[(round + i) % segments.length]();
  }

  const rate = (t: Tally) => (t.images * 1000) / t.ms;
  const row = (name: string, t: Tally, l: Latency) => [name, rate(t).toFixed(1), l.p50.toFixed(2), l.p95.toFixed(2), l.p99.toFixed(2), (rate(t) / rate(results.raw)).toFixed(2)];
  const lat = { raw: latencySummary(results.raw.samples), pool: latencySummary(results.pool.samples), base64: latencySummary(results.base64.samples) };
  console.log(`\n${MODEL} (256², float32), ${os.cpus().length} CPUs, node ${process.version}, onnxruntime-node ${ort.env.versions.common}\n`);
  console.log(table([
    ['target', 'images/s', 'p50 ms', 'p95 ms', 'p99 ms', 'vs raw'],
    row('raw onnxruntime-node (main thread, sequential)', results.raw, lat.raw),
    row(`inference.run via broker (pool, ${concurrency} in flight)`, results.pool, lat.pool),
    row(`inference.run via broker, base64 in/out`, results.base64, lat.base64),
  ]));
  const stats = await broker.call<{ completed: number; failed: number }>('inference.stats');
  const ratio = rate(results.pool) / rate(results.raw);
  const ok = ratio >= TARGET_RATIO && lat.pool.p95 <= TARGET_P95_MS && stats.failed === 0;
  console.log(`\npool/raw ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}), pool p95 ${lat.pool.p95.toFixed(2)} ms (target ≤ ${TARGET_P95_MS} ms), ` +
    `${stats.completed} jobs, ${stats.failed} failed: ${ok ? 'met' : 'MISSED'}`);
  return ok ? 0 : 1;
}

await runBench(main);
