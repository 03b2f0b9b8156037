import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { TokenError, hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken, type AccessClaims } from '../../lib/security/tokens.js';
import type { Realm } from '../../lib/constants.js';

const KEY = randomBytes(32);

const DOCTOR: AccessClaims = {
  sub: '17', realm: 'staff', role: 'doctor', name: '김의사', department: 'PULMONOLOGY',
  patientId: null, staffId: 'D2025001', sessionId: 'session-doctor',
};

const PATIENT: AccessClaims = {
  sub: '42', realm: 'patient', role: 'patient', name: '이환자', department: null,
  patientId: 1234, staffId: null, sessionId: 'session-patient',
};

/** Awaits `promise` and asserts it rejects with a TokenError of `code`. */
async function rejectsWith(promise: Promise<unknown>, code: TokenError['code']): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof TokenError, `expected a TokenError, got ${String(err)}`);
    assert.equal(err.code, code);
    return true;
  });
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('signAccessToken and verifyAccessToken', () => {
  test('a staff token verifies with every claim intact', async () => {
    const token = await signAccessToken(DOCTOR, KEY, 900);
    const { expiresAt, ...claims } = await verifyAccessToken(token, KEY, ['staff']);
    assert.deepEqual(claims, DOCTOR);
    // The expiry comes back with the claims (an open socket closes then), to the second.
    assert.equal(expiresAt, Number(payloadOf(token).exp) * 1000);
    assert.ok(Math.abs(expiresAt! - (Date.now() + 900_000)) < 2000);
  });

  test('a patient token verifies with every claim intact', async () => {
    const token = await signAccessToken(PATIENT, KEY, 900);
    const { expiresAt: _, ...claims } = await verifyAccessToken(token, KEY, ['patient']);
    assert.deepEqual(claims, PATIENT);
  });

  test('the realm travels as the audience and the issuer is cdss', async () => {
    const token = await signAccessToken(PATIENT, KEY, 900);
    const payload = payloadOf(token);
    assert.equal(payload.aud, 'patient');
    assert.equal(payload.iss, 'cdss');
    assert.equal(payload.sub, '42');
    assert.equal(payload.realm, undefined);
    assert.equal((payload.exp as number) - (payload.iat as number), 900);
  });

  test('without a realm list a token of either realm is accepted', async () => {
    assert.equal((await verifyAccessToken(await signAccessToken(DOCTOR, KEY, 60), KEY)).realm, 'staff');
    assert.equal((await verifyAccessToken(await signAccessToken(PATIENT, KEY, 60), KEY)).realm, 'patient');
  });

  test('a token is accepted when its realm is one of several allowed', async () => {
    const realms: Realm[] = ['staff', 'patient'];
    assert.equal((await verifyAccessToken(await signAccessToken(PATIENT, KEY, 60), KEY, realms)).sub, '42');
  });

  test('a patient token is refused on staff routes', async () => {
    const token = await signAccessToken(PATIENT, KEY, 900);
    await rejectsWith(verifyAccessToken(token, KEY, ['staff']), 'WRONG_REALM');
  });

  test('a staff token is refused on patient routes', async () => {
    const token = await signAccessToken(DOCTOR, KEY, 900);
    await rejectsWith(verifyAccessToken(token, KEY, ['patient']), 'WRONG_REALM');
  });

  test('a token whose lifetime is zero seconds is already expired', async () => {
    const token = await signAccessToken(DOCTOR, KEY, 0);
    await rejectsWith(verifyAccessToken(token, KEY, ['staff']), 'TOKEN_EXPIRED');
  });

  test('a token that expired a minute ago is expired', async () => {
    const token = await signAccessToken(PATIENT, KEY, -60);
    await rejectsWith(verifyAccessToken(token, KEY), 'TOKEN_EXPIRED');
  });

  test('a token signed with another key is invalid', async () => {
    const token = await signAccessToken(DOCTOR, randomBytes(32), 900);
    await rejectsWith(verifyAccessToken(token, KEY, ['staff']), 'TOKEN_INVALID');
  });

  test('a token whose payload was edited is invalid', async () => {
    const token = await signAccessToken(DOCTOR, KEY, 900);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payloadOf(token), role: 'sysadmin' })).toString('base64url');
    await rejectsWith(verifyAccessToken(`${header}.${forged}.${signature}`, KEY, ['staff']), 'TOKEN_INVALID');
  });

  test('a token whose realm was switched in the payload is invalid, not a wrong realm', async () => {
    const token = await signAccessToken(DOCTOR, KEY, 900);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payloadOf(token), aud: 'patient' })).toString('base64url');
    await rejectsWith(verifyAccessToken(`${header}.${forged}.${signature}`, KEY, ['patient']), 'TOKEN_INVALID');
  });

  test('an unsigned token (alg none) is invalid', async () => {
    const token = await signAccessToken(DOCTOR, KEY, 900);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await rejectsWith(verifyAccessToken(`${header}.${token.split('.')[1]}.`, KEY), 'TOKEN_INVALID');
  });

  test('a string that is not a JWT is invalid', async () => {
    await rejectsWith(verifyAccessToken('not-a-token', KEY), 'TOKEN_INVALID');
    await rejectsWith(verifyAccessToken('', KEY), 'TOKEN_INVALID');
  });

  test('a token from another issuer is invalid', async () => {
    const token = await new SignJWT({ role: 'doctor' }).setProtectedHeader({ alg: 'HS256' })
      .setSubject('17').setAudience('staff').setIssuer('someone-else').setIssuedAt().setExpirationTime('5m').sign(KEY);
    await rejectsWith(verifyAccessToken(token, KEY, ['staff']), 'TOKEN_INVALID');
  });

  test('a correctly signed token without a known realm is invalid', async () => {
    for (const audience of [undefined, 'admin']) {
      let jwt = new SignJWT({ role: 'doctor' }).setProtectedHeader({ alg: 'HS256' })
        .setSubject('17').setIssuer('cdss').setIssuedAt().setExpirationTime('5m');
      if (audience) jwt = jwt.setAudience(audience);
      await rejectsWith(verifyAccessToken(await jwt.sign(KEY), KEY), 'TOKEN_INVALID');
    }
  });

  test('TokenError is an Error carrying its code', () => {
    const err = new TokenError('x', 'WRONG_REALM');
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'WRONG_REALM');
    assert.equal(err.message, 'x');
  });
});

describe('refresh tokens', () => {
  test('a new refresh token comes with the hash of itself', () => {
    const { token, hash } = newRefreshToken();
    assert.equal(hashRefreshToken(token), hash);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.notEqual(hash, token);
  });

  test('a refresh token carries 32 random bytes in base64url', () => {
    const { token } = newRefreshToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
  });

  test('refresh tokens and their hashes are unique', () => {
    const issued = Array.from({ length: 200 }, () => newRefreshToken());
    assert.equal(new Set(issued.map((t) => t.token)).size, 200);
    assert.equal(new Set(issued.map((t) => t.hash)).size, 200);
  });

  test('hashing a refresh token is deterministic and sensitive to every character', () => {
    const { token } = newRefreshToken();
    assert.equal(hashRefreshToken(token), hashRefreshToken(token));
    assert.notEqual(hashRefreshToken(token), hashRefreshToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')));
  });
});
