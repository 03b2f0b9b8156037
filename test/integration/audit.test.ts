import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Op } from 'sequelize';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import type { HttpClient } from '../helpers/http.js';
import type { Database } from '../../services/runtime.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type AuditRow = Omit<ActivityLogAttributes, 'created_at'> & { created_at: string };
interface AuditPage { items: AuditRow[]; page: number; pageSize: number; total: number }
interface Session { token: string; id: number }

let t: TestNode;
let http: HttpClient;
let db: Database;
let admin: Session;
let doctor: Session;
/** Patients in doctor.pulmo's scope, and one outside it. */
let inScope: number[];
let outOfScope: number;

async function session(username: string): Promise<Session> {
  const { accessToken } = await http.loginStaff(username, TEST_PASSWORD);
  const me = await http.get<{ id: number }>('/api/v1/auth/me', { token: accessToken });
  assert.equal(me.status, 200);
  return { token: accessToken, id: me.body.id };
}

/** The one audit row a request wrote, found by the X-Request-Id the client sent. */
async function rowsOf(requestId: string): Promise<AuditRow[]> {
  const rows = await db.models.ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
  return rows.map((r) => ({ ...r.get({ plain: true }), created_at: new Date(r.created_at).toISOString() }));
}

async function oneRowOf(requestId: string): Promise<AuditRow> {
  const rows = await rowsOf(requestId);
  assert.equal(rows.length, 1, `expected one audit row for request ${requestId}, got ${rows.length}`);
  return rows[0];
}

