import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BenchClient, Recorder } from './collab-client.js';
import { formatSummary, summarizeProfile } from './cpuprofile.js';
import { createBenchDatabase } from './database.js';
import { databaseBenchOptions, databaseBenchSettings, latencySummary, onCleanUp, positiveInt, runBench, startServer, table, waitUntilReady, type ServerChild, loginStaff } from './harness.js';
import type { ChildMessage } from './servers/child.js';

/**
 * Collaboration server fan-out (issue #7): the bare @y/websocket-server 0.1.1 (in memory, no auth)
 * and our /ws/collab (token checked, chat membership authorized and audited, every update stored
 * before it is fanned out) under the same load, in one run. Clients live in this process and
 * speak the y-websocket protocol with y-protocols over `ws` (one Y.Doc each; 200 providers would
 * mostly measure the providers). Each client types into a shared Y.Text at a steady rate; each
 * insert carries its send time, so every other client of that document records the fan-out
 * latency when the update reaches its doc. Our documents are `chat:<roomId>` of GROUP rooms the
 * bench creates as a demo doctor (chat documents: members edit), the only type a staff user may
 * edit without a radiology report in progress.
 *
 *   npx tsx bench/collab.ts [--db sqlite|mariadb] [--duration 10] [--warmup 2] [--connections 200]
 *                           [--docs 50] [--rate 5] [--profile]
 */
const TARGET_P95_MS = 50;
const TARGET_RATIO = 0.7;
const DEMO_PASSWORD = 'BenchPass1234';

const { values: args } = parseArgs({
  options: { ...databaseBenchOptions(200), docs: { type: 'string', default: '50' }, rate: { type: 'string', default: '5' } },
});
if (args.help) {
  console.log('usage: npx tsx bench/collab.ts [--db sqlite|mariadb] [--duration 10] [--warmup 2] [--connections 200] [--docs 50] [--rate 5] [--profile]');
  process.exit(0);
}
const { db, duration, warmup, connections: clientCount, mariadbUrl } = databaseBenchSettings(args);
const docCount = positiveInt(args.docs, 'docs');
const rate = positiveInt(args.rate, 'rate');
if (clientCount % docCount !== 0) throw new Error('--connections must be a multiple of --docs');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cpuSeconds(server: ServerChild<ChildMessage>): Promise<number> {
  const reply = server.next('cpu');
  server.send({ type: 'cpu' });
  const cpu = (await reply) as Extract<ChildMessage, { type: 'cpu' }>;
  return (cpu.userUs + cpu.systemUs) / 1e6;
}

interface RunResult {
  label: string;
  sent: number;
  deliveriesPerS: number;
  deliveredPct: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  serverCpuPct: number;
  benchCpuPct: number;
  dropped: number;
}

/** Connects the clients (docs × perDoc), types for warmup + duration, drains, and closes them. */
async function measure(label: string, server: ServerChild<ChildMessage>, urls: string[], profileFile: string | null = null): Promise<RunResult> {
  const recorder = new Recorder();
  const perDoc = clientCount / docCount;
  const clients: BenchClient[] = [];
  for (let i = 0; i < clientCount; i += 25) {
    const batch = Array.from({ length: Math.min(25, clientCount - i) }, () => new BenchClient(recorder));
    await Promise.all(batch.map((c, k) => c.connect(urls[Math.floor((i + k) / perDoc)])));
    clients.push(...batch);
  }
  // Steady typing: every client every 1000/rate ms, phases spread evenly so the offered load is flat.
  const period = 1000 / rate;
  const timers: NodeJS.Timeout[] = [];
  let typing = true;
  clients.forEach((c, i) => {
    timers.push(setTimeout(() => {
      if (!typing) return;
      c.type();
      timers.push(setInterval(() => { if (typing) { c.type(); if (performance.now() >= recorder.from && performance.now() < recorder.to) recorder.sent++; } }, period));
    }, (i * period) / clientCount));
  });
  await sleep(warmup * 1000);
  if (profileFile) server.send({ type: 'profile:start' });
  const cpu0 = await cpuSeconds(server);
  const bench0 = process.cpuUsage();
  recorder.from = performance.now();
  recorder.to = recorder.from + duration * 1000;
  await sleep(duration * 1000);
  const cpu1 = await cpuSeconds(server);
  const bench1 = process.cpuUsage(bench0);
  if (profileFile) {
    const written = server.next('profile:written');
    server.send({ type: 'profile:stop', file: profileFile });
    await written;
  }
  typing = false;
  for (const t of timers) clearInterval(t);
  const expected = recorder.sent * (perDoc - 1);
  const drainUntil = Date.now() + 5000;
  while (recorder.ofWindow < expected && Date.now() < drainUntil) await sleep(50);
  const dropped = clients.filter((c) => c.closedEarly).length;
  for (const c of clients) c.close();
  const lat = latencySummary(recorder.latencies);
  return {
    label, sent: recorder.sent, deliveriesPerS: recorder.inWindow / duration, deliveredPct: (100 * recorder.ofWindow) / Math.max(1, expected),
    p50: lat.p50, p95: lat.p95, p99: lat.p99, max: lat.max,
    serverCpuPct: (100 * (cpu1 - cpu0)) / duration, benchCpuPct: (100 * (bench1.user + bench1.system)) / 1e6 / duration, dropped,
  };
}

