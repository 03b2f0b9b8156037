import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { startOrthanc, type OrthancServer } from '../test/helpers/orthanc.js';
import { CT_SERIES, rewriteSeries, stowBody, type RewrittenStudy } from '../test/helpers/pacs-fixtures.js';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createBenchDatabase } from './database.js';
import { formatSummary, summarizeProfile } from './cpuprofile.js';
import type { ChildMessage } from './servers/child.js';
import { databaseBenchOptions, databaseBenchSettings, latencySummary, onCleanUp, positiveInt, runBench, startServer, table, waitUntilReady, type Latency, type ServerChild, loginStaff } from './harness.js';

/**
 * PACS benchmark (issue #5), in one run: Orthanc's own DICOMweb (direct, the baseline) against our
 * /dicom-web proxy in front of the same Orthanc (token check, scope check through the patients
 * actor, audit rows), and the built-in archive holding the same studies — for a QIDO study search
 * by PatientID and a WADO-RS frame retrieval; plus STOW-RS ingest in instances/s for all three.
 *
 *   npx tsx bench/pacs.ts [--db sqlite|mariadb] [--duration 10] [--warmup 2] [--connections 10]
 *                         [--studies 60] [--stow-clients 4] [--mariadb-url mysql://root@127.0.0.1:3306]
 *
 * CDSS runs in child processes (bench/servers/cdss.ts), Orthanc as its own process; the load
 * generator (autocannon) shares the machine with them, so ratios matter more than absolutes.
 */

const TARGET_RATIO = 0.8;
const MAX_ERROR_RATE = 0.01;
const DEMO_PASSWORD = 'BenchPass1234';
/** Searches and reads as a doctor (row scope: care team and department) — the scope check costs most there. */
const READER = 'doctor.pulmo';
/** Ingests as the radiologist (row scope: all patients). */
const WRITER = 'radiologist';
const DEMO_PATIENTS = 30;

const { values: args } = parseArgs({
  options: {
    ...databaseBenchOptions(10),
    studies: { type: 'string', default: '60' },
    'stow-clients': { type: 'string', default: '4' },
  },
});
if (args.help) {
  console.log('usage: npx tsx bench/pacs.ts [--db sqlite|mariadb] [--duration 10] [--warmup 2] [--connections 10] [--studies 60] [--stow-clients 4] [--mariadb-url URL]');
  process.exit(0);
}

const { db, duration, warmup, connections } = databaseBenchSettings(args);
const studyCount = positiveInt(args.studies, 'studies');
const stowClients = positiveInt(args['stow-clients'], 'stow-clients');

/** The demo seed's chart numbers: P<year><5 digits>, patients 1..30. */
const chartOf = (patient: number) => `P${new Date().getFullYear()}${String(patient).padStart(5, '0')}`;

async function startCdss(pacsEnv: Record<string, string>): Promise<ServerChild<ChildMessage>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-bench-pacs-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = await createBenchDatabase(db, dataDir, args['mariadb-url']);
  onCleanUp(() => database.drop());
  const server = await startServer<ChildMessage>('cdss.ts', {
    CDSS_PORT: '0', CDSS_HOST: '127.0.0.1', CDSS_DATA_DIR: dataDir, CDSS_DB_URL: database.url, CDSS_DEMO_PASSWORD: DEMO_PASSWORD,
    CDSS_LOG_LEVEL: 'warn', CDSS_JWT_SECRET: randomBytes(48).toString('base64url'), CDSS_ACCESS_TOKEN_TTL: '86400',
    CDSS_AI_AUTO: 'none', // the CT uploads measure the PACS, not the AI analyses they would start
    CDSS_RATE_LIMIT_LOGIN: '1000000', CDSS_RATE_LIMIT_LOGIN_ACCOUNT: '1000000', ...pacsEnv,
  });
  await waitUntilReady(server.baseUrl);
  return server;
}

/** STOW-RS of whole studies (one request each) by `stowClients` concurrent clients: instances per second. */
async function ingest(url: string, authorization: string, studies: RewrittenStudy[]): Promise<{ instancesPerSecond: number; seconds: number }> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: stowClients }, async () => {
    while (next < studies.length) {
      const study = studies[next++]!;
      const { body, contentType } = stowBody(study.files);
      const res = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': contentType, accept: 'application/dicom+json' }, body: body as unknown as BodyInit });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`STOW to ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { instancesPerSecond: studies.reduce((n, s) => n + s.files.length, 0) / seconds, seconds };
}

interface Measured {
  target: string;
  result: Result;
  latency: Latency;
  /** CPU time (user + system) per response of the CDSS node and of Orthanc, in µs; null where that process takes no part. */
  cdssCpuUs: number | null;
  orthancCpuUs: number | null;
}

/** CPU time of a CDSS child (all its threads), µs, over the bench IPC protocol. */
async function cdssCpu(server: ServerChild<ChildMessage>): Promise<number> {
  const reply = server.next('cpu');
  server.send({ type: 'cpu' });
  const cpu = (await reply) as Extract<ChildMessage, { type: 'cpu' }>;
  return cpu.userUs + cpu.systemUs;
}

/** The Orthanc process listening on `httpPort`: the one whose config file names that port. */
function orthancPid(httpPort: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!argv[0]?.endsWith('Orthanc') || !argv[1]) continue;
      if ((JSON.parse(readFileSync(argv[1], 'utf8')) as { HttpPort?: number }).HttpPort === httpPort) return Number(entry);
    } catch {
      // a process that went away, or not ours to read
    }
  }
  return null;
}

