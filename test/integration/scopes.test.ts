import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PATIENT_COLUMNS } from '../../lib/rbac/scopes.js';
import { DEPARTMENT_CODES } from '../../lib/constants.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import type { HttpResult } from '../helpers/http.js';

/**
 * Seed layout: patient i is in DEPARTMENT_CODES[(i-1)%5], so ids ≡1 (mod 5) are PULMONOLOGY and
 * ≡2 NEUROSURGERY; only those two departments have imaging rows.
 */
const departmentOf = (id: number) => DEPARTMENT_CODES[(id - 1) % DEPARTMENT_CODES.length];
const hasSeedImaging = (id: number) => departmentOf(id) === 'PULMONOLOGY' || departmentOf(id) === 'NEUROSURGERY';
const SEED_PATIENTS = 30;
const PULMONOLOGY_PATIENT = 1;
const NEUROSURGERY_PATIENT = 2;
const BREAST_PATIENT = 3;
const CLINICAL_FIELDS = ['medical_history', 'allergies'];
const REASON = '응급실 내원, 의식 저하로 과거력 확인 필요';

type Login = 'doctor.pulmo' | 'doctor.gi' | 'doctor.derm' | 'nurse' | 'frontdesk' | 'radtech' | 'radiologist' | 'patient1';
const STAFF_LOGINS: Login[] = ['doctor.pulmo', 'doctor.gi', 'doctor.derm', 'nurse', 'frontdesk', 'radtech', 'radiologist'];

interface PatientRow { id: number; [column: string]: unknown }
interface PatientPage { items: PatientRow[]; total: number }

