import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import type { Sequelize } from 'sequelize';
import { openDatabase } from '../models/database.js';
import { defineModels } from '../models/index.js';
import { createBenchDatabase } from './database.js';
import { formatSummary, summarizeProfile } from './cpuprofile.js';
import type { ChildMessage } from './servers/child.js';
import { ROOT, databaseBenchOptions, databaseBenchSettings, fromSources, runBench, onCleanUp, startServer as startChild, waitUntilReady, type ServerChild, loginStaff, table } from './harness.js';

/**
 * Gateway benchmark (issue #2): a bare moleculer-web gateway against CDSS's authenticated,
 * audited `GET /api/v1/patients/:id`, each server in its own child process so that autocannon
 * does not share the server's event loop.
 *
 *   npx tsx bench/gateway.ts [--db sqlite|mariadb] [--duration 10] [--connections 50]
 *                            [--warmup 2] [--mariadb-url mysql://root@127.0.0.1:3306] [--profile] [--compiled]
 *
 * Servers run through tsx by default. `--compiled` first compiles the project with tsc into a
 * temp folder and runs the servers as plain JavaScript, as `npm start` does: tsx turns on source
 * maps, which makes every captured stack trace (Sequelize's SQLite dialect takes one per query)
 * dearer. A CPU profile (`--profile`) is kept in the OS temp folder and its path printed.
 */

const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.3;
const MAX_ERROR_RATE = 0.01;
const DEMO_PASSWORD = 'BenchPass1234';
const BENCH_USER = 'doctor.pulmo';
const PATIENT_ID = 1;

const { values: args } = parseArgs({
  options: {
    ...databaseBenchOptions(50),
    compiled: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log('usage: npx tsx bench/gateway.ts [--db sqlite|mariadb] [--duration 10] [--connections 50] [--warmup 2] [--mariadb-url URL] [--profile] [--compiled]');
  process.exit(0);
}

const { db, duration, warmup, connections, mariadbUrl: mariadbServer } = databaseBenchSettings(args);

/** How children are started: through tsx from the sources, or with plain node from a tsc build. */
const startServer = (file: string, env: Record<string, string>) => startChild<ChildMessage>(file, env, {
  launch: (f) => launch(f),
  failure: (message) => (message.type === 'profile:failed' ? `profiling failed: ${message.error}` : null),
});

let launch = fromSources;

/**
 * Compiles the project (bench included) into a temp folder laid out like the repository, so the
 * servers run as plain JavaScript without source maps.
 */
async function useCompiledBuild(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cdss-bench-build-'));
  onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
  console.log(`compiling the project into ${dir} (tsc)`);
  const tsc = spawn(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json'),
    '--outDir', path.join(dir, 'dist'), '--noEmit', 'false', '--incremental', 'false', '--sourceMap', 'false'], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => tsc.once('exit', resolve));
  if (code !== 0) throw new Error(`tsc failed (exit ${code}); fix the type errors or run without --compiled`);
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  symlinkSync(path.join(ROOT, 'web'), path.join(dir, 'web'));
  launch = (file) => ({ args: [path.join(dir, 'dist/bench/servers', file.replace(/\.ts$/, '.js'))], cwd: dir });
}


/** One request before loading, so a wrong URL or token fails loudly instead of as 100% non-2xx. */
async function checkOnce(url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
}

function load(url: string, seconds: number, headers: Record<string, string>): Promise<Result> {
  return Promise.resolve(autocannon({ url, connections, duration: seconds, pipelining: 1, headers, timeout: 10 }));
}

interface Measured {
  target: string;
  result: Result;
  /** Server CPU time (user + system, all threads of the child) per response, in µs. */
  cpuUsPerRequest: number;
  audit?: { before: number; after: number; responses2xx: number; sent: number };
}

async function cpuOf(server: ServerChild<ChildMessage>): Promise<number> {
  const reply = server.next('cpu');
  server.send({ type: 'cpu' });
  const cpu = (await reply) as Extract<ChildMessage, { type: 'cpu' }>;
  return cpu.userUs + cpu.systemUs;
}

/**
 * Warm-up, then the measured run with the child's CPU time around it. `during` brackets the
 * measured run only (audit counts, profiling).
 */
async function measure(
  target: string, server: ServerChild<ChildMessage>, url: string, headers: Record<string, string>,
  during: { before?: () => Promise<void>; after?: () => Promise<void> } = {},
): Promise<Measured> {
  await checkOnce(url, headers);
  console.log(`${target}: warm-up ${warmup} s, then ${duration} s at ${connections} connections`);
  await load(url, warmup, headers);
  await during.before?.();
  const cpuBefore = await cpuOf(server);
  const result = await load(url, duration, headers);
  const cpuAfter = await cpuOf(server);
  await during.after?.();
  return { target, result, cpuUsPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total) };
}

/** Bad responses: non-2xx, socket errors and timeouts, as a share of all requests sent. */
function errorRate(r: Result): { bad: number; rate: number } {
  const bad = r.non2xx + r.errors + r.timeouts;
  return { bad, rate: bad / Math.max(1, r.requests.sent) };
}

async function benchBare(): Promise<Measured> {
  console.log('bare: starting moleculer-web baseline');
  const server = await startServer('bare.ts', {});
  const measured = await measure('bare moleculer-web', server, `${server.baseUrl}/api/bare/${PATIENT_ID}`, {});
  await server.stop();
  return measured;
}

