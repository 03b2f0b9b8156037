import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, mariadbAvailable, REDIS_URL, type TestDatabase } from '../helpers/databases.js';
import { HttpClient } from '../helpers/http.js';
import { assertPdf } from '../helpers/pdf.js';
import { TEST_PASSWORD } from '../helpers/node.js';
import { ctChestPhantom } from '../../lib/ai/phantom-studies.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts `main.ts` as its own OS process with the given environment. */
function startProcess(name: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => { log += d; });
  child.stderr!.on('data', (d) => { log += d; });
  child.on('exit', (code) => {
    if (code && code !== 0 && code !== 143) console.error(`[${name}] exited with ${code}:\n${log.slice(-4000)}`);
  });
  return child;
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** The domain actors without the inference pool, which runs in a process of its own (a GPU node's role). */
const DOMAIN_WITHOUT_INFERENCE = 'identity,emr,billing,ocs,lis,ris,realtime,pacs,ai-analysis,roles';

describe('cluster: gateway, domain actors and an inference node in three processes over Redis and MariaDB', async () => {
  await mariadbAvailable(); // throws when CDSS_REQUIRE_SERVICES=1 and MariaDB is missing
  let database: TestDatabase;
  let gateway: ChildProcess;
  let domain: ChildProcess;
  let inference: ChildProcess;
  let http: HttpClient;

  before(async () => {
    database = await createTestDatabase('mariadb');
    const port = await freePort();
    const common = {
      CDSS_DB_URL: database.url,
      CDSS_DATA_DIR: database.dataDir,
      CDSS_TRANSPORTER: REDIS_URL,
      CDSS_NAMESPACE: `cdss-test-${randomBytes(4).toString('hex')}`,
      CDSS_JWT_SECRET: 'cluster-test-secret-that-is-long-enough-0123456789',
      CDSS_DEMO_PASSWORD: TEST_PASSWORD,
      CDSS_DEMO_IMAGING: '0',
      CDSS_LOG_LEVEL: 'warn',
      CDSS_PORT: String(port),
      CDSS_HOST: '127.0.0.1',
    };
    domain = startProcess('domain', { ...common, CDSS_SERVICES: DOMAIN_WITHOUT_INFERENCE, CDSS_NODE_ID: 'domain-1' });
    inference = startProcess('inference', { ...common, CDSS_SERVICES: 'inference', CDSS_NODE_ID: 'inference-1' });
    gateway = startProcess('gateway', { ...common, CDSS_SERVICES: 'gateway', CDSS_NODE_ID: 'gateway-1' });
    http = new HttpClient(`http://127.0.0.1:${port}`);
    await http.waitUntilReady(60_000);
  });

  after(async () => {
    await Promise.all([stopProcess(gateway), stopProcess(domain), stopProcess(inference)]);
    await database?.drop();
  });

  test('the gateway process serves the API with actors that live in the other process', async () => {
    const ready = await http.get('/health/ready');
    assert.equal(ready.body.node, 'gateway-1');
    const { accessToken } = await http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const patient = await http.get('/api/v1/patients/1', { token: accessToken });
    assert.equal(patient.status, 200);
    assert.equal(patient.body.id, 1);
    const outOfScope = await http.get('/api/v1/patients/2', { token: accessToken });
    assert.equal(outOfScope.status, 404);
  });

  test('PDFs made in the domain process reach the client through the gateway as PDF bytes', async () => {
    const { accessToken } = await http.loginPatient('patient1', TEST_PASSWORD);
    const prescriptions = await http.get('/api/v1/portal/prescriptions', { token: accessToken });
    assert.equal(prescriptions.status, 200);
    const pdf = await http.download(`/api/v1/portal/prescriptions/${prescriptions.body.items[0].id}/pdf`, accessToken);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.match(pdf.headers.get('content-disposition') ?? '', /attachment; filename=".+\.pdf"/);
    assertPdf(pdf.bytes);
    const receipts = await http.get('/api/v1/portal/receipts', { token: accessToken });
    const receipt = await http.download(`/api/v1/portal/receipts/${receipts.body.items[0].id}/pdf`, accessToken);
    assert.equal(receipt.headers.get('content-type'), 'application/pdf');
    assertPdf(receipt.bytes);
  });

  test('a logout handled in the domain process revokes the token at the gateway process', async () => {
    const { accessToken } = await http.loginStaff('nurse', TEST_PASSWORD);
    assert.equal((await http.get('/api/v1/patients', { token: accessToken })).status, 200);
    assert.equal((await http.post('/api/v1/auth/logout', undefined, { token: accessToken })).status, 200);
    // The revocation travels as a broadcast event over Redis; give it a moment.
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      status = (await http.get('/api/v1/patients', { token: accessToken })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 401);
  });

  test('an uploaded chest CT is analysed in the domain process with the models of the inference process', async () => {
    const { accessToken: radtech } = await http.loginStaff('radtech', TEST_PASSWORD);
    const { accessToken: doctor } = await http.loginStaff('doctor.pulmo', TEST_PASSWORD);
    const chart = (await http.get('/api/v1/patients/1', { token: doctor })).body as { patient_id: string; name: string };
    // A 9 mm solid nodule in the right lung of the small chest phantom (as test/integration/ai-analysis.test.ts).
    const files = ctChestPhantom({ patient: { chartNumber: chart.patient_id, name: 'Phantom', birthDate: '19600101', sex: 'M' }, nodules: [{ centerMm: [-40, 0, 0], diameterMm: 9 }], size: 160, slices: 24 });
    const form = new FormData();
    form.append('patientId', '1');
    files.forEach((file, n) => form.append('files', new Blob([new Uint8Array(file)], { type: 'application/dicom' }), `${n}.dcm`));
    const upload = await fetch(`${http.baseUrl}/api/v1/medical-images`, { method: 'POST', headers: { authorization: `Bearer ${radtech}` }, body: form });
    const uploaded = await upload.json() as { studies: { id: number }[] };
    assert.equal(upload.status, 201, JSON.stringify(uploaded));
    const imageId = uploaded.studies[0]!.id;
    // The upload starts the lung pipeline on its own (CDSS_AI_AUTO=all): every tile crosses Redis as base64.
    let analysis: { status: string; pipeline_id: string; findings: string; results: { guidelines: { name: string }[] } } | undefined;
    for (let i = 0; i < 600 && !(analysis && ['DONE', 'FAILED'].includes(analysis.status)); i++) {
      const list = await http.get(`/api/v1/medical-images/${imageId}/analyze`, { token: doctor });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      analysis = list.body.items[0];
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(analysis?.status, 'DONE', JSON.stringify(analysis));
    assert.equal(analysis!.pipeline_id, 'lung-nodule');
    assert.match(analysis!.findings, /폐결절 1개 검출/);
    assert.ok(analysis!.results.guidelines.some((g) => g.name.includes('Fleischner')));
  });

  test('when the domain process stops, the gateway reports not ready and answers 503', async () => {
    await stopProcess(domain);
    let ready = await http.get('/health/ready');
    for (let i = 0; i < 100 && ready.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await http.get('/health/ready');
    }
    assert.equal(ready.status, 503);
    assert.ok(ready.body.missingServices.includes('patients'));
    const login = await http.post('/api/v1/auth/login', { username: 'nurse', password: TEST_PASSWORD });
    assert.ok(login.status === 503 || login.status === 404, `got ${login.status}`);
  });
});
