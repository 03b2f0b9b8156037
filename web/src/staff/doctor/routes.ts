import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The doctor app's screens; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/doctor',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
