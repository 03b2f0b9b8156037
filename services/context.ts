import type { Context } from 'moleculer';
import type { AccessClaims } from '../lib/security/tokens.js';

/** The signed-in user as the gateway puts it into `ctx.meta.user`: the token's claims, with a numeric id. */
export type SessionUser = Omit<AccessClaims, 'sub'> & { id: number };

/** What the gateway passes along with every call (and what inter-service calls inherit). */
export interface CdssMeta {
  user?: SessionUser;
  ip?: string;
  userAgent?: string;
  requestId?: string;
  /** Break-the-glass reason from the `X-Break-Glass-Reason` header. */
  breakGlassReason?: string;
  /** Set by a handler to add response headers (e.g. Retry-After). */
  $responseHeaders?: Record<string, string>;
  /** Set by a handler that answers bytes (PDF documents) instead of JSON. */
  $responseType?: string;
  $statusCode?: number;
}

export type CdssContext<P = unknown> = Context<P, CdssMeta>;