async function auditPage(query: string, token = admin.token): Promise<AuditPage> {
  const res = await http.get<AuditPage>(`/api/v1/audit?${query}`, { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

function isLoopback(ip: string | null): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

/** Runs `scripts/audit-verify.ts` against the test node's database, as `npm run audit:verify` would. */
function runVerifyCli(env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, CDSS_DB_URL: t.config.dbUrl, CDSS_DATA_DIR: t.config.dataDir, CDSS_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function verifyApi(): Promise<{ ok: boolean; checked: number; brokenAt?: number; why?: string }> {
  const res = await http.get('/api/v1/audit/verify', { token: admin.token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

describe('audit log', () => {
  before(async () => {
    t = await startTestNode();
    http = t.http;
    db = await t.node.runtime.database();
    admin = await session('sysadmin');
    doctor = await session('doctor.pulmo');
    const frontdesk = await session('frontdesk');
    const mine = await http.get<{ items: { id: number }[] }>('/api/v1/patients?pageSize=100', { token: doctor.token });
    const all = await http.get<{ items: { id: number }[] }>('/api/v1/patients?pageSize=100', { token: frontdesk.token });
    inScope = mine.body.items.map((p) => p.id);
    outOfScope = all.body.items.map((p) => p.id).find((id) => !inScope.includes(id))!;
    assert.ok(inScope.length > 0 && outOfScope, 'demo data gives doctor.pulmo patients in and out of scope');
  });

  after(async () => {
    await t?.stop();
  });

  describe('what is recorded', () => {
    test('a chart read records user, role, action, resource, patient, outcome, IP, request id and time', async () => {
      const startedAt = Date.now();
      const patientId = inScope[0];
      const res = await http.get(`/api/v1/patients/${patientId}`, { token: doctor.token });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-request-id'), res.requestId);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.user_id, String(doctor.id));
      assert.equal(row.realm, 'staff');
      assert.equal(row.role, 'doctor');
      assert.equal(row.action_type, 'read');
      assert.equal(row.resource_type, 'Patient');
      assert.equal(row.resource_id, String(patientId));
      assert.equal(row.patient_id, patientId);
      assert.equal(row.outcome, 'success');
      assert.ok(isLoopback(row.ip_address), `ip ${row.ip_address}`);
      const at = Date.parse(row.created_at);
      assert.ok(at >= startedAt - 1000 && at <= Date.now() + 1000, `created_at ${row.created_at}`);
      assert.match(row.hash, /^[0-9a-f]{64}$/);
      assert.match(row.prev_hash, /^[0-9a-f]{64}$/);
    });

    test('a patient search records a search row', async () => {
      const res = await http.get('/api/v1/patients?q=P', { token: doctor.token });
      assert.equal(res.status, 200);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.action_type, 'search');
      assert.equal(row.resource_type, 'Patient');
      assert.equal(row.outcome, 'success');
      assert.equal(row.user_id, String(doctor.id));
    });

    test('a read outside the row scope is answered 404 and audited as denied with the patient id', async () => {
      const res = await http.get(`/api/v1/patients/${outOfScope}`, { token: doctor.token });
      assert.equal(res.status, 404);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.outcome, 'denied');
      assert.equal(row.action_type, 'read');
      assert.equal(row.patient_id, outOfScope);
      assert.equal(row.user_id, String(doctor.id));
    });

    test('a read of a missing chart is audited as an error', async () => {
      const res = await http.get('/api/v1/patients/987654', { token: doctor.token });
      assert.equal(res.status, 404);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.outcome, 'error');
      assert.equal(row.resource_id, '987654');
      assert.equal(row.patient_id, null);
    });

    test('a wrong password is audited as a denied login of that account', async () => {
      const res = await http.post('/api/v1/auth/login', { username: 'doctor.pulmo', password: 'WrongPass9999' });
      assert.equal(res.status, 401);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.action_type, 'login');
      assert.equal(row.outcome, 'denied');
      assert.equal(row.user_id, String(doctor.id));
      assert.equal(row.role, 'doctor');
      assert.ok(isLoopback(row.ip_address), `ip ${row.ip_address}`);
      await http.loginStaff('doctor.pulmo', TEST_PASSWORD); // clears the failure count
    });

    test('a login to an unknown account is audited as denied without a user', async () => {
      const res = await http.post('/api/v1/auth/login', { username: `ghost.${randomUUID().slice(0, 8)}`, password: 'WrongPass9999' });
      assert.equal(res.status, 401);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.action_type, 'login');
      assert.equal(row.outcome, 'denied');
      assert.equal(row.user_id, null);
    });

    test('a successful login is audited', async () => {
      const res = await http.post('/api/v1/auth/login', { username: 'nurse', password: TEST_PASSWORD });
      assert.equal(res.status, 200);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.action_type, 'login');
      assert.equal(row.outcome, 'success');
      assert.equal(row.role, 'nurse');
    });

    test('a call without the permission is audited as denied', async () => {
      const res = await http.get('/api/v1/audit', { token: doctor.token });
      assert.equal(res.status, 403);
      const row = await oneRowOf(res.requestId);
      assert.equal(row.outcome, 'denied');
      assert.equal(row.user_id, String(doctor.id));
      assert.equal(row.resource_type, 'audit.list');
    });
  });

  describe('GET /api/v1/audit', () => {
    test('filters by user', async () => {
      const page = await auditPage(`userId=${doctor.id}&pageSize=100`);
      assert.ok(page.total > 0);
      assert.ok(page.items.every((r) => r.user_id === String(doctor.id)));
    });

    test('filters by patient', async () => {
      const page = await auditPage(`patientId=${inScope[0]}&pageSize=100`);
      assert.ok(page.total > 0);
      assert.ok(page.items.every((r) => r.patient_id === inScope[0]));
    });

    test('filters by outcome, combined with user', async () => {
      const page = await auditPage(`userId=${doctor.id}&outcome=denied&pageSize=100`);
      assert.ok(page.total >= 2, `denied rows for the doctor: ${page.total}`);
      assert.ok(page.items.every((r) => r.outcome === 'denied' && r.user_id === String(doctor.id)));
    });

    test('filters by date range', async () => {
      const res = await http.get(`/api/v1/patients/${inScope[0]}`, { token: doctor.token });
      const row = await oneRowOf(res.requestId);
      const at = new Date(row.created_at);
      const exact = await auditPage(`from=${encodeURIComponent(at.toISOString())}&to=${encodeURIComponent(at.toISOString())}&pageSize=100`);
      assert.ok(exact.items.some((r) => r.id === row.id), 'a row is inside [its time, its time]');
      assert.ok(exact.items.every((r) => Date.parse(r.created_at) === at.getTime()));
      const before = await auditPage(`to=${encodeURIComponent(new Date(at.getTime() - 1).toISOString())}&pageSize=100`);
      assert.ok(before.items.every((r) => Date.parse(r.created_at) < at.getTime()));
      assert.ok(!before.items.some((r) => r.id === row.id));
      const future = await auditPage(`from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
      assert.equal(future.total, 0);
      assert.deepEqual(future.items, []);
    });

    test('pages newest first without overlap', async () => {
      const first = await auditPage('page=1&pageSize=3');
      const second = await auditPage('page=2&pageSize=3');
      assert.equal(first.page, 1);
      assert.equal(first.pageSize, 3);
      assert.equal(first.items.length, 3);
      assert.equal(second.items.length, 3);
      assert.ok(first.total >= 6);
      const ids = [...first.items, ...second.items].map((r) => r.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'ordered by id, newest first');
      assert.equal(new Set(ids).size, 6);
    });

    test('rejects a malformed filter with 400', async () => {
      const res = await http.get('/api/v1/audit?outcome=maybe', { token: admin.token });
      assert.equal(res.status, 400);
    });

    for (const username of ['doctor.pulmo', 'nurse', 'frontdesk', 'radtech', 'radiologist']) {
      test(`${username} cannot read or verify the audit log`, async () => {
        const { token } = await session(username);
        assert.equal((await http.get('/api/v1/audit', { token })).status, 403);
        assert.equal((await http.get('/api/v1/audit/verify', { token })).status, 403);
      });
    }

    test('a patient token and no token are refused with 401', async () => {
      const { accessToken } = await http.loginPatient('patient1', TEST_PASSWORD);
      assert.equal((await http.get('/api/v1/audit', { token: accessToken })).status, 401);
      assert.equal((await http.get('/api/v1/audit')).status, 401);
    });
    test('a user filter with a realm keeps staff and patient accounts with the same id apart', async () => {
      const patientLogin = await http.post('/api/v1/auth/patient/login', { login: 'patient1', password: TEST_PASSWORD });
      assert.equal(patientLogin.status, 200);
      const patientRow = await oneRowOf(patientLogin.requestId);
      assert.equal(patientRow.realm, 'patient');
      const sameId = patientRow.user_id!;
      assert.ok(await db.models.AuthUser.findByPk(Number(sameId)), `a staff account shares id ${sameId} with patient1`);

      const staffRows = await auditPage(`userId=${sameId}&realm=staff&pageSize=100`);
      assert.ok(staffRows.total > 0);
      assert.ok(staffRows.items.every((r) => r.realm === 'staff'), 'realm=staff returns no patient-portal rows');
      const patientRows = await auditPage(`userId=${sameId}&realm=patient&pageSize=100`);
      assert.ok(patientRows.items.some((r) => r.id === patientRow.id));
      assert.ok(patientRows.items.every((r) => r.realm === 'patient'), 'realm=patient returns no staff rows');
    });
  });

  describe('hash chain', () => {
    test('GET /api/v1/audit/verify is ok on an untouched chain', async () => {
      const verdict = await verifyApi();
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
      assert.equal(verdict.checked, await db.models.ActivityLog.count());
    });

    test('40 parallel reads leave a gap-free chain that still verifies', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
        http.get(`/api/v1/patients/${inScope[i % inScope.length]}`, { token: doctor.token })));
      assert.ok(results.every((r) => r.status === 200));
      for (const r of results) await oneRowOf(r.requestId);

      const rows = await db.models.ActivityLog.findAll({ order: [['id', 'ASC']], attributes: ['id', 'prev_hash', 'hash'] });
      rows.forEach((row, i) => {
        if (i === 0) return;
        assert.equal(row.id, rows[i - 1].id + 1, `ids are contiguous at ${row.id}`);
        assert.equal(row.prev_hash, rows[i - 1].hash, `row ${row.id} links to row ${rows[i - 1].id}`);
      });
      const head = await db.models.AuditChainHead.findByPk(1);
      assert.equal(head?.last_hash, rows.at(-1)?.hash, 'the chain head points at the newest row');
      assert.equal(head?.last_id, rows.at(-1)?.id);
      const verdict = await verifyApi();
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
      assert.equal(verdict.checked, rows.length);
    });

    test('the CLI exits 0 and reports the row count on an intact chain', async () => {
      const count = await db.models.ActivityLog.count();
      const { code, stdout, stderr } = await runVerifyCli();
      assert.equal(code, 0, stdout + stderr);
      assert.match(stdout, new RegExp(`audit chain OK: ${count} rows verified`));
    });

    test('the CLI exits 2 with a clear message when the database cannot be opened', async () => {
      const badUrl = await runVerifyCli({ CDSS_DB_URL: 'postgres://nobody@127.0.0.1/cdss' });
      assert.equal(badUrl.code, 2);
      assert.match(badUrl.stderr, /CDSS_DB_URL/);
      const missingFile = await runVerifyCli({ CDSS_DB_URL: '', CDSS_DATA_DIR: path.join(t.config.dataDir, 'nowhere') });
      assert.equal(missingFile.code, 2);
      assert.match(missingFile.stderr, /no SQLite database/);
    });

    test('an altered row breaks the chain at that row, for the API and the CLI', async () => {
      const res = await http.get(`/api/v1/patients/${inScope[0]}`, { token: doctor.token });
      const victim = await oneRowOf(res.requestId);
      await http.get(`/api/v1/patients/${inScope[0]}`, { token: doctor.token }); // a row after it
      const rowsBefore = await db.models.ActivityLog.count({ where: { id: { [Op.lt]: victim.id } } });

      await db.models.ActivityLog.update({ description: 'nothing to see here' }, { where: { id: victim.id } });
      const verdict = await verifyApi();
      assert.equal(verdict.ok, false);
      assert.equal(verdict.brokenAt, victim.id);
      assert.match(verdict.why ?? '', /content/);
      assert.equal(verdict.checked, rowsBefore);

      const cli = await runVerifyCli();
      assert.equal(cli.code, 1, cli.stdout + cli.stderr);
      assert.match(cli.stdout, new RegExp(`audit chain BROKEN at row ${victim.id}: .+ \\(${rowsBefore} rows verified before it\\)`));

      await db.models.ActivityLog.update({ description: victim.description }, { where: { id: victim.id } });
      assert.equal((await verifyApi()).ok, true, 'restoring the original content restores the chain');
    });

    test('deleting the newest row is detected', async () => {
      const res = await http.get(`/api/v1/patients/${inScope[0]}`, { token: doctor.token });
      const newest = await db.models.ActivityLog.findOne({ where: { request_id: res.requestId } });
      assert.ok(newest);
      assert.equal(await db.models.ActivityLog.max('id'), newest.id, 'the read wrote the newest row');
      const saved = newest.get({ plain: true });
      await newest.destroy();
      try {
        const verdict = await verifyApi();
        assert.equal(verdict.ok, false, `a truncated chain must not verify: ${JSON.stringify(verdict)}`);
        const cli = await runVerifyCli();
        assert.equal(cli.code, 1, cli.stdout + cli.stderr);
      } finally {
        await db.models.ActivityLog.create(saved);
      }
      assert.equal((await verifyApi()).ok, true, 'putting the row back restores the chain');
    });

    test('a deleted row breaks the chain at the row after it, for the API and the CLI', async () => {
      const first = await http.get(`/api/v1/patients/${inScope[0]}`, { token: doctor.token });
      const second = await http.get(`/api/v1/patients/${inScope[0]}`, { token: doctor.token });
      const deleted = await oneRowOf(first.requestId);
      const next = await oneRowOf(second.requestId);
      assert.equal(next.prev_hash, deleted.hash);

      await db.models.ActivityLog.destroy({ where: { id: deleted.id } });
      const verdict = await verifyApi();
      assert.equal(verdict.ok, false);
      assert.equal(verdict.brokenAt, next.id);
      assert.match(verdict.why ?? '', /previous hash/);

      const cli = await runVerifyCli();
      assert.equal(cli.code, 1, cli.stdout + cli.stderr);
      assert.match(cli.stdout, new RegExp(`audit chain BROKEN at row ${next.id}:`));
    });
  });
});