describe('row scopes and break-the-glass', () => {
  let t: TestNode;
  const tokens = new Map<Login, string>();
  const userIds = new Map<Login, number>();

  before(async () => {
    t = await startTestNode();
    const { models } = await t.node.runtime.database();
    for (const login of STAFF_LOGINS) {
      tokens.set(login, (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken);
      userIds.set(login, (await models.AuthUser.findOne({ where: { username: login }, rejectOnEmpty: true })).id);
    }
    tokens.set('patient1', (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken);
  });
  after(() => t.stop());

  const readPatient = (as: Login, id: number, headers?: Record<string, string>) =>
    t.http.get(`/api/v1/patients/${id}`, { token: tokens.get(as), headers });
  const listPatients = (as: Login, headers?: Record<string, string>) =>
    t.http.get<PatientPage>('/api/v1/patients?pageSize=100', { token: tokens.get(as), headers });
  const breakGlass = (reason: string) => ({ 'x-break-glass-reason': encodeURIComponent(reason) });

  async function auditRows(requestId: string): Promise<ActivityLogAttributes[]> {
    await t.node.broker.call('audit.flush');
    const { models } = await t.node.runtime.database();
    const rows = await models.ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
    return rows.map((row) => row.get({ plain: true }));
  }

  async function onlyAuditRow(res: HttpResult): Promise<ActivityLogAttributes> {
    const rows = await auditRows(res.requestId);
    assert.equal(rows.length, 1, `expected one audit row for request ${res.requestId}, found ${JSON.stringify(rows)}`);
    return rows[0];
  }

  /** A denied row-scope read: 404 like a missing patient, audited as 'denied' against that patient. */
  async function assertHiddenAndAudited(res: HttpResult, as: Login, patientId: number): Promise<void> {
    assert.equal(res.status, 404, JSON.stringify(res.body));
    assert.equal(res.body.error.type, 'NOT_FOUND');
    const row = await onlyAuditRow(res);
    assert.equal(row.outcome, 'denied');
    assert.equal(row.patient_id, patientId);
    assert.equal(row.user_id, String(userIds.get(as)));
    assert.equal(row.resource_type, 'Patient');
    assert.equal(row.action_type, 'read');
    assert.ok(!row.break_glass);
  }

  /** A chart with no department care-team row, cared for only by the given user. */
  async function patientCaredForBy(login: Login): Promise<number> {
    const { models } = await t.node.runtime.database();
    const patient = await models.Patient.create({
      patient_id: `T${randomBytes(6).toString('hex')}`, name: '테스트환자', birth_date: '1980-05-17', gender: 'F',
      medical_history: '테스트 병력', allergies: [],
    });
    await models.CareTeamMember.create({ patient_id: patient.id, user_id: userIds.get(login)!, relation: login === 'nurse' ? 'nursing' : 'consulting' });
    return patient.id;
  }

  describe('doctor', () => {
    test('a doctor reads a patient of their own department', async () => {
      const res = await readPatient('doctor.pulmo', PULMONOLOGY_PATIENT);
      assert.equal(res.status, 200);
      assert.equal(res.body.id, PULMONOLOGY_PATIENT);
      assert.ok('medical_history' in res.body, 'a doctor sees the full chart');
      const row = await onlyAuditRow(res);
      assert.equal(row.outcome, 'success');
      assert.equal(row.patient_id, PULMONOLOGY_PATIENT);
    });

    test('a doctor cannot read a patient of another department (404, audited as denied)', async () => {
      await assertHiddenAndAudited(await readPatient('doctor.pulmo', NEUROSURGERY_PATIENT), 'doctor.pulmo', NEUROSURGERY_PATIENT);
    });

    test('a doctor reads their own patient outside their department through the care team', async () => {
      const id = await patientCaredForBy('doctor.derm');
      const res = await readPatient('doctor.derm', id);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, id);
    });

    test('a doctor cannot read another doctor\'s own patient (404, audited as denied)', async () => {
      const id = await patientCaredForBy('doctor.derm');
      await assertHiddenAndAudited(await readPatient('doctor.gi', id), 'doctor.gi', id);
    });

    test('a doctor\'s list holds only their department\'s patients', async () => {
      const res = await listPatients('doctor.pulmo');
      assert.equal(res.status, 200);
      const ids = res.body.items.map((p) => p.id);
      assert.ok(ids.includes(PULMONOLOGY_PATIENT));
      assert.deepEqual(ids.filter((id) => id % 5 !== 1), [], `outside PULMONOLOGY: ${ids.join(', ')}`);
      assert.equal(res.body.total, SEED_PATIENTS / 5);
    });

    test('a doctor\'s list includes their own patients of other departments', async () => {
      const id = await patientCaredForBy('doctor.derm');
      const res = await listPatients('doctor.derm');
      assert.equal(res.status, 200);
      const ids = res.body.items.map((p) => p.id);
      assert.ok(ids.includes(id));
      assert.deepEqual(ids.filter((i) => i !== id && i <= SEED_PATIENTS && departmentOf(i) !== 'DERMATOLOGY'), []);
    });
  });

  describe('nurse', () => {
    test('a nurse reads a patient of the assigned department', async () => {
      const res = await readPatient('nurse', PULMONOLOGY_PATIENT);
      assert.equal(res.status, 200);
      assert.equal(res.body.id, PULMONOLOGY_PATIENT);
    });

    test('a nurse cannot read a patient of another department (404, audited as denied)', async () => {
      await assertHiddenAndAudited(await readPatient('nurse', BREAST_PATIENT), 'nurse', BREAST_PATIENT);
    });

    test('a nurse reads a patient assigned to them outside the department', async () => {
      const id = await patientCaredForBy('nurse');
      const res = await readPatient('nurse', id);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, id);
    });

    test('a nurse cannot read a patient assigned to someone else (404, audited as denied)', async () => {
      const id = await patientCaredForBy('doctor.gi');
      await assertHiddenAndAudited(await readPatient('nurse', id), 'nurse', id);
    });

    test('a nurse\'s list holds only the department\'s and assigned patients', async () => {
      const assigned = await patientCaredForBy('nurse');
      const { models } = await t.node.runtime.database();
      const rows = await models.CareTeamMember.findAll({ where: { user_id: userIds.get('nurse')! } });
      const assignedToNurse = new Set(rows.map((row) => row.patient_id));
      const res = await listPatients('nurse');
      assert.equal(res.status, 200);
      const ids = res.body.items.map((p) => p.id);
      assert.ok(ids.includes(assigned));
      assert.ok(ids.includes(PULMONOLOGY_PATIENT));
      assert.deepEqual(ids.filter((id) => !assignedToNurse.has(id) && !(id <= SEED_PATIENTS && departmentOf(id) === 'PULMONOLOGY')), []);
    });
  });

  describe('front desk', () => {
    test('front desk reads any patient\'s demographics but not the record contents', async () => {
      for (const id of [PULMONOLOGY_PATIENT, NEUROSURGERY_PATIENT, BREAST_PATIENT]) {
        const res = await readPatient('frontdesk', id);
        assert.equal(res.status, 200);
        assert.equal(res.body.id, id);
        for (const field of ['name', 'birth_date', 'phone', 'address']) assert.ok(field in res.body, `front desk sees ${field}`);
        for (const field of CLINICAL_FIELDS) assert.ok(!(field in res.body), `front desk must not see ${field}`);
        assert.deepEqual(Object.keys(res.body).filter((key) => !PATIENT_COLUMNS.demographics.includes(key)), []);
      }
    });

    test('front desk lists every patient without medical_history or allergies', async () => {
      const res = await listPatients('frontdesk');
      assert.equal(res.status, 200);
      assert.ok(res.body.total >= SEED_PATIENTS);
      assert.ok(res.body.items.length >= SEED_PATIENTS);
      for (const item of res.body.items) {
        for (const field of CLINICAL_FIELDS) assert.ok(!(field in item), `patient ${item.id} shows ${field} to front desk`);
      }
    });

    test('front desk cannot break the glass to read record contents (403, audited as denied)', async () => {
      const res = await readPatient('frontdesk', NEUROSURGERY_PATIENT, breakGlass(REASON));
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.ok(!('medical_history' in (res.body as object)));
      const rows = await auditRows(res.requestId);
      const denied = rows.filter((row) => row.outcome === 'denied');
      assert.equal(denied.length, 1, `expected one 'denied' audit row for request ${res.requestId}, found ${JSON.stringify(rows)}`);
      assert.equal(denied[0].user_id, String(userIds.get('frontdesk')));
    });
  });

  describe('radiology technician', () => {
    test('a radiographer reads basic info of a patient with imaging work', async () => {
      for (const id of [PULMONOLOGY_PATIENT, NEUROSURGERY_PATIENT]) {
        const res = await readPatient('radtech', id);
        assert.equal(res.status, 200);
        assert.deepEqual(Object.keys(res.body).sort(), [...PATIENT_COLUMNS['imaging-basic']].sort());
      }
    });

    test('a radiographer cannot read a patient without imaging work (404, audited as denied)', async () => {
      await assertHiddenAndAudited(await readPatient('radtech', BREAST_PATIENT), 'radtech', BREAST_PATIENT);
    });

    test('a radiographer\'s list holds only patients with imaging, with basic fields', async () => {
      const res = await listPatients('radtech');
      assert.equal(res.status, 200);
      const ids = res.body.items.map((p) => p.id);
      assert.deepEqual(ids.filter((id) => !hasSeedImaging(id)), [], `without imaging: ${ids.join(', ')}`);
      assert.equal(res.body.total, Array.from({ length: SEED_PATIENTS }, (_, i) => i + 1).filter(hasSeedImaging).length);
      for (const item of res.body.items) {
        assert.deepEqual(Object.keys(item).filter((key) => !PATIENT_COLUMNS['imaging-basic'].includes(key)), []);
      }
    });
  });

  describe('radiologist', () => {
    test('a radiologist reads patients of every department', async () => {
      for (let id = 1; id <= DEPARTMENT_CODES.length; id++) {
        const res = await readPatient('radiologist', id);
        assert.equal(res.status, 200, `patient ${id}`);
        assert.equal(res.body.id, id);
      }
      const list = await listPatients('radiologist');
      assert.ok(list.body.total >= SEED_PATIENTS);
    });

    test('a radiologist reading a missing patient gets 404, audited as an error', async () => {
      const res = await readPatient('radiologist', 999_999);
      assert.equal(res.status, 404);
      const row = await onlyAuditRow(res);
      assert.equal(row.outcome, 'error');
      assert.equal(row.patient_id, null);
    });
  });

  describe('patient (portal)', () => {
    test('a patient sees their own chart in the portal', async () => {
      const res = await t.http.get('/api/v1/portal/me', { token: tokens.get('patient1') });
      assert.equal(res.status, 200);
      assert.equal(res.body.linked, true);
      assert.equal(res.body.patient.id, PULMONOLOGY_PATIENT);
    });

    test('a patient cannot read other charts through the staff API (401, audited as denied)', async () => {
      const res = await readPatient('patient1', NEUROSURGERY_PATIENT);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.type, 'WRONG_REALM');
      assert.ok(!('name' in (res.body as object)));
      const rows = await auditRows(res.requestId);
      assert.equal(rows.filter((row) => row.outcome === 'denied').length, 1, `expected one 'denied' audit row for request ${res.requestId}, found ${JSON.stringify(rows)}`);
    });

    test('after doctor.pulmo reads patient 1, patient1 sees that access in the access log', async () => {
      const read = await readPatient('doctor.pulmo', PULMONOLOGY_PATIENT);
      assert.equal(read.status, 200);
      const log = await t.http.get('/api/v1/portal/access-log', { token: tokens.get('patient1') });
      assert.equal(log.status, 200);
      const latest = log.body.items[0];
      assert.equal(latest.staffName, '김호흡');
      assert.equal(latest.role, 'doctor');
      assert.equal(latest.department, 'PULMONOLOGY');
      assert.equal(latest.breakGlass, false);
    });
  });

  describe('list endpoints', () => {
    test('out-of-scope and missing patients answer the same 404', async () => {
      const hidden = await readPatient('doctor.pulmo', BREAST_PATIENT);
      const missing = await readPatient('doctor.pulmo', 999_999);
      assert.equal(hidden.status, 404);
      assert.equal(missing.status, 404);
      assert.equal(hidden.body.error.type, missing.body.error.type);
      assert.equal(hidden.body.error.message.replace(/\d+/g, 'N'), missing.body.error.message.replace(/\d+/g, 'N'));
    });

    test('a search does not reach patients outside the scope', async () => {
      const { models } = await t.node.runtime.database();
      const outside = await models.Patient.findByPk(NEUROSURGERY_PATIENT, { rejectOnEmpty: true });
      const res = await t.http.get<PatientPage>(`/api/v1/patients?q=${encodeURIComponent(outside.patient_id)}`, { token: tokens.get('doctor.pulmo') });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.items.map((p) => p.id), []);
    });
  });

  describe('break-the-glass', () => {
    test('a doctor breaks the glass to read a patient outside scope; the read is flagged with the reason', async () => {
      const res = await readPatient('doctor.pulmo', NEUROSURGERY_PATIENT, breakGlass(REASON));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, NEUROSURGERY_PATIENT);
      assert.ok('medical_history' in res.body);
      const row = await onlyAuditRow(res);
      assert.equal(row.outcome, 'success');
      assert.equal(Boolean(row.break_glass), true);
      assert.equal(row.reason, REASON);
      assert.equal(row.patient_id, NEUROSURGERY_PATIENT);
      assert.equal(row.user_id, String(userIds.get('doctor.pulmo')));
    });

    test('breaking the glass does not widen later reads without the header', async () => {
      await assertHiddenAndAudited(await readPatient('doctor.pulmo', NEUROSURGERY_PATIENT), 'doctor.pulmo', NEUROSURGERY_PATIENT);
    });

    test('a nurse breaks the glass to read a patient outside scope', async () => {
      const res = await readPatient('nurse', BREAST_PATIENT, breakGlass(REASON));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const row = await onlyAuditRow(res);
      assert.equal(Boolean(row.break_glass), true);
      assert.equal(row.reason, REASON);
    });

    test('a radiologist\'s break-the-glass read is flagged', async () => {
      const res = await readPatient('radiologist', BREAST_PATIENT, breakGlass(REASON));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const row = await onlyAuditRow(res);
      assert.equal(Boolean(row.break_glass), true);
      assert.equal(row.reason, REASON);
    });

    test('a radiographer cannot break the glass (403)', async () => {
      const res = await readPatient('radtech', BREAST_PATIENT, breakGlass(REASON));
      assert.equal(res.status, 403, JSON.stringify(res.body));
    });

    test('a break-the-glass reason shorter than 10 characters is refused with 400', async () => {
      const res = await readPatient('doctor.pulmo', NEUROSURGERY_PATIENT, breakGlass('too short'));
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'BREAK_GLASS_REASON');
      const rows = await auditRows(res.requestId);
      assert.equal(rows.filter((row) => row.outcome === 'success').length, 0);
    });

    test('a reason of exactly 10 characters is accepted', async () => {
      const res = await readPatient('doctor.pulmo', NEUROSURGERY_PATIENT, breakGlass('0123456789'));
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    test('a break-the-glass list reaches every department and the search is flagged', async () => {
      const res = await listPatients('doctor.pulmo', breakGlass(REASON));
      assert.equal(res.status, 200);
      const departments = new Set(res.body.items.filter((p) => p.id <= SEED_PATIENTS).map((p) => departmentOf(p.id)));
      assert.equal(departments.size, DEPARTMENT_CODES.length);
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'search');
      assert.equal(Boolean(row.break_glass), true);
      assert.equal(row.reason, REASON);
    });

    test('the patient sees a break-the-glass access flagged in the access log', async () => {
      const read = await readPatient('doctor.gi', PULMONOLOGY_PATIENT, breakGlass(REASON));
      assert.equal(read.status, 200);
      const log = await t.http.get('/api/v1/portal/access-log', { token: tokens.get('patient1') });
      assert.equal(log.status, 200);
      const latest = log.body.items[0];
      assert.equal(latest.staffName, '최소화');
      assert.equal(latest.breakGlass, true);
    });
  });
});
