import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { toChosung } from '../../lib/korean/chosung.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import type { HttpResult } from '../helpers/http.js';

/**
 * Patient registration, update, soft delete and search (issue #3 item 1). Seed layout: patient i
 * is in DEPARTMENT_CODES[(i-1)%5], so patient 1 is PULMONOLOGY and patient 2 NEUROSURGERY.
 */
const PULMONOLOGY_PATIENT = 1;
const NEUROSURGERY_PATIENT = 2;
const CHART_NUMBER = new RegExp(`^P${new Date().getFullYear()}\\d{5}$`);
const SEALED_COLUMNS = ['resident_number_enc', 'resident_number_hash', 'name_chosung'];
const CLINICAL_COLUMNS = ['medical_history', 'allergies'];

type Login = 'doctor.pulmo' | 'doctor.neuro' | 'nurse' | 'frontdesk' | 'radtech';
const LOGINS: Login[] = ['doctor.pulmo', 'doctor.neuro', 'nurse', 'frontdesk', 'radtech'];

interface PatientBody {
  name?: string;
  birthDate?: string;
  gender?: string;
  phone?: string | null;
  bloodType?: string | null;
  address?: string | null;
  emergencyContact?: string | null;
  medicalHistory?: string | null;
  allergies?: unknown;
  residentNumber?: string | null;
  [field: string]: unknown;
}
interface PatientRow { id: number; patient_id: string; name: string; birth_date: string; [column: string]: unknown }
interface PatientPage { items: PatientRow[]; total: number }

