import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, chainHash, verifyChain, type ChainRow, type ChainVerdict, type ChainedFields } from '../../lib/security/hash-chain.js';

function fields(n: number): ChainedFields {
  return {
    createdAt: new Date(Date.UTC(2025, 0, 1, 9, 0, n)).toISOString(),
    userId: `D2025${String(n).padStart(3, '0')}`,
    realm: 'staff',
    role: 'doctor',
    actionType: 'READ',
    resourceType: 'patient',
    resourceId: String(100 + n),
    patientId: 100 + n,
    outcome: 'success',
    breakGlass: false,
    reason: null,
    description: `row ${n}`,
    ipAddress: '10.0.0.1',
    requestId: `req-${n}`,
  };
}

/** Builds a valid chain of `count` rows with ids 1..count, starting from `startHash`. */
function buildChain(count: number, startHash = GENESIS_HASH, firstId = 1): ChainRow[] {
  const rows: ChainRow[] = [];
  let previous = startHash;
  for (let id = firstId; id < firstId + count; id++) {
    const f = fields(id);
    const hash = chainHash(previous, f);
    rows.push({ ...f, id, prevHash: previous, hash });
    previous = hash;
  }
  return rows;
}

function brokenAt(verdict: ChainVerdict): number | undefined {
  return verdict.ok ? undefined : verdict.brokenAt;
}

const TAMPERED_VALUES: { [K in keyof ChainedFields]: ChainedFields[K] } = {
  createdAt: '2030-01-01T00:00:00.000Z',
  userId: 'N2025999',
  realm: 'patient',
  role: 'sysadmin',
  actionType: 'DELETE',
  resourceType: 'medical_record',
  resourceId: '999',
  patientId: 999,
  outcome: 'failure',
  breakGlass: true,
  reason: 'covering tracks',
  description: 'edited',
  ipAddress: '192.168.0.66',
  requestId: 'req-forged',
};

describe('verifyChain', () => {
  test('an untouched chain of several rows verifies', () => {
    const rows = buildChain(6);
    const verdict = verifyChain(rows);
    assert.deepEqual(verdict, { ok: true, checked: 6, lastHash: rows[5].hash });
  });

  test('an empty page verifies and hands back the start hash', () => {
    assert.deepEqual(verifyChain([]), { ok: true, checked: 0, lastHash: GENESIS_HASH });
  });

  test('the genesis hash is 64 zeros and every row hash is 64 hex digits', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    for (const row of buildChain(3)) assert.match(row.hash, /^[0-9a-f]{64}$/);
  });

  for (const field of Object.keys(TAMPERED_VALUES) as (keyof ChainedFields)[]) {
    test(`altering ${field} of a middle row breaks the chain at that row`, () => {
      const rows = buildChain(5);
      rows[2] = { ...rows[2], [field]: TAMPERED_VALUES[field] };
      const verdict = verifyChain(rows);
      assert.equal(verdict.ok, false);
      assert.equal(brokenAt(verdict), 3);
      assert.equal(verdict.checked, 2);
    });
  }

  test('changing a nullable field from null to a value breaks the chain', () => {
    const rows = buildChain(4);
    assert.equal(rows[1].reason, null);
    rows[1] = { ...rows[1], reason: '' };
    assert.equal(brokenAt(verifyChain(rows)), 2);
  });

  test('deleting a middle row breaks the chain at the row after it', () => {
    const rows = buildChain(5);
    rows.splice(2, 1);
    const verdict = verifyChain(rows);
    assert.equal(brokenAt(verdict), 4);
    assert.ok(!verdict.ok && /previous hash/.test(verdict.why));
  });

  test('deleting the first row breaks the chain at the new first row', () => {
    const rows = buildChain(4).slice(1);
    assert.equal(brokenAt(verifyChain(rows)), 2);
  });

  test('swapping two rows breaks the chain at the first row out of place', () => {
    const rows = buildChain(5);
    [rows[1], rows[2]] = [rows[2], rows[1]];
    assert.equal(brokenAt(verifyChain(rows)), 3);
  });

  test('changing prev_hash of a row breaks the chain at that row', () => {
    const rows = buildChain(5);
    rows[3] = { ...rows[3], prevHash: 'f'.repeat(64) };
    const verdict = verifyChain(rows);
    assert.equal(brokenAt(verdict), 4);
    assert.ok(!verdict.ok && /previous hash/.test(verdict.why));
  });

  test('a row rewritten with a recomputed hash still breaks the chain at the next row', () => {
    const rows = buildChain(5);
    const forged = { ...rows[2], description: 'rewritten' };
    forged.hash = chainHash(forged.prevHash, forged);
    rows[2] = forged;
    assert.equal(brokenAt(verifyChain(rows)), 4);
  });

  test('a replaced hash with unchanged content is reported as a content mismatch', () => {
    const rows = buildChain(3);
    rows[1] = { ...rows[1], hash: 'a'.repeat(64) };
    const verdict = verifyChain(rows);
    assert.equal(brokenAt(verdict), 2);
    assert.ok(!verdict.ok && /content/.test(verdict.why));
  });

  test('paging with the previous page\'s lastHash verifies a long chain', () => {
    const rows = buildChain(10);
    const first = verifyChain(rows.slice(0, 4));
    assert.ok(first.ok);
    const second = verifyChain(rows.slice(4, 8), first.lastHash);
    assert.ok(second.ok);
    const third = verifyChain(rows.slice(8), second.lastHash);
    assert.deepEqual(third, { ok: true, checked: 2, lastHash: rows[9].hash });
  });

  test('a later page checked from the genesis hash is refused at its first row', () => {
    const rows = buildChain(6);
    assert.equal(brokenAt(verifyChain(rows.slice(3))), 4);
  });

  test('a tampered row on a later page is found when paging', () => {
    const rows = buildChain(8);
    rows[6] = { ...rows[6], patientId: 1 };
    const first = verifyChain(rows.slice(0, 4));
    assert.ok(first.ok);
    const second = verifyChain(rows.slice(4), first.lastHash);
    assert.equal(brokenAt(second), 7);
    assert.equal(second.checked, 2);
  });
});

describe('chainHash', () => {
  test('the same fields and previous hash always give the same hash', () => {
    assert.equal(chainHash(GENESIS_HASH, fields(1)), chainHash(GENESIS_HASH, fields(1)));
  });

  test('a different previous hash gives a different hash for the same fields', () => {
    assert.notEqual(chainHash(GENESIS_HASH, fields(1)), chainHash('1'.repeat(64), fields(1)));
  });

  test('moving text between adjacent fields changes the hash', () => {
    const a = { ...fields(1), reason: 'ab', description: 'c' };
    const b = { ...fields(1), reason: 'a', description: 'bc' };
    assert.notEqual(chainHash(GENESIS_HASH, a), chainHash(GENESIS_HASH, b));
  });

  test('extra properties on a row do not change its hash', () => {
    const f = fields(2);
    assert.equal(chainHash(GENESIS_HASH, { ...f, id: 7, unrelated: 'x' } as ChainedFields), chainHash(GENESIS_HASH, f));
  });
});
