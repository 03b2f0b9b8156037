#!/usr/bin/env node
// Runs the test suites with node's test runner (TypeScript through tsx):
//   test/unit and test/db once, test/integration once per database (SQLite, then MariaDB),
//   test/cluster once (MariaDB + Redis), test/e2e in Chromium against the built web apps (built
//   first). MariaDB, Redis and Chromium are skipped only when missing and CDSS_REQUIRE_SERVICES is
//   not 1; in CI they are required.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2);

function testFiles(dir) {
  const full = path.join(root, 'test', dir);
  const out = [];
  for (const name of readdirSync(full)) {
    const p = path.join(full, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(path.join(dir, name)));
    else if (name.endsWith('.test.ts')) out.push(path.join('test', dir, name));
  }
  return out.sort();
}

function reachable(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1500 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

const required = process.env.CDSS_REQUIRE_SERVICES === '1';
const mariadb = await reachable(3306);
const redis = await reachable(6379);
const chromium = existsSync(process.env.CDSS_CHROMIUM ?? '/usr/bin/chromium');
const runs = [
  { name: 'unit', files: testFiles('unit'), env: {} },
  { name: 'db (SQLite + MariaDB)', files: testFiles('db'), env: {} },
  { name: 'integration on SQLite', files: testFiles('integration'), env: { CDSS_TEST_DB: 'sqlite' } },
  { name: 'integration on MariaDB', files: testFiles('integration'), env: { CDSS_TEST_DB: 'mariadb' }, needs: ['mariadb'] },
  { name: 'cluster (MariaDB + Redis)', files: testFiles('cluster'), env: { CDSS_TEST_DB: 'mariadb' }, needs: ['mariadb', 'redis'] },
  { name: 'e2e (Chromium, web apps)', files: testFiles('e2e'), env: { CDSS_TEST_DB: 'sqlite' }, needs: ['chromium'], before: ['npm', 'run', 'build:web'] },
].filter((run) => only.length === 0 || only.some((o) => run.name.startsWith(o)));

/** Runs node's test runner, echoing its output and counting its summary lines. */
function runTests(files, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); output += chunk; });
    child.on('close', (code) => {
      const count = (label) => Number(output.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? 0);
      resolve({ code, pass: count('pass'), fail: count('fail'), skipped: count('skipped') });
    });
  });
}

function runCommand([command, ...args]) {
  return new Promise((resolve) => {
    spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }).on('close', (code) => resolve(code));
  });
}

let failed = false;
const totals = { pass: 0, fail: 0, skipped: 0 };
for (const run of runs) {
  const available = { mariadb, redis, chromium };
  const missing = (run.needs ?? []).filter((s) => !available[s]);
  if (missing.length && !required) {
    console.log(`# SKIP ${run.name}: ${missing.join(', ')} not reachable (set CDSS_REQUIRE_SERVICES=1 to fail instead)`);
    continue;
  }
  console.log(`\n# ${run.name}: ${run.files.length} files`);
  if (run.before && (await runCommand(run.before)) !== 0) {
    console.log(`# ${run.name}: '${run.before.join(' ')}' failed`);
    failed = true;
    totals.fail += 1;
    continue;
  }
  const result = await runTests(run.files, run.env);
  totals.pass += result.pass;
  totals.fail += result.fail;
  totals.skipped += result.skipped;
  if (result.code !== 0) {
    failed = true;
    if (result.fail === 0) totals.fail += 1; // a crash outside any test still counts as a failure
  }
}
console.log(`\n${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed ? 1 : 0);