/** 만 나이 in UTC, computed here independently of the service. */
function expectedAge(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return today.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A resident registration number for a birth date (1900s: 1/2, 2000s: 3/4), never issued twice in this file. */
const issued = new Set<string>();
function rrnFor(birthDate: string, gender: 'M' | 'F', hyphen = true): string {
  const [year, month, day] = birthDate.split('-');
  const sexDigit = (Number(year) >= 2000 ? 3 : 1) + (gender === 'F' ? 1 : 0);
  for (;;) {
    const serial = pad(randomInt(0, 1_000_000), 6);
    const rrn = `${year.slice(2)}${month}${day}-${sexDigit}${serial}`;
    if (issued.has(rrn)) continue;
    issued.add(rrn);
    return hyphen ? rrn : rrn.replace('-', '');
  }
}

/** A random valid birth date between 1940 and 2005. */
function randomBirthDate(): string {
  return `${randomInt(1940, 2006)}-${pad(randomInt(1, 13))}-${pad(randomInt(1, 29))}`;
}

/** A phone number unlikely to be anyone else's. */
const randomPhone = () => `010-${pad(randomInt(0, 10_000), 4)}-${pad(randomInt(0, 10_000), 4)}`;

/** A complete, valid registration; fields can be overridden or removed (undefined). */
function newPatient(overrides: PatientBody = {}): PatientBody {
  const birthDate = overrides.birthDate ?? randomBirthDate();
  const gender = (overrides.gender as 'M' | 'F' | undefined) ?? (randomInt(2) ? 'M' : 'F');
  const body: PatientBody = {
    name: '홍길동',
    birthDate,
    gender,
    phone: randomPhone(),
    address: '서울특별시 종로구 세종대로 1 (가상 주소)',
    emergencyContact: '보호자 010-0000-0000',
    residentNumber: rrnFor(birthDate, gender),
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

const maskedOf = (rrn: string) => `${rrn.replace(/[\s-]/g, '').slice(0, 6)}-${rrn.replace(/[\s-]/g, '')[6]}******`;

describe('patients: registration, update, soft delete and search', () => {
  let t: TestNode;
  const tokens = new Map<Login, string>();
  const userIds = new Map<Login, number>();

  before(async () => {
    t = await startTestNode();
    const { models } = await t.node.runtime.database();
    for (const login of LOGINS) {
      tokens.set(login, (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken);
      userIds.set(login, (await models.AuthUser.findOne({ where: { username: login }, rejectOnEmpty: true })).id);
    }
  });
  after(() => t.stop());

  const register = (as: Login, body: unknown) => t.http.post('/api/v1/patients', body, { token: tokens.get(as) });
  const read = (as: Login, id: number) => t.http.get(`/api/v1/patients/${id}`, { token: tokens.get(as) });
  const update = (as: Login, id: number, body: unknown) => t.http.patch(`/api/v1/patients/${id}`, body, { token: tokens.get(as) });
  const remove = (as: Login, id: number) => t.http.request('DELETE', `/api/v1/patients/${id}`, { token: tokens.get(as) });
  const search = (as: Login, q: string) =>
    t.http.get<PatientPage>(`/api/v1/patients?pageSize=100&q=${encodeURIComponent(q)}`, { token: tokens.get(as) });

  async function models() {
    return (await t.node.runtime.database()).models;
  }

  /** Every patient row, soft-deleted ones included. */
  async function storedPatients(): Promise<number> {
    return (await models()).Patient.count({ paranoid: false });
  }

  async function storedRow(id: number): Promise<Record<string, unknown>> {
    const row = await (await models()).Patient.findByPk(id, { paranoid: false, rejectOnEmpty: true });
    return row.get({ plain: true }) as unknown as Record<string, unknown>;
  }

  async function auditRows(requestId: string): Promise<ActivityLogAttributes[]> {
    await t.node.broker.call('audit.flush');
    const rows = await (await models()).ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
    return rows.map((row) => row.get({ plain: true }));
  }

  async function onlyAuditRow(res: HttpResult): Promise<ActivityLogAttributes> {
    const rows = await auditRows(res.requestId);
    assert.equal(rows.length, 1, `expected one audit row for request ${res.requestId}, found ${JSON.stringify(rows)}`);
    return rows[0];
  }

  /** Registers through the API and returns the answer, failing the test on anything but 200. */
  async function registered(as: Login, overrides: PatientBody = {}): Promise<PatientRow> {
    const res = await register(as, newPatient(overrides));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  /** A refused registration: the status and error type, and no row written. */
  async function assertRefused(body: unknown, status: number, type: string, as: Login = 'frontdesk'): Promise<HttpResult> {
    const before = await storedPatients();
    const res = await register(as, body);
    assert.equal(res.status, status, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(res.body.error.type, type, JSON.stringify(res.body));
    assert.equal(await storedPatients(), before, `nothing is stored for ${JSON.stringify(body)}`);
    return res;
  }

  function assertNoSealedColumns(row: Record<string, unknown>): void {
    for (const column of SEALED_COLUMNS) assert.ok(!(column in row), `${column} must never be answered: ${JSON.stringify(row)}`);
  }

  function assertNoClinicalColumns(row: Record<string, unknown>): void {
    for (const column of CLINICAL_COLUMNS) assert.ok(!(column in row), `front desk must not see ${column}: ${JSON.stringify(row)}`);
  }

  describe('registration', () => {
    test('front desk registers a patient and gets a chart number, the masked RRN and the age', async () => {
      const body = newPatient({ name: '박등록', birthDate: '1990-01-01', gender: 'M' });
      const res = await register('frontdesk', body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.match(res.body.patient_id, CHART_NUMBER);
      assert.equal(res.body.name, '박등록');
      assert.equal(res.body.birth_date, '1990-01-01');
      assert.equal(res.body.gender, 'M');
      assert.equal(res.body.phone, body.phone);
      assert.equal(res.body.resident_number_masked, maskedOf(body.residentNumber!));
      assert.match(String(res.body.resident_number_masked), /^900101-1\*{6}$/);
      assert.equal(res.body.age, expectedAge('1990-01-01'));
      assertNoSealedColumns(res.body);
      assertNoClinicalColumns(res.body);
      assert.ok(!JSON.stringify(res.body).includes(body.residentNumber!.slice(7)), 'the RRN serial never leaves the server');

      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'create');
      assert.equal(row.outcome, 'success');
      assert.equal(row.resource_type, 'Patient');
      assert.equal(row.patient_id, res.body.id);
      assert.equal(row.user_id, String(userIds.get('frontdesk')));
    });

    test('the stored RRN is encrypted with a blind index, and the 초성 of the name is kept', async () => {
      const body = newPatient({ name: '김암호' });
      const created = await registered('frontdesk', body);
      const stored = await storedRow(created.id);
      const normalized = body.residentNumber!;
      const sealed = String(stored.resident_number_enc);
      assert.ok(sealed.startsWith('v1.'), sealed);
      assert.ok(!sealed.includes(normalized) && !sealed.includes(normalized.replace('-', '')));
      const cipher = t.node.runtime.fieldCipher();
      assert.equal(cipher.decrypt(sealed), normalized);
      assert.equal(stored.resident_number_hash, cipher.blindIndex(normalized));
      assert.equal(stored.name_chosung, 'ㄱㅇㅎ');
      assert.equal(stored.age, expectedAge(String(body.birthDate)));
    });

    test('a doctor\'s registration answers the full chart with structured allergies', async () => {
      const allergies = [{ substance: '페니실린', reaction: '두드러기', severity: 'severe' }, { substance: '땅콩' }];
      const res = await register('doctor.pulmo', newPatient({ medicalHistory: '천식 (2010~)', allergies }));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.medical_history, '천식 (2010~)');
      assert.deepEqual(res.body.allergies, allergies);
      assertNoSealedColumns(res.body);
      const read1 = await read('doctor.pulmo', res.body.id);
      assert.deepEqual(read1.body.allergies, allergies);
    });

    test('the same RRN, with or without the hyphen, is a duplicate naming the existing chart number (409)', async () => {
      const birthDate = randomBirthDate();
      const rrn = rrnFor(birthDate, 'F');
      const first = await registered('frontdesk', newPatient({ birthDate, gender: 'F', residentNumber: rrn }));
      for (const again of [rrn, rrn.replace('-', '')]) {
        const res = await assertRefused(newPatient({ name: '중복환자', birthDate, gender: 'F', residentNumber: again }), 409, 'DUPLICATE_PATIENT');
        assert.ok(res.body.error.message.includes(first.patient_id), res.body.error.message);
        assert.equal(res.body.error.details.patientNumber, first.patient_id);
      }
      // A doctor registering the same person is refused alike (and no care team is added).
      const careTeam = await (await models()).CareTeamMember.count();
      await assertRefused(newPatient({ birthDate, gender: 'F', residentNumber: rrn }), 409, 'DUPLICATE_PATIENT', 'doctor.pulmo');
      assert.equal(await (await models()).CareTeamMember.count(), careTeam);
    });

    test('a refused duplicate registration is audited as denied', async () => {
      const body = newPatient();
      await registered('frontdesk', body);
      const res = await register('frontdesk', newPatient({ birthDate: body.birthDate, gender: body.gender, residentNumber: body.residentNumber }));
      assert.equal(res.status, 409);
      // The answer discloses another patient's chart number: like every denial, it leaves an audit row.
      const rows = await auditRows(res.requestId);
      assert.equal(rows.length, 1, `audit rows for a 409 registration: ${JSON.stringify(rows)}`);
      assert.equal(rows[0].action_type, 'create');
      assert.equal(rows[0].outcome, 'denied');
      assert.equal(rows[0].user_id, String(userIds.get('frontdesk')));
    });

    test('two simultaneous registrations of the same RRN store one patient and refuse the other with 409', async () => {
      const birthDate = randomBirthDate();
      const rrn = rrnFor(birthDate, 'M');
      const before = await storedPatients();
      const answers = await Promise.all([0, 1, 2].map(() => register('frontdesk', newPatient({ birthDate, gender: 'M', residentNumber: rrn }))));
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 409, 409], JSON.stringify(answers.map((a) => a.body)));
      assert.equal(await storedPatients(), before + 1);
    });

    test('an RRN that does not match the birth date is refused (400)', async () => {
      await assertRefused(newPatient({ birthDate: '1990-01-01', gender: 'M', residentNumber: rrnFor('1990-01-02', 'M') }), 400, 'VALIDATION_ERROR');
      await assertRefused(newPatient({ birthDate: '1990-01-01', gender: 'M', residentNumber: `900101-3${pad(randomInt(0, 1_000_000), 6)}` }), 400, 'VALIDATION_ERROR');
    });

    test('an invalid RRN is refused (400)', async () => {
      for (const residentNumber of ['900101-123456', '900101-12345678', '900101-12a4567', 'not-a-number', '901301-1234567', '900230-1234567']) {
        const res = await assertRefused(newPatient({ birthDate: '1990-01-01', residentNumber }), 400, 'VALIDATION_ERROR');
        assert.ok(JSON.stringify(res.body.error.details ?? '').includes('residentNumber'), JSON.stringify(res.body));
      }
    });

    test('invalid allergies are refused (400)', async () => {
      const invalid: unknown[] = [
        [{ reaction: '두드러기' }],
        [{ substance: '' }],
        [{ substance: '페니실린', severity: 'fatal' }],
        [{ substance: '페니실린', note: 'extra' }],
        ['페니실린'],
        { substance: '페니실린' },
      ];
      for (const allergies of invalid) await assertRefused(newPatient({ allergies }), 400, 'VALIDATION_ERROR');
    });

    test('impossible and future birth dates are refused (400)', async () => {
      for (const birthDate of ['2999-01-01', '2023-02-30', '1990-13-01', '1990-1-1', '01/02/1990']) {
        await assertRefused(newPatient({ birthDate, residentNumber: null }), 400, 'VALIDATION_ERROR');
      }
    });

    test('a registration without a name, birth date or gender is refused (400)', async () => {
      await assertRefused(newPatient({ name: undefined }), 400, 'VALIDATION_ERROR');
      await assertRefused(newPatient({ name: '' }), 400, 'VALIDATION_ERROR');
      await assertRefused(newPatient({ name: '   ' }), 400, 'VALIDATION_ERROR');
      await assertRefused(newPatient({ birthDate: undefined, residentNumber: undefined }), 400, 'VALIDATION_ERROR');
      await assertRefused(newPatient({ gender: 'X' }), 400, 'VALIDATION_ERROR');
    });

    test('unknown fields and server-set columns cannot be registered (400)', async () => {
      await assertRefused(newPatient({ patient_id: 'P199900001' }), 400, 'VALIDATION_ERROR');
      await assertRefused(newPatient({ resident_number_hash: 'x' }), 400, 'VALIDATION_ERROR');
    });

    test('a registration without an RRN is accepted and answers a null masked RRN', async () => {
      const created = await registered('frontdesk', { name: '무번호', birthDate: '1975-06-15', gender: 'F', residentNumber: undefined });
      assert.equal(created.resident_number_masked, null);
      assert.equal(created.age, expectedAge('1975-06-15'));
    });

    test('nurses and radiographers cannot register patients (403)', async () => {
      await assertRefused(newPatient(), 403, 'FORBIDDEN', 'nurse');
      await assertRefused(newPatient(), 403, 'FORBIDDEN', 'radtech');
    });

    test('consecutive registrations get increasing chart numbers', async () => {
      const numbers: string[] = [];
      for (let i = 0; i < 3; i++) numbers.push((await registered('frontdesk')).patient_id);
      for (const n of numbers) assert.match(n, CHART_NUMBER);
      const serials = numbers.map((n) => Number(n.slice(5)));
      assert.ok(serials[0] < serials[1] && serials[1] < serials[2], numbers.join(', '));
      assert.equal(serials[1], serials[0] + 1, numbers.join(', '));
      assert.equal(serials[2], serials[1] + 1, numbers.join(', '));
    });

    test('parallel registrations all succeed with distinct chart numbers', async () => {
      const before = await storedPatients();
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => register(i % 2 ? 'doctor.neuro' : 'frontdesk', newPatient())));
      const elapsed = Date.now() - started;
      for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.body));
      const numbers = answers.map((a) => a.body.patient_id);
      for (const n of numbers) assert.match(n, CHART_NUMBER);
      assert.equal(new Set(numbers).size, 5, numbers.join(', '));
      assert.equal(await storedPatients(), before + 5);
      // Five registrations take milliseconds; seconds mean writers waited out a lock timeout.
      assert.ok(elapsed < 5_000, `5 parallel registrations took ${elapsed} ms`);
    });

    test('a doctor who registers a patient becomes attending: the doctor and department colleagues read it, others do not', async () => {
      const created = await registered('doctor.pulmo', { ...newPatient(), medicalHistory: '기침 3주' });
      const careTeam = await (await models()).CareTeamMember.findAll({ where: { patient_id: created.id } });
      assert.equal(careTeam.length, 1);
      assert.equal(careTeam[0].user_id, userIds.get('doctor.pulmo'));
      assert.equal(careTeam[0].relation, 'attending');
      assert.equal(careTeam[0].department, 'PULMONOLOGY');

      const byDoctor = await read('doctor.pulmo', created.id);
      assert.equal(byDoctor.status, 200, JSON.stringify(byDoctor.body));
      assert.equal(byDoctor.body.medical_history, '기침 3주');
      const byNurse = await read('nurse', created.id);
      assert.equal(byNurse.status, 200, 'the PULMONOLOGY nurse is a department colleague');
      const byOther = await read('doctor.neuro', created.id);
      assert.equal(byOther.status, 404);
      assert.equal((await onlyAuditRow(byOther)).outcome, 'denied');
    });

    test('a front-desk registration has no care team yet: doctors cannot read it, front desk can', async () => {
      const created = await registered('frontdesk');
      assert.equal(await (await models()).CareTeamMember.count({ where: { patient_id: created.id } }), 0);
      const byDoctor = await read('doctor.pulmo', created.id);
      assert.equal(byDoctor.status, 404);
      assert.equal(byDoctor.body.error.type, 'NOT_FOUND');
      const row = await onlyAuditRow(byDoctor);
      assert.equal(row.outcome, 'denied');
      assert.equal(row.patient_id, created.id);
      const byFrontDesk = await read('frontdesk', created.id);
      assert.equal(byFrontDesk.status, 200);
      assertNoClinicalColumns(byFrontDesk.body);
      assertNoSealedColumns(byFrontDesk.body);
    });

    test('the age is computed from the birth date on every answer', async () => {
      const today = new Date();
      // Born 40 years ago tomorrow: still 39 today.
      const birthDate = iso(new Date(Date.UTC(today.getUTCFullYear() - 40, today.getUTCMonth(), today.getUTCDate() + 1)));
      const created = await registered('frontdesk', { birthDate, residentNumber: undefined });
      assert.equal(created.age, expectedAge(birthDate));
      // A stale stored age is not what is answered.
      await (await models()).Patient.update({ age: 1 }, { where: { id: created.id } });
      assert.equal((await read('frontdesk', created.id)).body.age, expectedAge(birthDate));
      const listed = (await search('frontdesk', created.patient_id)).body.items.find((p) => p.id === created.id);
      assert.equal(listed?.age, expectedAge(birthDate));
    });
  });

  describe('search', () => {
    let kimMinsu: PatientRow;
    let kimMinji: PatientRow;
    let leeMinsu: PatientRow;

    before(async () => {
      kimMinsu = await registered('frontdesk', { name: '김민수' });
      kimMinji = await registered('frontdesk', { name: '김민지' });
      leeMinsu = await registered('frontdesk', { name: '이민수' });
    });

    const idsOf = (res: HttpResult<PatientPage>) => {
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items.map((p) => p.id);
    };

    test('part of a name finds every patient whose name contains it', async () => {
      const res = await search('frontdesk', '민수');
      const ids = idsOf(res);
      assert.ok(ids.includes(kimMinsu.id) && ids.includes(leeMinsu.id), JSON.stringify(res.body.items));
      assert.ok(!ids.includes(kimMinji.id));
      for (const p of res.body.items) assert.ok(p.name.includes('민수'), p.name);
    });

    test('initial consonants find 김민수 but not 이민수 or 김민지', async () => {
      for (const q of ['ㄱㅁㅅ', 'ㄱ ㅁ ㅅ']) {
        const res = await search('frontdesk', q);
        const ids = idsOf(res);
        assert.ok(ids.includes(kimMinsu.id), `${q}: ${JSON.stringify(res.body.items)}`);
        assert.ok(!ids.includes(leeMinsu.id), q);
        assert.ok(!ids.includes(kimMinji.id), q);
        for (const p of res.body.items) assert.ok(toChosung(p.name).includes('ㄱㅁㅅ'), p.name);
      }
      const ids = idsOf(await search('frontdesk', 'ㅁㅅ'));
      assert.ok(ids.includes(kimMinsu.id) && ids.includes(leeMinsu.id) && !ids.includes(kimMinji.id));
    });

    test('a chart number finds exactly that patient', async () => {
      const res = await search('frontdesk', kimMinji.patient_id);
      assert.deepEqual(idsOf(res), [kimMinji.id]);
      assert.equal(res.body.total, 1);
      assert.equal(res.body.items[0].name, '김민지');
    });

    test('a birth date finds the patients born that day', async () => {
      const res = await search('frontdesk', leeMinsu.birth_date);
      assert.ok(idsOf(res).includes(leeMinsu.id));
      for (const p of res.body.items) assert.equal(p.birth_date, leeMinsu.birth_date);
    });

    test('a phone number finds its patient, with or without hyphens', async () => {
      const phone = String(kimMinsu.phone);
      const withHyphens = await search('frontdesk', phone);
      assert.ok(idsOf(withHyphens).includes(kimMinsu.id), `q=${phone}`);
      const lastDigits = phone.slice(-9); // e.g. 1234-5678
      assert.ok(idsOf(await search('frontdesk', lastDigits)).includes(kimMinsu.id), `q=${lastDigits}`);
      const digits = phone.replace(/-/g, '');
      const digitsOnly = await search('frontdesk', digits);
      assert.ok(idsOf(digitsOnly).includes(kimMinsu.id), `q=${digits} should find phone ${phone}: ${JSON.stringify(digitsOnly.body.items.map((p) => p.phone))}`);
    });

    test('front desk search answers carry no clinical or sealed columns', async () => {
      const res = await search('frontdesk', '민');
      assert.ok(res.body.items.length >= 3);
      for (const p of res.body.items) {
        assertNoClinicalColumns(p);
        assertNoSealedColumns(p);
      }
    });

    test('a doctor\'s search stays inside the row scope', async () => {
      const ids = idsOf(await search('doctor.pulmo', '민수'));
      assert.ok(!ids.includes(kimMinsu.id) && !ids.includes(leeMinsu.id), 'front-desk registrations have no care team yet');
    });

    test('a search is audited with its query', async () => {
      const res = await search('frontdesk', kimMinji.patient_id);
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'search');
      assert.equal(row.outcome, 'success');
      assert.equal(row.patient_id, kimMinji.id);
      assert.ok(row.description?.includes(`q=${kimMinji.patient_id}`), row.description ?? '');
    });
  });

  describe('search by department', () => {
    /** A Tuesday 10:00 KST some weeks ahead, inside the default clinic hours. */
    function tuesdayAt10(weeks: number): string {
      const start = new Date();
      start.setUTCDate(start.getUTCDate() + 7 * weeks);
      while (start.getUTCDay() !== 2) start.setUTCDate(start.getUTCDate() + 1);
      start.setUTCHours(1, 0, 0, 0);
      return start.toISOString();
    }
    const byDepartment = (as: Login, department: string, q = '과필터') =>
      t.http.get<PatientPage>(`/api/v1/patients?pageSize=100&q=${encodeURIComponent(q)}&department=${department}`, { token: tokens.get(as) });
    const ids = (res: HttpResult<PatientPage>) => {
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items.map((p) => p.id);
    };

    let neuroRegistered: PatientRow;
    let bookedWithNeuro: PatientRow;
    let pulmoAndNeuro: PatientRow;
    let noCareTeam: PatientRow;

    before(async () => {
      const neuroId = (await (await models()).AuthUser.findOne({ where: { username: 'doctor.neuro' }, rejectOnEmpty: true })).id;
      const book = async (patientId: number, weeks: number) => {
        const res = await t.http.post('/api/v1/appointments', { patientId, doctorId: neuroId, startTime: tuesdayAt10(weeks) }, { token: tokens.get('frontdesk') });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      };
      // Cared for by neurosurgery because a neurosurgeon registered them…
      neuroRegistered = await registered('doctor.neuro', { name: '과필터가' });
      // …because the front desk booked them with the neurosurgeon…
      bookedWithNeuro = await registered('frontdesk', { name: '과필터나' });
      await book(bookedWithNeuro.id, 40);
      // …or both: registered by the pulmonologist, then booked with the neurosurgeon.
      pulmoAndNeuro = await registered('doctor.pulmo', { name: '과필터다' });
      await book(pulmoAndNeuro.id, 41);
      noCareTeam = await registered('frontdesk', { name: '과필터라' });
    });

    test('patients with a care-team member of the department, whether from registration or a booking', async () => {
      const found = ids(await byDepartment('frontdesk', 'NEUROSURGERY'));
      assert.deepEqual([...found].sort((a, b) => a - b), [neuroRegistered.id, bookedWithNeuro.id, pulmoAndNeuro.id].sort((a, b) => a - b));
      assert.ok(!found.includes(noCareTeam.id), 'a registration without a care team belongs to no department');
      assert.deepEqual(ids(await byDepartment('frontdesk', 'PULMONOLOGY')), [pulmoAndNeuro.id]);
      assert.deepEqual(ids(await byDepartment('frontdesk', 'DERMATOLOGY')), []);
      // Without the filter the search finds all four.
      assert.equal(ids(await search('frontdesk', '과필터')).length, 4);
    });

    test('the department filter keeps the doctor\'s row scope', async () => {
      assert.deepEqual([...ids(await byDepartment('doctor.neuro', 'NEUROSURGERY'))].sort((a, b) => a - b),
        [neuroRegistered.id, bookedWithNeuro.id, pulmoAndNeuro.id].sort((a, b) => a - b));
      // The pulmonologist sees neurosurgery's patients only where they are also their own.
      assert.deepEqual(ids(await byDepartment('doctor.pulmo', 'NEUROSURGERY')), [pulmoAndNeuro.id]);
      assert.deepEqual(ids(await byDepartment('doctor.pulmo', 'PULMONOLOGY')), [pulmoAndNeuro.id]);
    });

    test('an inactive care-team membership no longer counts', async () => {
      const { CareTeamMember } = await models();
      await CareTeamMember.update({ active: false }, { where: { patient_id: neuroRegistered.id } });
      try {
        assert.ok(!ids(await byDepartment('frontdesk', 'NEUROSURGERY')).includes(neuroRegistered.id));
      } finally {
        await CareTeamMember.update({ active: true }, { where: { patient_id: neuroRegistered.id } });
      }
    });

    test('the seeded patients of a department, without a query, page like any list', async () => {
      const res = await t.http.get<PatientPage>('/api/v1/patients?department=DERMATOLOGY&pageSize=2', { token: tokens.get('frontdesk') });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.items.length, 2);
      assert.ok(res.body.total >= 6, `seed: every fifth patient is DERMATOLOGY's, got ${res.body.total}`);
      const { CareTeamMember } = await models();
      for (const p of res.body.items) {
        assert.ok(await CareTeamMember.findOne({ where: { patient_id: p.id, department: 'DERMATOLOGY', active: true } }), `${p.name} is cared for in DERMATOLOGY`);
      }
    });

    test('an unknown department is refused (400) and the search is audited with its department', async () => {
      const bad = await t.http.get('/api/v1/patients?department=CARDIOLOGY', { token: tokens.get('frontdesk') });
      assert.equal(bad.status, 400);
      const res = await byDepartment('frontdesk', 'PULMONOLOGY');
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'search');
      assert.ok(row.description?.includes('department=PULMONOLOGY'), row.description ?? '');
      assert.ok(row.description?.includes('q=과필터'), row.description ?? '');
    });
  });

  describe('update', () => {
    test('front desk changes the phone number (200)', async () => {
      const created = await registered('frontdesk');
      const phone = randomPhone();
      const res = await update('frontdesk', created.id, { phone });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.phone, phone);
      assert.equal(res.body.resident_number_masked, created.resident_number_masked);
      assertNoClinicalColumns(res.body);
      assertNoSealedColumns(res.body);
      assert.equal((await storedRow(created.id)).phone, phone);
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'update');
      assert.equal(row.outcome, 'success');
      assert.equal(row.patient_id, created.id);
    });

    test('front desk cannot change the medical history (403 FORBIDDEN_FIELDS, audited as denied)', async () => {
      const created = await registered('doctor.pulmo', { ...newPatient(), medicalHistory: '원래 병력' });
      const res = await update('frontdesk', created.id, { medicalHistory: '바뀐 병력', phone: randomPhone() });
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'FORBIDDEN_FIELDS');
      assert.deepEqual(res.body.error.details.fields, ['medicalHistory']);
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'update');
      assert.equal(row.outcome, 'denied');
      assert.equal(row.patient_id, created.id);
      assert.equal(row.user_id, String(userIds.get('frontdesk')));
      const stored = await storedRow(created.id);
      assert.equal(stored.medical_history, '원래 병력');
      assert.equal(stored.phone, created.phone, 'nothing of a refused update is written');
    });

    test('a nurse records allergies of a patient of the department (200) but cannot rename them (403)', async () => {
      const allergies = [{ substance: '조영제', reaction: '호흡곤란', severity: 'severe' }];
      const res = await update('nurse', PULMONOLOGY_PATIENT, { allergies });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.allergies, allergies);
      assert.deepEqual((await read('nurse', PULMONOLOGY_PATIENT)).body.allergies, allergies);

      const before = await storedRow(PULMONOLOGY_PATIENT);
      const rename = await update('nurse', PULMONOLOGY_PATIENT, { name: '개명환자' });
      assert.equal(rename.status, 403);
      assert.equal(rename.body.error.type, 'FORBIDDEN_FIELDS');
      assert.equal((await onlyAuditRow(rename)).outcome, 'denied');
      assert.equal((await storedRow(PULMONOLOGY_PATIENT)).name, before.name);
    });

    test('a nurse cannot update a patient of another department (404, audited as denied)', async () => {
      const before = await storedRow(NEUROSURGERY_PATIENT);
      const res = await update('nurse', NEUROSURGERY_PATIENT, { emergencyContact: '보호자 010-9999-9999' });
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'NOT_FOUND');
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'update');
      assert.equal(row.outcome, 'denied');
      assert.equal(row.patient_id, NEUROSURGERY_PATIENT);
      assert.equal((await storedRow(NEUROSURGERY_PATIENT)).emergency_contact, before.emergency_contact);
    });

    test('a doctor updates the medical history of a patient of the department; the audit row names the field', async () => {
      const res = await update('doctor.pulmo', PULMONOLOGY_PATIENT, { medicalHistory: '천식, 흡입기 사용 중' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.medical_history, '천식, 흡입기 사용 중');
      assertNoSealedColumns(res.body);
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'update');
      assert.equal(row.outcome, 'success');
      assert.equal(row.patient_id, PULMONOLOGY_PATIENT);
      assert.equal(row.resource_id, String(PULMONOLOGY_PATIENT));
      assert.ok(row.description?.includes('medical_history'), row.description ?? '');
    });

    test('a new RRN already used by another patient is a duplicate (409) and nothing changes', async () => {
      const taken = newPatient();
      const other = await registered('frontdesk', taken);
      const created = await registered('frontdesk', { birthDate: taken.birthDate, gender: taken.gender });
      const before = await storedRow(created.id);
      const res = await update('frontdesk', created.id, { residentNumber: String(taken.residentNumber).replace('-', '') });
      assert.equal(res.status, 409, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'DUPLICATE_PATIENT');
      assert.equal(res.body.error.details.patientNumber, other.patient_id);
      assert.equal((await storedRow(created.id)).resident_number_hash, before.resident_number_hash);
    });

    test('a patient keeps their own RRN when it is sent again', async () => {
      const body = newPatient();
      const created = await registered('frontdesk', body);
      const res = await update('frontdesk', created.id, { residentNumber: body.residentNumber, phone: randomPhone() });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.resident_number_masked, created.resident_number_masked);
    });

    test('a birth date and RRN corrected together are stored and the age follows', async () => {
      const created = await registered('frontdesk', { birthDate: '1980-05-05', gender: 'F', residentNumber: rrnFor('1980-05-05', 'F') });
      const residentNumber = rrnFor('1981-06-06', 'F');
      const res = await update('frontdesk', created.id, { birthDate: '1981-06-06', residentNumber });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.birth_date, '1981-06-06');
      assert.equal(res.body.age, expectedAge('1981-06-06'));
      assert.equal(res.body.resident_number_masked, maskedOf(residentNumber));
      const stored = await storedRow(created.id);
      assert.equal(stored.age, expectedAge('1981-06-06'));
      assert.equal(t.node.runtime.fieldCipher().decrypt(String(stored.resident_number_enc)), residentNumber);
    });

    test('a new RRN that does not match the stored birth date is refused (400)', async () => {
      const created = await registered('frontdesk', { birthDate: '1970-03-03', gender: 'M', residentNumber: rrnFor('1970-03-03', 'M') });
      const before = await storedRow(created.id);
      const res = await update('frontdesk', created.id, { residentNumber: rrnFor('1971-04-04', 'M') });
      assert.equal(res.status, 400, `an RRN born 1971-04-04 on a chart born 1970-03-03: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal((await storedRow(created.id)).resident_number_hash, before.resident_number_hash);
    });

    test('renaming a patient keeps the 초성 search in step', async () => {
      const created = await registered('frontdesk', { name: '최초명' });
      const res = await update('frontdesk', created.id, { name: '한바뀜' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((await storedRow(created.id)).name_chosung, 'ㅎㅂㄲ');
      const ids = (await search('frontdesk', 'ㅎㅂㄲ')).body.items.map((p) => p.id);
      assert.ok(ids.includes(created.id));
    });

    test('an empty update is refused (400)', async () => {
      const res = await update('frontdesk', PULMONOLOGY_PATIENT, {});
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.type, 'VALIDATION_ERROR');
    });

    test('invalid values and unknown fields are refused (400)', async () => {
      for (const body of [{ birthDate: '2023-02-30' }, { phone: 'call me' }, { gender: 'X' }, { allergies: [{ substance: '땅콩', severity: 'deadly' }] }, { chosung: 'ㄱ' }]) {
        const res = await update('doctor.pulmo', PULMONOLOGY_PATIENT, body);
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
      }
    });

    test('radiographers cannot update patients (403)', async () => {
      const res = await update('radtech', PULMONOLOGY_PATIENT, { phone: randomPhone() });
      assert.equal(res.status, 403, JSON.stringify(res.body));
    });
  });

  describe('field limits at registration', () => {
    test('front desk cannot register clinical fields it may neither read nor edit (403, audited, nothing stored)', async () => {
      for (const clinical of [{ medicalHistory: '고혈압' }, { allergies: [{ substance: '페니실린' }] }, { bloodType: 'A+' }]) {
        const res = await assertRefused(newPatient(clinical), 403, 'FORBIDDEN_FIELDS');
        const { models } = await t.node.runtime.database();
        const row = await models.ActivityLog.findOne({ where: { request_id: res.requestId } });
        assert.equal(row?.outcome, 'denied');
        assert.equal(row?.action_type, 'create');
      }
    });
  });

  describe('soft delete', () => {
    test('front desk deletes a registration: later reads are 404 and the row stays with deleted_at', async () => {
      const created = await registered('frontdesk');
      const res = await remove('frontdesk', created.id);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, { id: created.id, deleted: true });
      const row = await onlyAuditRow(res);
      assert.equal(row.action_type, 'delete');
      assert.equal(row.outcome, 'success');
      assert.equal(row.patient_id, created.id);

      const again = await read('frontdesk', created.id);
      assert.equal(again.status, 404);
      assert.equal(again.body.error.type, 'NOT_FOUND');
      assert.ok(!(await search('frontdesk', created.patient_id)).body.items.some((p) => p.id === created.id));
      assert.equal((await update('frontdesk', created.id, { phone: randomPhone() })).status, 404);
      assert.equal((await remove('frontdesk', created.id)).status, 404);

      assert.equal(await (await models()).Patient.findByPk(created.id), null);
      const stored = await storedRow(created.id);
      assert.ok(stored.deleted_at instanceof Date || typeof stored.deleted_at === 'string', `deleted_at: ${String(stored.deleted_at)}`);
      assert.equal(stored.patient_id, created.patient_id);
      assert.equal(stored.name, created.name);
    });

    test('a doctor cannot delete a registration (403) and the patient stays readable', async () => {
      const created = await registered('doctor.pulmo');
      const res = await remove('doctor.pulmo', created.id);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal((await storedRow(created.id)).deleted_at, null);
      assert.equal((await read('doctor.pulmo', created.id)).status, 200);
    });

    test('a nurse cannot delete a registration (403)', async () => {
      const res = await remove('nurse', PULMONOLOGY_PATIENT);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.equal((await storedRow(PULMONOLOGY_PATIENT)).deleted_at, null);
    });
  });

  describe('front desk column scope', () => {
    test('front desk answers never contain medical history or allergies', async () => {
      const created = await registered('doctor.pulmo', { ...newPatient(), medicalHistory: '비밀 병력', allergies: [{ substance: '아스피린' }] });
      const answers = [
        (await register('frontdesk', newPatient({ medicalHistory: undefined }))).body,
        (await read('frontdesk', created.id)).body,
        (await read('frontdesk', PULMONOLOGY_PATIENT)).body,
        (await update('frontdesk', created.id, { address: '부산광역시 해운대구 (가상 주소)' })).body,
        ...(await search('frontdesk', created.patient_id)).body.items,
        ...(await t.http.get<PatientPage>('/api/v1/patients?pageSize=100', { token: tokens.get('frontdesk') })).body.items,
      ];
      for (const answer of answers) {
        assert.ok(answer && typeof answer === 'object' && 'id' in answer, JSON.stringify(answer));
        assertNoClinicalColumns(answer);
        assertNoSealedColumns(answer);
        assert.ok(!JSON.stringify(answer).includes('비밀 병력'));
      }
    });
  });

  // Last in the file: when it fails, requests may still be running behind it.
  describe('concurrency', () => {
    test('ten parallel registrations all succeed with distinct chart numbers', async () => {
      const before = await storedPatients();
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 10 }, () => register('frontdesk', newPatient())));
      const elapsed = Date.now() - started;
      assert.deepEqual(answers.map((a) => a.status), Array(10).fill(200), JSON.stringify(answers.filter((a) => a.status !== 200).map((a) => a.body)));
      const serials = answers.map((a) => Number(String(a.body.patient_id).slice(5))).sort((a, b) => a - b);
      assert.equal(new Set(serials).size, 10);
      assert.equal(await storedPatients(), before + 10);
      assert.ok(elapsed < 5_000, `10 parallel registrations took ${elapsed} ms`);
    });
  });
});
