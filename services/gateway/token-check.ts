import { Errors, type ServiceBroker } from 'moleculer';
import type { Realm } from '../../lib/constants.js';
import { TokenError, type AccessTokenVerifier } from '../../lib/security/tokens.js';
import { auditEntryFrom } from '../../mixins/audit.js';
import type { CdssContext, CdssMeta, SessionUser } from '../context.js';

const { MoleculerClientError } = Errors;

/** What the check needs of the gateway: its verifier, the sessions revoked, a broker for the audit row. */
export interface TokenCheckGateway {
  broker: ServiceBroker;
  tokens: AccessTokenVerifier;
  revokedSessions: Map<string, number>;
}

/**
 * The one token check of HTTP routes and WebSocket upgrades: signature, expiry, realm and
 * revocation. A genuine token of the other realm is audited as a denied attempt by its bearer.
 * Answers the session user or throws 401 with a Korean-first message.
 */
export async function checkToken(gateway: TokenCheckGateway, token: string, realm: Realm | 'any', meta: CdssMeta, resource: string): Promise<SessionUser> {
  try {
    const claims = await gateway.tokens.verify(token, realm === 'any' ? undefined : [realm]);
    const revokedUntil = gateway.revokedSessions.get(claims.sessionId);
    if (revokedUntil && revokedUntil > Date.now()) throw new TokenError('Session revoked', 'TOKEN_INVALID');
    return { ...claims, id: Number(claims.sub) };
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    if (err.claims) {
      await gateway.broker.call('audit.record', auditEntryFrom({ meta } as CdssContext, {
        userId: err.claims.sub, realm: err.claims.realm, role: err.claims.role,
        // A long request path must not turn the refusal into a 400 of the audit record's own check.
        actionType: 'read', resourceType: resource.slice(0, 64), outcome: 'denied',
        description: `${err.claims.realm} token used on a ${realm} route`,
      }), { meta });
    }
    const message = err.code === 'WRONG_REALM'
      ? (realm === 'patient' ? '환자 포털은 환자 계정으로만 이용할 수 있습니다 (staff tokens are not accepted here)' : '의료진 플랫폼은 의료진 계정으로만 이용할 수 있습니다 (patient tokens are not accepted here)')
      : err.code === 'TOKEN_EXPIRED' ? '토큰이 만료되었습니다 (access token expired)' : '유효하지 않은 토큰입니다 (invalid or revoked token)';
    throw new MoleculerClientError(message, 401, err.code);
  }
}

/** Timers run at most this far ahead (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `close` when the user's access token expires: an open socket or stream must not outlive
 * the token that opened it. The client reconnects with a refreshed token. Answers a cancel for
 * when the connection ends first.
 */
export function closeAtExpiry(user: SessionUser, close: () => void): () => void {
  if (!user.expiresAt) return () => undefined;
  const timer = setTimeout(close, Math.min(Math.max(user.expiresAt - Date.now(), 0), MAX_TIMER_MS));
  timer.unref();
  return () => clearTimeout(timer);
}

/** The close reason of a socket whose token expired (4401: reconnect with a fresh token); a close frame holds 123 bytes. */
export const TOKEN_EXPIRED_REASON = '토큰 만료 (access token expired)';
