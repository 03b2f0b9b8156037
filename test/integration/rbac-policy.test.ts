import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { POLICY, PERMISSIONS, roleHas, type ActionPermission, type Permission } from '../../lib/rbac/policy.js';
import { STAFF_ROLE_CODES, type Realm, type Role } from '../../lib/constants.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import type { HttpResult } from '../helpers/http.js';
import { CT_SERIES, rewriteSeries } from '../helpers/pacs-fixtures.js';

/** One HTTP call that needs exactly the permission it is filed under. */
interface Probe {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The token audience of the route; a token of the other realm is answered 401. `any`: the route
   * takes both realms' tokens (the /dicom-web proxy serves staff and patients alike), so every
   * role without the permission is answered 403 by the policy.
   */
  realm: Realm | 'any';
  /** The action the route resolves to. */
  action: string;
  /** The permission that action declares; differs only where the check lives in the db mixin. */
  declared: Permission;
}

/**
 * Patient 2 is NEUROSURGERY (seed: department DEPARTMENT_CODES[(i-1)%5]), outside doctor.pulmo's
 * and the nurse's scope, so reading it needs break-the-glass.
 */
const OUT_OF_SCOPE_PATIENT = 2;

let probeSlots = 0;
/** A fresh 30-minute weekday slot (10:00 KST onwards, a year ahead) per call, so bookings never collide. */
function nextProbeSlot(): string {
  const start = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 1, 0)); // 10:00 KST
  while (start.getUTCDay() !== 1) start.setUTCDate(start.getUTCDate() + 1); // a Monday
  start.setUTCMinutes(start.getUTCMinutes() + 30 * probeSlots++);
  return start.toISOString();
}

