import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGET_GZIP_BYTES, entryWeights } from '../../scripts/web-budget.js';

/** Issue #8's budget, on the build this suite runs against: initial JS per audience entry ≤ 150 KB gzipped. */
test('each audience entry loads at most 150 KB of gzipped JavaScript before its first screen', () => {
  const weights = entryWeights();
  assert.deepEqual(weights.map((w) => w.entry).sort(), ['index.html', 'patient.html', 'staff.html']);
  for (const w of weights) {
    assert.ok(w.gzipBytes <= BUDGET_GZIP_BYTES, `${w.entry}: ${w.gzipBytes} bytes gzipped`);
    assert.ok(w.gzipBytes > 1024, `${w.entry}: the entry has code`);
  }
  // Route screens load lazily: the staff platform has a chunk per role app at least.
  assert.ok(weights.find((w) => w.entry === 'staff.html')!.lazyChunks >= 6);
});
