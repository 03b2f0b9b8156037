import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

describe('gateway', () => {
  let t: TestNode;
  let admin: string;
  before(async () => {
    t = await startTestNode({ CDSS_BODY_LIMIT: '16kb' });
    admin = (await t.http.loginStaff('sysadmin', TEST_PASSWORD)).accessToken;
  });
  after(() => t.stop());

  const staffCount = async () => (await t.node.runtime.database()).models.AuthUser.count();
  const patientUserCount = async () => (await t.node.runtime.database()).models.PatientUser.count();

  test('liveness and readiness answer without a token', async () => {
    assert.deepEqual((await t.http.get('/health/live')).body, { status: 'ok' });
    const ready = await t.http.get('/health/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.database, 'ok');
    assert.deepEqual(ready.body.missingServices, []);
  });

  test('every answer carries security headers and echoes the request id', async () => {
    const res = await t.http.get('/api/v1/patients', { headers: { 'x-request-id': 'trace-me-123' } });
    assert.equal(res.headers.get('x-request-id'), 'trace-me-123');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  });

  test('errors have one JSON shape: { error: { type, message, details } }', async () => {
    const res = await t.http.get('/api/v1/patients/not-a-number', { token: admin });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].field, 'id');
    const bad = await t.http.get('/api/v1/audit?pageSize=1000', { token: admin });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.type, 'VALIDATION_ERROR');
    assert.equal(typeof bad.body.error.message, 'string');
    assert.equal(bad.body.error.details[0].field, 'pageSize');
  });

  test('an unknown route is a JSON 404', async () => {
    const res = await t.http.get('/api/v1/no-such-thing', { token: admin });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.type, 'NOT_FOUND');
  });

  test('internal actions are not reachable over HTTP', async () => {
    const res = await t.http.post('/api/v1/audit/record', { actionType: 'read' }, { token: admin });
    assert.equal(res.status, 404);
  });

  describe('bad input gets a 4xx with a clear message and writes nothing', () => {
    test('missing fields', async () => {
      const before = await staffCount();
      const res = await t.http.post('/api/v1/staff', { username: 'no.role' }, { token: admin });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.error.details.map((d: { field: string }) => d.field).sort(), ['name', 'role']);
      assert.equal(await staffCount(), before);
    });

    test('extra fields are refused, not silently dropped', async () => {
      const before = await staffCount();
      const res = await t.http.post('/api/v1/staff', { username: 'extra.field', role: 'nurse', name: '추가', department: 'DERMATOLOGY', isSuperuser: true }, { token: admin });
      assert.equal(res.status, 400);
      assert.match(JSON.stringify(res.body.error.details), /isSuperuser/);
      assert.equal(await staffCount(), before);
    });

    test('wrong types', async () => {
      const before = await patientUserCount();
      const res = await t.http.post('/api/v1/auth/patient/signup', { accountId: 12345, email: 'not-an-email', name: ['x'], password: true, birthDate: '1990-13-45' });
      assert.equal(res.status, 400);
      const fields = res.body.error.details.map((d: { field: string }) => d.field);
      for (const f of ['accountId', 'email', 'name', 'password']) assert.ok(fields.includes(f), `${f} reported`);
      assert.equal(await patientUserCount(), before);
    });

    test('an impossible date is refused', async () => {
      const before = await patientUserCount();
      const res = await t.http.post('/api/v1/auth/patient/signup', { accountId: 'baddate1', email: 'baddate1@example.com', name: '날짜', password: 'Valid12345x', birthDate: '2999-01-01' });
      assert.equal(res.status, 422);
      assert.equal(await patientUserCount(), before);
    });

    test('malformed JSON', async () => {
      const before = await staffCount();
      const res = await t.http.request('POST', '/api/v1/staff', { token: admin, rawBody: '{"username": "broken",' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.type, 'MALFORMED_JSON');
      assert.equal(await staffCount(), before);
    });

    test('an oversized body', async () => {
      const before = await staffCount();
      const res = await t.http.post('/api/v1/staff', { username: 'big.body', role: 'nurse', name: 'x'.repeat(40_000) }, { token: admin });
      assert.equal(res.status, 413);
      assert.equal(res.body.error.type, 'PAYLOAD_TOO_LARGE');
      assert.equal(await staffCount(), before);
    });

    test('validation messages name the field in Korean first, with the English after', async () => {
      const res = await t.http.post('/api/v1/auth/login', { username: 'doctor.pulmo' });
      assert.equal(res.status, 400);
      const problem = (res.body.error.details as { field: string; message: string }[]).find((d) => d.field === 'password');
      assert.equal(problem?.message, "'password' 항목은 필수입니다 (required)");
    });

    test('a JSON array or scalar where an object is expected', async () => {
      const res = await t.http.request('POST', '/api/v1/auth/login', { rawBody: '"just a string"' });
      assert.equal(res.status, 400);
    });
  });

  test('the web pages carry the security headers too (they are served outside the routes)', async () => {
    const res = await fetch(`${t.http.baseUrl}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'.*|img-src 'self' data: blob:/);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    await res.arrayBuffer();
  });

  test('only the declared routes exist: no catch-all /service/action route around the realm routes', async () => {
    for (const [method, path] of [['POST', '/auth/login'], ['GET', '/api/live'], ['GET', '/patients/list'], ['GET', '/no-such-page']]) {
      const res = await t.http.request(method!, path!, method === 'POST' ? { body: { username: 'doctor.pulmo', password: 'x' } } : {});
      assert.equal(res.status, 404, `${method} ${path}`);
    }
  });

  test('the OpenAPI document lists every routed action with its permission and parameters', async () => {
    const res = await t.http.get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const paths = res.body.paths as Record<string, Record<string, { operationId: string; 'x-permission': string; parameters?: { name: string; in: string }[] }>>;
    assert.equal(paths['/api/v1/patients/{id}'].get.operationId, 'patients.get');
    assert.equal(paths['/api/v1/patients/{id}'].get['x-permission'], 'patients.read');
    assert.deepEqual(paths['/api/v1/patients/{id}'].get.parameters?.map((p) => [p.name, p.in]), [['id', 'path']]);
    for (const route of ['/api/v1/auth/login', '/api/v1/auth/patient/signup', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/auth/me',
      '/api/v1/portal/me', '/api/v1/portal/access-log', '/api/v1/audit', '/api/v1/staff', '/api/v1/staff/{id}/reset-password']) {
      assert.ok(paths[route], `${route} documented`);
    }
    const operations = Object.values(paths).flatMap((methods) => Object.values(methods));
    assert.ok(operations.every((op) => op['x-permission'] !== 'internal'));
    // The realtime entry points are not actions but are documented all the same.
    assert.equal(paths['/ws/collab/{docName}']?.get.operationId, 'realtime.collab');
    assert.equal(paths['/ws/events']?.get.operationId, 'realtime.events');
    const stream = paths['/api/v1/notifications/stream']?.get as unknown as { responses: Record<string, { content?: object }> };
    assert.ok(stream.responses[200]?.content && 'text/event-stream' in stream.responses[200].content);
  });

  test('X-Forwarded-For is ignored without CDSS_TRUST_PROXY: the audit keeps the socket address', async () => {
    const res = await t.http.get('/api/v1/audit?pageSize=1', { token: admin, headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(res.status, 200);
    const denied = await t.http.get('/api/v1/patients/1', { token: admin, headers: { 'x-forwarded-for': '203.0.113.9' } });
    assert.equal(denied.status, 403);
    const row = await (await t.node.runtime.database()).models.ActivityLog.findOne({ where: { request_id: denied.requestId } });
    assert.match(row?.ip_address ?? '', /127\.0\.0\.1/);
  });

  test('a break-the-glass header that is not valid percent-encoding is kept as sent, not a crash', async () => {
    const { accessToken } = await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const res = await t.http.get('/api/v1/patients/2', { token: accessToken, headers: { 'x-break-glass-reason': 'ER 100% urgent case' } });
    assert.equal(res.status, 200);
    const row = await (await t.node.runtime.database()).models.ActivityLog.findOne({ where: { request_id: res.requestId } });
    assert.equal(row?.reason, 'ER 100% urgent case');
    assert.equal(row?.break_glass, true);
  });

  test('the home page is served', async () => {
    const res = await t.http.get('/');
    assert.equal(res.status, 200);
    assert.match(String(res.body), /CDSS/);
  });
});

describe('gateway behind a trusted proxy', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode({ CDSS_TRUST_PROXY: '1' });
  });
  after(() => t.stop());

  test('the first X-Forwarded-For hop is the client address in the audit log', async () => {
    const res = await t.http.post('/api/v1/auth/login', { username: 'nurse', password: 'wrong-password-1' }, { headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' } });
    assert.equal(res.status, 401);
    const row = await (await t.node.runtime.database()).models.ActivityLog.findOne({ where: { request_id: res.requestId } });
    assert.equal(row?.ip_address, '203.0.113.9');
  });
});
