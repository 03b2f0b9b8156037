import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import type { HttpClient, HttpResult } from '../helpers/http.js';
import type { Database } from '../../services/runtime.js';

interface StaffView {
  id: number;
  username: string;
  role: string;
  name: string;
  staffId: string | null;
  department: string | null;
  isActive: boolean;
  temporaryPassword?: string;
}
interface Session { token: string; id: number }
interface Change { requestId: string; userId: number; description: RegExp }

const YEAR = new Date().getFullYear();

let t: TestNode;
let http: HttpClient;
let db: Database;
let admin: Session;
/** Every successful change the administrator made, to find its audit row later. */
const changes: Change[] = [];

function username(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}

async function session(name: string, password = TEST_PASSWORD): Promise<Session> {
  const { accessToken } = await http.loginStaff(name, password);
  const me = await http.get<{ id: number }>('/api/v1/auth/me', { token: accessToken });
  assert.equal(me.status, 200);
  return { token: accessToken, id: me.body.id };
}

function assertOk(res: HttpResult): void {
  assert.ok(res.status === 200 || res.status === 201, `${res.status} ${JSON.stringify(res.body)}`);
}

async function createStaff(body: Record<string, unknown>): Promise<StaffView> {
  const res = await http.post<StaffView>('/api/v1/staff', body, { token: admin.token });
  assertOk(res);
  changes.push({ requestId: res.requestId, userId: res.body.id, description: /created/ });
  return res.body;
}

async function createDoctor(department: string): Promise<StaffView & { temporaryPassword: string }> {
  const doctor = await createStaff({ username: username('dr'), role: 'doctor', name: '홍길동', department });
  assert.ok(doctor.temporaryPassword);
  return doctor as StaffView & { temporaryPassword: string };
}

async function patch(id: number, body: Record<string, unknown>, token = admin.token): Promise<HttpResult<StaffView>> {
  const res = await http.patch<StaffView>(`/api/v1/staff/${id}`, body, { token });
  if (res.status === 200) changes.push({ requestId: res.requestId, userId: id, description: /updated/ });
  return res;
}

async function resetPassword(id: number, body: Record<string, unknown> = {}, token = admin.token): Promise<HttpResult<{ id: number; temporaryPassword?: string }>> {
  const res = await http.post<{ id: number; temporaryPassword?: string }>(`/api/v1/staff/${id}/reset-password`, body, { token });
  if (res.status === 200) changes.push({ requestId: res.requestId, userId: id, description: /password reset/ });
  return res;
}

async function storedAccounts(name: string): Promise<number> {
  return db.models.AuthUser.count({ where: { username: name } });
}

