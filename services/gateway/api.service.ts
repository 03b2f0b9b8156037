import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Errors, type Service, type ServiceSchema, type ServiceSettingSchema } from 'moleculer';
import ApiGateway from 'moleculer-web';
import helmet from 'helmet';
import type { Realm } from '../../lib/constants.js';
import { AccessTokenVerifier } from '../../lib/security/tokens.js';
import { FixedWindowLimiter } from '../../lib/security/rate-limiter.js';
import { buildOpenApi, type RouteAction } from '../../lib/openapi.js';
import { REALTIME_PATHS } from './openapi-realtime.js';
import type { CdssContext, CdssMeta, SessionUser } from '../context.js';
import { runtimeOf, type Runtime } from '../runtime.js';
import { errorBody } from './errors.js';
import { uploadRoute } from './upload-route.js';
import { dicomWebRoute } from './dicomweb-route.js';
import { afterCall, beforeCall, clientIp, realmRoute, REALM_ROUTES, ROUTED_SERVICES, type GatewayRequest } from './routes.js';
import { sseRoute } from './sse-route.js';
import { serveAppEntry, STATIC_OPTIONS, WEB_ROOT } from './web-app.js';
import { checkToken } from './token-check.js';
import { RealtimeEventsMixin } from './ws-events.js';
import { attachWebSockets, CollabEventsMixin, type RealtimeSockets } from './ws-upgrade.js';

const { MoleculerClientError } = Errors;
const API_VERSION = '1.0.0';


type GatewayThis = Service & {
  runtime: Runtime;
  revokedSessions: Map<string, number>;
  tokens: AccessTokenVerifier;
  loginByIp: FixedWindowLimiter;
  loginByAccount: FixedWindowLimiter;
  sweeper: NodeJS.Timeout;
  aliases: { method: string; fullPath: string; action?: string; route: { opts: { realm?: string } } }[];
  addRoute(route: object, toBottom?: boolean): void;
  removeRoute(path: string): boolean;
  /** moleculer-web's static file handler (serve-static over settings.assets). */
  serve?: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  server: Server;
  /** The WebSocket side (ws-upgrade.ts): collaborative documents and live events. */
  realtime?: RealtimeSockets;
  userFromToken(token: string, realm: Realm | 'any', meta: CdssMeta, resource: string): Promise<SessionUser>;
  clientIp(req: IncomingMessage): string;
};

/** Security headers for every answer: the routes (settings.use) and the web apps' files (created()). */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    // blob: images are the apps' previews of studies fetched with the bearer token.
    directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:', 'blob:'] },
  },
});

