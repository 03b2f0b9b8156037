import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialByKey } from '../../lib/serial-by-key.js';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('work on one key runs one at a time, in call order, even after a failure; other keys run alongside', async () => {
  const serial = new SerialByKey();
  const log: string[] = [];
  const job = (key: string, name: string, ms: number, fail = false) => serial.run(key, async () => {
    log.push(`${name}:start`);
    await later(ms);
    log.push(`${name}:end`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  });
  const results = await Promise.allSettled([job('a', 'a1', 30, true), job('a', 'a2', 5), job('b', 'b1', 10)]);
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)), ['a1 failed', 'a2', 'b1']);
  // a2 starts only after a1 ended (failed); b1 does not wait for a1.
  assert.ok(log.indexOf('a2:start') > log.indexOf('a1:end'));
  assert.ok(log.indexOf('b1:start') < log.indexOf('a1:end'));
  assert.equal(serial.size, 0, 'finished keys are forgotten');
});
