import { Navigate, Router, type RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { render } from 'solid-js/web';
import { AppProvider } from '../shared/app-context';
import { createSession } from '../shared/session';
import '../shared/fonts';
import '../shared/styles.css';
import './patient.css';
import PatientLogin from './PatientLogin';

/** The patient portal: `/login`, `/signup` and `/patient/*`, on the patient realm's session only. */
const session = createSession('patient');

const routes: RouteDefinition[] = [
  { path: '/login', component: PatientLogin },
  { path: '/signup', component: lazy(() => import('./SignUp')) },
  {
    path: '/patient',
    component: lazy(() => import('./PatientApp')),
    children: [
      { path: '/', component: lazy(() => import('./Dashboard')) },
      { path: '/profile', component: lazy(() => import('./Profile')) },
      { path: '/records', component: lazy(() => import('./Records')) },
      { path: '/appointments', component: lazy(() => import('./Appointments')) },
      { path: '/labs', component: lazy(() => import('./Labs')) },
      { path: '/images', component: lazy(() => import('./Images')) },
      { path: '/receipts', component: lazy(() => import('./Receipts')) },
      { path: '/access-log', component: lazy(() => import('./AccessLog')) },
      { path: '/notifications', component: lazy(() => import('./Notifications')) },
      { path: '/chat/:roomId?', component: lazy(() => import('./Chat')) },
    ],
  },
  { path: '*', component: () => <Navigate href="/patient" /> },
];

render(() => (
  <AppProvider session={session}>
    <Router>{routes}</Router>
  </AppProvider>
), document.getElementById('app')!);
