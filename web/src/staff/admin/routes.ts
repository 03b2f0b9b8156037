import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** The screens of `/admin`; each is its own chunk, loaded when first opened. */
export const routes: RouteDefinition = {
  path: '/admin',
  component: lazy(() => import('./App')),
  children: [
    { path: '/', component: lazy(() => import('./Dashboard')) },
    { path: '/patients', component: lazy(() => import('./PatientSearch')) },
    { path: '/patients/new', component: lazy(() => import('./RegisterPatient')) },
    { path: '/patients/:id', component: lazy(() => import('./PatientDetail')) },
    { path: '/queue', component: lazy(() => import('./ReceptionQueue')) },
    { path: '/appointments', component: lazy(() => import('./Appointments')) },
    { path: '/inquiries', component: lazy(() => import('./inquiries/Inquiries')) },
    { path: '/billing', component: lazy(() => import('./Billing')) },
    { path: '/billing/new', component: lazy(() => import('./NewBill')) },
    { path: '/billing/:id', component: lazy(() => import('./BillDetail')) },
    { path: '/reports', component: lazy(() => import('./Reports')) },
    { path: '/notifications', component: lazy(() => import('../shared/NotificationsPage')) },
  ],
};