async function visiblePatients(token: string): Promise<number[]> {
  const res = await http.get<{ items: { id: number }[]; total: number }>('/api/v1/patients?pageSize=100', { token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.ok(res.body.total <= 100);
  return res.body.items.map((p) => p.id).sort((a, b) => a - b);
}

describe('staff account management', () => {
  before(async () => {
    t = await startTestNode();
    http = t.http;
    db = await t.node.runtime.database();
    admin = await session('sysadmin');
  });

  after(async () => {
    await t?.stop();
  });

  describe('create', () => {
    test('the system administrator creates a doctor who gets a staff id and a temporary password that logs in', async () => {
      const name = username('dr');
      const doctor = await createStaff({ username: name, role: 'doctor', name: '홍길동', department: 'PULMONOLOGY', licenseNumber: 'L-12345' });
      assert.match(doctor.staffId ?? '', new RegExp(`^D${YEAR}\\d{3}$`));
      assert.equal(doctor.username, name);
      assert.equal(doctor.role, 'doctor');
      assert.equal(doctor.name, '홍길동');
      assert.equal(doctor.department, 'PULMONOLOGY');
      assert.equal(doctor.isActive, true);
      assert.equal(typeof doctor.temporaryPassword, 'string');

      const me = await http.get('/api/v1/auth/me', { token: (await http.loginStaff(name, doctor.temporaryPassword!)).accessToken });
      assert.equal(me.status, 200);
      assert.equal(me.body.role, 'doctor');
      assert.equal(me.body.department, 'PULMONOLOGY');
      assert.equal(me.body.profile.code, doctor.staffId);
    });

    test('staff ids count up per role and year', async () => {
      const first = await createDoctor('DERMATOLOGY');
      const second = await createDoctor('DERMATOLOGY');
      assert.equal(Number(second.staffId!.slice(-3)), Number(first.staffId!.slice(-3)) + 1);
      const nurse = await createStaff({ username: username('rn'), role: 'nurse', name: '간호사', department: 'NEUROSURGERY' });
      assert.match(nurse.staffId ?? '', new RegExp(`^N${YEAR}\\d{3}$`));
      const clerk = await createStaff({ username: username('desk'), role: 'front_desk', name: '원무' });
      assert.match(clerk.staffId ?? '', new RegExp(`^AS${YEAR}\\d{3}$`));
      assert.equal(clerk.department, 'ADMINISTRATION');
    });

    test('doctors created at the same time get distinct staff ids', async () => {
      const results = await Promise.all([1, 2, 3, 4].map(() => http.post<StaffView>('/api/v1/staff',
        { username: username('dr'), role: 'doctor', name: '동시생성', department: 'GASTROENTEROLOGY' }, { token: admin.token })));
      assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200], JSON.stringify(results.map((r) => r.body)));
      assert.equal(new Set(results.map((r) => r.body.staffId)).size, 4);
    });

    test('a taken username is answered 409 and stored once', async () => {
      const name = username('dup');
      await createStaff({ username: name, role: 'nurse', name: '중복', department: 'PULMONOLOGY' });
      const again = await http.post('/api/v1/staff', { username: name, role: 'front_desk', name: '중복' }, { token: admin.token });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.type, 'ACCOUNT_EXISTS');
      assert.equal(await storedAccounts(name), 1);
    });

    test('a doctor without a department is refused and nothing is stored', async () => {
      const name = username('nodept');
      const doctorsBefore = await db.models.Doctor.count();
      const res = await http.post('/api/v1/staff', { username: name, role: 'doctor', name: '무소속' }, { token: admin.token });
      assert.ok(res.status >= 400 && res.status < 500, `${res.status}`);
      assert.equal(res.body.error.details?.[0]?.field, 'department');
      assert.equal(await storedAccounts(name), 0);
      assert.equal(await db.models.Doctor.count(), doctorsBefore);
    });

    test('an unknown department is refused with 400', async () => {
      const name = username('baddept');
      const res = await http.post('/api/v1/staff', { username: name, role: 'nurse', name: '간호', department: 'CARDIOLOGY' }, { token: admin.token });
      assert.equal(res.status, 400);
      assert.equal(await storedAccounts(name), 0);
    });

    for (const [why, password] of [['shorter than 10 characters', 'Short1'], ['without digits', 'OnlyLettersHere'], ['containing the username', '']] as const) {
      test(`an explicit password ${why} is refused with 422 and nothing is stored`, async () => {
        const name = username('weak');
        const res = await http.post('/api/v1/staff', { username: name, role: 'radiologist', name: '약한암호', password: password || `${name}99` }, { token: admin.token });
        assert.equal(res.status, 422, JSON.stringify(res.body));
        assert.equal(res.body.error.type, 'PASSWORD_POLICY');
        assert.equal(await storedAccounts(name), 0);
      });
    }

    test('an explicit strong password is used as given and no temporary password is returned', async () => {
      const name = username('rad');
      const created = await createStaff({ username: name, role: 'radiologist', name: '판독의', password: 'StrongPass2468' });
      assert.equal(created.temporaryPassword, undefined);
      assert.equal(created.department, 'RADIOLOGY');
      await http.loginStaff(name, 'StrongPass2468');
    });

    test('unknown fields are refused with 400', async () => {
      const name = username('extra');
      const res = await http.post('/api/v1/staff', { username: name, role: 'front_desk', name: '원무', isSuperuser: true }, { token: admin.token });
      assert.equal(res.status, 400);
      assert.equal(await storedAccounts(name), 0);
    });
  });

  describe('read and list', () => {
    test('GET /staff/:id returns one account and 404 for an unknown id', async () => {
      const doctor = await createDoctor('BREAST_SURGERY');
      const res = await http.get<StaffView>(`/api/v1/staff/${doctor.id}`, { token: admin.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.username, doctor.username);
      assert.equal(res.body.staffId, doctor.staffId);
      assert.equal('password' in res.body, false);
      assert.equal((await http.get('/api/v1/staff/999999', { token: admin.token })).status, 404);
    });

    test('the list filters by role and by department', async () => {
      const doctor = await createDoctor('NEUROSURGERY');
      const doctors = await http.get<{ items: StaffView[]; total: number }>('/api/v1/staff?role=doctor&pageSize=100', { token: admin.token });
      assert.equal(doctors.status, 200);
      assert.ok(doctors.body.items.length > 0 && doctors.body.items.every((s) => s.role === 'doctor'));
      assert.ok(doctors.body.items.some((s) => s.id === doctor.id));
      assert.ok(!doctors.body.items.some((s) => s.username === 'nurse'));

      const neuro = await http.get<{ items: StaffView[] }>('/api/v1/staff?department=NEUROSURGERY&pageSize=100', { token: admin.token });
      assert.ok(neuro.body.items.every((s) => s.department === 'NEUROSURGERY'));
      assert.ok(neuro.body.items.some((s) => s.username === 'doctor.neuro'));
      assert.ok(neuro.body.items.some((s) => s.id === doctor.id));

      const pulmoNurses = await http.get<{ items: StaffView[] }>('/api/v1/staff?role=nurse&department=PULMONOLOGY&pageSize=100', { token: admin.token });
      assert.ok(pulmoNurses.body.items.some((s) => s.username === 'nurse'));
      assert.ok(pulmoNurses.body.items.every((s) => s.role === 'nurse' && s.department === 'PULMONOLOGY'));
    });
  });

  describe('disable and enable', () => {
    test('disabling an account refuses its login, its access token and its refresh token at once', async () => {
      const doctor = await createDoctor('PULMONOLOGY');
      const tokens = await http.loginStaff(doctor.username, doctor.temporaryPassword);
      assert.equal((await http.get('/api/v1/patients', { token: tokens.accessToken })).status, 200);

      const res = await patch(doctor.id, { isActive: false });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.isActive, false);

      const login = await http.post('/api/v1/auth/login', { username: doctor.username, password: doctor.temporaryPassword });
      assert.equal(login.status, 403);
      assert.equal(login.body.error.type, 'ACCOUNT_DISABLED');
      assert.equal((await http.get('/api/v1/patients', { token: tokens.accessToken })).status, 401);
      assert.equal((await http.get('/api/v1/auth/me', { token: tokens.accessToken })).status, 401);
      const refresh = await http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken });
      assert.equal(refresh.status, 401);
    });

    test('re-enabling an account lets it log in again', async () => {
      const doctor = await createDoctor('PULMONOLOGY');
      assert.equal((await patch(doctor.id, { isActive: false })).status, 200);
      const res = await patch(doctor.id, { isActive: true });
      assert.equal(res.status, 200);
      assert.equal(res.body.isActive, true);
      await http.loginStaff(doctor.username, doctor.temporaryPassword);
    });

    test('a system administrator cannot disable themself', async () => {
      const res = await http.patch(`/api/v1/staff/${admin.id}`, { isActive: false }, { token: admin.token });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.type, 'SELF_DISABLE');
      assert.equal((await db.models.AuthUser.findByPk(admin.id))?.is_active, true);
      assert.equal((await http.get('/api/v1/staff', { token: admin.token })).status, 200);
    });
  });

  describe('reset password', () => {
    test('a reset replaces the password, ends sessions and clears the lockout', async () => {
      const doctor = await createDoctor('GASTROENTEROLOGY');
      const tokens = await http.loginStaff(doctor.username, doctor.temporaryPassword);
      for (let i = 0; i < t.config.lockoutThreshold; i++) {
        const wrong = await http.post('/api/v1/auth/login', { username: doctor.username, password: 'WrongPass0000' });
        assert.equal(wrong.status, 401);
      }
      const locked = await http.post('/api/v1/auth/login', { username: doctor.username, password: doctor.temporaryPassword });
      assert.equal(locked.status, 423);

      const res = await resetPassword(doctor.id);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const temporary = res.body.temporaryPassword;
      assert.ok(temporary && temporary !== doctor.temporaryPassword);

      const old = await http.post('/api/v1/auth/login', { username: doctor.username, password: doctor.temporaryPassword });
      assert.equal(old.status, 401);
      assert.equal((await http.get('/api/v1/patients', { token: tokens.accessToken })).status, 401);
      assert.equal((await http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status, 401);
      const fresh = await http.post('/api/v1/auth/login', { username: doctor.username, password: temporary });
      assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
      const stored = await db.models.AuthUser.findByPk(doctor.id);
      assert.equal(stored?.locked_until, null);
      assert.equal(stored?.failed_login_count, 0);
    });

    test('a weak explicit password is refused with 422 and the old password keeps working', async () => {
      const doctor = await createDoctor('DERMATOLOGY');
      const res = await resetPassword(doctor.id, { password: 'abc' });
      assert.equal(res.status, 422);
      await http.loginStaff(doctor.username, doctor.temporaryPassword);
    });

    test('an unknown account is answered 404', async () => {
      assert.equal((await resetPassword(999999)).status, 404);
    });
  });

  describe('assign department', () => {
    test('a new department changes which patients the doctor sees after logging in again', async () => {
      const doctor = await createDoctor('DERMATOLOGY');
      const before = await session(doctor.username, doctor.temporaryPassword);
      const dermatology = await visiblePatients(before.token);
      assert.ok(dermatology.length > 0);

      const res = await patch(doctor.id, { department: 'PULMONOLOGY' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.department, 'PULMONOLOGY');
      assert.equal((await http.get('/api/v1/patients', { token: before.token })).status, 401, 'the old token carried the old department');

      const after = await session(doctor.username, doctor.temporaryPassword);
      const pulmonology = await visiblePatients(after.token);
      assert.deepEqual(pulmonology, await visiblePatients((await session('doctor.pulmo')).token));
      assert.deepEqual(dermatology.filter((id) => pulmonology.includes(id)), []);
      const me = await http.get('/api/v1/auth/me', { token: after.token });
      assert.equal(me.body.department, 'PULMONOLOGY');
      const profile = await db.models.Doctor.findOne({ where: { user_id: doctor.id } });
      assert.equal(profile?.department, 'PULMONOLOGY');
    });
  });

  describe('access', () => {
    for (const name of ['doctor.pulmo', 'nurse', 'frontdesk', 'radtech', 'radiologist']) {
      test(`${name} gets 403 on every staff endpoint`, async () => {
        const { token } = await session(name);
        const target = await db.models.AuthUser.findOne({ where: { username: 'doctor.gi' } });
        const newName = username('intruder');
        const calls = [
          await http.get('/api/v1/staff', { token }),
          await http.get(`/api/v1/staff/${target!.id}`, { token }),
          await http.post('/api/v1/staff', { username: newName, role: 'sysadmin', name: '침입자', password: 'StrongPass2468' }, { token }),
          await http.patch(`/api/v1/staff/${target!.id}`, { isActive: false }, { token }),
          await http.post(`/api/v1/staff/${target!.id}/reset-password`, { password: 'StrongPass2468' }, { token }),
        ];
        assert.deepEqual(calls.map((c) => c.status), [403, 403, 403, 403, 403]);
        assert.equal(await storedAccounts(newName), 0);
        await http.loginStaff('doctor.gi', TEST_PASSWORD);
        for (const call of calls) {
          const row = await db.models.ActivityLog.findOne({ where: { request_id: call.requestId } });
          assert.equal(row?.outcome, 'denied', `denied call ${call.requestId} is audited`);
        }
      });
    }

    test('a patient token and no token get 401', async () => {
      const { accessToken } = await http.loginPatient('patient1', TEST_PASSWORD);
      assert.equal((await http.get('/api/v1/staff', { token: accessToken })).status, 401);
      assert.equal((await http.get('/api/v1/staff')).status, 401);
      assert.equal((await http.post('/api/v1/staff', { username: username('anon'), role: 'nurse', name: '익명', department: 'PULMONOLOGY' })).status, 401);
    });
  });

  describe('audit', () => {
    test('every change by the administrator has an admin audit row', async () => {
      assert.ok(changes.length >= 10, `changes made: ${changes.length}`);
      for (const change of changes) {
        const rows = await db.models.ActivityLog.findAll({ where: { request_id: change.requestId, action_type: 'admin' } });
        assert.equal(rows.length, 1, `one admin row for request ${change.requestId}`);
        const [row] = rows;
        assert.equal(row.user_id, String(admin.id));
        assert.equal(row.role, 'sysadmin');
        assert.equal(row.resource_type, 'StaffAccount');
        assert.equal(row.resource_id, String(change.userId));
        assert.equal(row.outcome, 'success');
        assert.match(row.description ?? '', change.description);
      }
    });

    test('the audit chain still verifies', async () => {
      const res = await http.get('/api/v1/audit/verify', { token: admin.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.ok, true, JSON.stringify(res.body));
    });
  });
});
