import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FixedWindowLimiter } from '../../lib/security/rate-limiter.js';

const T0 = 1_700_000_000_000;

describe('FixedWindowLimiter', () => {
  test('the first `limit` hits are allowed and the next one must wait', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    assert.deepEqual([limiter.hit('ip', T0), limiter.hit('ip', T0 + 1), limiter.hit('ip', T0 + 2)], [0, 0, 0]);
    const wait = limiter.hit('ip', T0 + 3);
    assert.ok(wait > 0);
    assert.equal(wait, 60);
  });

  test('the wait counts down to the end of the window, rounded up to whole seconds', () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    limiter.hit('ip', T0);
    assert.equal(limiter.hit('ip', T0 + 30_000), 30);
    assert.equal(limiter.hit('ip', T0 + 58_500), 2);
    assert.equal(limiter.hit('ip', T0 + 59_999), 1);
  });

  test('hits past the limit keep being refused within the window', () => {
    const limiter = new FixedWindowLimiter(2, 10_000);
    limiter.hit('ip', T0);
    limiter.hit('ip', T0);
    for (let i = 1; i <= 5; i++) assert.ok(limiter.hit('ip', T0 + i) > 0);
  });

  test('separate keys have separate counters', () => {
    const limiter = new FixedWindowLimiter(2, 60_000);
    limiter.hit('10.0.0.1', T0);
    limiter.hit('10.0.0.1', T0);
    assert.ok(limiter.hit('10.0.0.1', T0) > 0);
    assert.equal(limiter.hit('10.0.0.2', T0), 0);
    assert.equal(limiter.hit('10.0.0.2', T0), 0);
    assert.ok(limiter.hit('10.0.0.2', T0) > 0);
  });

  test('a new window resets the count', () => {
    const limiter = new FixedWindowLimiter(2, 60_000);
    limiter.hit('user', T0);
    limiter.hit('user', T0);
    assert.ok(limiter.hit('user', T0 + 59_999) > 0);
    assert.equal(limiter.hit('user', T0 + 60_000), 0);
    assert.equal(limiter.hit('user', T0 + 60_001), 0);
    assert.ok(limiter.hit('user', T0 + 60_002) > 0);
  });

  test('the window starts at the first hit after the previous window ended', () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    limiter.hit('user', T0);
    limiter.hit('user', T0 + 90_000);
    assert.equal(limiter.hit('user', T0 + 120_000), 30);
  });

  test('the default window is one minute', () => {
    const limiter = new FixedWindowLimiter(1);
    limiter.hit('k', T0);
    assert.equal(limiter.hit('k', T0), 60);
    assert.equal(limiter.hit('k', T0 + 60_000), 0);
  });

  test('a limit of zero disables limiting', () => {
    const limiter = new FixedWindowLimiter(0, 60_000);
    for (let i = 0; i < 1000; i++) assert.equal(limiter.hit('ip', T0), 0);
  });

  test('a negative limit disables limiting too', () => {
    const limiter = new FixedWindowLimiter(-1, 60_000);
    for (let i = 0; i < 10; i++) assert.equal(limiter.hit('ip', T0), 0);
  });

  test('without a time the current clock is used', () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    assert.equal(limiter.hit('now'), 0);
    const wait = limiter.hit('now');
    assert.ok(wait >= 59 && wait <= 60, `wait=${wait}`);
  });
});
