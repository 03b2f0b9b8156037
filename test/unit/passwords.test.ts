import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dummyPasswordHash, hashPassword, passwordPolicyViolations, verifyPassword } from '../../lib/security/passwords.js';

describe('hashPassword and verifyPassword', () => {
  test('a hashed password verifies', async () => {
    const stored = await hashPassword('correct horse 42');
    assert.equal(await verifyPassword('correct horse 42', stored), true);
  });

  test('a wrong password does not verify', async () => {
    const stored = await hashPassword('correct horse 42');
    assert.equal(await verifyPassword('correct horse 43', stored), false);
    assert.equal(await verifyPassword('', stored), false);
  });

  test('the stored hash names scrypt, its parameters, a salt and a 32-byte key', async () => {
    const stored = await hashPassword('s3cret-password');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    assert.equal(scheme, 'scrypt');
    assert.deepEqual([Number(n), Number(r), Number(p)], [32768, 8, 1]);
    assert.equal(Buffer.from(salt, 'base64url').length, 16);
    assert.equal(Buffer.from(key, 'base64url').length, 32);
    assert.ok(!stored.includes('s3cret-password'));
  });

  test('two hashes of the same password differ and both verify', async () => {
    const a = await hashPassword('same password 1');
    const b = await hashPassword('same password 1');
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
    assert.equal(await verifyPassword('same password 1', a), true);
    assert.equal(await verifyPassword('same password 1', b), true);
  });

  test('non-ASCII passwords round trip', async () => {
    const stored = await hashPassword('비밀번호는길어야1234');
    assert.equal(await verifyPassword('비밀번호는길어야1234', stored), true);
    assert.equal(await verifyPassword('비밀번호는길어야1235', stored), false);
  });

  test('a stored hash with another scheme or missing parts does not verify', async () => {
    const good = await hashPassword('password1234');
    const parts = good.split('$');
    for (const stored of ['', 'garbage', 'password1234', ['bcrypt', ...parts.slice(1)].join('$'), parts.slice(0, 5).join('$'), parts.slice(0, 4).join('$') + '$$' + parts[5]]) {
      assert.equal(await verifyPassword('password1234', stored), false, `stored=${JSON.stringify(stored)}`);
    }
  });

  test('a stored hash whose key does not decode to any bytes does not verify', async () => {
    // '!!!!' is not base64url, so it decodes to an empty key; scrypt with keylen 0 returns an empty
    // buffer, and timingSafeEqual of two empty buffers is true.
    const salt = Buffer.from('0123456789abcdef').toString('base64url');
    assert.equal(await verifyPassword('any password at all 1', `scrypt$32768$8$1$${salt}$!!!!`), false);
  });

  test('a stored hash with non-numeric or invalid scrypt parameters resolves to false', async () => {
    const good = await hashPassword('password1234');
    const [, , r, p, salt, key] = good.split('$');
    for (const n of ['abc', '1000', String(2 ** 30)]) {
      const stored = ['scrypt', n, r, p, salt, key].join('$');
      const result = await verifyPassword('password1234', stored).catch((err: Error) => `rejected: ${err.message}`);
      assert.equal(result, false, `N=${n}`);
    }
  });

  test('the dummy hash is a well-formed scrypt hash that refuses an empty password', async () => {
    const dummy = await dummyPasswordHash();
    assert.match(dummy, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    assert.equal(await verifyPassword('', dummy), false);
  });
});

describe('passwordPolicyViolations', () => {
  const SHORT = 'at least 10 characters';
  const LONG = 'at most 128 characters';
  const MIX = 'letters and digits';
  const NAME = 'account name';

  function matching(problems: string[], fragment: string): string[] {
    return problems.filter((p) => p.includes(fragment));
  }

  test('a long password with letters and digits has no violations', () => {
    assert.deepEqual(passwordPolicyViolations('harbor lights 2025', 'kim.doctor'), []);
    assert.deepEqual(passwordPolicyViolations('abcdefghi1'), []);
  });

  test('a password shorter than 10 characters is too short', () => {
    const problems = passwordPolicyViolations('abcdefg12');
    assert.equal(problems.length, 1);
    assert.equal(matching(problems, SHORT).length, 1);
  });

  test('a password longer than 128 characters is too long', () => {
    assert.deepEqual(passwordPolicyViolations('a1'.repeat(64)), []);
    const problems = passwordPolicyViolations('a1'.repeat(64) + 'b');
    assert.equal(problems.length, 1);
    assert.equal(matching(problems, LONG).length, 1);
  });

  test('a password without a digit is refused', () => {
    const problems = passwordPolicyViolations('onlyletters-here');
    assert.equal(problems.length, 1);
    assert.equal(matching(problems, MIX).length, 1);
  });

  test('a password without a letter is refused', () => {
    const problems = passwordPolicyViolations('1234567890-42');
    assert.equal(problems.length, 1);
    assert.equal(matching(problems, MIX).length, 1);
  });

  test('a password containing the account name is refused regardless of case', () => {
    assert.equal(matching(passwordPolicyViolations('xxKim.Doctor99', 'kim.doctor'), NAME).length, 1);
    assert.equal(matching(passwordPolicyViolations('kim.doctor-2025', 'KIM.DOCTOR'), NAME).length, 1);
    assert.deepEqual(passwordPolicyViolations('kim.doctor-2025', 'lee.nurse'), []);
  });

  test('an empty account name does not count as contained', () => {
    assert.deepEqual(passwordPolicyViolations('harbor lights 2025', ''), []);
  });

  test('several problems are all reported', () => {
    const problems = passwordPolicyViolations('kim', 'kim');
    assert.equal(problems.length, 3);
    assert.equal(matching(problems, SHORT).length, 1);
    assert.equal(matching(problems, MIX).length, 1);
    assert.equal(matching(problems, NAME).length, 1);
  });

  test('every violation message is Korean first with an English gloss', () => {
    for (const message of passwordPolicyViolations('k', 'k')) assert.match(message, /^[\uAC00-\uD7A3].*\(.+\)\.$/);
  });
});