/** Every POLICY key mapped to a call that exercises it; the `satisfies` makes a missing key a type error too. */
const PROBES = {
  'patients.read': { method: 'GET', path: '/api/v1/patients/1', realm: 'staff', action: 'patients.get', declared: 'patients.read' },
  'patients.create': {
    method: 'POST', path: '/api/v1/patients', body: { name: '권한검사', birthDate: '1990-01-01', gender: 'F' },
    realm: 'staff', action: 'patients.create', declared: 'patients.create',
  },
  // Patient 1 (PULMONOLOGY) is in scope of every role allowed to update; the emergency contact is
  // a field each of them may change.
  'patients.update': {
    method: 'PATCH', path: '/api/v1/patients/1', body: { emergencyContact: '보호자 010-0000-1111' },
    realm: 'staff', action: 'patients.update', declared: 'patients.update',
  },
  'patients.status': {
    method: 'PUT', path: '/api/v1/patients/1/status', body: { status: 'OUTPATIENT' },
    realm: 'staff', action: 'patient-status.change', declared: 'patients.status',
  },
  'records.read': { method: 'GET', path: '/api/v1/patients/1/records', realm: 'staff', action: 'records.listForPatient', declared: 'records.read' },
  'appointments.read': { method: 'GET', path: '/api/v1/appointments?patientId=1', realm: 'staff', action: 'appointments.list', declared: 'appointments.read' },
  // Each allowed role books patient 1 (in everyone's scope) on its own weekday slot far ahead.
  'appointments.write': {
    method: 'POST', path: '/api/v1/appointments', realm: 'staff', action: 'appointments.create', declared: 'appointments.write',
    body: () => ({ patientId: 1, doctorId: 1, startTime: nextProbeSlot() }),
  },
  'records.write': {
    method: 'POST', path: '/api/v1/medical-records', realm: 'staff', action: 'records.create', declared: 'records.write',
    body: { patientId: 1, visitDate: '2026-01-05', diagnosisCode: 'J18.9', symptoms: '발열' },
  },
  'nursing.read': { method: 'GET', path: '/api/v1/patients/1/vitals', realm: 'staff', action: 'nursing.list', declared: 'nursing.read' },
  'nursing.write': {
    method: 'POST', path: '/api/v1/patients/1/vitals', realm: 'staff', action: 'nursing.record', declared: 'nursing.write',
    body: { pulse: 78, temperature: 36.8 },
  },
  // Patient 29 is used by no other probe; only the front desk deletes, once.
  'patients.delete': { method: 'DELETE', path: '/api/v1/patients/29', realm: 'staff', action: 'patients.remove', declared: 'patients.delete' },
  'break-glass': {
    method: 'GET',
    path: `/api/v1/patients/${OUT_OF_SCOPE_PATIENT}`,
    headers: { 'x-break-glass-reason': 'emergency: unconscious patient in the ER' },
    realm: 'staff',
    action: 'patients.get',
    // Checked by the db mixin when it widens the row scope, on top of patients.read.
    declared: 'patients.read',
  },
  'staff.manage': { method: 'GET', path: '/api/v1/staff', realm: 'staff', action: 'staff.list', declared: 'staff.manage' },
  'audit.read': { method: 'GET', path: '/api/v1/audit', realm: 'staff', action: 'audit.list', declared: 'audit.read' },
  'prescriptions.read': {
    method: 'GET', path: '/api/v1/patients/1/prescriptions', realm: 'staff', action: 'prescriptions.listForPatient', declared: 'prescriptions.read',
  },
  // Every call writes a new prescription (an OCS order), so the probe succeeds however often it runs.
  'prescriptions.write': {
    method: 'POST', path: '/api/v1/prescriptions', realm: 'staff', action: 'prescriptions.create', declared: 'prescriptions.write',
    // Patient 1 already takes acetaminophen (demo seed): OCS flags the repeat, and the prescriber says why.
    body: { patientId: 1, items: [{ code: 'APAP500', dose: 1, frequency: 'PRN', days: 3 }], overrides: [{ key: 'duplicate-therapy:paracetamol', reason: '해열 필요 시 추가 (PRN)' }] },
  },
  'mar.read': { method: 'GET', path: '/api/v1/patients/1/mar', realm: 'staff', action: 'mar.day', declared: 'mar.read' },
  // The demo seed's prescription 1 (patient 1) has a PRN acetaminophen line at index 1; PRN doses
  // may be charted any number of times, so every call succeeds.
  'mar.write': {
    method: 'POST', path: '/api/v1/patients/1/mar', realm: 'staff', action: 'mar.chart', declared: 'mar.write',
    body: { prescriptionId: 1, medicationIndex: 1, status: 'GIVEN' },
  },
  'billing.read': { method: 'GET', path: '/api/v1/bills?patientId=1', realm: 'staff', action: 'billing.listBills', declared: 'billing.read' },
  // Each call prices a new open bill for patient 1 (건강보험 in the demo seed), so it succeeds every time.
  'billing.write': {
    method: 'POST', path: '/api/v1/bills', realm: 'staff', action: 'billing.createBill', declared: 'billing.write',
    body: { patientId: 1, careSetting: 'OUTPATIENT', items: [{ code: 'AA254', quantity: 1 }] },
  },
  'screening.read': {
    method: 'GET', path: '/api/v1/patients/1/lung-screenings', realm: 'staff', action: 'screening.listForPatient', declared: 'screening.read',
  },
  // A complete former-smoker questionnaire for patient 1; the age is sent because the demo
  // patient's own age (from a random birth date) may fall outside the model's 40–100.
  'screening.write': {
    method: 'POST', path: '/api/v1/patients/1/lung-screenings', realm: 'staff', action: 'screening.create', declared: 'screening.write',
    body: { age: 62, educationLevel: 4, bmi: 24.5, smokingStatus: 'FORMER', cigarettesPerDay: 20, smokingDurationYears: 30, yearsSinceQuitting: 5 },
  },
  'dashboard.doctor': { method: 'GET', path: '/api/v1/doctor/dashboard', realm: 'staff', action: 'doctor.dashboard', declared: 'dashboard.doctor' },
  'dashboard.nurse': { method: 'GET', path: '/api/v1/nurse/dashboard', realm: 'staff', action: 'nurse.dashboard', declared: 'dashboard.nurse' },
  'dashboard.front-desk': { method: 'GET', path: '/api/v1/front-desk/dashboard', realm: 'staff', action: 'front-desk.dashboard', declared: 'dashboard.front-desk' },
  'statistics.read': { method: 'GET', path: '/api/v1/statistics/daily', realm: 'staff', action: 'statistics.daily', declared: 'statistics.read' },
  'orders.read': { method: 'GET', path: '/api/v1/ocs/orders?patientId=1', realm: 'staff', action: 'ocs.list', declared: 'orders.read' },
  // The safety check stores nothing, so it answers the same however often it runs.
  'orders.write': {
    method: 'POST', path: '/api/v1/ocs/medication-check', realm: 'staff', action: 'ocs.medicationCheck', declared: 'orders.write',
    body: { patientId: 1, medications: [{ name: 'warfarin' }, { code: 'IBU400' }] },
  },
  'pharmacy.dispense': { method: 'GET', path: '/api/v1/pharmacy/worklist', realm: 'staff', action: 'pharmacy.worklist', declared: 'pharmacy.dispense' },
  // <ocs probes>
  'lab.read': { method: 'GET', path: '/api/v1/lis/patients/1/results', realm: 'staff', action: 'lis.results', declared: 'lab.read' },
  'lab.collect': { method: 'GET', path: '/api/v1/lis/collections', realm: 'staff', action: 'lis.collections', declared: 'lab.collect' },
  'lab.results.write': { method: 'GET', path: '/api/v1/lis/worklist', realm: 'staff', action: 'lis.worklist', declared: 'lab.results.write' },
  'lab.critical.ack': { method: 'GET', path: '/api/v1/lis/criticals', realm: 'staff', action: 'lis.criticals', declared: 'lab.critical.ack' },
  // <lis probes>
  'ris.read': { method: 'GET', path: '/api/v1/ris/schedules', realm: 'staff', action: 'ris.list', declared: 'ris.read' },
  // Rewriting the worklist folder from the open entries succeeds however often it runs.
  'ris.schedule': { method: 'POST', path: '/api/v1/ris/worklist/rebuild', realm: 'staff', action: 'ris.rebuildWorklist', declared: 'ris.schedule' },
  'dashboard.radiographer': {
    method: 'GET', path: '/api/v1/radiology-tech/dashboard', realm: 'staff', action: 'radiographer.dashboard', declared: 'dashboard.radiographer',
  },
  // <ris probes>
  'reports.read': { method: 'GET', path: '/api/v1/radiology-reports?patientId=1', realm: 'staff', action: 'radiology-reports.list', declared: 'reports.read' },
  // The demo seed's draft report 2 (patient 1) belongs to the demo radiologist; a draft may be
  // saved any number of times.
  'reports.write': {
    method: 'PUT', path: '/api/v1/radiology-doctor/reports/2', realm: 'staff', action: 'radiologist.update', declared: 'reports.write',
    body: { action: 'save', findings: '권한 검사: 임시저장' },
  },
  // The demo seed's final report 1 (patient 1, in doctor.pulmo's scope); releasing is idempotent.
  'reports.release': {
    method: 'POST', path: '/api/v1/radiology-reports/1/release', realm: 'staff', action: 'radiology-reports.release', declared: 'reports.release',
  },
  'dashboard.radiologist': {
    method: 'GET', path: '/api/v1/radiology-doctor/dashboard', realm: 'staff', action: 'radiologist.dashboard', declared: 'dashboard.radiologist',
  },
  // <radiology report probes>
  // Both realms' tokens reach /dicom-web; a QIDO search answers whatever part of the archive is in scope (maybe nothing).
  'images.read': { method: 'GET', path: '/dicom-web/studies', realm: 'any', action: 'pacs.searchStudies', declared: 'images.read' },
  // STOW-RS of one small instance as DICOM JSON (PS3.18 F.2) for patient 1, who is in every allowed
  // role's scope; the SOP Instance UID is fixed, so storing it again is the idempotent success.
  'images.write': {
    method: 'POST', path: '/dicom-web/studies', realm: 'any', action: 'pacs.stow', declared: 'images.write',
    headers: { 'content-type': 'application/dicom+json' },
    body: () => [{
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.7'] },
      '00080018': { vr: 'UI', Value: ['2.25.330000000000000000000000000000000003'] },
      '00080060': { vr: 'CS', Value: ['OT'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: '권한검사' }] },
      '00100020': { vr: 'LO', Value: [`P${new Date().getFullYear()}00001`] }, // the demo seed's chart number of patient 1
      '0020000D': { vr: 'UI', Value: ['2.25.330000000000000000000000000000000001'] },
      '0020000E': { vr: 'UI', Value: ['2.25.330000000000000000000000000000000002'] },
    }],
  },
  // <pacs probes>
  // Demo image 1 (patient 1's 흉부 CT request) has not been checked yet: the first radiographer signs
  // it off, and resolving again answers the resolution unchanged.
  'images.qc': {
    method: 'POST', path: '/api/v1/medical-images/1/qc/resolve', body: { note: '권한 검사: 확인함' },
    realm: 'staff', action: 'medical-images.resolveQc', declared: 'images.qc',
  },
  // <medical image probes>
  // Patient 1's CT study uploaded in before() (`{probeImage}`): the first call queues a brain-lesion
  // analysis (the fixture is a head CT), a call while it waits answers the same row, later calls queue again.
  'ai.analyze': {
    method: 'POST', path: '/api/v1/medical-images/{probeImage}/analyze', body: {},
    realm: 'staff', action: 'ai-analysis.analyze', declared: 'ai.analyze',
  },
  // <ai analysis probes>
  'chat.read': { method: 'GET', path: '/api/v1/chat/rooms', realm: 'staff', action: 'chat.listRooms', declared: 'chat.read' },
  // Each call opens a new group room with only the caller in it, so it succeeds however often it runs.
  'chat.write': {
    method: 'POST', path: '/api/v1/chat/rooms', body: { roomType: 'GROUP', name: '권한 검사' },
    realm: 'staff', action: 'chat.createRoom', declared: 'chat.write',
  },
  // <chat probes>
  'portal.self': { method: 'GET', path: '/api/v1/portal/access-log', realm: 'patient', action: 'portal.accessLog', declared: 'portal.self' },
} as const satisfies Record<Permission, Probe>;

