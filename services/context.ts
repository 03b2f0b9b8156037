import type { Context } from 'moleculer';
import type { Realm, Role } from '../lib/constants.js';

/** The signed-in user as the gateway puts it into `ctx.meta.user` from the access token. */
export interface SessionUser {
  id: number;
  realm: Realm;
  role: Role;
  name: string;
  department: string | null;
  patientId: number | null;
  staffId: string | null;
  sessionId: string;
}

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
  $statusCode?: number;
}

export type CdssContext<P = unknown> = Context<P, CdssMeta>;
