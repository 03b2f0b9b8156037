import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const unique = () => randomBytes(4).toString('hex');

describe('authentication (two realms)', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode({ CDSS_LOCKOUT_THRESHOLD: '3', CDSS_LOCKOUT_MINUTES: '15' });
  });
  after(() => t.stop());

  test('a staff member logs in and /me shows role, department and profile', async () => {
    const { accessToken } = await t.http.loginStaff('doctor.neuro', TEST_PASSWORD);
    const me = await t.http.get('/api/v1/auth/me', { token: accessToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.realm, 'staff');
    assert.equal(me.body.role, 'doctor');
    assert.equal(me.body.department, 'NEUROSURGERY');
    assert.match(me.body.profile.code, /^D\d{7}$/);
  });

  test('a wrong password and an unknown account get the same 401', async () => {
    const wrong = await t.http.post('/api/v1/auth/login', { username: 'radiologist', password: 'not-the-password1' });
    const unknown = await t.http.post('/api/v1/auth/login', { username: `ghost.${unique()}`, password: 'whatever12345' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error.message, unknown.body.error.message);
  });

  test('staff accounts cannot log in on the patient site and patients not on the staff login', async () => {
    assert.equal((await t.http.post('/api/v1/auth/patient/login', { login: 'doctor.gi', password: TEST_PASSWORD })).status, 401);
    assert.equal((await t.http.post('/api/v1/auth/login', { username: 'patient1', password: TEST_PASSWORD })).status, 401);
  });

  test('a patient logs in by account id or by email', async () => {
    const byId = await t.http.loginPatient('patient1', TEST_PASSWORD);
    const byEmail = await t.http.loginPatient('PATIENT1@example.com', TEST_PASSWORD);
    const me = await t.http.get('/api/v1/auth/me', { token: byEmail.accessToken });
    assert.ok(byId.accessToken);
    assert.equal(me.body.realm, 'patient');
    assert.equal(me.body.patientNumber.slice(0, 1), 'P');
  });

  test('a staff token is refused on patient-portal routes and a patient token on staff routes', async () => {
    const staff = await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const patient = await t.http.loginPatient('patient1', TEST_PASSWORD);
    const staffOnPortal = await t.http.get('/api/v1/portal/me', { token: staff.accessToken });
    const patientOnStaff = await t.http.get('/api/v1/patients/1', { token: patient.accessToken });
    assert.equal(staffOnPortal.status, 401);
    assert.equal(staffOnPortal.body.error.type, 'WRONG_REALM');
    assert.equal(patientOnStaff.status, 401);
    assert.equal(patientOnStaff.body.error.type, 'WRONG_REALM');
    assert.equal((await t.http.get('/api/v1/portal/me', { token: patient.accessToken })).status, 200);
  });

  test('a forged or garbage token is refused', async () => {
    const { accessToken } = await t.http.loginStaff('nurse', TEST_PASSWORD);
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'sysadmin' })).toString('base64url')}.${signature}`;
    assert.equal((await t.http.get('/api/v1/staff', { token: forged })).status, 401);
    assert.equal((await t.http.get('/api/v1/patients', { token: 'garbage' })).status, 401);
    assert.equal((await t.http.get('/api/v1/patients', { headers: { authorization: 'Basic abc' } })).status, 401);
    assert.equal((await t.http.get('/api/v1/patients')).status, 401);
  });

  describe('patient sign-up', () => {
    test('signing up with a matching chart number, name and birth date links the chart', async () => {
      const { models } = await t.node.runtime.database();
      const chart = await models.Patient.findOne({ where: { user_account_id: null }, order: [['id', 'DESC']] });
      assert.ok(chart);
      const accountId = `pt${unique()}`;
      const res = await t.http.post('/api/v1/auth/patient/signup', {
        accountId, email: `${accountId}@example.com`, name: chart.name, password: 'Signup12345x', birthDate: chart.birth_date, patientNumber: chart.patient_id,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.linked, true);
      const tokens = await t.http.loginPatient(accountId, 'Signup12345x');
      const me = await t.http.get('/api/v1/portal/me', { token: tokens.accessToken });
      assert.equal(me.body.patient.id, chart.id);
    });

    test('a chart number that does not match is refused and nothing is stored', async () => {
      const { models } = await t.node.runtime.database();
      const before = await models.PatientUser.count();
      const accountId = `pt${unique()}`;
      const res = await t.http.post('/api/v1/auth/patient/signup', {
        accountId, email: `${accountId}@example.com`, name: '없는사람', password: 'Signup12345x', birthDate: '1990-01-01', patientNumber: 'P000000000',
      });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.type, 'CHART_MISMATCH');
      assert.equal(await models.PatientUser.count(), before);
    });

    test('a duplicate account id or email is refused with 409', async () => {
      const accountId = `pt${unique()}`;
      const body = { accountId, email: `${accountId}@example.com`, name: '홍길동', password: 'Signup12345x', birthDate: '1990-01-01' };
      assert.equal((await t.http.post('/api/v1/auth/patient/signup', body)).status, 200);
      assert.equal((await t.http.post('/api/v1/auth/patient/signup', { ...body, accountId: `${accountId}x` })).status, 409);
      assert.equal((await t.http.post('/api/v1/auth/patient/signup', { ...body, email: `x${body.email}` })).status, 409);
    });

    test('a weak password is refused by the password policy', async () => {
      const accountId = `pt${unique()}`;
      const res = await t.http.post('/api/v1/auth/patient/signup', { accountId, email: `${accountId}@example.com`, name: '홍길동', password: 'short1', birthDate: '1990-01-01' });
      assert.equal(res.status, 422);
      assert.equal(res.body.error.type, 'PASSWORD_POLICY');
      assert.ok(res.body.error.details.length >= 1);
    });
  });

  describe('refresh tokens', () => {
    test('refresh rotates: the new pair works and the old refresh token is spent', async () => {
      const first = await t.http.loginStaff('doctor.derm', TEST_PASSWORD);
      const second = await t.http.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      assert.equal(second.status, 200);
      assert.notEqual(second.body.refreshToken, first.refreshToken);
      assert.equal((await t.http.get('/api/v1/auth/me', { token: second.body.accessToken })).status, 200);
    });

    test('reusing a rotated refresh token revokes the whole session family', async () => {
      const first = await t.http.loginStaff('doctor.breast', TEST_PASSWORD);
      const second = await t.http.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      const replay = await t.http.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.error.type, 'TOKEN_REUSED');
      // The legitimate holder's newer token is now dead too, and so is its access token.
      const afterReuse = await t.http.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
      assert.equal(afterReuse.status, 401);
      assert.equal((await t.http.get('/api/v1/auth/me', { token: second.body.accessToken })).status, 401);
      const { models } = await t.node.runtime.database();
      const reuse = await models.ActivityLog.findOne({ where: { request_id: replay.requestId } });
      assert.equal(reuse?.outcome, 'denied');
    });

    test('an unknown refresh token is refused', async () => {
      const res = await t.http.post('/api/v1/auth/refresh', { refreshToken: randomBytes(32).toString('base64url') });
      assert.equal(res.status, 401);
    });
  });

  test('logout revokes the session: the access token and the refresh token stop working', async () => {
    const tokens = await t.http.loginStaff('frontdesk', TEST_PASSWORD);
    assert.equal((await t.http.post('/api/v1/auth/logout', undefined, { token: tokens.accessToken })).status, 200);
    assert.equal((await t.http.get('/api/v1/patients', { token: tokens.accessToken })).status, 401);
    assert.equal((await t.http.post('/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status, 401);
  });

  test('repeated failures lock the account, even against the right password, and are audited', async () => {
    const create = await t.http.post('/api/v1/staff', { username: `lock.${unique()}`, role: 'nurse', name: '잠금테스트', department: 'DERMATOLOGY', password: 'Locked12345x' },
      { token: (await t.http.loginStaff('sysadmin', TEST_PASSWORD)).accessToken });
    assert.equal(create.status, 200, JSON.stringify(create.body));
    const username = create.body.username;
    for (let i = 0; i < 3; i++) assert.equal((await t.http.post('/api/v1/auth/login', { username, password: `wrong-pass-${i}x` })).status, 401);
    const locked = await t.http.post('/api/v1/auth/login', { username, password: 'Locked12345x' });
    assert.equal(locked.status, 423);
    assert.equal(locked.body.error.type, 'ACCOUNT_LOCKED');
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    const { models } = await t.node.runtime.database();
    const rows = await models.ActivityLog.findAll({ where: { user_id: String(create.body.id), action_type: 'login' } });
    assert.equal(rows.filter((r) => r.outcome === 'denied').length, 4);
  });
});

describe('login rate limits', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode({ CDSS_RATE_LIMIT_LOGIN: '5', CDSS_RATE_LIMIT_LOGIN_ACCOUNT: '3' });
  });
  after(() => t.stop());

  test('an account gets 429 after its per-account limit, with Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http.post('/api/v1/auth/login', { username: 'radtech', password: 'nope-nope-1' })).status);
    assert.deepEqual(statuses, [401, 401, 401, 429]);
  });

  test('one IP gets 429 after the per-IP limit, whatever the account', async () => {
    // Four attempts came from this IP above; the fifth is within the limit of 5, the sixth is not.
    const res = await t.http.post('/api/v1/auth/login', { username: 'radiologist', password: TEST_PASSWORD });
    const again = await t.http.post('/api/v1/auth/login', { username: 'nurse', password: TEST_PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(again.status, 429);
    assert.equal(again.body.error.type, 'RATE_LIMITED');
    assert.ok(Number(again.headers.get('retry-after')) > 0);
  });
});
