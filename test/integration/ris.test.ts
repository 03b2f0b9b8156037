import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import dcmjs from 'dcmjs';
import type { Service } from 'moleculer';
import { ACCESSION_PATTERN } from '../../lib/rules/ris-accession.js';
import { isDicomUid } from '../../lib/dicom/uid.js';
import type { SessionUser } from '../../services/context.js';
import type { ImagingStatusChanged } from '../../services/ris/ris.service.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;

/** Today's KST date and a KST wall-clock instant on a date (`YYYY-MM-DD`, `HH:mm`). */
const kstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const kstAt = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`).toISOString();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let slots = 0;
/** A fresh hour-long slot from tomorrow on (KST), so bookings of different tests never overlap. */
function nextSlot(): string {
  const hour = slots++;
  return kstAt(addDays(kstToday(), 1 + Math.floor(hour / 24)), `${String(hour % 24).padStart(2, '0')}:00`);
}

/**
 * The imaging loop up to acquisition: a doctor's imaging order → the radiographer's requests →
 * a booking with accession number, Study UID and worklist file → the JSON worklist → 촬영중 →
 * 촬영완료 (image row, 판독대기, order ACQUIRED) — plus the reading steps the reports actor drives,
 * rescheduling, cancellation, bad input and permissions. Patients 1, 6, 11, 16 are PULMONOLOGY
 * (doctor.pulmo's scope); patient 2 is NEUROSURGERY.
 */
describe('RIS: scheduling, the modality worklist and acquisition', () => {
  let t: TestNode;
  const tokens: Record<string, string> = {};
  const events: ImagingStatusChanged[] = [];
  let worklistDir: string;

  before(async () => {
    t = await startTestNode();
    worklistDir = t.config.worklistDir;
    for (const login of ['doctor.pulmo', 'doctor.neuro', 'nurse', 'frontdesk', 'radtech', 'radiologist']) {
      tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
    }
    // A real listener on the node's broker records what RIS announces.
    await t.node.broker.createService({ name: 'ris-test-listener', events: { 'imaging.statusChanged'(this: Service, ctx: { params: ImagingStatusChanged }) { events.push(ctx.params); } } });
  });
  after(() => t.stop());

  const models = async () => (await t.node.runtime.database()).models;
  const as = (login: string) => ({ token: tokens[login] });
  const orderImaging = async (code: string, patientId = 1, extra: Record<string, unknown> = {}) => {
    const res = await t.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId, items: [{ code }], ...extra }, as('doctor.pulmo'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: number; order_number: string; status: string };
  };
  const schedule = (body: Record<string, unknown>) => t.http.post('/api/v1/ris/schedules', body, as('radtech'));
  const step = (id: number, name: 'start' | 'complete', body: Record<string, unknown> = {}) => t.http.post(`/api/v1/ris/schedules/${id}/${name}`, body, as('radtech'));
  const orderOf = async (id: number) => (await t.http.get(`/api/v1/ocs/orders/${id}`, as('doctor.pulmo'))).body;
  const wlFile = (accession: string) => path.join(worklistDir, `${accession}.wl`);
  const readItem = (accession: string) => DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(new Uint8Array(readFileSync(wlFile(accession))).buffer).dict);
  const stored = async () => ({ schedules: await (await models()).RisSchedule.count(), files: readdirSync(worklistDir).length });
  /** The session a gateway would put into ctx.meta for this login (the token's own claims). */
  const sessionOf = (login: string): SessionUser => {
    const claims = JSON.parse(Buffer.from(tokens[login].split('.')[1], 'base64url').toString()) as SessionUser & { sub: string };
    return { ...claims, id: Number(claims.sub) };
  };
  const callAs = <T>(login: string, action: string, params: object) => t.node.broker.call<T, object>(action, params, { meta: { user: sessionOf(login) } });
  async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await probe();
      if (done(value)) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  test('the routes are published with their permissions; the reports actor\'s actions are internal', async () => {
    const spec = await t.http.get('/api/v1/openapi.json');
    const op = (p: string, method: string) => spec.body.paths[p]?.[method] as { operationId: string; 'x-permission': string } | undefined;
    assert.equal(op('/api/v1/ris/schedules', 'post')?.['x-permission'], 'ris.schedule');
    assert.equal(op('/api/v1/ris/schedules/{id}/complete', 'post')?.operationId, 'ris.complete');
    assert.equal(op('/api/v1/ris/worklist', 'get')?.['x-permission'], 'ris.read');
    assert.equal(op('/api/v1/radiology-tech/schedules', 'get')?.operationId, 'radiographer.schedules');
    assert.equal(op('/api/v1/radiology-tech/dashboard', 'get')?.['x-permission'], 'dashboard.radiographer');
    const published = JSON.stringify(spec.body.paths);
    for (const internal of ['ris.get"', 'ris.forOrder', 'ris.readingStarted', 'ris.reported']) assert.ok(!published.includes(internal), internal);
  });

  test('imaging loop: order → requests → booking with worklist file → JSON worklist → 촬영중 → 촬영완료', async () => {
    const { models: m } = await t.node.runtime.database();
    const patient = (await m.Patient.findByPk(1))!;
    const order = await orderImaging('CT-CHEST-C', 1, { priority: 'URGENT', notes: '조영제 알레르기 없음' });

    const requests = await t.http.get('/api/v1/ris/requests', as('radtech'));
    assert.equal(requests.status, 200, JSON.stringify(requests.body));
    const request = requests.body.items.find((o: { id: number }) => o.id === order.id);
    assert.ok(request, 'the order waits to be scheduled');
    assert.equal(request.procedure.modality, 'CT');
    assert.deepEqual(request.procedure.rooms, ['CT1', 'CT2']);
    assert.deepEqual([request.patient.patient_id, request.patient.name], [patient.patient_id, patient.name]);

    const at = kstAt(kstToday(), '23:00');
    const booked = await schedule({ orderId: order.id, room: 'CT1', scheduledAt: at });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const entry = booked.body;
    assert.match(entry.accession_number, ACCESSION_PATTERN);
    assert.ok(entry.accession_number.startsWith(`A${kstToday().replaceAll('-', '')}`));
    assert.ok(isDicomUid(entry.study_instance_uid) && entry.study_instance_uid.startsWith('2.25.'));
    assert.deepEqual([entry.status, entry.status_label, entry.room, entry.station_ae_title, entry.modality, entry.priority], ['WAITING', '촬영대기', 'CT1', 'CT1', 'CT', 'URGENT']);
    assert.equal(new Date(entry.scheduled_end_at).getTime() - new Date(entry.scheduled_at).getTime(), 20 * 60_000);
    assert.equal(entry.radiographer_id, sessionOf('radtech').id, 'the booking radiographer by default');

    const item = readItem(entry.accession_number);
    assert.equal(item.SpecificCharacterSet, 'ISO_IR 192');
    assert.deepEqual(item.PatientName, [{ Alphabetic: patient.name }]);
    assert.equal(item.PatientID, patient.patient_id);
    assert.equal(item.PatientBirthDate, patient.birth_date.replaceAll('-', ''));
    assert.equal(item.AccessionNumber, entry.accession_number);
    assert.equal(item.StudyInstanceUID, entry.study_instance_uid);
    assert.equal(item.PlacerOrderNumberImagingServiceRequest, order.order_number);
    assert.equal(item.RequestedProcedurePriority, 'HIGH');
    assert.deepEqual(item.ReferringPhysicianName, [{ Alphabetic: '김^호흡' }]);
    const [sps] = item.ScheduledProcedureStepSequence as Record<string, string>[];
    assert.deepEqual([sps.Modality, sps.ScheduledStationAETitle, sps.ScheduledProcedureStepStartDate, sps.ScheduledProcedureStepStartTime],
      ['CT', 'CT1', kstToday().replaceAll('-', ''), '230000']);

    let seen = await orderOf(order.id);
    assert.equal(seen.status, 'SCHEDULED');
    assert.ok(!(await t.http.get('/api/v1/ris/requests', as('radtech'))).body.items.some((o: { id: number }) => o.id === order.id), 'no longer waiting');

    const json = await t.http.get(`/api/v1/ris/worklist?modality=CT&date=${kstToday()}`, as('radtech'));
    assert.equal(json.status, 200, JSON.stringify(json.body));
    const listed = json.body.items.find((i: { scheduleId: number }) => i.scheduleId === entry.id);
    assert.equal(listed.attributes.PatientID, patient.patient_id);
    assert.equal(listed.attributes.PatientName, patient.name);
    assert.equal(listed.attributes.AccessionNumber, entry.accession_number);
    assert.equal(listed.attributes.StudyInstanceUID, entry.study_instance_uid);
    assert.equal(listed.attributes.ScheduledProcedureStepSequence[0].ScheduledStationAETitle, 'CT1');
    const otherStation = await t.http.get('/api/v1/ris/worklist?stationAe=CT2', as('radtech'));
    assert.ok(!otherStation.body.items.some((i: { scheduleId: number }) => i.scheduleId === entry.id), 'CT2\'s modality does not see CT1\'s entry');

    const rooms = await t.http.get(`/api/v1/ris/rooms?date=${kstToday()}`, as('radtech'));
    assert.deepEqual(rooms.body.find((r: { code: string }) => r.code === 'CT1').booked.map((b: { scheduleId: number }) => b.scheduleId), [entry.id]);

    assert.equal((await step(entry.id, 'complete')).status, 409, 'not started yet');
    const started = await step(entry.id, 'start');
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.status, 'IN_PROGRESS');
    assert.ok(started.body.started_at);
    assert.equal((await orderOf(order.id)).status, 'IN_PROGRESS');
    assert.equal((readItem(entry.accession_number).ScheduledProcedureStepSequence as Record<string, string>[])[0].ScheduledProcedureStepStatus, 'STARTED');

    const done = await step(entry.id, 'complete', { seriesCount: 3, notes: '조영 후기상 포함' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.status, done.body.series_count], ['AWAITING_READ', 3]);
    assert.ok(done.body.acquired_at && done.body.awaiting_read_at);
    assert.equal(existsSync(wlFile(entry.accession_number)), false, 'performed: off the worklist');
    const image = (await m.MedicalImage.findByPk(done.body.medical_image_id))!;
    const doctorProfile = (await m.Doctor.findOne({ where: { user_id: sessionOf('doctor.pulmo').id } }))!;
    const techProfile = (await m.RadiologyTechnician.findOne({ where: { user_id: sessionOf('radtech').id } }))!;
    assert.deepEqual(
      [image.patient_id, image.image_type, image.status, image.study_instance_uid, image.body_part, image.requested_by_id, image.taken_by_id, image.department],
      [patient.patient_id, 'CT', 'AWAITING_READ', entry.study_instance_uid, 'CHEST', doctorProfile.id, techProfile.id, 'PULMONOLOGY'],
    );
    seen = await orderOf(order.id);
    assert.equal(seen.status, 'ACQUIRED');
    assert.deepEqual(seen.events.map((e: { to_status: string }) => e.to_status), ['PENDING', 'SCHEDULED', 'IN_PROGRESS', 'ACQUIRED']);
    assert.ok(seen.events.slice(1).every((e: { actor_role: string }) => e.actor_role === 'radiology_technician'));
    const again = await step(entry.id, 'complete');
    assert.equal(again.status, 409, 'completed twice');
    assert.equal(again.body.error.type, 'ILLEGAL_TRANSITION');

    const inbox = await t.http.get('/api/v1/notifications', as('doctor.pulmo'));
    assert.equal(inbox.body.items.filter((n: { related_resource_id: string }) => n.related_resource_id === String(order.id)).length, 3, 'scheduled, started, acquired');
    const moves = events.filter((e) => e.schedule.id === entry.id).map((e) => `${e.from}→${e.to}`);
    assert.deepEqual(moves, ['null→WAITING', 'WAITING→IN_PROGRESS', 'IN_PROGRESS→ACQUIRED', 'ACQUIRED→AWAITING_READ']);

    // The reading steps, as the radiology reports actor drives them with the radiologist's session.
    const forOrder = await callAs<{ id: number }>('radiologist', 'ris.forOrder', { orderId: order.id });
    assert.equal(forOrder.id, entry.id);
    const reading = await callAs<{ status: string }>('radiologist', 'ris.readingStarted', { id: entry.id });
    assert.equal(reading.status, 'READING');
    assert.equal((await callAs<{ status: string }>('radiologist', 'ris.readingStarted', { id: entry.id })).status, 'READING', 'idempotent');
    assert.equal((await m.MedicalImage.findByPk(image.id))!.status, 'READING');
    const conclusion = `우하엽 8mm 결절, 3개월 추적 CT 권고. ${'추가 소견 '.repeat(80)}`;
    const read = await callAs<{ status: string; read_at: string }>('radiologist', 'ris.reported', { id: entry.id, conclusion });
    assert.equal(read.status, 'READ');
    assert.equal((await m.MedicalImage.findByPk(image.id))!.status, 'READ');
    seen = await orderOf(order.id);
    assert.equal(seen.status, 'REPORTED');
    assert.ok(seen.result_summary.startsWith('우하엽 8mm 결절') && seen.result_summary.length <= 500);
    assert.equal((await callAs<{ status: string }>('radiologist', 'ris.reported', { id: entry.id, conclusion: '다시' })).status, 'READ', 'a second report leaves the order as it is');
    assert.equal((await orderOf(order.id)).events.length, 5);
    assert.equal((await callAs<{ id: number }>('radiologist', 'ris.get', { id: entry.id })).id, entry.id);
    await assert.rejects(callAs('doctor.neuro', 'ris.get', { id: entry.id }), { code: 404 }, 'outside doctor.neuro\'s scope');
    assert.equal(await callAs('radiologist', 'ris.forOrder', { orderId: 999_999 }), null);
  });

  test('bad input is refused with a clear 4xx and nothing is stored', async () => {
    const ct = await orderImaging('CT-BRAIN', 6);
    const before = await stored();
    const refuse = async (body: Record<string, unknown>, status: number, type: string) => {
      const res = await schedule(body);
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.type, type, JSON.stringify(res.body));
      return res;
    };
    const unknownRoom = await refuse({ orderId: ct.id, room: 'OR9', scheduledAt: nextSlot() }, 400, 'VALIDATION_ERROR');
    assert.match(unknownRoom.body.error.message, /알 수 없는 촬영실/);
    const wrongRoom = await refuse({ orderId: ct.id, room: 'MR1', scheduledAt: nextSlot() }, 400, 'VALIDATION_ERROR');
    assert.match(wrongRoom.body.error.message, /CT1, CT2/);
    await refuse({ orderId: ct.id, room: 'CT1', scheduledAt: kstAt(addDays(kstToday(), -1), '10:00') }, 400, 'VALIDATION_ERROR');
    await refuse({ orderId: ct.id, room: 'CT1', scheduledAt: 'tomorrow' }, 400, 'VALIDATION_ERROR');
    await refuse({ orderId: ct.id, room: 'CT1', scheduledAt: nextSlot(), radiographerId: sessionOf('nurse').id }, 400, 'VALIDATION_ERROR');
    await refuse({ orderId: ct.id, room: 'CT1', scheduledAt: nextSlot(), extra: 1 }, 400, 'VALIDATION_ERROR');
    await refuse({ orderId: 999_999, room: 'CT1', scheduledAt: nextSlot() }, 404, 'NOT_FOUND');

    const lab = await t.http.post('/api/v1/ocs/orders', { orderType: 'LAB', patientId: 6, items: [{ code: 'CBC' }] }, as('doctor.pulmo'));
    assert.equal(lab.status, 200, JSON.stringify(lab.body));
    await refuse({ orderId: lab.body.id, room: 'CT1', scheduledAt: nextSlot() }, 409, 'NOT_IMAGING_ORDER');
    const cancelled = await orderImaging('CT-CHEST', 6);
    assert.equal((await t.http.post(`/api/v1/ocs/orders/${cancelled.id}/cancel`, { reason: '중복 처방' }, as('doctor.pulmo'))).status, 200);
    const refusedCancelled = await refuse({ orderId: cancelled.id, room: 'CT1', scheduledAt: nextSlot() }, 409, 'ORDER_NOT_PENDING');
    assert.match(refusedCancelled.body.error.message, /취소된 오더/);
    assert.deepEqual(await stored(), before);

    // One booking, then every way of double-booking it.
    const at = nextSlot();
    const first = await schedule({ orderId: ct.id, room: 'CT1', scheduledAt: at });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const afterFirst = await stored();
    await refuse({ orderId: ct.id, room: 'CT2', scheduledAt: nextSlot() }, 409, 'ORDER_NOT_PENDING');
    const other = await orderImaging('CT-CHEST-LD', 11);
    const overlap = new Date(Date.parse(at) + 10 * 60_000).toISOString();
    const taken = await refuse({ orderId: other.id, room: 'CT1', scheduledAt: overlap }, 409, 'SLOT_TAKEN');
    assert.deepEqual([taken.body.error.details.conflictingScheduleId, taken.body.error.details.with], [first.body.id, 'room']);
    const sameOrderPatient = await orderImaging('MR-BRAIN', 6);
    const busy = await refuse({ orderId: sameOrderPatient.id, room: 'MR1', scheduledAt: overlap }, 409, 'SLOT_TAKEN');
    assert.equal(busy.body.error.details.with, 'patient');
    assert.deepEqual(await stored(), afterFirst);
    // Right after the first slot ends, the room is free again (CT-BRAIN holds it 15 minutes).
    const adjacent = await schedule({ orderId: other.id, room: 'CT1', scheduledAt: new Date(Date.parse(at) + 15 * 60_000).toISOString() });
    assert.equal(adjacent.status, 200, JSON.stringify(adjacent.body));
  });

  test('bookings racing for one slot or one order: exactly one wins, the others get 409', async () => {
    const orders = [await orderImaging('CT-CHEST', 1), await orderImaging('CT-CHEST', 6), await orderImaging('CT-CHEST', 11), await orderImaging('CT-CHEST', 16)];
    const at = nextSlot();
    const raced = await Promise.all(orders.map((o) => schedule({ orderId: o.id, room: 'CT1', scheduledAt: at })));
    assert.deepEqual(raced.map((r) => r.status).sort(), [200, 409, 409, 409], JSON.stringify(raced.map((r) => r.body)));
    assert.ok(raced.filter((r) => r.status === 409).every((r) => r.body.error.type === 'SLOT_TAKEN'));
    const loser = orders[raced.findIndex((r) => r.status === 409)];
    const twice = await Promise.all([0, 1].map((i) => schedule({ orderId: loser.id, room: 'CT2', scheduledAt: kstAt(addDays(kstToday(), 30 + i), '10:00') })));
    assert.deepEqual(twice.map((r) => r.status).sort(), [200, 409], JSON.stringify(twice.map((r) => r.body)));
    assert.equal(await (await models()).RisSchedule.count({ where: { order_id: loser.id } }), 1);
    assert.equal((await orderOf(loser.id)).status, 'SCHEDULED');
  });

  test('a waiting entry is moved to another room and time; its worklist file follows; a started one cannot move', async () => {
    const order = await orderImaging('MR-LSPINE', 16);
    const booked = await schedule({ orderId: order.id, room: 'MR1', scheduledAt: nextSlot() });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const blocker = await orderImaging('CT-CHEST', 11);
    const blockerAt = nextSlot();
    assert.equal((await schedule({ orderId: blocker.id, room: 'CT2', scheduledAt: blockerAt })).status, 200);
    const late = kstAt(addDays(kstToday(), 20), '14:30');
    const id = booked.body.id;

    assert.equal((await t.http.patch(`/api/v1/ris/schedules/${id}`, {}, as('radtech'))).status, 400, 'nothing to change');
    assert.equal((await t.http.patch(`/api/v1/ris/schedules/${id}`, { room: 'CT1' }, as('radtech'))).status, 400, 'an MRI in a CT room');
    const moved = await t.http.patch(`/api/v1/ris/schedules/${id}`, { scheduledAt: late, notes: '폐소공포: 진정 필요' }, as('radtech'));
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(new Date(moved.body.scheduled_at).toISOString(), late);
    const [sps] = readItem(booked.body.accession_number).ScheduledProcedureStepSequence as Record<string, string>[];
    assert.deepEqual([sps.ScheduledProcedureStepStartDate, sps.ScheduledProcedureStepStartTime], [addDays(kstToday(), 20).replaceAll('-', ''), '143000']);

    const ct = await orderImaging('CT-CHEST', 21);
    const ctBooked = await schedule({ orderId: ct.id, room: 'CT1', scheduledAt: nextSlot() });
    const clash = await t.http.patch(`/api/v1/ris/schedules/${ctBooked.body.id}`, { room: 'CT2', scheduledAt: blockerAt }, as('radtech'));
    assert.equal(clash.status, 409, JSON.stringify(clash.body));
    assert.equal(clash.body.error.type, 'SLOT_TAKEN');
    const toCt2 = await t.http.patch(`/api/v1/ris/schedules/${ctBooked.body.id}`, { room: 'CT2' }, as('radtech'));
    assert.equal(toCt2.status, 200, JSON.stringify(toCt2.body));
    assert.equal(toCt2.body.station_ae_title, 'CT2');
    assert.equal((readItem(ctBooked.body.accession_number).ScheduledProcedureStepSequence as Record<string, string>[])[0].ScheduledStationAETitle, 'CT2');

    assert.equal((await step(id, 'start')).status, 200);
    const frozen = await t.http.patch(`/api/v1/ris/schedules/${id}`, { scheduledAt: nextSlot() }, as('radtech'));
    assert.equal(frozen.status, 409);
    assert.equal(frozen.body.error.type, 'NOT_WAITING');
  });

  test('cancelling a waiting order takes the entry off the schedule and the worklist', async () => {
    const order = await orderImaging('US-ABD', 16);
    const booked = await schedule({ orderId: order.id, room: 'US1', scheduledAt: nextSlot() });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    assert.ok(existsSync(wlFile(booked.body.accession_number)));
    const cancel = await t.http.post(`/api/v1/ocs/orders/${order.id}/cancel`, { reason: '환자 사정으로 취소' }, as('doctor.pulmo'));
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    const entry = await until(
      async () => (await t.http.get(`/api/v1/ris/schedules/${booked.body.id}`, as('radtech'))).body,
      (body) => body.status === 'CANCELLED', 'the cancellation to reach RIS',
    );
    assert.equal(entry.cancelled_reason, '환자 사정으로 취소');
    assert.ok(entry.cancelled_at);
    assert.equal(existsSync(wlFile(booked.body.accession_number)), false);
    const json = await t.http.get('/api/v1/ris/worklist?modality=US', as('radtech'));
    assert.ok(!json.body.items.some((i: { scheduleId: number }) => i.scheduleId === booked.body.id));
    const start = await step(booked.body.id, 'start');
    assert.equal(start.status, 409, 'a cancelled entry cannot start');
    assert.deepEqual(start.body.error.details.allowed, []);
  });

  test('when OCS refuses a step (the order was cancelled meanwhile), the step is undone and the entry cancelled', async () => {
    const order = await orderImaging('XR-CHEST-PA', 21);
    const booked = await schedule({ orderId: order.id, room: 'XR1', scheduledAt: nextSlot() });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    // The order was cancelled by a path that never reached RIS (a lost event).
    await (await models()).OcsOrder.update({ status: 'CANCELLED' }, { where: { id: order.id } });
    const start = await step(booked.body.id, 'start');
    assert.equal(start.status, 409, JSON.stringify(start.body));
    const entry = (await (await models()).RisSchedule.findByPk(booked.body.id))!;
    assert.deepEqual([entry.status, entry.started_at], ['CANCELLED', null]);
    assert.equal(existsSync(wlFile(booked.body.accession_number)), false);
  });

  test('rebuilding the worklist restores missing files and removes stale ones', async () => {
    const order = await orderImaging('MG-BILAT', 1);
    const booked = await schedule({ orderId: order.id, room: 'MG1', scheduledAt: nextSlot() });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    rmSync(wlFile(booked.body.accession_number));
    writeFileSync(wlFile('A19990101000001'), 'stale');
    const res = await t.http.post('/api/v1/ris/worklist/rebuild', {}, as('radtech'));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.removed, 1);
    const open = await (await models()).RisSchedule.count({ where: { status: ['WAITING', 'IN_PROGRESS'] } });
    assert.equal(res.body.written, open);
    assert.equal(readItem(booked.body.accession_number).AccessionNumber, booked.body.accession_number);
    assert.equal(existsSync(wlFile('A19990101000001')), false);
  });

  test('the radiographer\'s screens: today\'s dashboard, the schedule from today, one entry', async () => {
    const order = await orderImaging('XR-CHEST-PALAT', 11);
    const booked = await schedule({ orderId: order.id, room: 'XR1', scheduledAt: kstAt(kstToday(), '23:30') });
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    const waitingOrder = await orderImaging('US-BREAST', 11, { priority: 'STAT' });

    const dashboard = await t.http.get('/api/v1/radiology-tech/dashboard', as('radtech'));
    assert.equal(dashboard.status, 200, JSON.stringify(dashboard.body));
    assert.equal(dashboard.body.date, kstToday());
    assert.ok(dashboard.body.todaySchedule.items.some((s: { id: number }) => s.id === booked.body.id));
    assert.ok(dashboard.body.waiting.items.some((s: { id: number }) => s.id === booked.body.id));
    assert.ok(dashboard.body.completed.items.every((s: { status: string }) => ['ACQUIRED', 'AWAITING_READ', 'READING', 'READ'].includes(s.status)));
    assert.ok(dashboard.body.completed.total >= 1, 'the CT acquired today is done');
    assert.equal(dashboard.body.requests.items[0].id, waitingOrder.id, 'STAT first');
    assert.ok(dashboard.body.todaySchedule.byRoom.XR1 >= 1);

    const upcoming = await t.http.get('/api/v1/radiology-tech/schedules?mine=true&pageSize=100', as('radtech'));
    assert.equal(upcoming.status, 200, JSON.stringify(upcoming.body));
    assert.ok(upcoming.body.items.some((s: { id: number }) => s.id === booked.body.id));
    assert.ok(upcoming.body.items.every((s: { scheduled_at: string }) => Date.parse(s.scheduled_at) >= Date.parse(kstAt(kstToday(), '00:00'))));
    const byStatus = await t.http.get('/api/v1/radiology-tech/schedules?status=CANCELLED&pageSize=100', as('radtech'));
    assert.ok(byStatus.body.items.length >= 1 && byStatus.body.items.every((s: { status: string }) => s.status === 'CANCELLED'));
    assert.equal((await t.http.get('/api/v1/radiology-tech/schedules?status=DONE', as('radtech'))).status, 400);
    const one = await t.http.get(`/api/v1/radiology-tech/schedules/${booked.body.id}`, as('radtech'));
    assert.equal(one.status, 200);
    assert.equal(one.body.order.id, order.id);
    assert.equal(one.body.patient.id, 11);
    assert.ok(dashboard.body.todaySchedule.items.every((s: { patient: { name: string } }) => s.patient.name));
  });

  test('sort=worklist lists STAT, then URGENT, then ROUTINE, each by time — for booking and for the radiologist\'s reading worklist', async () => {
    type Entry = { id: number; priority: string; scheduled_at: string; status: string };
    const booked: Record<string, number> = {};
    // Booked in the reverse order of urgency, so that by time the routine entry comes first.
    for (const [priority, code, room] of [['ROUTINE', 'XR-CHEST-PA', 'XR1'], ['URGENT', 'CT-CHEST', 'CT1'], ['STAT', 'XR-CHEST-PALAT', 'XR1']] as const) {
      const order = await orderImaging(code, 16, { priority });
      const res = await schedule({ orderId: order.id, room, scheduledAt: nextSlot() });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.priority, priority);
      booked[priority] = res.body.id;
    }
    const ids = Object.values(booked);
    const ours = (items: Entry[]) => items.filter((s) => ids.includes(s.id)).map((s) => s.id);
    const rank = (s: Entry) => ['STAT', 'URGENT', 'ROUTINE'].indexOf(s.priority);
    /** Every entry after the one before it: a lower or equal urgency, and a later or equal time within one urgency. */
    const inWorklistOrder = (items: Entry[]) => items.every((s, i) => i === 0 || rank(items[i - 1]) < rank(s)
      || (rank(items[i - 1]) === rank(s) && Date.parse(items[i - 1].scheduled_at) <= Date.parse(s.scheduled_at)));

    const byTime = await t.http.get('/api/v1/ris/schedules?patientId=16&status=WAITING&pageSize=100', as('radtech'));
    assert.equal(byTime.status, 200, JSON.stringify(byTime.body));
    assert.deepEqual(ours(byTime.body.items), [booked.ROUTINE, booked.URGENT, booked.STAT], 'the default order is by time');
    const explicitTime = await t.http.get('/api/v1/ris/schedules?patientId=16&status=WAITING&sort=time&pageSize=100', as('radtech'));
    assert.deepEqual(ours(explicitTime.body.items), [booked.ROUTINE, booked.URGENT, booked.STAT]);
    const worklist = await t.http.get('/api/v1/ris/schedules?patientId=16&status=WAITING&sort=worklist&pageSize=100', as('radtech'));
    assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
    assert.deepEqual(ours(worklist.body.items), [booked.STAT, booked.URGENT, booked.ROUTINE]);
    assert.equal(worklist.body.items[0].priority, 'STAT');
    assert.ok(inWorklistOrder(worklist.body.items), JSON.stringify(worklist.body.items.map((s: Entry) => [s.priority, s.scheduled_at])));
    // The radiographer's actor takes the same filters and sort, and passes them on.
    const viaRole = await t.http.get('/api/v1/radiology-tech/schedules?status=WAITING&sort=worklist&pageSize=100', as('radtech'));
    assert.equal(viaRole.status, 200, JSON.stringify(viaRole.body));
    assert.deepEqual(ours(viaRole.body.items), [booked.STAT, booked.URGENT, booked.ROUTINE]);
    assert.ok(inWorklistOrder(viaRole.body.items));
    const unknownSort = await t.http.get('/api/v1/ris/schedules?sort=priority', as('radtech'));
    assert.equal(unknownSort.status, 400);
    assert.equal(unknownSort.body.error.type, 'VALIDATION_ERROR');

    for (const id of ids) {
      assert.equal((await step(id, 'start')).status, 200);
      assert.equal((await step(id, 'complete')).status, 200);
    }
    // Exactly the call the radiologist's reading worklist makes, with the radiologist's session.
    const reading = await callAs<{ items: Entry[]; total: number }>('radiologist', 'ris.list', { status: 'AWAITING_READ,READING', sort: 'worklist', page: 1, pageSize: 100 });
    assert.equal(reading.items[0].priority, 'STAT', 'a STAT study comes first');
    assert.deepEqual(ours(reading.items), [booked.STAT, booked.URGENT, booked.ROUTINE]);
    assert.ok(reading.items.every((s) => ['AWAITING_READ', 'READING'].includes(s.status)));
    assert.ok(inWorklistOrder(reading.items), JSON.stringify(reading.items.map((s) => [s.priority, s.scheduled_at])));
    const readingByTime = await callAs<{ items: Entry[] }>('radiologist', 'ris.list', { status: 'AWAITING_READ,READING', page: 1, pageSize: 100 });
    assert.deepEqual(ours(readingByTime.items), [booked.ROUTINE, booked.URGENT, booked.STAT]);
  });

  test('permissions: who reads, who books, and row scopes on schedule entries', async () => {
    const order = await orderImaging('CT-CHEST', 1);
    const booked = await schedule({ orderId: order.id, room: 'CT2', scheduledAt: nextSlot() });
    const id = booked.body.id;
    for (const login of ['radtech', 'radiologist', 'doctor.pulmo']) {
      assert.equal((await t.http.get(`/api/v1/ris/schedules/${id}`, as(login))).status, 200, login);
    }
    assert.equal((await t.http.get(`/api/v1/ris/schedules/${id}`, as('doctor.neuro'))).status, 404, 'patient 1 is outside doctor.neuro\'s scope');
    const neuroList = await t.http.get('/api/v1/ris/schedules?pageSize=100', as('doctor.neuro'));
    assert.ok(!neuroList.body.items.some((s: { patient_id: number }) => s.patient_id === 1));
    for (const login of ['nurse', 'frontdesk']) {
      assert.equal((await t.http.get('/api/v1/ris/schedules', as(login))).status, 403, login);
      assert.equal((await t.http.get('/api/v1/ris/worklist', as(login))).status, 403, login);
    }
    for (const login of ['doctor.pulmo', 'radiologist', 'nurse']) {
      assert.equal((await t.http.post(`/api/v1/ris/schedules/${id}/start`, {}, as(login))).status, 403, login);
      assert.equal((await t.http.post('/api/v1/ris/schedules', { orderId: order.id, room: 'CT1', scheduledAt: nextSlot() }, as(login))).status, 403, login);
      assert.equal((await t.http.get('/api/v1/radiology-tech/dashboard', as(login))).status, 403, login);
    }
    assert.equal((await t.http.get('/api/v1/ris/schedules')).status, 401);
    // The radiographer sees the basic chart of a patient with imaging work (an order), nothing more.
    const patient = await t.http.get('/api/v1/patients/1', as('radtech'));
    assert.equal(patient.status, 200);
    assert.equal(patient.body.medical_history, undefined);
  });
});
