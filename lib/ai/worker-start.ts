import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ToWorker, WorkerInit } from './worker-protocol.js';

const exits = new WeakMap<Worker, Promise<void>>();

/**
 * Starts an inference worker thread from wherever this code runs: the compiled entry next to
 * this file under dist/ (`npm start`), or the TypeScript source through tsx (`npm run dev`,
 * tests, benchmarks). A worker does not inherit tsx's loader hooks, so from the sources it
 * registers them first and then imports the entry.
 */
export function startInferenceWorker(init: WorkerInit): Worker {
  let worker: Worker;
  if (fileURLToPath(import.meta.url).endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./inference-worker.ts', import.meta.url).href;
    const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    worker = new Worker(code, { eval: true, workerData: init });
  } else {
    worker = new Worker(new URL('./inference-worker.js', import.meta.url), { workerData: init });
  }
  exits.set(worker, new Promise((resolve) => worker.once('exit', () => resolve())));
  return worker;
}

/**
 * Asks a worker to leave once its current run is over, and waits for it (at most `waitMs`).
 * Never `worker.terminate()`: onnxruntime-node runs a session synchronously on the worker's
 * thread, and terminating the thread inside that call aborts the whole process (a Napi::Error
 * thrown across the native frame, seen here as SIGABRT). A worker that does not leave in time
 * (a run that never ends) is unreferenced and left to finish on its own.
 */
export async function closeWorker(worker: Worker, waitMs: number, onLate: () => void): Promise<void> {
  const exited = exits.get(worker) ?? Promise.resolve();
  worker.postMessage({ type: 'close' } satisfies ToWorker);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), waitMs); });
  if ((await Promise.race([exited, late])) === 'late') {
    onLate();
    worker.unref();
  }
  clearTimeout(timer);
}
