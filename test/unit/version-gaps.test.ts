import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { VersionGaps } from '../../lib/realtime/version-gaps.js';

describe('VersionGaps: a collaborative document notices a stored update it never heard of', () => {
  test('versions in order, or out of order within the grace, are no gap', async () => {
    let gaps = 0;
    const seen = new VersionGaps(10, 30, () => gaps++);
    seen.saw(11);
    seen.saw(13);
    seen.saw(12);
    seen.saw(12); // a repeat changes nothing
    await sleep(60);
    assert.equal(gaps, 0);
    assert.equal(seen.missing, false);
  });

  test('a version still missing after the grace is reported once', async () => {
    let gaps = 0;
    const seen = new VersionGaps(10, 30, () => gaps++);
    seen.saw(11);
    seen.saw(13);
    seen.saw(14);
    await sleep(60);
    assert.equal(gaps, 1);
    assert.equal(seen.missing, true);
  });

  test('catching up from storage closes the gap; later versions count from there', async () => {
    let gaps = 0;
    const seen = new VersionGaps(0, 30, () => gaps++);
    seen.saw(2);
    seen.caughtUp(5);
    assert.equal(seen.missing, false);
    seen.saw(6);
    await sleep(60);
    assert.equal(gaps, 0);
    seen.saw(8);
    await sleep(60);
    assert.equal(gaps, 1);
  });

  test('versions at or below the loaded one are ignored', async () => {
    let gaps = 0;
    const seen = new VersionGaps(20, 30, () => gaps++);
    seen.saw(3);
    seen.saw(20);
    await sleep(60);
    assert.equal(seen.missing, false);
    assert.equal(gaps, 0);
  });
});