const ROLES: Role[] = [...STAFF_ROLE_CODES, 'patient'];

/** The demo login that stands for each role (doctor.pulmo and the nurse share PULMONOLOGY). */
const LOGIN_AS: Record<Role, string> = {
  doctor: 'doctor.pulmo',
  nurse: 'nurse',
  front_desk: 'frontdesk',
  radiology_technician: 'radtech',
  radiologist: 'radiologist',
  sysadmin: 'sysadmin',
  pharmacy_system: 'pharmacy.system',
  lab_system: 'lab.system',
  patient: 'patient1',
};

const realmOf = (role: Role): Realm => (role === 'patient' ? 'patient' : 'staff');

/** Moleculer's and moleculer-web's own actions, which carry no CDSS permission. */
const FRAMEWORK_ACTIONS = new Set(['api.rest', 'api.listAliases', 'api.addRoute', 'api.removeRoute']);
const PSEUDO_PERMISSIONS = new Set<string>(['public', 'authenticated', 'internal']);

/**
 * The role a denial is shown with: a role of the probe's own realm that lacks the permission, so
 * the answer is the policy's (403), not the gateway's realm check; otherwise any role lacking it.
 */
function deniedRoleFor(permission: Permission): Role | undefined {
  const lacking = ROLES.filter((role) => !roleHas(role, permission));
  return lacking.find((role) => inProbeRealm(role, permission)) ?? lacking[0];
}

