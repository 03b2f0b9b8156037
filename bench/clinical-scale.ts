import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import mysql from 'mysql2/promise';
import { latencySummary, positiveInt, runBench, onCleanUp, startServer, table, waitUntilReady, type Latency, type ServerChild, loginStaff } from './harness.js';
import { formatSummary, summarizeProfile } from './cpuprofile.js';
import { ensureScaleData, type ScaleMeta } from './scale-data.js';
import type { ScaleChildMessage } from './servers/cdss-scale.js';
import { seededRandom } from '../lib/random.js';

/**
 * Clinical scale (issue #3): 100,000 patients and 1,000,000 appointments in MariaDB; patient
 * search by part of a Korean name and by 초성, and a doctor's week calendar, through the API at
 * 20 concurrent clients. Target: p95 ≤ 100 ms.
 *
 *   npm run bench:scale -- [--regenerate] [--duration 15] [--connections 20] [--only name,chosung,calendar]
 *
 * The data set is generated once into its own database (default cdss_bench_scale on
 * mysql://root@127.0.0.1:3306) and reused by later runs. A CDSS node runs in a child process on
 * that database; autocannon drives it from this process and records every response's latency.
 * The baseline replays, through bare mysql2 with as many concurrent workers, exactly the SQL
 * statements each API request sent (recorded from the node's Sequelize before the runs), so the
 * ratio shows what the API path adds to the database work itself.
 */

const TARGET_P95_MS = 100;
const MAX_ERROR_RATE = 0.01;
const STALE_HINT = 'a data set from another bench version? try --regenerate';
const PASSWORD = 'BenchScale2026pw';
/** Distinct query values per scenario; requests cycle through them. */
const VALUES = 64;

