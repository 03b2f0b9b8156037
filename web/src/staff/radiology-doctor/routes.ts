import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The screens of `/radiology-doctor`; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/radiology-doctor',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/worklist', component: lazy(() => import('./Worklist')) },
    { path: '/studies/:scheduleId', component: lazy(() => import('./StudyScreen')) },
    { path: '/reports', component: lazy(() => import('./ReportsList')) },
    { path: '/reports/:id', component: lazy(() => import('./ReportScreen')) },
    { path: '/statistics', component: lazy(() => import('./Statistics')) },
    { path: '/images/:id', component: lazy(() => import('../shared/ai/ImageStudyPage')) },
    { path: '/chat/:roomId?', component: lazy(() => import('../shared/ChatPage')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
