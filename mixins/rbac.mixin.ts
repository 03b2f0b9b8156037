import { Errors, type ServiceSchema } from 'moleculer';
import { roleHas, POLICY, type Permission } from '../lib/rbac/policy.js';
import type { AuditAction } from '../lib/constants.js';
import type { CdssContext } from '../services/context.js';
import { audit } from './audit.js';

const { MoleculerClientError, MoleculerServerError } = Errors;

/** The audit verb of an action, read off its REST method (GET of a collection is a search). */
function auditActionOf(rest: unknown): AuditAction {
  const [method = 'GET', path = '/'] = typeof rest === 'string' ? rest.split(' ') : [];
  switch (method.toUpperCase()) {
    case 'POST': return 'create';
    case 'PUT':
    case 'PATCH': return 'update';
    case 'DELETE': return 'delete';
    default: return path.includes(':') ? 'read' : 'search';
  }
}

/**
 * The one place where permissions are enforced: a `before['*']` hook that runs ahead of every
 * action of every service that mixes it in. A denied call is audited, then answered 403 (or 401
 * without a session). Row scopes are the db mixin's concern.
 */
export const RbacMixin: Partial<ServiceSchema> = {
  hooks: {
    before: {
      async '*'(ctx: CdssContext) {
        const permission = ctx.action?.permission;
        if (!permission) {
          throw new MoleculerServerError(`Action ${ctx.action?.name} declares no permission`, 500, 'NO_PERMISSION_DECLARED');
        }
        if (permission === 'public' || permission === 'internal') return;
        const user = ctx.meta.user;
        if (!user) throw new MoleculerClientError('로그인이 필요합니다 (authentication required)', 401, 'UNAUTHORIZED');
        if (permission === 'authenticated') return;
        if (!(permission in POLICY)) {
          throw new MoleculerServerError(`Unknown permission '${permission}' on ${ctx.action?.name}`, 500, 'UNKNOWN_PERMISSION');
        }
        if (roleHas(user.role, permission as Permission)) return;
        const params = (ctx.params ?? {}) as { id?: unknown };
        await audit(ctx, {
          actionType: auditActionOf(ctx.action?.rest),
          resourceType: ctx.action?.name ?? 'unknown',
          resourceId: params.id === undefined ? null : String(params.id),
          outcome: 'denied',
          description: `permission '${permission}' not held by role '${user.role}'`,
        });
        throw new MoleculerClientError('이 작업에 대한 권한이 없습니다 (forbidden)', 403, 'FORBIDDEN', { permission });
      },
    },
  },
};
