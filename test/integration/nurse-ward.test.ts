import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

interface WardRow {
  patientId: number;
  patientNumber: string;
  name: string;
  ward: string;
  roomNumber: string;
  admissionDate: string;
  hospitalDay: number;
  attendingDoctors: string[];
  latestVitals: { recordedAt: string; abnormal: { measure: string; critical: boolean }[] } | null;
  doses: { uncharted: number; overdue: number };
  statSpecimenPending: boolean;
}

/**
 * The nurse's ward overview (GET /nurse/ward): the patients admitted now in her scope, room by
 * room, with what she acts on — abnormal vitals, doses, a STAT draw waiting. Patients 6, 11 and
 * 16 are PULMONOLOGY (the demo nurse's department); patient 2 is not.
 */
describe('nurse ward overview', () => {
  let t: TestNode;
  let nurse: string;
  let doctor: string;
  let frontDesk: string;
  let ward: string;

  before(async () => {
    t = await startTestNode();
    nurse = (await t.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    doctor = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    frontDesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
    ward = `W${Math.random().toString(36).slice(2, 8)}`;
    const admit = async (patientId: number, room: string, body: Record<string, unknown> = {}) => {
      const res = await t.http.request('PUT', `/api/v1/patients/${patientId}/status`, { token: nurse, body: { status: 'ADMITTED', ward, roomNumber: room, ...body } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    // Two days ago in KST: the third day of the stay today.
    await admit(6, '710', { admissionDate: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    await admit(11, '702');
    // Patient 16 was admitted and went home: not on the ward.
    await admit(16, '703');
    assert.equal((await t.http.request('PUT', '/api/v1/patients/16/status', { token: nurse, body: { status: 'DISCHARGED' } })).status, 200);
    // Front desk admits patient 2 (another department) to the same ward: outside the nurse's scope.
    assert.equal((await t.http.request('PUT', '/api/v1/patients/2/status', { token: frontDesk, body: { status: 'ADMITTED', ward, roomNumber: '704' } })).status, 200);

    assert.equal((await t.http.post('/api/v1/patients/6/vitals', { temperature: 36.6, pulse: 72 }, { token: nurse })).status, 200);
    // The latest vitals count: patient 6's fever now, after the normal set above.
    assert.equal((await t.http.post('/api/v1/patients/6/vitals', { temperature: 39.2, spo2: 87 }, { token: nurse })).status, 200);
    // A note without measurements does not replace the latest vitals.
    assert.equal((await t.http.post('/api/v1/patients/6/vitals', { nursingNotes: '해열제 투여 후 재측정 예정' }, { token: nurse })).status, 200);
    assert.equal((await t.http.post('/api/v1/patients/11/vitals', { systolicBp: 120, diastolicBp: 78, pulse: 70 }, { token: nurse })).status, 200);
    // A TID course of patient 11's started yesterday: three doses scheduled today, none charted.
    const { models } = await t.node.runtime.database();
    const pulmo = (await models.Doctor.findOne({ where: { user_id: (await models.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!.id } }))!;
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() - 86_400_000));
    await models.Prescription.create({
      patient_id: 11, doctor_id: pulmo.id, prescription_date: new Date(`${yesterday}T07:00:00+09:00`),
      medications: [{ code: 'AMX500', name: '아목시실린캡슐 500mg', dose: 1, doseUnit: '캡슐', route: 'PO', frequency: 'TID', days: 3 }],
    } as never);
    const order = await t.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: 11, priority: 'STAT', items: [{ code: 'CBC' }] }, { token: doctor });
    assert.ok(order.status < 300, JSON.stringify(order.body));
  });
  after(() => t.stop());

  const wardOf = async (query = '') => {
    const res = await t.http.get(`/api/v1/nurse/ward?ward=${ward}${query}`, { token: nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { summary: { admitted: number; abnormal: number; wards: { ward: string; patients: number; rooms: number }[] }; items: WardRow[]; total: number };
  };

  test('lists the admitted patients of the ward room by room, with stay, doctor, flags and a STAT draw', async () => {
    const body = await wardOf();
    assert.deepEqual(body.items.map((r) => [r.patientId, r.roomNumber]), [[11, '702'], [6, '710']], 'discharged and out-of-scope patients are not listed');
    assert.equal(body.total, 2);
    const [quiet, febrile] = body.items;
    assert.match(febrile.patientNumber, /^P\d{9}$/);
    assert.equal(febrile.hospitalDay, 3);
    assert.deepEqual(febrile.attendingDoctors, ['김호흡']);
    assert.deepEqual(febrile.latestVitals!.abnormal.map((f) => [f.measure, f.critical]), [['temperature', false], ['spo2', true]]);
    assert.equal(febrile.statSpecimenPending, false);
    assert.deepEqual(quiet.latestVitals!.abnormal, []);
    assert.equal(quiet.hospitalDay, 1);
    assert.equal(quiet.statSpecimenPending, true);
    for (const row of body.items) {
      // The doses are the MAR's own count for today: scheduled, not charted yet.
      const mar = await t.http.get(`/api/v1/patients/${row.patientId}/mar`, { token: nurse });
      const open = (mar.body.items as { status: string | null; overdue: boolean }[]).filter((d) => d.status === null);
      assert.deepEqual(row.doses, { uncharted: open.length, overdue: open.filter((d) => d.overdue).length });
    }
    assert.ok(quiet.doses.uncharted >= 3, 'patient 11\'s course has doses today');
    const summary = body.summary.wards.find((w) => w.ward === ward);
    assert.deepEqual(summary, { ward, patients: 2, rooms: 2 });
    assert.equal(body.summary.abnormal, 1);
  });

  test('only patients with abnormal flags, when asked', async () => {
    const body = await wardOf('&abnormalOnly=true');
    assert.deepEqual(body.items.map((r) => r.patientId), [6]);
    assert.equal(body.total, 1);
  });

  test('a room change moves the patient on the overview; the stay keeps its admission date', async () => {
    const before = (await wardOf()).items.find((r) => r.patientId === 11)!;
    assert.equal((await t.http.request('PUT', '/api/v1/patients/11/status', { token: nurse, body: { status: 'ADMITTED', ward, roomNumber: '701' } })).status, 200);
    const rows = (await wardOf()).items.filter((r) => r.patientId === 11);
    assert.equal(rows.length, 1, 'one row per patient, the latest status');
    assert.equal(rows[0].roomNumber, '701');
    assert.equal(rows[0].admissionDate, before.admissionDate);
  });

  test('pages through the ward and answers an empty ward with no rows', async () => {
    const first = await wardOf('&pageSize=1');
    assert.equal(first.items.length, 1);
    assert.equal(first.total, 2);
    const second = await wardOf('&pageSize=1&page=2');
    assert.notEqual(second.items[0].patientId, first.items[0].patientId);
    const empty = await t.http.get('/api/v1/nurse/ward?ward=NOWARD', { token: nurse });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body.items, []);
    assert.equal(empty.body.total, 0);
  });

  test('the nurse dashboard counts the admitted patients', async () => {
    const res = await t.http.get('/api/v1/nurse/dashboard', { token: nurse });
    assert.equal(res.status, 200);
    assert.equal(res.body.admittedPatients.total, 2);
  });

  test('the ward overview is the nurse\'s: a doctor and the front desk are refused (403, audited)', async () => {
    for (const token of [doctor, frontDesk]) {
      const res = await t.http.get('/api/v1/nurse/ward', { token });
      assert.equal(res.status, 403);
      const { models } = await t.node.runtime.database();
      assert.equal((await models.ActivityLog.findOne({ where: { request_id: res.requestId } }))?.outcome, 'denied');
    }
    assert.equal((await t.http.get('/api/v1/nurse/ward')).status, 401);
  });
});