/** CPU time of a process (user + system, all threads), µs, from /proc (Linux). */
function processCpu(pid: number | null): number {
  if (pid === null) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6; // utime, stime in clock ticks (USER_HZ = 100)
}

async function checkOnce(url: string, headers: Record<string, string>, expect: (body: Buffer) => string | null): Promise<void> {
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.toString('utf8').slice(0, 300)}`);
  const problem = expect(body);
  if (problem) throw new Error(`GET ${url}: ${problem}`);
}

async function load(url: string, headers: Record<string, string>, seconds: number, samples?: number[]): Promise<Result> {
  const instance = autocannon({ url, connections, duration: seconds, pipelining: 1, headers, timeout: 10 });
  if (samples) instance.on('response', (_client, _status, _bytes, ms) => samples.push(ms));
  return instance;
}

interface Processes {
  cdss?: ServerChild<ChildMessage>;
  orthancPid?: number | null;
}

async function measure(
  target: string, url: string, headers: Record<string, string>, expect: (body: Buffer) => string | null, processes: Processes, profiled?: ServerChild<ChildMessage>,
): Promise<Measured & { profile?: string }> {
  await checkOnce(url, headers, expect);
  console.log(`${target}: warm-up ${warmup} s, then ${duration} s at ${connections} connections`);
  await load(url, headers, warmup);
  const samples: number[] = [];
  let profile: string | undefined;
  if (profiled) {
    const dir = path.join(os.tmpdir(), 'cdss-bench-profiles');
    mkdirSync(dir, { recursive: true });
    profile = path.join(dir, `cdss-pacs-${Date.now()}.cpuprofile`);
    profiled.send({ type: 'profile:start' });
  }
  const cdssBefore = processes.cdss ? await cdssCpu(processes.cdss) : 0;
  const orthancBefore = processes.orthancPid ? processCpu(processes.orthancPid) : 0;
  const result = await load(url, headers, duration, samples);
  const responses = Math.max(1, result.requests.total);
  const cdssCpuUs = processes.cdss ? (await cdssCpu(processes.cdss) - cdssBefore) / responses : null;
  const orthancCpuUs = processes.orthancPid ? (processCpu(processes.orthancPid) - orthancBefore) / responses : null;
  if (profiled && profile) {
    const written = profiled.next('profile:written');
    profiled.send({ type: 'profile:stop', file: profile });
    await written;
  }
  return { target, result, latency: latencySummary(samples), profile, cdssCpuUs, orthancCpuUs };
}

const studiesIn = (count: number) => (body: Buffer) => {
  const found = (JSON.parse(body.toString('utf8')) as unknown[]).length;
  return found === count ? null : `expected ${count} studies, got ${found}`;
};
const frameOf = (bytes: number) => (body: Buffer) => (body.length > bytes ? null : `a frame answer of ${body.length} bytes`);

async function main(): Promise<number> {
  const cpu = os.cpus();
  console.log(`PACS benchmark: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, database ${db}, ` +
    `${studyCount} studies × ${CT_SERIES.length} instances per archive, ${connections} connections, ${warmup} s warm-up + ${duration} s measured\n`);

  const orthanc: OrthancServer = await startOrthanc();
  onCleanUp(() => orthanc.stop());
  const [user, password] = Buffer.from(orthanc.authorization.replace(/^Basic /, ''), 'base64').toString().split(':');
  const viaOrthanc = await startCdss({ CDSS_PACS: 'orthanc', CDSS_ORTHANC_URL: orthanc.url, CDSS_ORTHANC_USER: user!, CDSS_ORTHANC_PASSWORD: password! });
  const builtin = await startCdss({ CDSS_PACS: 'builtin' });

  // Two data sets of the same shape: one stored straight into Orthanc, one through our proxy;
  // the built-in archive gets both, so every archive holds the same studies.
  const patientName = (i: number) => `환자${i}`;
  const dataset = () => Array.from({ length: studyCount }, (_, i) => rewriteSeries(CT_SERIES, { chartNumber: chartOf((i % DEMO_PATIENTS) + 1), name: patientName((i % DEMO_PATIENTS) + 1) }));
  const direct = dataset();
  const proxied = dataset();
  const bearer = async (server: ServerChild<ChildMessage>, username: string) => `Bearer ${await loginStaff(server.baseUrl, username, DEMO_PASSWORD)}`;
  const writerOrthanc = await bearer(viaOrthanc, WRITER);
  const writerBuiltin = await bearer(builtin, WRITER);

  console.log('STOW-RS ingest …');
  const stow = [
    { target: 'Orthanc direct', ...(await ingest(`${orthanc.url}/dicom-web/studies`, orthanc.authorization, direct)) },
    { target: 'CDSS proxy → Orthanc', ...(await ingest(`${viaOrthanc.baseUrl}/dicom-web/studies`, writerOrthanc, proxied)) },
    { target: 'CDSS built-in archive', ...(await ingest(`${builtin.baseUrl}/dicom-web/studies`, writerBuiltin, [...direct, ...proxied])) },
  ];

  const reader = { orthanc: await bearer(viaOrthanc, READER), builtin: await bearer(builtin, READER) };
  // Patient 1 has every 30th study of each data set; the frame is one of them.
  const expectedStudies = 2 * Math.ceil(studyCount / DEMO_PATIENTS);
  const qido = `/dicom-web/studies?PatientID=${chartOf(1)}`;
  const study = proxied[0]!;
  const frame = `/dicom-web/studies/${study.studyUid}/series/${study.seriesUid}/instances/${study.sopUids[0]}/frames/1`;
  const frameAccept = { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' };
  const json = { accept: 'application/dicom+json' };

  const pid = orthancPid(orthanc.httpPort);
  const direct$ = { orthancPid: pid };
  const proxy$ = { cdss: viaOrthanc, orthancPid: pid };
  const builtin$ = { cdss: builtin };
  const measured = {
    qidoDirect: await measure('QIDO direct Orthanc', orthanc.url + qido, { authorization: orthanc.authorization, ...json }, studiesIn(expectedStudies), direct$),
    qidoProxy: await measure('QIDO CDSS proxy → Orthanc', viaOrthanc.baseUrl + qido, { authorization: reader.orthanc, ...json }, studiesIn(expectedStudies), proxy$),
    qidoBuiltin: await measure('QIDO CDSS built-in', builtin.baseUrl + qido, { authorization: reader.builtin, ...json }, studiesIn(expectedStudies), builtin$),
    frameDirect: await measure('WADO-RS frame direct Orthanc', orthanc.url + frame, { authorization: orthanc.authorization, ...frameAccept }, frameOf(512), direct$),
    frameProxy: await measure('WADO-RS frame CDSS proxy → Orthanc', viaOrthanc.baseUrl + frame, { authorization: reader.orthanc, ...frameAccept }, frameOf(512),
      proxy$, args.profile ? viaOrthanc : undefined),
    frameBuiltin: await measure('WADO-RS frame CDSS built-in', builtin.baseUrl + frame, { authorization: reader.builtin, ...frameAccept }, frameOf(512), builtin$),
  };

  const rows = [['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'vs direct', 'CDSS CPU µs/req', 'Orthanc CPU µs/req']];
  const us = (v: number | null) => (v === null || Number.isNaN(v) ? '–' : v.toFixed(0));
  const pairs: [Measured, Measured][] = [
    [measured.qidoDirect, measured.qidoDirect], [measured.qidoProxy, measured.qidoDirect], [measured.qidoBuiltin, measured.qidoDirect],
    [measured.frameDirect, measured.frameDirect], [measured.frameProxy, measured.frameDirect], [measured.frameBuiltin, measured.frameDirect],
  ];
  for (const [m, base] of pairs) {
    const r = m.result;
    rows.push([m.target, r.requests.average.toFixed(0), m.latency.p50.toFixed(1), m.latency.p95.toFixed(1), m.latency.p99.toFixed(1),
      String(r.requests.sent), String(r.non2xx), String(r.errors + r.timeouts), (r.requests.average / base.result.requests.average).toFixed(2),
      us(m.cdssCpuUs), us(m.orthancCpuUs)]);
  }
  console.log(`\n${table(rows)}\n`);
  const stowRows = [['STOW-RS ingest', 'instances/s', 'seconds', 'vs direct'],
    ...stow.map((s) => [s.target, s.instancesPerSecond.toFixed(0), s.seconds.toFixed(1), (s.instancesPerSecond / stow[0]!.instancesPerSecond).toFixed(2)])];
  console.log(`${table(stowRows)}\n`);

  for (const [name, proxy, base] of [['QIDO', measured.qidoProxy, measured.qidoDirect], ['WADO-RS frame', measured.frameProxy, measured.frameDirect]] as const) {
    const ratio = proxy.result.requests.average / base.result.requests.average;
    console.log(`${name}: proxy/direct ${ratio.toFixed(2)}, target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`);
  }
  if (measured.frameProxy.profile) console.log(`\n${formatSummary(summarizeProfile(measured.frameProxy.profile))}\n\nProfile file: ${measured.frameProxy.profile}`);
  let failed = false;
  for (const m of Object.values(measured)) {
    const bad = m.result.non2xx + m.result.errors + m.result.timeouts;
    if (bad / Math.max(1, m.result.requests.sent) > MAX_ERROR_RATE) {
      console.error(`${m.target}: ${bad} bad responses of ${m.result.requests.sent}, status codes ${JSON.stringify(m.result.statusCodeStats)}`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

await runBench(main);
