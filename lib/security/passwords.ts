import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * scrypt parameters: N=2^15, r=8, p=1 follows OWASP's password storage cheat sheet minimum
 * (about 32 MiB and tens of milliseconds per hash), which makes offline guessing expensive.
 */
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

/** Hashes a password into a self-describing string: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  // A corrupted hash must never verify: an empty key would compare equal to any password's.
  if (expected.length !== KEY_LENGTH) return false;
  const [N, blockSize, parallel] = [Number(n), Number(r), Number(p)];
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= 1 << 20 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(blockSize) || blockSize < 1 || blockSize > 32 || !Number.isInteger(parallel) || parallel < 1 || parallel > 16) return false;
  try {
    const key = await scrypt(password, Buffer.from(salt, 'base64url'), KEY_LENGTH, { N, r: blockSize, p: parallel, maxmem: PARAMS.maxmem });
    return timingSafeEqual(key, expected);
  } catch {
    return false; // parameters beyond the memory limit: treat as a malformed hash
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * A hash of a random password, made on first use (not at import: gateway-only processes never
 * need it), so that checks against unknown accounts cost the same time as against known ones.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

/**
 * Password policy: at least 10 characters with letters and digits, not containing the account
 * name. Length matters more than symbol rules (NIST SP 800-63B §5.1.1.2).
 * Returns the list of violations in Korean, empty when acceptable.
 */
export function passwordPolicyViolations(password: string, accountName = ''): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('비밀번호는 10자 이상이어야 합니다 (at least 10 characters).');
  if (password.length > 128) problems.push('비밀번호는 128자 이하여야 합니다 (at most 128 characters).');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) {
    problems.push('영문자와 숫자를 모두 포함해야 합니다 (letters and digits).');
  }
  if (accountName && password.toLowerCase().includes(accountName.toLowerCase())) {
    problems.push('비밀번호에 계정 이름을 포함할 수 없습니다 (must not contain the account name).');
  }
  return problems;
}
