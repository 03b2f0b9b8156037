import { Navigate, Router, type RouteDefinition } from '@solidjs/router';
import { render } from 'solid-js/web';
import { AppProvider } from '../shared/app-context';
import { createSession } from '../shared/session';
import '../shared/fonts';
import '../shared/styles.css';
import { routes as admin } from './admin/routes';
import { routes as doctor } from './doctor/routes';
import { routes as nurse } from './nurse/routes';
import { routes as radiologyDoctor } from './radiology-doctor/routes';
import { routes as radiologyTech } from './radiology-tech/routes';
import { routes as system } from './system/routes';
import { homeOf } from './roles';
import StaffLogin from './StaffLogin';

/**
 * The staff platform: `/login/medical`, then each role's app under its own path (seed §6.2). Only
 * the staff realm's session is read here: a patient's sign-in never opens these screens.
 */
const session = createSession('staff');

const routes: RouteDefinition[] = [
  { path: '/login/medical', component: StaffLogin },
  doctor, nurse, admin, radiologyTech, radiologyDoctor, system,
  { path: '*', component: () => <Navigate href={homeOf(session.me()?.role)} /> },
];

render(() => (
  <AppProvider session={session}>
    <Router>{routes}</Router>
  </AppProvider>
), document.getElementById('app')!);