const { values: args } = parseArgs({
  options: {
    'mariadb-url': { type: 'string', default: process.env.CDSS_BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306' },
    database: { type: 'string', default: process.env.CDSS_BENCH_SCALE_DB ?? 'cdss_bench_scale' },
    patients: { type: 'string', default: '100000' },
    appointments: { type: 'string', default: '1000000' },
    'doctors-per-department': { type: 'string', default: '30' },
    weeks: { type: 'string', default: '104' },
    regenerate: { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    only: { type: 'string' },
    drop: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`usage: npm run bench:scale -- [options]
  --mariadb-url URL            MariaDB server without a database (env CDSS_BENCH_MARIADB_URL; mysql://root@127.0.0.1:3306)
  --database NAME              database of the data set (env CDSS_BENCH_SCALE_DB; cdss_bench_scale)
  --patients N --appointments N --doctors-per-department N --weeks N   data set size (100000, 1000000, 30, 104)
  --regenerate                 rebuild the data set even when the database holds it
  --generate-only              build (or check) the data set and stop
  --duration S --warmup S --connections N   each measured run (15, 2, 20)
  --only LIST                  scenarios: name-frontdesk,name-doctor,chosung-frontdesk,chosung-doctor,calendar (or name, chosung)
  --drop                       drop the database afterwards
  --profile                    CPU-profile the CDSS child during each measured API run and summarise it`);
  process.exit(0);
}

if (!/^[A-Za-z0-9_]+$/.test(args.database)) throw new Error(`--database must be a plain name, got '${args.database}'`);
const duration = positiveInt(args.duration, 'duration');
const warmup = positiveInt(args.warmup, 'warmup');
const connections = positiveInt(args.connections, 'connections');


interface Probe {
  /** Shown in the report, e.g. q=민수. */
  label: string;
  path: string;
  token: string;
  /** The statements the request sent (SELECTs on the scenario's table), in order. */
  statements: string[];
  /** `total` of the API's answer. */
  total: number;
}

interface Scenario {
  key: string;
  title: string;
  role: 'front desk' | 'doctor';
  table: string;
  probes: Probe[];
}

interface Run {
  /** 1-minute load average when the run ended (this bench's own threads included). */
  load: number;
  /** CPU time per answered request: the CDSS child (all its threads), and mariadbd (all its clients). */
  serverCpuUs?: number;
  dbCpuUs?: number;
  /** Cores kept busy during the run by everything except this bench, its CDSS child and mariadbd. */
  otherCores?: number;
  /** InnoDB pages read from disk per answered request (buffer pool misses; server-wide). */
  diskReads?: number;
  latency: Latency;
  perSecond: number;
  requests: number;
  bad: number;
  statusCodes?: Record<string, { count: number }>;
}

/** Sends one request while the node records its SQL; keeps the SELECTs on `table`. */
async function probe(server: ServerChild<ScaleChildMessage>, baseUrl: string, table: string, label: string, urlPath: string, token: string): Promise<Probe> {
  server.send({ type: 'sql:start' });
  const res = await fetch(`${baseUrl}${urlPath}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { total?: number };
  const reply = server.next('sql', 10_000);
  server.send({ type: 'sql:stop' });
  const { statements } = (await reply) as Extract<ScaleChildMessage, { type: 'sql' }>;
  if (res.status !== 200) throw new Error(`GET ${urlPath} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  const selects = statements.filter((sql) => /^\s*SELECT/i.test(sql) && sql.includes(`\`${table}\``));
  if (selects.length === 0) {
    throw new Error(`GET ${urlPath}: no SELECT on ${table} recorded (does the action still go through Sequelize?); recorded: ${statements.join(' | ').slice(0, 500)}`);
  }
  return { label, path: urlPath, token, statements: selects, total: Number(body.total) };
}

/** autocannon over the probes (each connection takes the next one in turn), every latency recorded. */
async function loadApi(baseUrl: string, probes: Probe[], seconds: number): Promise<Run> {
  let next = 0;
  const samples: number[] = [];
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    requests: [{
      method: 'GET',
      setupRequest: (request) => {
        const p = probes[next++ % probes.length];
        return { ...request, path: p.path, headers: { ...request.headers, authorization: `Bearer ${p.token}` } };
      },
    }],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
  });
  const result: Result = await instance;
  return {
    load: os.loadavg()[0],
    latency: latencySummary(samples),
    perSecond: result['2xx'] / result.duration,
    requests: result.requests.sent,
    bad: result.non2xx + result.errors + result.timeouts,
    statusCodes: result.statusCodeStats,
  };
}

/**
 * The baseline: the same statements through a bare mysql2 pool, `connections` workers, each
 * taking the next probe in turn. Statements of one request run concurrently, as Sequelize's
 * findAndCountAll sends its count and its page together.
 */
async function loadBaseline(pool: mysql.Pool, probes: Probe[], seconds: number): Promise<Run> {
  let next = 0;
  const samples: number[] = [];
  let bad = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) {
      const p = probes[next++ % probes.length];
      const t0 = performance.now();
      try {
        await Promise.all(p.statements.map((sql) => pool.query(sql)));
        samples.push(performance.now() - t0);
      } catch (err) {
        bad++;
        if (bad === 1) console.error('baseline query failed:', (err as Error).message);
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { load: os.loadavg()[0], latency: latencySummary(samples), perSecond: samples.length / elapsed, requests: samples.length + bad, bad };
}

/** Replays each probe once through mysql2 and checks its count agrees with the API's total. */
async function checkBaseline(pool: mysql.Pool, scenario: Scenario): Promise<void> {
  for (const p of scenario.probes) {
    for (const sql of p.statements) {
      const [rows] = await pool.query(sql);
      const first = (rows as Record<string, unknown>[])[0];
      if (first && Object.keys(first).length === 1 && 'count' in first && Number(first.count) !== p.total) {
        throw new Error(`${scenario.key} ${p.label}: replayed count ${String(first.count)} ≠ API total ${p.total}`);
      }
    }
  }
}

async function explain(pool: mysql.Pool, sql: string): Promise<string> {
  const [rows] = await pool.query(`EXPLAIN ${sql}`);
  const list = rows as Record<string, unknown>[];
  const columns = ['id', 'select_type', 'table', 'type', 'key', 'rows', 'Extra'];
  return table([columns, ...list.map((r) => columns.map((c) => String(r[c] ?? '')))]);
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** The CDSS child's CPU time so far (user + system, all threads), µs. */
async function serverCpu(server: ServerChild<ScaleChildMessage>): Promise<number> {
  const reply = server.next('cpu');
  server.send({ type: 'cpu' });
  const cpu = (await reply) as Extract<ScaleChildMessage, { type: 'cpu' }>;
  return cpu.userUs + cpu.systemUs;
}

/** mariadbd's CPU time so far (µs) when it runs on this machine, from /proc; null elsewhere. */
const mariadbdPid = (() => {
  try {
    return readdirSync('/proc').find((p) => /^\d+$/.test(p) && readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'mariadbd') ?? null;
  } catch {
    return null;
  }
})();
function dbCpu(): number | null {
  if (!mariadbdPid) return null;
  try {
    const fields = readFileSync(`/proc/${mariadbdPid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

/** CPU time of the whole machine so far (all cores, busy = not idle or waiting for I/O), µs. */
function machineBusy(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks;
    return ((user + nice + system + irq + softirq + steal) * 1e6) / 100;
  } catch {
    return null;
  }
}

const selfCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Runs `run` and adds the CPU time per answered request of the CDSS child (when given) and of
 * mariadbd, and how many cores the machine's other processes kept busy meanwhile (the machine
 * is shared; the load average would count this bench's own threads).
 */
async function withCpu(pool: mysql.Pool, server: ServerChild<ScaleChildMessage> | null, run: () => Promise<Run>): Promise<Run> {
  const diskReads = async () => {
    const [rows] = await pool.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'");
    return Number((rows as { Value: string }[])[0]?.Value ?? NaN);
  };
  const reads0 = await diskReads();
  const server0 = server ? await serverCpu(server) : 0;
  const db0 = dbCpu();
  const machine0 = machineBusy();
  const self0 = selfCpu();
  const t0 = performance.now();
  const result = await run();
  const wallUs = (performance.now() - t0) * 1000;
  const db1 = dbCpu();
  const machine1 = machineBusy();
  const self1 = selfCpu();
  const answered = Math.max(1, result.requests - result.bad);
  const serverUs = server ? (await serverCpu(server)) - server0 : 0;
  result.diskReads = ((await diskReads()) - reads0) / answered;
  if (server) result.serverCpuUs = serverUs / answered;
  if (db0 !== null && db1 !== null) {
    result.dbCpuUs = (db1 - db0) / answered;
    if (machine0 !== null && machine1 !== null) {
      result.otherCores = Math.max(0, (machine1 - machine0) - (self1 - self0) - serverUs - (db1 - db0)) / wallUs;
    }
  }
  return result;
}

async function main(): Promise<number> {
  const cpu = os.cpus();
  console.log(`Clinical scale benchmark: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
    `${connections} connections, ${warmup} s warm-up + ${duration} s measured per run; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  const spec = {
    server: args['mariadb-url'].replace(/\/$/, ''), database: args.database, password: PASSWORD, regenerate: args.regenerate,
    patients: positiveInt(args.patients, 'patients'), appointments: positiveInt(args.appointments, 'appointments'),
    doctorsPerDepartment: positiveInt(args['doctors-per-department'], 'doctors-per-department'), weeks: positiveInt(args.weeks, 'weeks'),
  };
  const data = await ensureScaleData(spec);
  if (args.drop) {
    onCleanUp(async () => {
      const admin = await mysql.createConnection(spec.server);
      await admin.query(`DROP DATABASE IF EXISTS \`${spec.database}\``);
      await admin.end();
      console.log(`dropped ${spec.database}`);
    });
  }
  if (args['generate-only']) return 0;
  const meta: ScaleMeta = data.meta;

  const pool = mysql.createPool({ uri: data.url, connectionLimit: connections, charset: 'utf8mb4' });
  onCleanUp(() => pool.end());
  const [[server]] = (await pool.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
  const [[rowCounts]] = (await pool.query(`SELECT (SELECT COUNT(*) FROM patients_patient) AS patients,
    (SELECT COUNT(*) FROM patients_appointment) AS appointments, (SELECT COUNT(*) FROM care_team_member) AS careTeam,
    (SELECT COUNT(*) FROM auth_user WHERE role = 'doctor') AS doctors`)) as unknown as [Record<string, number>[]];
  console.log(`data: MariaDB ${server.version}, database ${spec.database}: ${Number(rowCounts.patients).toLocaleString('en')} patients, ` +
    `${Number(rowCounts.appointments).toLocaleString('en')} appointments, ${Number(rowCounts.careTeam).toLocaleString('en')} care-team rows, ` +
    `${rowCounts.doctors} doctors; calendar from ${meta.rangeStart} for ${meta.weeks} weeks`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-scale-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  console.log('ours: starting CDSS (pending migrations, if any, run first)');
  const startedAt = performance.now();
  const node = await startServer<ScaleChildMessage>('cdss-scale.ts', {
    CDSS_PORT: '0',
    CDSS_HOST: '127.0.0.1',
    CDSS_DATA_DIR: dataDir,
    CDSS_DB_URL: data.url,
    CDSS_DEMO_PASSWORD: PASSWORD,
    CDSS_LOG_LEVEL: 'warn',
    CDSS_JWT_SECRET: randomBytes(48).toString('base64url'),
    CDSS_ACCESS_TOKEN_TTL: '86400',
    CDSS_RATE_LIMIT_LOGIN: '1000000',
    CDSS_RATE_LIMIT_LOGIN_ACCOUNT: '1000000',
  }, { readyTimeoutMs: 900_000 });
  await waitUntilReady(node.baseUrl);
  console.log(`ours: ready after ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  const baseUrl = node.baseUrl;

  // Who asks: the front desk (row scope: every patient) and doctors (their care team and
  // department), four doctors per department.
  const frontDesk = await loginStaff(baseUrl, 'frontdesk', PASSWORD, STALE_HINT);
  const [doctorRows] = await pool.query("SELECT id, username, department FROM auth_user WHERE role = 'doctor' ORDER BY id");
  const doctors = doctorRows as { id: number; username: string; department: string }[];
  const chosen = [...new Set(doctors.map((d) => d.department))].flatMap((dept) => doctors.filter((d) => d.department === dept).slice(0, 4));
  const doctorTokens = await Promise.all(chosen.map(async (d) => ({ ...d, token: await loginStaff(baseUrl, d.username, PASSWORD, STALE_HINT) })));

  // What they ask: name fragments and 초성 of patients drawn at random (so common names come up
  // as often as they occur), and random weeks of each doctor's calendar.
  const { next: rand } = seededRandom(20260302); // the same questions on every run
  const [[{ maxId }]] = (await pool.query('SELECT MAX(id) AS maxId FROM patients_patient')) as unknown as [{ maxId: number }[]];
  const sampleIds = Array.from({ length: VALUES * 4 }, () => 1 + Math.floor(rand() * maxId));
  const [sampled] = await pool.query('SELECT name, name_chosung FROM patients_patient WHERE id IN (?) AND deleted_at IS NULL', [sampleIds]);
  const names = (sampled as { name: string; name_chosung: string }[]).filter((p) => [...p.name].length === 3);
  const fragments = names.slice(0, VALUES).map((p) => [...p.name].slice(1).join(''));
  const chosungs = names.slice(VALUES, 2 * VALUES).map((p) => p.name_chosung);
  const rangeStart = Date.parse(meta.rangeStart);
  const weekMs = 7 * 86_400_000;

  const only = args.only?.split(',').map((s) => s.trim());
  const wanted = (key: string) => !only || only.some((o) => key === o || key.startsWith(`${o}-`));
  const scenarios: Scenario[] = [];
  const searchPath = (q: string) => `/api/v1/patients?q=${encodeURIComponent(q)}`;
  const probeAll = async (key: string, title: string, role: Scenario['role'], tableName: string, asks: { label: string; path: string; token: string }[]) => {
    if (!wanted(key)) return;
    const probes: Probe[] = [];
    for (const ask of asks) probes.push(await probe(node, baseUrl, tableName, ask.label, ask.path, ask.token));
    scenarios.push({ key, title, role, table: tableName, probes });
  };
  console.log('ours: recording the SQL of every query value (one request each)');
  await probeAll('name-frontdesk', 'patients?q=<given-name fragment>', 'front desk', 'patients_patient',
    fragments.map((q) => ({ label: q, path: searchPath(q), token: frontDesk })));
  await probeAll('name-doctor', 'patients?q=<given-name fragment>', 'doctor', 'patients_patient',
    fragments.map((q, i) => ({ label: q, path: searchPath(q), token: doctorTokens[i % doctorTokens.length].token })));
  await probeAll('chosung-frontdesk', 'patients?q=<초성>', 'front desk', 'patients_patient',
    chosungs.map((q) => ({ label: q, path: searchPath(q), token: frontDesk })));
  await probeAll('chosung-doctor', 'patients?q=<초성>', 'doctor', 'patients_patient',
    chosungs.map((q, i) => ({ label: q, path: searchPath(q), token: doctorTokens[i % doctorTokens.length].token })));
  await probeAll('calendar', 'appointments?doctorId&from&to (own week)', 'doctor', 'patients_appointment',
    Array.from({ length: VALUES }, (_, i) => {
      const d = doctorTokens[i % doctorTokens.length];
      const from = new Date(rangeStart + Math.floor(rand() * meta.weeks) * weekMs);
      const to = new Date(from.getTime() + weekMs);
      return {
        label: `${d.username} ${from.toISOString().slice(0, 10)}`,
        path: `/api/v1/appointments?doctorId=${d.id}&from=${from.toISOString()}&to=${to.toISOString()}&pageSize=100`,
        token: d.token,
      };
    }));
  if (scenarios.length === 0) throw new Error(`--only ${args.only} selects no scenario`);

  for (const s of scenarios) {
    await checkBaseline(pool, s);
    const totals = s.probes.map((p) => p.total).sort((a, b) => a - b);
    console.log(`\n${s.key}: ${s.probes.length} values, e.g. ${s.probes.slice(0, 4).map((p) => p.label).join(', ')}; ` +
      `matches per request min ${totals[0]}, median ${totals[Math.floor(totals.length / 2)]}, max ${totals[totals.length - 1]}; ` +
      `${s.probes[0].statements.length} statements per request`);
    for (const sql of s.probes[0].statements) {
      console.log(`  ${sql.length > 400 ? `${sql.slice(0, 400)}…` : sql}`);
      console.log((await explain(pool, sql)).replace(/^/gm, '    '));
    }
  }

  const results: { scenario: Scenario; ours: Run; base: Run }[] = [];
  for (const s of scenarios) {
    console.log(`\n${s.key}: API warm-up ${warmup} s, then ${duration} s at ${connections} connections`);
    await loadApi(baseUrl, s.probes, warmup);
    const profileFile = args.profile ? path.join(os.tmpdir(), `cdss-scale-${s.key}-${Date.now()}.cpuprofile`) : null;
    if (profileFile) node.send({ type: 'profile:start' });
    const ours = await withCpu(pool, node, () => loadApi(baseUrl, s.probes, duration));
    if (profileFile) {
      const written = node.next('profile:written');
      node.send({ type: 'profile:stop', file: profileFile });
      await written;
      console.log(`${s.key}: CDSS CPU profile of the measured run (${profileFile})\n${formatSummary(summarizeProfile(profileFile))}`);
    }
    console.log(`${s.key}: baseline (bare mysql2, same SQL) warm-up ${warmup} s, then ${duration} s with ${connections} workers`);
    await loadBaseline(pool, s.probes, warmup);
    const base = await withCpu(pool, null, () => loadBaseline(pool, s.probes, duration));
    const cpu = (r: Run) => `CPU/req: ${r.serverCpuUs !== undefined ? `CDSS ${r.serverCpuUs.toFixed(0)} µs, ` : ''}mariadbd ${r.dbCpuUs?.toFixed(0) ?? '?'} µs, ` +
      `${r.diskReads?.toFixed(1) ?? '?'} InnoDB disk reads`;
    const others = (r: Run) => (r.otherCores !== undefined ? `other processes ${r.otherCores.toFixed(2)} cores` : `load ${r.load.toFixed(1)}`);
    console.log(`${s.key}: ours p95 ${ms(ours.latency.p95)} ms, ${ours.perSecond.toFixed(0)} req/s, ${ours.bad} errors, ${cpu(ours)} (${others(ours)}); ` +
      `baseline p95 ${ms(base.latency.p95)} ms, ${base.perSecond.toFixed(0)} req/s, ${cpu(base)} (${others(base)})`);
    results.push({ scenario: s, ours, base });
  }
  await node.stop();

  const rows = [['query', 'role', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'errors', 'CPU µs/req CDSS + db', 'base p50', 'base p95', 'base p99', 'base req/s',
    'base db µs/req', 'p95 ratio', 'req/s ratio', 'other cores', `p95 ≤ ${TARGET_P95_MS} ms`]];
  let failed = false;
  for (const { scenario: s, ours, base } of results) {
    rows.push([s.title, s.role, ms(ours.latency.p50), ms(ours.latency.p95), ms(ours.latency.p99), ours.perSecond.toFixed(0), String(ours.bad),
      `${ours.serverCpuUs?.toFixed(0) ?? '?'} + ${ours.dbCpuUs?.toFixed(0) ?? '?'}`,
      ms(base.latency.p50), ms(base.latency.p95), ms(base.latency.p99), base.perSecond.toFixed(0), base.dbCpuUs?.toFixed(0) ?? '?',
      (ours.latency.p95 / base.latency.p95).toFixed(2), (ours.perSecond / base.perSecond).toFixed(3),
      `${ours.otherCores?.toFixed(2) ?? '?'} / ${base.otherCores?.toFixed(2) ?? '?'}`,
      ours.latency.p95 <= TARGET_P95_MS ? 'met' : 'MISSED']);
    for (const [who, run] of [['ours', ours], ['baseline', base]] as const) {
      if (run.bad / Math.max(1, run.requests) > MAX_ERROR_RATE) {
        console.error(`${s.key} ${who}: ${run.bad} bad responses of ${run.requests}${run.statusCodes ? `, status codes ${JSON.stringify(run.statusCodes)}` : ''}`);
        failed = true;
      }
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log('p95 ratio = our p95 / baseline p95 (lower is better); req/s ratio = our req/s / baseline req/s (higher is better); ' +
    'errors = non-2xx, socket errors and timeouts (10 s), whose latencies are not in the percentiles; CPU µs/req = CPU time of the ' +
    'CDSS child and of mariadbd (/proc, all its clients: other users of the server inflate it) during the run, per answered request; ' +
    'other cores = cores kept busy by the machine\'s other processes during our run / the baseline run.');
  const others = results.flatMap((r) => [r.ours.otherCores, r.base.otherCores]).filter((c): c is number => c !== undefined);
  if (others.length > 0) {
    console.log(`other processes on the machine (not this bench, its CDSS child or mariadbd) kept ${Math.min(...others).toFixed(2)}–` +
      `${Math.max(...others).toFixed(2)} of the ${os.cpus().length} cores busy during the runs; mariadbd's CPU includes its other clients`);
  }
  const missed = results.filter((r) => r.ours.latency.p95 > TARGET_P95_MS).map((r) => r.scenario.key);
  console.log(`target p95 ≤ ${TARGET_P95_MS} ms at ${connections} clients: ${missed.length === 0 ? 'met by every query' : `MISSED by ${missed.join(', ')}`}`);
  return failed ? 1 : 0;
}

await runBench(main);
