import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { FieldCipher } from '../../lib/security/field-crypto.js';

const RRN = '900101-1234567';

/** Flips one bit of one base64url part of a sealed value (0 iv, 1 tag, 2 ciphertext). */
function tamper(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));

  test('a value decrypts to itself, Korean text included', () => {
    assert.equal(cipher.decrypt(cipher.encrypt(RRN)), RRN);
    assert.equal(cipher.decrypt(cipher.encrypt('김민수 서울특별시 종로구')), '김민수 서울특별시 종로구');
    assert.equal(cipher.decrypt(cipher.encrypt('')), '');
  });

  test('the sealed value is v1.<iv>.<tag>.<ciphertext> and does not contain the plaintext', () => {
    const sealed = cipher.encrypt(RRN);
    assert.ok(sealed.startsWith('v1.'));
    const [version, iv, tag, ciphertext] = sealed.split('.');
    assert.equal(version, 'v1');
    assert.equal(Buffer.from(iv, 'base64url').length, 12);
    assert.equal(Buffer.from(tag, 'base64url').length, 16);
    assert.equal(Buffer.from(ciphertext, 'base64url').length, Buffer.byteLength(RRN));
    assert.ok(!sealed.includes(RRN));
    assert.ok(!sealed.includes('9001011234567'));
  });

  test('two encryptions of the same value differ but their blind index is equal', () => {
    const a = cipher.encrypt(RRN);
    const b = cipher.encrypt(RRN);
    assert.notEqual(a, b);
    assert.notEqual(a.split('.')[1], b.split('.')[1], 'a fresh IV each time');
    assert.equal(cipher.blindIndex(RRN), cipher.blindIndex(RRN));
    assert.match(cipher.blindIndex(RRN), /^[0-9a-f]{64}$/);
    assert.notEqual(cipher.blindIndex(RRN), cipher.blindIndex('900101-1234568'));
  });

  test('a tampered iv, tag or ciphertext does not decrypt', () => {
    const sealed = cipher.encrypt(RRN);
    assert.throws(() => cipher.decrypt(tamper(sealed, 1)));
    assert.throws(() => cipher.decrypt(tamper(sealed, 2)));
    assert.throws(() => cipher.decrypt(tamper(sealed, 3)));
  });

  test('a value that is not a sealed field is refused', () => {
    assert.throws(() => cipher.decrypt(RRN), /Not a CDSS encrypted field/);
    assert.throws(() => cipher.decrypt(`v2.${cipher.encrypt(RRN).slice(3)}`), /Not a CDSS encrypted field/);
    assert.throws(() => cipher.decrypt('v1.abc'), /Not a CDSS encrypted field/);
  });

  test('another key cannot decrypt and gives another blind index', () => {
    const other = new FieldCipher(randomBytes(32));
    const sealed = cipher.encrypt(RRN);
    assert.throws(() => other.decrypt(sealed));
    assert.notEqual(other.blindIndex(RRN), cipher.blindIndex(RRN));
  });

  test('the same key in another instance decrypts and indexes alike', () => {
    const key = randomBytes(32);
    const a = new FieldCipher(key);
    const b = new FieldCipher(Buffer.from(key));
    assert.equal(b.decrypt(a.encrypt(RRN)), RRN);
    assert.equal(a.blindIndex(RRN), b.blindIndex(RRN));
  });

  test('the blind index is not a plain hash of the value', () => {
    assert.notEqual(cipher.blindIndex(RRN), createHash('sha256').update(RRN).digest('hex'));
  });

  test('a key that is not 32 bytes is refused', () => {
    assert.throws(() => new FieldCipher(randomBytes(31)), /32 bytes/);
    assert.throws(() => new FieldCipher(randomBytes(33)), /32 bytes/);
    assert.throws(() => new FieldCipher(Buffer.alloc(0)), /32 bytes/);
  });
});
