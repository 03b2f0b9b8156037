import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { plcom2012Risk } from '../../lib/rules/plcom2012.js';
import { ageOn } from '../../services/emr/patient-numbers.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';

/** Patients 1 and 6 are PULMONOLOGY (in doctor.pulmo's and the nurse's scope); 2 is NEUROSURGERY. */
const PULMO_PATIENT = 1;
const OTHER_PULMO_PATIENT = 6;
const OUT_OF_SCOPE_PATIENT = 2;

const HEAVY_SMOKER = {
  age: 68, educationLevel: 2, heightCm: 170, weightKg: 60, copd: true, familyLungCancerHistory: true,
  smokingStatus: 'CURRENT', cigarettesPerDay: 30, smokingDurationYears: 45,
} as const;

describe('lung cancer screening (PLCOm2012)', () => {
  let t: TestNode;
  let doctor: string;
  let nurse: string;
  let neuro: string;
  let frontDesk: string;
  before(async () => {
    t = await startTestNode();
    doctor = (await t.http.loginStaff('doctor.pulmo', TEST_PASSWORD)).accessToken;
    nurse = (await t.http.loginStaff('nurse', TEST_PASSWORD)).accessToken;
    neuro = (await t.http.loginStaff('doctor.neuro', TEST_PASSWORD)).accessToken;
    frontDesk = (await t.http.loginStaff('frontdesk', TEST_PASSWORD)).accessToken;
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  const rowCounts = async () => {
    const m = await models();
    return [await m.LungRecord.count(), await m.LungResult.count()];
  };
  async function auditRows(requestId: string): Promise<ActivityLogAttributes[]> {
    await t.node.broker.call('audit.flush');
    const rows = await (await models()).ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] });
    return rows.map((row) => row.get({ plain: true }));
  }

  test('a doctor screens a heavy current smoker: HIGH_RISK, LDCT advised, the stored risk is the model\'s', async () => {
    const res = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, HEAVY_SMOKER, { token: doctor });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { record, result, action } = res.body;
    assert.equal(result.prediction, 'HIGH_RISK');
    assert.equal(action, 'LDCT');
    assert.equal(result.model_version, 'PLCOm2012');
    assert.match(result.recommendation, /저선량 흉부 CT\(LDCT\) 폐암 검진을 권고합니다/);
    assert.equal(record.race_ethnicity, 'ASIAN', 'Korean patients default to Asian');
    assert.equal(record.bmi, 20.8); // 60 kg / 1.70² = 20.76

    const expected = plcom2012Risk({
      age: 68, educationLevel: 2, bmi: 20.8, copd: true, personalCancerHistory: false, familyLungCancerHistory: true,
      raceEthnicity: 'ASIAN', smokingStatus: 'CURRENT', cigarettesPerDay: 30, smokingDurationYears: 45,
    });
    assert.equal(expected.kind, 'risk');
    const risk = (expected as { risk: number }).risk;
    assert.ok(risk >= 0.0151);
    // Read back from the database: MariaDB's FLOAT keeps about seven significant digits.
    const stored = await (await models()).LungResult.findOne({ where: { lung_record_id: record.id } });
    assert.ok(stored, 'the result is stored with the record');
    assert.ok(Math.abs(stored!.risk_score! - risk) < 1e-6, `${stored!.risk_score} vs ${risk}`);
    assert.equal(stored!.prediction, 'HIGH_RISK');
    const rows = await auditRows(res.requestId);
    assert.ok(rows.some((row) => row.action_type === 'create' && row.resource_type === 'LungRecord' && row.outcome === 'success' && row.patient_id === PULMO_PATIENT));
  });

  test('age defaults to the patient\'s age from the birth date', async () => {
    await (await models()).Patient.update({ birth_date: '1956-04-10' }, { where: { id: OTHER_PULMO_PATIENT } });
    const { age: _age, ...withoutAge } = HEAVY_SMOKER;
    const res = await t.http.post(`/api/v1/patients/${OTHER_PULMO_PATIENT}/lung-screenings`, withoutAge, { token: doctor });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.record.age, ageOn('1956-04-10'));
  });

  test('a nurse screens a never-smoker: NOT_APPLICABLE, no risk, and the text says the model does not apply', async () => {
    const res = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, { age: 60, smokingStatus: 'NEVER' }, { token: nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.result.prediction, 'NOT_APPLICABLE');
    assert.equal(res.body.result.risk_score, null);
    assert.equal(res.body.action, 'NO_LDCT');
    assert.match(res.body.result.recommendation, /비흡연자에게는 적용되지 않아/);
    assert.equal(res.body.record.cigarettes_per_day, null);
  });

  test('symptoms call for a pulmonologist\'s evaluation rather than screening', async () => {
    const res = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, {
      age: 59, educationLevel: 5, bmi: 24, smokingStatus: 'FORMER', cigarettesPerDay: 10, smokingDurationYears: 20, yearsSinceQuitting: 15,
      hemoptysis: true, weightLoss: true,
    }, { token: nurse });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.action, 'PULMONOLOGY_EVALUATION');
    assert.equal(res.body.record.hemoptysis, true);
    assert.equal(res.body.record.weight_loss, true);
    assert.equal(res.body.record.cough, false);
    assert.match(res.body.result.recommendation, /검진이 아닌 호흡기내과 전문의의 진단적 평가를 권고합니다/);
    const read = await t.http.get(`/api/v1/lung-screenings/${res.body.record.id}`, { token: doctor });
    assert.equal(read.status, 200);
    assert.equal(read.body.action, 'PULMONOLOGY_EVALUATION', 'the next step is derived again from the stored answers');
  });

  test('impossible answers are 400 naming the field, and nothing is stored', async () => {
    const before = await rowCounts();
    const base = { age: 65, educationLevel: 3, bmi: 25, smokingStatus: 'FORMER', cigarettesPerDay: 20, smokingDurationYears: 30, yearsSinceQuitting: 5 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, age: 30 }, 'age'],
      [{ ...base, age: 101 }, 'age'],
      [{ ...base, bmi: 80 }, 'bmi'],
      [{ ...base, educationLevel: 7 }, 'educationLevel'],
      [{ ...base, cigarettesPerDay: 0 }, 'cigarettesPerDay'],
      [{ ...base, cigarettesPerDay: 250 }, 'cigarettesPerDay'],
      [{ ...base, smokingDurationYears: 70 }, 'smokingDurationYears'],
      [{ ...base, yearsSinceQuitting: 66 }, 'yearsSinceQuitting'],
      [{ ...base, smokingDurationYears: 50, yearsSinceQuitting: 20 }, 'yearsSinceQuitting'],
      [{ ...base, smokingStatus: 'CURRENT', yearsSinceQuitting: 5 }, 'yearsSinceQuitting'],
      [{ ...base, yearsSinceQuitting: undefined }, 'yearsSinceQuitting'],
      [{ age: 60, smokingStatus: 'NEVER', cigarettesPerDay: 10 }, 'smokingStatus'],
      [{ ...base, bmi: undefined, heightCm: 170 }, 'weightKg'],
      [{ ...base, heightCm: 170, weightKg: 70 }, 'bmi'],
      [{ ...base, bmi: undefined, heightCm: 170, weightKg: 5 }, 'bmi'],
      [{ ...base, smokingStatus: undefined }, 'smokingStatus'],
      [{ ...base, raceEthnicity: 'KOREAN' }, 'raceEthnicity'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, body, { token: doctor });
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
      const fields = (res.body.error.details as { field: string }[]).map((d) => d.field);
      assert.ok(fields.includes(field), `${JSON.stringify(body)}: expected ${field} in ${fields}`);
      assert.match(res.body.error.message, /[가-힣].*\(.+\)/, 'Korean first, English in parentheses');
    }
    assert.deepEqual(await rowCounts(), before);
  });

  test('screenings are listed newest first with their results; one screening is read (audited)', async () => {
    const first = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, { age: 70, smokingStatus: 'NEVER' }, { token: nurse });
    const second = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, HEAVY_SMOKER, { token: nurse });
    assert.equal(second.status, 200);
    const list = await t.http.get(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings?pageSize=2`, { token: doctor });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.ok(list.body.total >= 5);
    assert.deepEqual(list.body.items.map((i: { record: { id: number } }) => i.record.id), [second.body.record.id, first.body.record.id]);
    assert.equal(list.body.items[0].result.prediction, 'HIGH_RISK');
    assert.equal(list.body.items[0].action, 'LDCT');
    assert.ok(list.body.items.every((i: { record: { patient_fk_id: number } }) => i.record.patient_fk_id === PULMO_PATIENT));

    const one = await t.http.get(`/api/v1/lung-screenings/${first.body.record.id}`, { token: nurse });
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.result, first.body.result);
    const rows = await auditRows(one.requestId);
    assert.ok(rows.some((row) => row.action_type === 'read' && row.resource_type === 'LungRecord' && row.resource_id === String(first.body.record.id) && row.outcome === 'success'));
  });

  test('the front desk is refused (403, audited as denied), and nothing is stored', async () => {
    const before = await rowCounts();
    const res = await t.http.post(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, HEAVY_SMOKER, { token: frontDesk });
    assert.equal(res.status, 403);
    const rows = await auditRows(res.requestId);
    assert.equal(rows.filter((row) => row.outcome === 'denied').length, 1, JSON.stringify(rows));
    assert.equal(rows[0].role, 'front_desk');
    assert.deepEqual(await rowCounts(), before);
    assert.equal((await t.http.get(`/api/v1/patients/${PULMO_PATIENT}/lung-screenings`, { token: frontDesk })).status, 403);
  });

  test('a patient outside the scope is 404 (audited), for writing, listing and reading by id', async () => {
    const before = await rowCounts();
    const res = await t.http.post(`/api/v1/patients/${OUT_OF_SCOPE_PATIENT}/lung-screenings`, HEAVY_SMOKER, { token: doctor });
    assert.equal(res.status, 404, JSON.stringify(res.body));
    const rows = await auditRows(res.requestId);
    assert.ok(rows.some((row) => row.outcome === 'denied' && row.patient_id === OUT_OF_SCOPE_PATIENT), JSON.stringify(rows));
    assert.deepEqual(await rowCounts(), before);

    assert.equal((await t.http.get(`/api/v1/patients/${OUT_OF_SCOPE_PATIENT}/lung-screenings`, { token: nurse })).status, 404);

    const theirs = await t.http.post(`/api/v1/patients/${OUT_OF_SCOPE_PATIENT}/lung-screenings`, HEAVY_SMOKER, { token: neuro });
    assert.equal(theirs.status, 200, 'the neurosurgeon may screen their own patient');
    const peek = await t.http.get(`/api/v1/lung-screenings/${theirs.body.record.id}`, { token: doctor });
    assert.equal(peek.status, 404);
    const peekRows = await auditRows(peek.requestId);
    assert.ok(peekRows.some((row) => row.outcome === 'denied' && row.resource_type === 'LungRecord' && row.patient_id === OUT_OF_SCOPE_PATIENT), JSON.stringify(peekRows));
  });
});