/** Waits until the audit row count stops moving (requests in flight when autocannon stopped). */
async function settledCount(count: () => Promise<number>): Promise<number> {
  let previous = await count();
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const current = await count();
    if (current === previous) return current;
    previous = current;
  }
}

async function benchOurs(): Promise<{ live: Measured; patients: Measured; profileText?: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-bench-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = await createBenchDatabase(db, dataDir, mariadbServer);
  onCleanUp(() => database.drop());

  console.log(`ours: starting CDSS on ${db}`);
  const server = await startServer('cdss.ts', {
    CDSS_PORT: '0',
    CDSS_HOST: '127.0.0.1',
    CDSS_DATA_DIR: dataDir,
    CDSS_DB_URL: database.url,
    CDSS_DEMO_PASSWORD: DEMO_PASSWORD,
    CDSS_LOG_LEVEL: 'warn',
    CDSS_JWT_SECRET: randomBytes(48).toString('base64url'),
    CDSS_ACCESS_TOKEN_TTL: '86400',
    CDSS_RATE_LIMIT_LOGIN: '1000000',
    CDSS_RATE_LIMIT_LOGIN_ACCOUNT: '1000000',
  });
  await waitUntilReady(server.baseUrl);
  const token = await loginStaff(server.baseUrl, BENCH_USER, DEMO_PASSWORD);

  // The same gateway (helmet, CDSS settings) with no token, RBAC, database or audit.
  const live = await measure('CDSS GET /health/live', server, `${server.baseUrl}/health/live`, {});

  // A second connection from this process: it only counts rows, between runs.
  const sequelize: Sequelize = await openDatabase(database.url);
  onCleanUp(() => sequelize.close());
  const { ActivityLog } = defineModels(sequelize);
  const count = () => ActivityLog.count();
  let before = 0;
  let after = 0;
  let profileFile: string | undefined;
  const patients = await measure(`CDSS GET /api/v1/patients/:id`, server, `${server.baseUrl}/api/v1/patients/${PATIENT_ID}`,
    { authorization: `Bearer ${token}` }, {
      async before() {
        before = await settledCount(count);
        if (!args.profile) return;
        const dir = path.join(os.tmpdir(), 'cdss-bench-profiles');
        mkdirSync(dir, { recursive: true });
        profileFile = path.join(dir, `cdss-${db}-${Date.now()}.cpuprofile`);
        server.send({ type: 'profile:start' });
      },
      async after() {
        if (profileFile) {
          const written = server.next('profile:written');
          server.send({ type: 'profile:stop', file: profileFile });
          await written;
        }
        after = await settledCount(count);
      },
    });
  patients.audit = { before, after, responses2xx: patients.result['2xx'], sent: patients.result.requests.sent };
  await server.stop();
  const profileText = profileFile ? `${formatSummary(summarizeProfile(profileFile))}\n\nProfile file: ${profileFile}` : undefined;
  return { live, patients, profileText };
}

async function main(): Promise<number> {
  const cpu = os.cpus();
  console.log(`Gateway benchmark: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
    `database ${db}, servers ${args.compiled ? 'compiled (plain node)' : 'through tsx'}, ${connections} connections, ` +
    `${warmup} s warm-up + ${duration} s measured\n`);
  if (args.compiled) await useCompiledBuild();
  const bare = await benchBare();
  const { live, patients: ours, profileText } = await benchOurs();

  const rows = [['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'server CPU µs/req']];
  for (const m of [bare, live, ours]) {
    const r = m.result;
    rows.push([m.target, r.requests.average.toFixed(0), String(r.latency.p50), String(r.latency.p99),
      String(r.requests.sent), String(r.non2xx), String(r.errors + r.timeouts), m.cpuUsPerRequest.toFixed(0)]);
  }
  const ratio = ours.result.requests.average / bare.result.requests.average;
  const p99 = ours.result.latency.p99;
  console.log(`\n${table(rows)}\n`);
  console.log(`database: ${db}; servers ${args.compiled ? 'compiled (plain node)' : 'through tsx'}`);
  console.log(`ratio ours/bare (req/s): ${ratio.toFixed(3)}  target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`);
  console.log(`ours p99: ${p99} ms  target ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'MISSED'}`);

  let failed = false;
  const audit = ours.audit!;
  const audited = audit.after - audit.before;
  const auditOk = audited >= audit.responses2xx && audited <= audit.sent;
  console.log(`audit rows (activity_log): ${audit.before} before, ${audit.after} after the measured run = ${audited} new rows for ` +
    `${audit.responses2xx} 2xx responses (${audit.sent} requests sent, some in flight when the run stopped): ${auditOk ? 'ok' : 'MISMATCH'}`);
  if (!auditOk) failed = true;
  for (const m of [bare, live, ours]) {
    const { bad, rate } = errorRate(m.result);
    if (rate > MAX_ERROR_RATE) {
      console.error(`${m.target}: ${bad} bad responses of ${m.result.requests.sent} (${(rate * 100).toFixed(2)}% > ${MAX_ERROR_RATE * 100}%), status codes ${JSON.stringify(m.result.statusCodeStats)}`);
      failed = true;
    }
  }
  if (profileText) console.log(`\n${profileText}`);
  return failed ? 1 : 0;
}

await runBench(main);
