import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REQUIRE_SERVICES } from './databases.js';

/** Debian's Orthanc (package `orthanc`); CDSS_TEST_ORTHANC overrides the binary. */
export const ORTHANC_BINARY = process.env.CDSS_TEST_ORTHANC || '/usr/sbin/Orthanc';
const TEMPLATE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'orthanc', 'orthanc.json');
const START_TIMEOUT_MS = 30_000;

export interface OrthancServer {
  /** Base URL of the REST API, e.g. `http://127.0.0.1:41234`. */
  url: string;
  httpPort: number;
  dicomPort: number;
  /** Orthanc's own AE title (the called AE of a C-FIND). */
  aet: string;
  /** The calling AE title a test modality uses; registered in DicomModalities. */
  modalityAet: string;
  /** The folder the worklist plugin serves (`Worklists.Database`). */
  worklistDir: string;
  /** `Authorization` header value for the REST API. */
  authorization: string;
  /** GET on the REST API, parsed as JSON. */
  get<T = unknown>(route: string): Promise<T>;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface (asked of the kernel, then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Whether the tests can run Orthanc: true when installed; false (the caller skips) when it is
 * missing and services are optional; throws when CDSS_REQUIRE_SERVICES=1 (CI), so a missing
 * Orthanc fails the run instead of silently skipping the worklist tests.
 */
export function orthancAvailable(): boolean {
  if (existsSync(ORTHANC_BINARY)) return true;
  if (REQUIRE_SERVICES) throw new Error(`Orthanc is required (CDSS_REQUIRE_SERVICES=1) but ${ORTHANC_BINARY} is missing: apt-get install orthanc orthanc-dicomweb`);
  return false;
}

/**
 * Starts Orthanc in the foreground with the config template in test/orthanc/, on free ports with
 * a temporary storage and worklist folder, and waits until its REST API answers `/system`.
 */
export async function startOrthanc(): Promise<OrthancServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'cdss-orthanc-'));
  const worklistDir = path.join(root, 'worklists');
  const storage = path.join(root, 'storage');
  const config = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as {
    RegisteredUsers: Record<string, string>;
    DicomModalities: Record<string, { AET: string }>;
    Worklists: Record<string, unknown>;
    [key: string]: unknown;
  };
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  Object.assign(config, { HttpPort: httpPort, DicomPort: dicomPort, StorageDirectory: storage, IndexDirectory: storage });
  config.Worklists = { ...config.Worklists, Database: worklistDir };
  const [user, password] = Object.entries(config.RegisteredUsers)[0];
  const modalityAet = Object.values(config.DicomModalities)[0].AET;
  const configFile = path.join(root, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  // Orthanc creates its storage folder itself; the worklist folder must exist before a C-FIND.
  mkdirSync(worklistDir, { recursive: true });

  const child: ChildProcess = spawn(ORTHANC_BINARY, [configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (chunk: Buffer) => { log = (log + chunk.toString()).slice(-20_000); };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${httpPort}`;
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const get = async <T>(route: string): Promise<T> => {
    const res = await fetch(url + route, { headers: { authorization } });
    if (!res.ok) throw new Error(`Orthanc GET ${route}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(root, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`Orthanc exited (${child.exitCode ?? child.signalCode}) before answering:\n${log}`);
    }
    try {
      const system = await get<{ DicomAet: string }>('/system');
      return { url, httpPort, dicomPort, aet: system.DicomAet, modalityAet, worklistDir, authorization, get, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not answer /system within ${START_TIMEOUT_MS / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The CDSS settings that point a test node at this Orthanc (CDSS_PACS=orthanc). */
export function orthancEnv(orthanc: OrthancServer): Record<string, string> {
  const [user, password] = Buffer.from(orthanc.authorization.replace(/^Basic /, ''), 'base64').toString().split(':');
  return { CDSS_PACS: 'orthanc', CDSS_ORTHANC_URL: orthanc.url, CDSS_ORTHANC_USER: user!, CDSS_ORTHANC_PASSWORD: password! };
}

const run = promisify(execFile);
const STORESCU = process.env.CDSS_TEST_STORESCU || 'storescu';

/** Whether dcmtk's storescu runs here; missing fails the run when services are required (CI). */
export async function storescuAvailable(): Promise<boolean> {
  try {
    await run(STORESCU, ['--version']);
    return true;
  } catch {
    if (REQUIRE_SERVICES) throw new Error('dcmtk\'s storescu is required (CDSS_REQUIRE_SERVICES=1): apt-get install dcmtk');
    return false;
  }
}

/** A modality's push: the files sent to Orthanc with a real C-STORE from dcmtk's storescu. */
export async function cstore(orthanc: OrthancServer, files: Buffer[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdss-storescu-'));
  try {
    const paths = files.map((file, i) => {
      const target = path.join(dir, `${i}.dcm`);
      writeFileSync(target, file);
      return target;
    });
    const { stderr } = await run(STORESCU, ['-aet', orthanc.modalityAet, '-aec', orthanc.aet, '127.0.0.1', String(orthanc.dicomPort), ...paths], { timeout: 30_000 });
    // storescu exits 0 even when the association is refused: its `E:` lines are the failure.
    if (/^E: /m.test(stderr)) throw new Error(`C-STORE failed:\n${stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
