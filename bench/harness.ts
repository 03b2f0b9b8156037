import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Pieces shared by benchmarks that run a server in a child process (`bench/servers/*.ts`, the
 * IPC protocol of `bench/servers/child.ts`): last-in first-out clean-ups that also run on Ctrl-C,
 * starting a child and waiting for its port, readiness polling, latency percentiles and a
 * Markdown table.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;

/** Registers a clean-up; they run last-in first-out, on success, on error and on Ctrl-C. */
export function onCleanUp(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!();
      } catch (err) {
        console.error('cleanup failed:', (err as Error).message);
      }
    }
  })();
  return cleaning;
}

/** Runs a benchmark's `main` (its exit code), always cleans up, and exits with that code. */
export async function runBench(main: () => Promise<number>): Promise<never> {
  let code = 1;
  try {
    code = await main();
  } catch (err) {
    console.error(err);
  } finally {
    await cleanUp();
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping servers`);
    void cleanUp().finally(() => process.exit(130));
  });
}

export interface ServerChild<Message extends { type: string }> {
  child: ChildProcess;
  baseUrl: string;
  send(message: { type: string } & Record<string, unknown>): void;
  next(type: Message['type'], timeoutMs?: number): Promise<Message>;
  stop(): Promise<void>;
}

/**
 * Starts `bench/servers/<file>` through tsx in a child process with `env` (inherited CDSS_*
 * variables removed, so only what the bench sets is measured) and waits for its `ready` message.
 */
export interface StartOptions<Message> {
  readyTimeoutMs?: number;
  /** How to start the file: tsx from the sources by default (bench/gateway.ts can use a tsc build). */
  launch?: (file: string) => { args: string[]; cwd: string };
  /** A message that means the child failed, as an error text (null for any other message). */
  failure?: (message: Message) => string | null;
}

export const fromSources = (file: string) => ({ args: ['--import', 'tsx', path.join(ROOT, 'bench/servers', file)], cwd: ROOT });

export async function startServer<Message extends { type: string }>(
  file: string, env: Record<string, string>, options: StartOptions<Message> = {},
): Promise<ServerChild<Message>> {
  const { readyTimeoutMs = 120_000, launch = fromSources, failure = () => null } = options;
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CDSS_')));
  const { args, cwd } = launch(file);
  const child = spawn(process.execPath, args, {
    cwd,
    // The demo chest CT (and the AI analysis it starts) would run in the background of every measurement.
    env: { ...base, CDSS_DEMO_IMAGING: '0', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: Message['type'], timeoutMs = 120_000) => new Promise<Message>((resolve, reject) => {
    const onMessage = (message: Message) => {
      const failed = failure(message);
      if (message.type !== type && !failed) return;
      done();
      if (failed) reject(new Error(`${file}: ${failed}`));
      else resolve(message);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${file} exited (${signal ?? code}) while the bench waited for '${type}'`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${file}: no '${type}' after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  };
  onCleanUp(stop);
  const ready = (await next('ready' as Message['type'], readyTimeoutMs)) as unknown as { port: number };
  return { child, baseUrl: `http://127.0.0.1:${ready.port}`, send: (m) => child.send(m), next, stop };
}

/** Polls /health/ready until the node reports every actor and route (moleculer-web builds aliases lazily). */
export async function waitUntilReady(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      last = await res.text();
      if (res.status === 200) return;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`CDSS at ${baseUrl} not ready after ${timeoutMs / 1000} s: ${last}`);
}

/** Latency summary of recorded samples (ms): nearest-rank percentiles. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function latencySummary(samples: ArrayLike<number>): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? NaN, mean: sum / Math.max(1, sorted.length) };
}

/** A Markdown table, first column left-aligned and the others right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** A command-line number that must be a positive integer (`--duration 10`). */
export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

/** The command-line options of the benchmarks that run against SQLite or MariaDB (`parseArgs` options). */
export function databaseBenchOptions(connections: number) {
  return {
    db: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: String(connections) },
    'mariadb-url': { type: 'string', default: process.env.CDSS_BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306' },
    /** CPU-profile our node during its measured run (the file's path is printed). */
    profile: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  } as const;
}

/** Those options checked: the database kind and the run's length and load. */
export function databaseBenchSettings(args: { db: string; duration: string; warmup: string; connections: string; 'mariadb-url': string }) {
  if (args.db !== 'sqlite' && args.db !== 'mariadb') throw new Error(`--db must be sqlite or mariadb, got '${args.db}'`);
  return {
    db: args.db as 'sqlite' | 'mariadb',
    duration: positiveInt(args.duration, 'duration'),
    warmup: positiveInt(args.warmup, 'warmup'),
    connections: positiveInt(args.connections, 'connections'),
    mariadbUrl: args['mariadb-url'],
  };
}

/**
 * Signs a demo staff account in through the API and answers its access token; a failure names
 * the account and the answer (`hint` says what else may be wrong, e.g. a stale data set).
 */
export async function loginStaff(baseUrl: string, username: string, password: string, hint = ''): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (res.status !== 200 || !body.accessToken) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(body)}${hint ? ` (${hint})` : ''}`);
  return body.accessToken;
}
