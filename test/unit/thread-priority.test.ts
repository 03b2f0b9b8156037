import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Field 19 of /proc/<pid>/task/<tid>/stat: the task's nice value. */
const niceOf = (tid: number) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

test('an inference thread lowers its own priority and only its own', { skip: process.platform !== 'linux' && 'Linux only' }, async () => {
  const url = new URL('../../lib/ai/thread-priority.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  // A worker does not inherit tsx's hooks (as lib/ai/worker-start.ts): register them, import, answer the thread id, wait.
  const worker = new Worker(`
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url)}); })
      .then((m) => parentPort.postMessage(m.lowerThreadPriority(7)));
    setInterval(() => {}, 1000);`, { eval: true });
  try {
    const tid = await new Promise<number | null>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
    assert.ok(typeof tid === 'number' && tid !== process.pid, `a thread id other than the main thread's, got ${tid}`);
    assert.equal(niceOf(tid), 7);
    assert.equal(niceOf(process.pid), 0, 'the main thread (the API event loop) keeps its priority');
  } finally {
    await worker.terminate();
  }
});
