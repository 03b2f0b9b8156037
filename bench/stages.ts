import { createHmac, randomUUID, timingSafeEqual, webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { jwtVerify } from 'jose';
import { Op, QueryTypes, literal } from 'sequelize';
import { loadConfig } from '../lib/config.js';
import { verifyAccessToken } from '../lib/security/tokens.js';
import type { AuditEntry } from '../mixins/audit.js';
import type { CdssMeta, SessionUser } from '../services/context.js';
import { startNode } from '../services/node.js';
import { AuditWriter } from '../services/identity/audit-writer.js';
import { createBenchDatabase, type BenchDb } from './database.js';

/**
 * Where the time of one `GET /api/v1/patients/:id` goes, stage by stage, in one process and
 * without HTTP: token check, the patient query (ORM and raw SQL), the audit write (group commit)
 * and the whole action. Each stage runs alone, once one at a time and once 50 at a time.
 *
 *   npx tsx bench/stages.ts [--db sqlite|mariadb] [--seconds 3] [--concurrency 50]
 */

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '50' },
    'mariadb-url': { type: 'string', default: process.env.CDSS_BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306' },
  },
});
const db = args.db as BenchDb;
if (db !== 'sqlite' && db !== 'mariadb') throw new Error(`--db must be sqlite or mariadb, got '${args.db}'`);
const seconds = Number(args.seconds);
const concurrency = Number(args.concurrency);
const PASSWORD = 'BenchPass1234';

interface StageResult {
  stage: string; concurrency: number; opsPerSec: number; meanUs: number; p50Us: number; p99Us: number;
  /** Audit group commits during the stage: rows per batch and ms per commit. */
  batch?: { rows: number; ms: number };
}

/** Runs `fn` from `workers` loops for `seconds` and reports throughput and latency. */
async function measure(stage: string, workers: number, fn: () => Promise<unknown>): Promise<StageResult> {
  for (let i = 0; i < 200; i++) await fn();
  const batchesBefore = { ...batches };
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await fn();
      latencies.push(performance.now() - t0);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const commits = batches.count - batchesBefore.count;
  const batch = commits > 0 ? { rows: (batches.rows - batchesBefore.rows) / commits, ms: (batches.ms - batchesBefore.ms) / commits } : undefined;
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 1000;
  return {
    stage, concurrency: workers, opsPerSec: latencies.length / elapsed,
    meanUs: (latencies.reduce((a, b) => a + b, 0) / latencies.length) * 1000, p50Us: at(0.5), p99Us: at(0.99), batch,
  };
}

/** A synchronous HS256 check with node:crypto, as a lower bound for the token stage. */
function hmacVerify(token: string, key: Uint8Array): Record<string, unknown> {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad signature');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Counts the audit writer's group commits (batches, rows, time in the transaction) without changing it. */
const batches = { count: 0, rows: 0, ms: 0 };
type WriteBatch = (this: AuditWriter, entries: AuditEntry[]) => Promise<void>;
const writer = AuditWriter.prototype as unknown as { writeBatch: WriteBatch };
const writeBatch = writer.writeBatch;
writer.writeBatch = async function (this: AuditWriter, entries: AuditEntry[]) {
  const t0 = performance.now();
  try {
    await writeBatch.call(this, entries);
  } finally {
    batches.count++;
    batches.rows += entries.length;
    batches.ms += performance.now() - t0;
  }
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdss-stages-'));
const database = await createBenchDatabase(db, dataDir, args['mariadb-url']);
const node = await startNode(loadConfig({
  CDSS_PORT: '0', CDSS_HOST: '127.0.0.1', CDSS_DATA_DIR: dataDir, CDSS_DB_URL: database.url,
  CDSS_AI_AUTO: 'none', CDSS_DEMO_IMAGING: '0', CDSS_DEMO_PASSWORD: PASSWORD, CDSS_LOG_LEVEL: 'warn', CDSS_JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
}));
try {
  const { broker, runtime } = node;
  await broker.waitForServices(['auth', 'patients', 'audit']);
  const key = runtime.signingKey();
  const { accessToken } = await broker.call<{ accessToken: string }, { username: string; password: string }>(
    'auth.login', { username: 'doctor.pulmo', password: PASSWORD }, { meta: { ip: '127.0.0.1' } });
  const claims = await verifyAccessToken(accessToken, key, ['staff']);
  const user: SessionUser = { ...claims, id: Number(claims.sub) };
  const meta = (): CdssMeta => ({ user, ip: '127.0.0.1', userAgent: 'bench', requestId: randomUUID() });
  const cryptoKey = await webcrypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const { sequelize, models } = await runtime.database();
  const scoped = {
    [Op.and]: [{ id: 1 }, {
      id: { [Op.in]: literal(`(SELECT patient_id FROM care_team_member WHERE active = 1 AND (user_id = ${sequelize.escape(String(user.id))} OR department = ${sequelize.escape(user.department ?? '')}))`) },
    }],
  };
  let sql = '';
  await models.Patient.findOne({ where: scoped, logging: (s: string) => { sql = s.replace(/^Executing \([^)]*\): /, ''); } });
  const entry = (): AuditEntry => ({
    userId: String(user.id), realm: 'staff', role: user.role, actionType: 'read', resourceType: 'Patient', resourceId: '1',
    patientId: 1, outcome: 'success', breakGlass: false, reason: null, description: null, ipAddress: '127.0.0.1', requestId: randomUUID(),
  });

  const stages: [string, () => Promise<unknown>][] = [
    ['token: verifyAccessToken (jose, Uint8Array key)', () => verifyAccessToken(accessToken, key, ['staff'])],
    ['token: jose jwtVerify, CryptoKey imported once', () => jwtVerify(accessToken, cryptoKey, { issuer: 'cdss', algorithms: ['HS256'] })],
    ['token: sync node:crypto HMAC (lower bound)', async () => hmacVerify(accessToken, key)],
    ['query: Patient.findOne with care-team scope', () => models.Patient.findOne({ where: scoped })],
    ['query: same, findOne raw: true (no model instance)', () => models.Patient.findOne({ where: scoped, raw: true })],
    ['query: same SQL, sequelize.query raw', () => sequelize.query(sql, { type: QueryTypes.SELECT })],
    ['audit: broker.call audit.record', () => broker.call('audit.record', entry())],
    ['action: broker.call patients.get (rbac+query+audit)', () => broker.call('patients.get', { id: 1 }, { meta: meta() })],
  ];
  const results: StageResult[] = [];
  for (const [name, fn] of stages) {
    for (const workers of [1, concurrency]) {
      const r = await measure(name, workers, fn);
      results.push(r);
      console.error(`${name} ×${workers}: ${r.opsPerSec.toFixed(0)}/s`);
    }
  }
  const f = (n: number) => n.toFixed(0);
  console.log(`\nStages on ${db}, ${os.cpus().length} cores, Node ${process.version} (in-process, no HTTP; µs)\n`);
  console.log('| stage | in flight | ops/s | mean µs | p50 µs | p99 µs | audit rows/commit | ms/commit |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const batch = r.batch ? `${r.batch.rows.toFixed(1)} | ${r.batch.ms.toFixed(1)}` : ' | ';
    console.log(`| ${r.stage} | ${r.concurrency} | ${f(r.opsPerSec)} | ${f(r.meanUs)} | ${f(r.p50Us)} | ${f(r.p99Us)} | ${batch} |`);
  }
} finally {
  await node.stop();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
