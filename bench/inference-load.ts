import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { createBenchDatabase } from './database.js';
import { databaseBenchOptions, databaseBenchSettings, onCleanUp, positiveInt, runBench, startServer, table, waitUntilReady, loginStaff } from './harness.js';
import type { LoadChildMessage } from './servers/cdss-inference-load.js';

/**
 * API latency while the inference pool is saturated (issue #6): the same authenticated, audited
 * `GET /api/v1/patients/:id` measured on one CDSS node with the pool idle and with its workers
 * busy and its queue full of segmentation jobs (bench/servers/cdss-inference-load.ts). Idle and
 * saturated runs alternate for `--rounds`, so drift on the machine hits both alike; the verdict
 * compares the medians of their p99s. Inference runs on worker threads, so the event loop that
 * serves the API should barely notice: target saturated p99 ≤ 1.2 × idle p99.
 *
 *   npx tsx bench/inference-load.ts [--db sqlite|mariadb] [--duration 5] [--warmup 2] [--connections 4]
 *                                   [--rounds 3] [--in-flight 16] [--workers 1]
 */
const TARGET_P99_RATIO = 1.2;
const DEMO_PASSWORD = 'BenchPass1234';
const PATIENT_ID = 1;

const { values: args } = parseArgs({
  options: {
    ...databaseBenchOptions(4),
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    'in-flight': { type: 'string', default: '16' },
    workers: { type: 'string', default: '1' },
  },
});
if (args.help) {
  console.log('usage: npx tsx bench/inference-load.ts [--db sqlite|mariadb] [--duration 5] [--warmup 2] [--connections 4] [--rounds 3] [--in-flight 16] [--workers 1]');
  process.exit(0);
}
const { db, duration, warmup, connections, mariadbUrl } = databaseBenchSettings(args);
const rounds = positiveInt(args.rounds, 'rounds');
const inFlight = positiveInt(args['in-flight'], 'in-flight');
const workers = positiveInt(args.workers, 'workers');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const load = (url: string, seconds: number, headers: Record<string, string>): Promise<Result> =>
  Promise.resolve(autocannon({ url, connections, duration: seconds, pipelining: 1, headers, timeout: 10 }));

async function main(): Promise<number> {
  const cpu = os.cpus();
  console.log(`Inference load benchmark: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, database ${db}, ` +
    `${workers} inference worker(s), ${inFlight} jobs kept in flight, ${connections} API connections, ${rounds} × (${duration} s idle + ${duration} s saturated)\n`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-bench-ai-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = await createBenchDatabase(db, dataDir, mariadbUrl);
  onCleanUp(() => database.drop());
  const server = await startServer<LoadChildMessage | { type: 'ready'; port: number }>('cdss-inference-load.ts', {
    CDSS_PORT: '0', CDSS_HOST: '127.0.0.1', CDSS_DATA_DIR: dataDir, CDSS_DB_URL: database.url, CDSS_DEMO_PASSWORD: DEMO_PASSWORD,
    CDSS_LOG_LEVEL: 'warn', CDSS_JWT_SECRET: randomBytes(48).toString('base64url'), CDSS_ACCESS_TOKEN_TTL: '86400',
    CDSS_INFERENCE_WORKERS: String(workers), CDSS_AI_AUTO: 'none',
  });
  await waitUntilReady(server.baseUrl);
  const headers = { authorization: `Bearer ${await loginStaff(server.baseUrl, 'doctor.pulmo', DEMO_PASSWORD)}` };
  const url = `${server.baseUrl}/api/v1/patients/${PATIENT_ID}`;
  await load(url, warmup, headers);

  const rows = [['round', 'pool', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'jobs done', 'jobs turned away (busy)']];
  const idle: number[] = [];
  const saturated: number[] = [];
  let bad = 0;
  for (let round = 1; round <= rounds; round++) {
    const quiet = await load(url, duration, headers);
    idle.push(quiet.latency.p99);
    rows.push([String(round), 'idle', quiet.requests.average.toFixed(0), String(quiet.latency.p50), String(quiet.latency.p99), String(quiet.non2xx), '-', '-']);

    server.send({ type: 'flood:start', inFlight });
    await new Promise((r) => setTimeout(r, 500)); // let the queue fill
    const busy = await load(url, duration, headers);
    const stopped = server.next('flood:stopped');
    server.send({ type: 'flood:stop' });
    const flood = (await stopped) as Extract<LoadChildMessage, { type: 'flood:stopped' }>;
    saturated.push(busy.latency.p99);
    rows.push([String(round), 'saturated', busy.requests.average.toFixed(0), String(busy.latency.p50), String(busy.latency.p99), String(busy.non2xx),
      String(flood.done), String(flood.busy)]);
    bad += quiet.non2xx + quiet.errors + busy.non2xx + busy.errors + flood.failed;
    if (flood.done === 0) throw new Error('the pool finished no job while "saturated": the load generator did not reach it');
  }
  await server.stop();

  const ratio = median(saturated) / Math.max(1, median(idle));
  console.log(`\n${table(rows)}\n`);
  console.log(`median p99: idle ${median(idle)} ms, saturated ${median(saturated)} ms`);
  console.log(`ratio saturated/idle (p99): ${ratio.toFixed(3)}  target ≤ ${TARGET_P99_RATIO}: ${ratio <= TARGET_P99_RATIO ? 'met' : 'MISSED'}`);
  if (bad > 0) console.error(`${bad} failed requests or jobs`);
  return bad > 0 ? 1 : 0;
}

await runBench(main);