/** Whether the probe's route takes this role's tokens (a route of realm `any` takes both). */
function inProbeRealm(role: Role, permission: Permission): boolean {
  const realm: Probe['realm'] = PROBES[permission].realm;
  return realm === 'any' || realmOf(role) === realm;
}

/** What a role without the permission gets: 401 from another realm, 403 from its own. */
function deniedStatusFor(role: Role, permission: Permission): number {
  return inProbeRealm(role, permission) ? 403 : 401;
}

describe('access policy (generated from POLICY)', () => {
  let t: TestNode;
  const tokens = new Map<Role, string>();
  /** Ids of data made in before(), by the placeholder a probe's path names them with. */
  const made = new Map<string, string>();
  const pathOf = (probe: Probe) => probe.path.replace(/\{(\w+)\}/g, (_, key: string) => made.get(key) ?? `{${key}}`);

  /** A CT study of patient 1 uploaded by the radiographer, for the probes that need images in the PACS. */
  async function uploadProbeImage(): Promise<string> {
    const { models } = await t.node.runtime.database();
    const patient = (await models.Patient.findByPk(1))!;
    const form = new FormData();
    form.append('patientId', '1');
    for (const [n, file] of rewriteSeries(CT_SERIES, { chartNumber: patient.patient_id, name: patient.name }).files.entries()) {
      form.append('files', new Blob([new Uint8Array(file)], { type: 'application/dicom' }), `ct-${n}.dcm`);
    }
    const res = await fetch(`${t.http.baseUrl}/api/v1/medical-images`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('radiology_technician')}` }, body: form });
    const body = await res.json() as { studies: { id: number }[] };
    if (res.status !== 201) throw new Error(`probe image upload failed: ${res.status} ${JSON.stringify(body)}`);
    return String(body.studies[0]!.id);
  }

  before(async () => {
    t = await startTestNode();
    for (const role of ROLES) {
      const login = LOGIN_AS[role];
      const pair = role === 'patient' ? await t.http.loginPatient(login, TEST_PASSWORD) : await t.http.loginStaff(login, TEST_PASSWORD);
      tokens.set(role, pair.accessToken);
    }
    made.set('probeImage', await uploadProbeImage());
  });
  after(() => t.stop());

  function call(role: Role, permission: Permission): Promise<HttpResult> {
    const probe: Probe = PROBES[permission];
    const body = typeof probe.body === 'function' ? (probe.body as () => unknown)() : probe.body;
    return t.http.request(probe.method, pathOf(probe), { token: tokens.get(role), body, headers: probe.headers });
  }

  async function auditRows(requestId: string): Promise<ActivityLogAttributes[]> {
    await t.node.broker.call('audit.flush');
    const { models } = await t.node.runtime.database();
    const rows = await models.ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
    return rows.map((row) => row.get({ plain: true }));
  }

  test('PROBES covers exactly the permissions in POLICY', () => {
    assert.deepEqual(Object.keys(PROBES).sort(), [...PERMISSIONS].sort());
  });

  test('every permission is held by at least one role and withheld from another', () => {
    for (const permission of PERMISSIONS) {
      assert.ok(POLICY[permission].roles.length > 0, `${permission} is held by nobody`);
      assert.ok(deniedRoleFor(permission), `${permission} is held by everybody`);
    }
  });

  test('every probe reaches the action that declares its permission', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    assert.equal(spec.status, 200);
    const paths = spec.body.paths as Record<string, Record<string, { operationId: string; 'x-permission'?: string }>>;
    for (const permission of PERMISSIONS) {
      const probe: Probe = PROBES[permission];
      const pathOnly = probe.path.split('?')[0];
      const matches = Object.entries(paths)
        .filter(([template]) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathOnly))
        .map(([, methods]) => methods[probe.method.toLowerCase()])
        .filter((op) => op !== undefined);
      const exact = matches.find((op) => op.operationId === probe.action);
      assert.ok(exact, `${probe.method} ${probe.path} does not reach ${probe.action} (found ${matches.map((m) => m.operationId).join(', ') || 'nothing'})`);
      assert.equal(exact['x-permission'], probe.declared, `${probe.action} declares ${exact['x-permission']}, probe for ${permission} expects ${probe.declared}`);
    }
  });

  for (const permission of PERMISSIONS) {
    describe(`permission '${permission}'`, () => {
      for (const role of POLICY[permission].roles as readonly Role[]) {
        test(`${role} is allowed '${permission}'`, async () => {
          const res = await call(role, permission);
          assert.ok(res.status >= 200 && res.status < 300, `${role} got ${res.status} ${JSON.stringify(res.body)}`);
        });
      }

      const denied = deniedRoleFor(permission);
      if (denied) {
        test(`${denied} is refused '${permission}' and the refusal is audited`, async () => {
          const res = await call(denied, permission);
          assert.equal(res.status, deniedStatusFor(denied, permission), JSON.stringify(res.body));
          assert.equal(res.body.error.requestId, res.requestId);
          const rows = await auditRows(res.requestId);
          const deniedRows = rows.filter((row) => row.outcome === 'denied');
          assert.equal(deniedRows.length, 1, `expected one 'denied' audit row for request ${res.requestId}, found ${JSON.stringify(rows)}`);
          assert.equal(deniedRows[0].role, denied);
          assert.equal(deniedRows[0].realm, realmOf(denied));
          assert.equal(rows.filter((row) => row.outcome === 'success').length, 0, 'a refused call must not also be audited as a success');
        });
      }

      test(`every role without '${permission}' is refused`, async () => {
        for (const role of ROLES.filter((r) => !roleHas(r, permission))) {
          const res = await call(role, permission);
          assert.equal(res.status, deniedStatusFor(role, permission), `${role}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      });
    });
  }

  test('without a token every probe is answered 401', async () => {
    for (const permission of PERMISSIONS) {
      const probe: Probe = PROBES[permission];
      const body = typeof probe.body === 'function' ? (probe.body as () => unknown)() : probe.body;
      const res = await t.http.request(probe.method, pathOf(probe), { body, headers: probe.headers });
      assert.equal(res.status, 401, `${permission}: ${res.status}`);
    }
  });

  test('a staff token on /api/v1/portal/* is answered 401', async () => {
    for (const path of ['/api/v1/portal/me', '/api/v1/portal/access-log']) {
      const res = await t.http.get(path, { token: tokens.get('radiologist') });
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.type, 'WRONG_REALM');
    }
  });

  test('a patient token on /api/v1/patients is answered 401', async () => {
    for (const path of ['/api/v1/patients', '/api/v1/patients/1']) {
      const res = await t.http.get(path, { token: tokens.get('patient') });
      assert.equal(res.status, 401, path);
      assert.equal(res.body.error.type, 'WRONG_REALM');
    }
  });

  describe('action declarations', () => {
    function registeredActions() {
      return t.node.broker.registry.getActionList({ skipInternal: true })
        .filter((item) => !item.name.startsWith('$node.') && !FRAMEWORK_ACTIONS.has(item.name));
    }

    test('every registered action declares public, authenticated, internal or a POLICY permission', () => {
      const actions = registeredActions();
      assert.ok(actions.length > 0);
      const known = (permission: ActionPermission | undefined) => permission !== undefined && (PSEUDO_PERMISSIONS.has(permission) || permission in POLICY);
      const offenders = actions.filter((item) => !known(item.action?.permission)).map((item) => `${item.name}: ${String(item.action?.permission)}`);
      assert.deepEqual(offenders, []);
    });

    test('internal actions have no REST alias', async () => {
      const internal = registeredActions().filter((item) => item.action?.permission === 'internal').map((item) => item.name);
      assert.ok(internal.includes('audit.record'), 'audit.record is expected to be internal');
      const spec = await t.http.get('/api/v1/openapi.json');
      assert.equal(spec.status, 200);
      const operations = Object.values(spec.body.paths as Record<string, Record<string, { operationId: string }>>)
        .flatMap((methods) => Object.values(methods).map((op) => op.operationId));
      assert.ok(operations.includes('patients.get'), 'the OpenAPI document lists the routed actions');
      assert.deepEqual(internal.filter((name) => operations.includes(name)), []);
      const aliases = await t.node.broker.call<{ actionName?: string }[]>('api.listAliases');
      assert.deepEqual(internal.filter((name) => aliases.some((alias) => alias.actionName === name)), []);
    });

    test('an internal action is not reachable over HTTP', async () => {
      const res = await t.http.post('/api/v1/audit/record', { actionType: 'read', resourceType: 'Patient', outcome: 'success', breakGlass: false }, { token: tokens.get('sysadmin') });
      assert.equal(res.status, 404);
    });
  });
});
