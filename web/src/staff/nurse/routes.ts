import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The screens of `/nurse`; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/nurse',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/ward', component: lazy(() => import('./WardPage')) },
    { path: '/patients', component: lazy(() => import('./PatientList')) },
    {
      path: '/patients/:id',
      component: lazy(() => import('./PatientLayout')),
      children: [
        { path: '/', component: lazy(() => import('./VitalsPage')) },
        { path: '/notes', component: lazy(() => import('./NotesPage')) },
        { path: '/mar', component: lazy(() => import('./MarPage')) },
        { path: '/status', component: lazy(() => import('./StatusPage')) },
      ],
    },
    { path: '/tasks', component: lazy(() => import('./TasksPage')) },
    { path: '/chat/:roomId?', component: lazy(() => import('../shared/ChatPage')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
