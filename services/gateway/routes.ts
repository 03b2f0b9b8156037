import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Errors } from 'moleculer';
import type { Realm } from '../../lib/constants.js';
import type { FixedWindowLimiter } from '../../lib/security/rate-limiter.js';
import type { CdssContext } from '../context.js';
import type { Runtime } from '../runtime.js';

const { MoleculerClientError } = Errors;

/**
 * The gateway's action routes: which services each realm reaches, and the hooks every routed call
 * passes (request id, caller address, break-glass reason, login rate limits, no caching).
 */

export type GatewayRequest = IncomingMessage & {
  $action?: { name: string; rateLimit?: string };
  $params?: Record<string, unknown>;
  $route?: { opts: { realm?: Realm | 'any' } };
  $ctx?: CdssContext;
};

/** What the hooks need of the gateway service. */
export interface RouteHost {
  runtime: Runtime;
  loginByIp: FixedWindowLimiter;
  loginByAccount: FixedWindowLimiter;
}

/** Route realms: which token audience each route accepts (ARCHITECTURE §5). */
export const REALM_ROUTES: { path: string; realm: Realm | 'any'; services: string[] }[] = [
  { path: '/api/v1/auth', realm: 'any', services: ['auth'] },
  { path: '/api/v1/portal', realm: 'patient', services: ['portal'] },
  // The public hospital site: no token needed (the actor's actions are all `public`); one sent is still checked.
  { path: '/api/v1/public', realm: 'any', services: ['public-site'] },
  { path: '/api/v1', realm: 'staff', services: [
    'patients', 'patient-status', 'records', 'appointments', 'schedules', 'inquiries', 'nursing', 'prescriptions', 'mar', 'screening', 'statistics', 'billing',
    'ocs', 'pharmacy', 'lis', 'ris', 'radiology-reports', 'notifications', 'chat', 'pacs', 'medical-images', 'ai-analysis',
    'doctor', 'nurse', 'front-desk', 'radiographer', 'radiologist', 'staff', 'audit',
  ] },
];

export const ROUTED_SERVICES = new Set(REALM_ROUTES.flatMap((r) => r.services));

/**
 * The caller's address. Behind an ingress (CDSS_TRUST_PROXY=1) it is the first X-Forwarded-For
 * hop, otherwise the socket's peer: trusting the header without a proxy would let a client pick
 * its own rate-limit bucket and audit IP.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',')[0].trim().slice(0, 64);
  return req.socket.remoteAddress ?? 'unknown';
}

function decodeHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not percent-encoded: keep it as sent
  }
}

export function realmRoute(this: RouteHost, spec: (typeof REALM_ROUTES)[number]) {
  return {
    name: spec.path,
    path: spec.path,
    realm: spec.realm,
    whitelist: spec.services.map((s) => `${s}.*`),
    autoAliases: true,
    mappingPolicy: 'restrict',
    authentication: true,
    bodyParsers: { json: { strict: true, limit: this.runtime.config.bodyLimit }, urlencoded: false },
    onBeforeCall: beforeCall,
    onAfterCall: afterCall,
  };
}

/** Who is calling, from where; enforces the login rate limits (per IP and per account). */
export function beforeCall(this: RouteHost, ctx: CdssContext, _route: unknown, req: GatewayRequest, res: ServerResponse) {
  const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || randomUUID();
  res.setHeader('X-Request-Id', requestId);
  ctx.meta.requestId = requestId;
  ctx.meta.ip = clientIp(req, this.runtime.config.trustProxy);
  ctx.meta.userAgent = String(req.headers['user-agent'] ?? '').slice(0, 300);
  const breakGlass = req.headers['x-break-glass-reason'];
  if (typeof breakGlass === 'string' && breakGlass.trim()) ctx.meta.breakGlassReason = decodeHeader(breakGlass).slice(0, 500);
  if (req.$action?.rateLimit === 'login') {
    const params = req.$params ?? {};
    const account = String(params.username ?? params.login ?? params.accountId ?? '').toLowerCase();
    const wait = Math.max(this.loginByIp.hit(ctx.meta.ip), account ? this.loginByAccount.hit(`${req.$action.name}:${account}`) : 0);
    if (wait > 0) {
      throw new MoleculerClientError(`로그인 시도가 너무 많습니다. ${wait}초 후 다시 시도하세요 (too many attempts)`, 429, 'RATE_LIMITED', { retryAfter: wait });
    }
  }
}

export function afterCall(this: RouteHost, ctx: CdssContext, _route: unknown, _req: GatewayRequest, res: ServerResponse, data: unknown) {
  res.setHeader('Cache-Control', 'no-store');
  return data;
}
