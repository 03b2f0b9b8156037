import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The doctor app's screens; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/doctor',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/patients', component: lazy(() => import('./PatientSearch')) },
    { path: '/patients/:id', component: lazy(() => import('./chart/PatientChart')) },
    { path: '/patients/:id/records/new', component: lazy(() => import('./orders/RecordEditor')) },
    { path: '/patients/:id/records/:recordId/edit', component: lazy(() => import('./orders/RecordEditor')) },
    { path: '/patients/:id/records/:recordId/amend', component: lazy(() => import('./records/RecordAmend')) },
    { path: '/patients/:id/records/:recordId', component: lazy(() => import('./records/RecordDetail')) },
    { path: '/patients/:id/prescribe', component: lazy(() => import('./orders/PrescribeScreen')) },
    { path: '/patients/:id/lab-order', component: lazy(() => import('./orders/LabOrderScreen')) },
    { path: '/patients/:id/imaging-order', component: lazy(() => import('./orders/ImagingOrderScreen')) },
    { path: '/results', component: lazy(() => import('./ResultsInbox')) },
    { path: '/appointments', component: lazy(() => import('./appointments/AppointmentsCalendar')) },
    { path: '/hours', component: lazy(() => import('./appointments/MyHours')) },
    { path: '/images/:id', component: lazy(() => import('../shared/ai/ImageStudyPage')) },
    { path: '/chat/:roomId?', component: lazy(() => import('../shared/ChatPage')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
