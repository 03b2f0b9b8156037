import 'moleculer';
import type { ActionPermission } from '../lib/rbac/policy.js';

declare module 'moleculer' {
  interface ActionSchema {
    /** The policy permission the rbac mixin checks before the handler (lib/rbac/policy.ts). */
    permission?: ActionPermission;
    /** Gateway rate-limit bucket; 'login' counts per client IP and per account name. */
    rateLimit?: 'login';
    /** One line for the OpenAPI document. */
    summary?: string;
  }
}
