import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The screens of `/radiology-tech`; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/radiology-tech',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/schedule', component: lazy(() => import('./Schedule')) },
    { path: '/upload', component: lazy(() => import('./Upload')) },
    { path: '/history', component: lazy(() => import('./History')) },
    { path: '/images/:id', component: lazy(() => import('./StudyDetail')) },
    { path: '/chat/:roomId?', component: lazy(() => import('../shared/ChatPage')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