/** moleculer-web gateway: /api/v1 (staff), /api/v1/portal (patients), /api/v1/auth, health and OpenAPI. */
const ApiService: ServiceSchema<ServiceSettingSchema, GatewayThis> = {
  name: 'api',
  // Listed before moleculer-web so that its stopped() (closing open SSE streams) runs before the HTTP server's close.
  mixins: [RealtimeEventsMixin, CollabEventsMixin, ApiGateway],

  settings: {
    port: 3000,
    ip: '0.0.0.0',
    use: [securityHeaders],
    routes: [],
    assets: { folder: WEB_ROOT, options: STATIC_OPTIONS },
    log4XXResponses: false,
    logRouteRegistration: 'debug',
    logRequest: 'debug',
    logResponse: 'debug',
    onError(this: GatewayThis, req: GatewayRequest, res: ServerResponse, err: Error) {
      const { status, body, headers } = errorBody(err, req.$ctx?.meta.requestId ?? String(res.getHeader('X-Request-Id') ?? ''));
      if (status >= 500) this.logger.error('Request failed', req.method, req.url, err);
      for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.writeHead(status);
      res.end(JSON.stringify(body));
    },
  },

  actions: {
    live: {
      permission: 'public',
      summary: '프로세스 생존 확인 / liveness',
      handler() {
        return { status: 'ok' };
      },
    },
    ready: {
      permission: 'public',
      summary: '서비스 준비 확인 (DB, 필수 액터) / readiness',
      async handler(this: GatewayThis, ctx: CdssContext) {
        const registry = this.broker.registry as unknown as { hasService(name: string): boolean };
        // Every actor the routes serve must be up and have its aliases generated (moleculer-web
        // does that on a debounce after services appear).
        const routed = new Set(this.aliases.map((alias) => alias.action?.split('.')[0]));
        const missing = [...ROUTED_SERVICES].filter((name) => !registry.hasService(name) || !routed.has(name));
        let database = 'ok';
        try {
          await ctx.call('audit.ping', {}, { timeout: 3000 });
        } catch {
          database = 'unavailable';
        }
        const ready = missing.length === 0 && database === 'ok';
        ctx.meta.$statusCode = ready ? 200 : 503;
        return { status: ready ? 'ready' : 'not-ready', missingServices: missing, database, node: this.broker.nodeID };
      },
    },
    openapi: {
      permission: 'public',
      summary: 'OpenAPI 문서 / this API as OpenAPI 3.1',
      handler(this: GatewayThis) {
        const actions = new Map(this.broker.registry.getActionList({ skipInternal: true }).map((a: { name: string; action?: Record<string, unknown> }) => [a.name, a.action ?? {}]));
        const routes: RouteAction[] = this.aliases
          .filter((alias) => alias.action && actions.has(alias.action))
          .map((alias) => {
            const def = actions.get(alias.action!)!;
            return {
              method: alias.method, path: alias.fullPath, actionName: alias.action!, summary: def.summary as string | undefined,
              permission: def.permission as string | undefined, realm: (alias.route.opts.realm ?? 'none') as RouteAction['realm'],
              params: def.params as Record<string, unknown> | undefined,
            };
          });
        return buildOpenApi(routes, { title: 'CDSS API', version: API_VERSION }, REALTIME_PATHS);
      },
    },
  },

  events: {
    'auth.sessionRevoked'(this: GatewayThis, ctx: CdssContext<{ sessionId: string }>) {
      this.revokedSessions.set(ctx.params.sessionId, Date.now() + this.runtime.config.accessTokenTtlSeconds * 1000);
      this.realtime?.sessionRevoked(ctx.params.sessionId);
    },
  },

  methods: {
    /** Not routed and no file: an app page gets its entry's HTML (web-app.ts), anything else 404. */
    send404(this: GatewayThis, req: GatewayRequest, res: ServerResponse) {
      if (serveAppEntry(req, res)) return;
      (ApiGateway.methods!.send404 as (req: GatewayRequest, res: ServerResponse) => void).call(this, req, res);
    },

    /** Verifies the bearer token for the route's realm and puts the user into ctx.meta. */
    async authenticate(this: GatewayThis, ctx: CdssContext, route: { opts: { realm?: Realm | 'any' } }, req: GatewayRequest): Promise<SessionUser | null> {
      const header = req.headers.authorization;
      if (!header) return null;
      const [scheme, token] = header.split(' ');
      if (scheme !== 'Bearer' || !token) throw new MoleculerClientError('Authorization 헤더는 Bearer 토큰이어야 합니다 (expected a Bearer token)', 401, 'UNAUTHORIZED');
      const user = await this.userFromToken(token, route.opts.realm ?? 'staff', ctx.meta, req.$action?.name ?? req.url ?? 'unknown');
      ctx.meta.user = user;
      return user;
    },

    /** The one token check of HTTP routes and WebSocket upgrades (token-check.ts). */
    userFromToken(this: GatewayThis, token: string, realm: Realm | 'any', meta: CdssMeta, resource: string): Promise<SessionUser> {
      return checkToken(this, token, realm, meta, resource);
    },

    clientIp(this: GatewayThis, req: IncomingMessage): string {
      return clientIp(req, this.runtime.config.trustProxy);
    },
  },

  created(this: GatewayThis) {
    this.runtime = runtimeOf(this.broker);
    const { config } = this.runtime;
    this.settings.port = config.port;
    this.settings.ip = config.host;
    this.revokedSessions = new Map();
    this.tokens = new AccessTokenVerifier(this.runtime.signingKey());
    this.loginByIp = new FixedWindowLimiter(config.rateLimitLogin);
    this.loginByAccount = new FixedWindowLimiter(config.rateLimitLoginAccount);
    // Routes need the configuration, so they are added here; moleculer-web's own created() has
    // already run (mixins first) and would not see routes assigned to settings now.
    const routes = [
      { name: 'health', path: '/health', aliases: { 'GET live': 'api.live', 'GET ready': 'api.ready' }, mappingPolicy: 'restrict', bodyParsers: { json: false } },
      { name: 'openapi', path: '/api/v1/openapi.json', aliases: { 'GET /': 'api.openapi' }, mappingPolicy: 'restrict', bodyParsers: { json: false } },
      dicomWebRoute(config, beforeCall as never, afterCall as never),
      uploadRoute({ maxBytes: config.dicomMaxBytes, onBeforeCall: beforeCall, onAfterCall: afterCall }),
      sseRoute({ onBeforeCall: beforeCall }),
      ...REALM_ROUTES.map((spec) => realmRoute.call(this, spec)),
    ];
    // moleculer-web adds a catch-all route (`/` mapping every action as /service/action) when the
    // settings list none; it would bypass the realm routes' hooks (the login rate limits among them).
    this.removeRoute('/');
    // Static files and app pages are served outside the routes, so their middlewares never see them.
    const serve = this.serve;
    if (serve) this.serve = (req, res, next) => securityHeaders(req, res, () => serve(req, res, next));
    for (const route of routes) this.addRoute(route);
  },

  started(this: GatewayThis) {
    // Sessions revoked before this node started (another gateway may have seen the logout);
    // loaded in the background because the auth actor may live on a node that is still starting.
    this.broker.waitForServices('auth', 60_000)
      .then(() => this.broker.call<string[]>('auth.revokedSessions'))
      .then((ids) => {
        const until = Date.now() + this.runtime.config.accessTokenTtlSeconds * 1000;
        for (const id of ids) this.revokedSessions.set(id, until);
      })
      .catch((err: Error) => this.logger.warn('Could not load revoked sessions:', err.message));
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [id, until] of this.revokedSessions) if (until < now) this.revokedSessions.delete(id);
    }, 60_000);
    this.sweeper.unref();
    this.realtime = attachWebSockets(this);
  },

  async stopped(this: GatewayThis) {
    clearInterval(this.sweeper);
    await this.realtime?.close();
  },
};

export default ApiService;
