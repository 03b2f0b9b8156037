import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { kstDay } from '../../lib/rules/appointments.js';
import { isOverdue } from '../../lib/rules/medication-schedule.js';
import type { Medication } from '../../models/prescription.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

/** An instant given as a KST date and wall-clock time. */
const kst = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`);

const amoxicillin = (overrides: Partial<Medication> = {}): Medication => ({
  code: 'AMX500', name: '아목시실린캡슐 500mg', ingredient: 'amoxicillin', atcCode: 'J01CA04', strength: '500 mg', form: '캡슐',
  dose: 1, doseUnit: '캡슐', route: 'PO', frequency: 'TID', days: 3, ...overrides,
});
const acetaminophenPrn: Medication = {
  code: 'APAP500', name: '아세트아미노펜정 500mg', ingredient: 'paracetamol (acetaminophen)', atcCode: 'N02BE01', strength: '500 mg', form: '정',
  dose: 1, doseUnit: '정', route: 'PO', frequency: 'PRN', days: 5,
};

interface Dose { prescriptionId: number; medicationIndex: number; drugName: string; dose: number; doseUnit: string; route: string; scheduledTime: string; status: string | null; overdue: boolean }

describe('medication administration record (MAR)', () => {
  let t: TestNode;
  let nurse: string;
  let doctor: string;
  let neuro: string;
  let frontDesk: string;
  before(async () => {
    t = await startTestNode();
    nurse = (await t.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    doctor = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    neuro = (await t.http.loginStaff('doctor.neuro', TEST_PASSWORD)).accessToken;
    frontDesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  const charted = async () => (await models()).MedicationAdministration.count();
  const auditOf = async (requestId: string) => {
    await t.node.broker.call('audit.flush');
    return (await models()).ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
  };

  /** A prescription by doctor.pulmo written at `at` (patient 1 is in the nurse's and doctor.pulmo's scope). */
  async function prescribe(at: Date, medications: Medication[], patientId = 1) {
    const m = await models();
    const pulmo = (await m.AuthUser.findOne({ where: { username: 'doctor.pulmo' } }))!;
    const profile = (await m.Doctor.findOne({ where: { user_id: pulmo.id } }))!;
    return m.Prescription.create({ patient_id: patientId, doctor_id: profile.id, prescription_date: at, medications });
  }
  const dosesOf = (body: { items: Dose[] }, prescriptionId: number) => body.items.filter((d) => d.prescriptionId === prescriptionId);

  test('a nurse sees today\'s due doses of a TID prescription (KST), not yet charted', async () => {
    const today = kstDay();
    const p = await prescribe(new Date(today.start.getTime() + 60_000), [amoxicillin()]);
    const res = await t.http.get('/api/v1/patients/1/mar', { token: nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const doses = dosesOf(res.body, p.id);
    assert.deepEqual(doses.map((d) => d.scheduledTime), ['08:00', '13:00', '18:00'].map((hhmm) => new Date(today.start.getTime() + (Number(hhmm.slice(0, 2)) * 60) * 60_000).toISOString()));
    const now = new Date();
    for (const d of doses) {
      assert.equal(d.drugName, '아목시실린캡슐 500mg');
      assert.equal(d.dose, 1);
      assert.equal(d.doseUnit, '캡슐');
      assert.equal(d.route, 'PO');
      assert.equal(d.status, null);
      assert.equal(d.overdue, isOverdue(new Date(d.scheduledTime), now));
    }
  });

  test('charting GIVEN shows on the MAR with the summary, and the creation is audited', async () => {
    const p = await prescribe(kst('2025-03-03', '07:00'), [amoxicillin()]);
    const res = await t.http.post('/api/v1/patients/1/mar', {
      prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-04', '08:00').toISOString(), status: 'GIVEN',
      administeredAt: kst('2025-03-04', '08:05').toISOString(), notes: '식후 복용 확인',
    }, { token: nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'GIVEN');
    const rows = await auditOf(res.requestId);
    assert.ok(rows.some((r) => r.action_type === 'create' && r.outcome === 'success' && r.resource_type === 'MedicationAdministration' && r.patient_id === 1));

    const day = await t.http.get('/api/v1/patients/1/mar?date=2025-03-04', { token: nurse });
    assert.equal(day.status, 200);
    assert.equal(day.body.date, '2025-03-04');
    const doses = dosesOf(day.body, p.id);
    assert.deepEqual(doses.map((d) => [d.scheduledTime, d.status, d.overdue]), [
      [kst('2025-03-04', '08:00').toISOString(), 'GIVEN', false],
      [kst('2025-03-04', '13:00').toISOString(), null, true],
      [kst('2025-03-04', '18:00').toISOString(), null, true],
    ]);
    assert.ok(day.body.summary.given >= 1 && day.body.summary.overdue >= 2);
  });

  test('HELD or REFUSED without a reason is 400 and nothing is stored', async () => {
    const p = await prescribe(kst('2025-03-10', '07:00'), [amoxicillin()]);
    const before = await charted();
    for (const status of ['HELD', 'REFUSED']) {
      const res = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-10', '08:00').toISOString(), status }, { token: nurse });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.details[0].field, 'reason');
    }
    assert.equal(await charted(), before);
    const held = await t.http.post('/api/v1/patients/1/mar', {
      prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-10', '08:00').toISOString(), status: 'HELD', reason: '금식 (NPO, 내시경 예정)',
    }, { token: nurse });
    assert.equal(held.status, 200, JSON.stringify(held.body));
    assert.equal(held.body.reason, '금식 (NPO, 내시경 예정)');
  });

  test('a time that is not a due dose, a missing line or a future administration is 400 and nothing is stored', async () => {
    const p = await prescribe(kst('2025-03-11', '07:00'), [amoxicillin(), acetaminophenPrn]);
    const before = await charted();
    const attempts: [Record<string, unknown>, string][] = [
      [{ medicationIndex: 0, scheduledTime: kst('2025-03-11', '08:30').toISOString() }, 'scheduledTime'],
      [{ medicationIndex: 0, scheduledTime: kst('2025-03-14', '08:00').toISOString() }, 'scheduledTime'], // after the 3 days
      [{ medicationIndex: 0 }, 'scheduledTime'],
      [{ medicationIndex: 1, scheduledTime: kst('2025-03-11', '08:00').toISOString() }, 'scheduledTime'], // PRN has no schedule
      [{ medicationIndex: 2, scheduledTime: kst('2025-03-11', '08:00').toISOString() }, 'medicationIndex'],
      [{ medicationIndex: 0, scheduledTime: kst('2025-03-11', '08:00').toISOString(), administeredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'administeredAt'],
    ];
    for (const [body, field] of attempts) {
      const res = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, status: 'GIVEN', ...body }, { token: nurse });
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.details[0].field, field, JSON.stringify(body));
    }
    const other = await prescribe(kst('2025-03-11', '07:00'), [amoxicillin()], 6);
    const wrongPatient = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: other.id, medicationIndex: 0, scheduledTime: kst('2025-03-11', '08:00').toISOString(), status: 'GIVEN' }, { token: nurse });
    assert.equal(wrongPatient.status, 400);
    assert.equal(wrongPatient.body.error.details[0].field, 'prescriptionId');
    assert.equal(await charted(), before);
  });

  test('a dose due tomorrow cannot be charted as given or refused today; holding it ahead is allowed', async () => {
    const now = new Date();
    const p = await prescribe(new Date(now.getTime() - 3_600_000), [amoxicillin({ days: 5 })]);
    const tomorrow = kst(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(now.getTime() + 86_400_000)), '08:00');
    const before = await charted();
    for (const status of ['GIVEN', 'REFUSED']) {
      const res = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, scheduledTime: tomorrow.toISOString(), status, reason: '환자 거부' }, { token: nurse });
      assert.equal(res.status, 400, `${status}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.details[0].field, 'scheduledTime');
      assert.match(res.body.error.details[0].message, /1시간 전부터/);
    }
    assert.equal(await charted(), before);
    const held = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, scheduledTime: tomorrow.toISOString(), status: 'HELD', reason: '내일 오전 수술 금식' }, { token: nurse });
    assert.equal(held.status, 200, JSON.stringify(held.body));
  });

  test('charting the same dose twice is 409 naming the dose', async () => {
    const p = await prescribe(kst('2025-03-12', '07:00'), [amoxicillin()]);
    const body = { prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-12', '13:00').toISOString(), status: 'GIVEN' };
    assert.equal((await t.http.post('/api/v1/patients/1/mar', body, { token: nurse })).status, 200);
    const before = await charted();
    const again = await t.http.post('/api/v1/patients/1/mar', { ...body, status: 'REFUSED', reason: '환자 거부' }, { token: nurse });
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.type, 'DOSE_ALREADY_CHARTED');
    assert.match(again.body.error.message, /아목시실린캡슐 500mg 2025-03-12 13:00/);
    assert.equal(await charted(), before);
  });

  test('a PRN line is charted as often as needed and listed with the day\'s PRN administrations', async () => {
    const p = await prescribe(kst('2025-03-13', '07:00'), [acetaminophenPrn]);
    for (const hhmm of ['10:00', '16:30']) {
      const res = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, status: 'GIVEN', administeredAt: kst('2025-03-13', hhmm).toISOString(), notes: '체온 38.4℃' }, { token: nurse });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.scheduled_time, null);
    }
    const late = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, status: 'GIVEN', administeredAt: kst('2025-03-18', '10:00').toISOString() }, { token: nurse });
    assert.equal(late.status, 400, 'after the PRN line\'s 5 days');
    const day = await t.http.get('/api/v1/patients/1/mar?date=2025-03-13', { token: doctor });
    assert.equal(day.status, 200);
    const prn = day.body.prnAdministrations.filter((a: { prescriptionId: number }) => a.prescriptionId === p.id);
    assert.deepEqual(prn.map((a: { administeredAt: string; drugName: string }) => [a.administeredAt, a.drugName]), [
      [kst('2025-03-13', '10:00').toISOString(), '아세트아미노펜정 500mg'], [kst('2025-03-13', '16:30').toISOString(), '아세트아미노펜정 500mg'],
    ]);
    assert.ok(day.body.prnLines.some((l: { prescriptionId: number }) => l.prescriptionId === p.id));
    assert.equal(dosesOf(day.body, p.id).length, 0, 'PRN has no scheduled doses');
  });

  test('a discontinued prescription refuses doses after it stopped (409), takes late charting of earlier ones, and has no doses after', async () => {
    const p = await prescribe(kst('2025-03-17', '07:00'), [amoxicillin()]);
    await p.update({ status: 'DISCONTINUED', discontinued_at: kst('2025-03-18', '10:00') });
    const before = await charted();
    const res = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-18', '13:00').toISOString(), status: 'GIVEN' }, { token: nurse });
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.error.type, 'PRESCRIPTION_DISCONTINUED');
    assert.equal(await charted(), before);
    const late = await t.http.post('/api/v1/patients/1/mar', {
      prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-18', '08:00').toISOString(), administeredAt: kst('2025-03-18', '08:05').toISOString(), status: 'GIVEN',
    }, { token: nurse });
    assert.equal(late.status, 200, JSON.stringify(late.body));
    assert.equal(await charted(), before + 1);
    const day = await t.http.get('/api/v1/patients/1/mar?date=2025-03-18', { token: nurse });
    assert.deepEqual(dosesOf(day.body, p.id).map((d) => d.scheduledTime), [kst('2025-03-18', '08:00').toISOString()]);
    const next = await t.http.get('/api/v1/patients/1/mar?date=2025-03-19', { token: nurse });
    assert.deepEqual(dosesOf(next.body, p.id), []);
  });

  test('a doctor reads the MAR but cannot chart (403, audited as denied)', async () => {
    const p = await prescribe(kst('2025-03-20', '07:00'), [amoxicillin()]);
    assert.equal((await t.http.get('/api/v1/patients/1/mar?date=2025-03-20', { token: doctor })).status, 200);
    const before = await charted();
    const res = await t.http.post('/api/v1/patients/1/mar', { prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-20', '08:00').toISOString(), status: 'GIVEN' }, { token: doctor });
    assert.equal(res.status, 403);
    assert.deepEqual((await auditOf(res.requestId)).map((r) => r.outcome), ['denied']);
    assert.equal(await charted(), before);
  });

  test('the front desk cannot read the MAR (403, audited)', async () => {
    for (const path of ['/api/v1/patients/1/mar', '/api/v1/mar/due']) {
      const res = await t.http.get(path, { token: frontDesk });
      assert.equal(res.status, 403, path);
      assert.deepEqual((await auditOf(res.requestId)).map((r) => r.outcome), ['denied'], path);
    }
  });

  test('a patient outside the caller\'s scope is 404 for reading and charting, and audited', async () => {
    const p = await prescribe(kst('2025-03-21', '07:00'), [amoxicillin()], 2);
    const read = await t.http.get('/api/v1/patients/2/mar', { token: nurse });
    assert.equal(read.status, 404);
    assert.ok((await auditOf(read.requestId)).some((r) => r.outcome === 'denied' && r.patient_id === 2));
    const before = await charted();
    const write = await t.http.post('/api/v1/patients/2/mar', { prescriptionId: p.id, medicationIndex: 0, scheduledTime: kst('2025-03-21', '08:00').toISOString(), status: 'GIVEN' }, { token: nurse });
    assert.equal(write.status, 404);
    assert.ok((await auditOf(write.requestId)).some((r) => r.outcome === 'denied' && r.patient_id === 2));
    assert.equal(await charted(), before);
  });

  test('the due board counts the day\'s doses of the patients in scope only', async () => {
    const mine = await prescribe(kst('2025-03-24', '07:00'), [amoxicillin({ days: 1 })]);
    const theirs = await prescribe(kst('2025-03-24', '07:00'), [amoxicillin({ days: 1 })], 2);
    const give = { prescriptionId: mine.id, medicationIndex: 0, status: 'GIVEN' };
    assert.equal((await t.http.post('/api/v1/patients/1/mar', { ...give, scheduledTime: kst('2025-03-24', '08:00').toISOString() }, { token: nurse })).status, 200);
    assert.equal((await t.http.post('/api/v1/patients/1/mar', { ...give, scheduledTime: kst('2025-03-24', '13:00').toISOString(), status: 'REFUSED', reason: '오심' }, { token: nurse })).status, 200);

    const board = await t.http.get('/api/v1/mar/due?date=2025-03-24', { token: nurse });
    assert.equal(board.status, 200, JSON.stringify(board.body));
    assert.deepEqual(board.body.summary, { due: 3, given: 1, held: 0, refused: 1, overdue: 1 });
    assert.ok(board.body.items.every((d: Dose & { patientName: string }) => d.prescriptionId === mine.id && d.patientName));
    assert.ok(!board.body.items.some((d: Dose) => d.prescriptionId === theirs.id));
    const neuroBoard = await t.http.get('/api/v1/mar/due?date=2025-03-24', { token: neuro });
    assert.deepEqual(neuroBoard.body.items.map((d: Dose) => d.prescriptionId), [theirs.id, theirs.id, theirs.id]);
    assert.equal((await t.http.get('/api/v1/mar/due?date=2025-02-30', { token: nurse })).status, 400);
  });

  test('mar.dueSummary answers the board for given patients within the caller\'s scope', async () => {
    const m = await models();
    const user = (await m.AuthUser.findOne({ where: { username: 'nurse' } }))!;
    const meta = { user: { id: user.id, role: 'nurse', realm: 'staff', department: 'PULMONOLOGY', patientId: null } };
    const summary = await t.node.broker.call<{ summary: { due: number }; items: Dose[] }, object>('mar.dueSummary', { patientIds: [1, 2], date: '2025-03-24' }, { meta });
    assert.deepEqual(summary.summary.due, 3, 'patient 2 is outside the nurse\'s scope');
    const none = await t.node.broker.call<{ summary: { due: number } }, object>('mar.dueSummary', { patientIds: [6], date: '2025-03-24' }, { meta });
    assert.equal(none.summary.due, 0);
  });
});