/** GROUP rooms of the demo doctor alone: their `chat:<id>` documents are the ones the clients edit. */
async function createRooms(baseUrl: string, token: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 1; i <= docCount; i++) {
    const res = await fetch(`${baseUrl}/api/v1/chat/rooms`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ roomType: 'GROUP', name: `벤치 ${i} (bench)`, memberIds: [] }),
    });
    const body = (await res.json()) as { id?: number };
    if (res.status >= 300 || !body.id) throw new Error(`room create failed: ${res.status} ${JSON.stringify(body)}`);
    ids.push(body.id);
  }
  return ids;
}

async function main(): Promise<number> {
  const cpu = os.cpus();
  console.log(`Collaboration benchmark: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, database ${db}, ` +
    `${clientCount} clients over ${docCount} documents, ${rate} updates/s per client, ${warmup} s warm-up + ${duration} s per server\n`);
  const wsUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/ws/collab`;

  const bare = await startServer<ChildMessage>('collab-bare.ts', {});
  const bareUrls = Array.from({ length: docCount }, (_, i) => `${wsUrl(bare.baseUrl)}/chat:${i + 1}?token=none`);
  const bareResult = await measure('@y/websocket-server 0.1.1 (bare)', bare, bareUrls);
  await bare.stop();

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-bench-collab-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = await createBenchDatabase(db, dataDir, mariadbUrl);
  onCleanUp(() => database.drop());
  const ours = await startServer<ChildMessage>('cdss.ts', {
    CDSS_PORT: '0', CDSS_HOST: '127.0.0.1', CDSS_DATA_DIR: dataDir, CDSS_DB_URL: database.url, CDSS_DEMO_PASSWORD: DEMO_PASSWORD,
    CDSS_LOG_LEVEL: 'warn', CDSS_JWT_SECRET: randomBytes(48).toString('base64url'), CDSS_ACCESS_TOKEN_TTL: '86400',
    CDSS_DEMO_IMAGING: '0', CDSS_AI_AUTO: 'none',
  });
  await waitUntilReady(ours.baseUrl);
  const token = await loginStaff(ours.baseUrl, 'doctor.pulmo', DEMO_PASSWORD);
  const rooms = await createRooms(ours.baseUrl, token);
  const ourUrls = rooms.map((id) => `${wsUrl(ours.baseUrl)}/chat:${id}?token=${encodeURIComponent(token)}`);
  const profileFile = args.profile ? path.join(os.tmpdir(), `cdss-collab-${Date.now()}.cpuprofile`) : null;
  const ourResult = await measure('CDSS /ws/collab (auth, stored)', ours, ourUrls, profileFile);
  if (profileFile) console.log(`CDSS CPU profile of the measured run (${profileFile})\n${formatSummary(summarizeProfile(profileFile))}`);
  await ours.stop();

  const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  const rows = [['server', 'updates sent', 'deliveries/s', 'delivered % (by drain)', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server CPU %', 'bench CPU %', 'sockets dropped']];
  for (const r of [bareResult, ourResult]) {
    rows.push([r.label, String(r.sent), fmt(r.deliveriesPerS, 0), fmt(r.deliveredPct, 2), fmt(r.p50), fmt(r.p95), fmt(r.p99), fmt(r.max), fmt(r.serverCpuPct, 0), fmt(r.benchCpuPct, 0), String(r.dropped)]);
  }
  const ratio = ourResult.deliveriesPerS / Math.max(1e-9, bareResult.deliveriesPerS);
  console.log(`\n${table(rows)}\n`);
  console.log(`CDSS p95 fan-out latency: ${fmt(ourResult.p95)} ms  target ≤ ${TARGET_P95_MS} ms: ${ourResult.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`);
  console.log(`ratio CDSS/bare (deliveries/s): ${ratio.toFixed(3)}  target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`);
  console.log(`CPU per 1000 deliveries: bare ${fmt((10 * bareResult.serverCpuPct) / Math.max(1, bareResult.deliveriesPerS), 3)} s, ` +
    `CDSS ${fmt((10 * ourResult.serverCpuPct) / Math.max(1, ourResult.deliveriesPerS), 3)} s`);
  return ourResult.dropped + bareResult.dropped > 0 ? 1 : 0;
}

await runBench(main);
