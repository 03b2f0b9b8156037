import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Realm, Role } from '../constants.js';

const ISSUER = 'cdss';

/** What an access token says about its bearer; the realm travels as the JWT audience. */
export interface AccessClaims {
  sub: string;
  realm: Realm;
  role: Role;
  name: string;
  department: string | null;
  patientId: number | null;
  staffId: string | null;
  sessionId: string;
  /** When the token expires (ms since the epoch, from `exp`): set on verification, never signed. */
  expiresAt?: number;
}

export class TokenError extends Error {
  /** For WRONG_REALM: the verified claims, so the refusal can be audited against its bearer. */
  claims?: AccessClaims;

  constructor(message: string, readonly code: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'WRONG_REALM') {
    super(message);
  }
}

/** Signs a short-lived HS256 access token whose audience is the realm. */
export async function signAccessToken(claims: AccessClaims, key: Uint8Array | KeyObject, ttlSeconds: number): Promise<string> {
  const { sub, realm, expiresAt: _verifiedOnly, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(realm)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/**
 * Verifies signature, issuer, expiry and — when `realms` is given — that the token's audience is
 * one of them, so a patient token cannot open staff routes and vice versa.
 */
export async function verifyAccessToken(token: string, key: Uint8Array | KeyObject, realms?: Realm[]): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
    const audience = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (audience !== 'staff' && audience !== 'patient') throw new TokenError('Token has no realm', 'TOKEN_INVALID');
    const claims: AccessClaims = {
      sub: String(payload.sub),
      realm: audience,
      role: payload.role as Role,
      name: String(payload.name ?? ''),
      department: (payload.department as string | null) ?? null,
      patientId: (payload.patientId as number | null) ?? null,
      staffId: (payload.staffId as string | null) ?? null,
      sessionId: String(payload.sessionId ?? ''),
      expiresAt: (payload.exp ?? 0) * 1000,
    };
    if (realms && !realms.includes(audience)) {
      const error = new TokenError(`A ${audience} token is not accepted here`, 'WRONG_REALM');
      error.claims = claims;
      throw error;
    }
    return claims;
  } catch (err) {
    if (err instanceof TokenError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new TokenError('Access token expired', 'TOKEN_EXPIRED');
    throw new TokenError('Access token is invalid', 'TOKEN_INVALID');
  }
}

/** A refresh token is 32 random bytes; only its SHA-256 is stored, so a database leak reveals none. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Verifies access tokens, remembering the ones it has verified until they expire: a token string
 * cannot change, so a repeat presentation needs only the expiry and realm checks. Signature
 * verification is the costliest step of an authenticated request (bench/BENCHMARKS.md).
 */
export class AccessTokenVerifier {
  private verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();
  private readonly key: KeyObject;

  constructor(key: Uint8Array, private readonly maxEntries = 10_000) {
    this.key = createSecretKey(key);
  }

  async verify(token: string, realms?: Realm[], now = Date.now()): Promise<AccessClaims> {
    const hit = this.verified.get(token);
    if (hit && hit.expiresAt > now) {
      if (realms && !realms.includes(hit.claims.realm)) {
        const error = new TokenError(`A ${hit.claims.realm} token is not accepted here`, 'WRONG_REALM');
        error.claims = hit.claims;
        throw error;
      }
      return hit.claims;
    }
    if (hit) this.verified.delete(token);
    const claims = await verifyAccessToken(token, this.key, realms);
    if (this.verified.size >= this.maxEntries) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, expiresAt: claims.expiresAt ?? 0 });
    return claims;
  }
}
