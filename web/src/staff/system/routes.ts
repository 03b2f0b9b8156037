import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The screens of `/system`; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/system',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/audit', component: lazy(() => import('./AuditLog')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
