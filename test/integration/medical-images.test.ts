import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from 'moleculer';
import dcmjs from 'dcmjs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { unzipSync } from 'fflate';
import { dicomDateToIso, parsePart10, summarize } from '../../lib/dicom/part10.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import type { SessionUser } from '../../services/context.js';
import type { ImageRecorded } from '../../services/pacs/medical-images.service.js';
import { cstore, orthancAvailable, orthancEnv, startOrthanc, storescuAvailable, type OrthancServer } from '../helpers/orthanc.js';
import { buildPart10, ctSeriesFixtures, imagePixelModule } from '../fixtures/dicom/fixtures.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';

const { DicomDict, DicomMessage } = dcmjs.data;

/** The largest upload this node takes (CDSS_DICOM_MAX_BYTES), small so the oversize case is cheap. */
const MAX_BYTES = 1_500_000;

/** Today's KST date and a KST wall-clock instant (`YYYY-MM-DD`, `HH:mm`), as in ris.test.ts. */
const kstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
let slots = 0;
function nextSlot(): string {
  const hour = slots++;
  return new Date(`${addDays(kstToday(), 2 + Math.floor(hour / 24))}T${String(hour % 24).padStart(2, '0')}:00:00+09:00`).toISOString();
}

/** A copy of a Part-10 file with other identifiers (the fixtures carry their own patient and UIDs). */
function relabel(bytes: Uint8Array, ids: { patientId?: string; accession?: string; studyUid?: string; seriesUid?: string; sopUid?: string }): Buffer {
  const read = DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const set = (tag: string, vr: string, value: string | undefined) => {
    if (value !== undefined) read.dict[tag] = { vr, Value: [value] };
  };
  set('00100020', 'LO', ids.patientId);
  set('00080050', 'SH', ids.accession);
  set('0020000D', 'UI', ids.studyUid);
  set('0020000E', 'UI', ids.seriesUid);
  set('00080018', 'UI', ids.sopUid);
  if (ids.sopUid) read.meta['00020003'] = { vr: 'UI', Value: [ids.sopUid] };
  const out = new DicomDict(read.meta);
  out.dict = read.dict;
  return Buffer.from(out.write());
}

/** The CT series fixture (4 slices) as one new study of a patient. */
function ctSeries(patientId: string, accession?: string, studyUid = uuidDerivedUid()): { name: string; bytes: Buffer }[] {
  const seriesUid = uuidDerivedUid();
  return ctSeriesFixtures().map((f) => ({ name: f.name, bytes: relabel(f.bytes, { patientId, accession, studyUid, seriesUid, sopUid: uuidDerivedUid() }) }));
}

/** A small photo: a colour gradient, so it is not blank. */
function photo(kind: 'png' | 'jpeg', width: number, height: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba[i] = (x * 255) / width; rgba[i + 1] = (y * 255) / height; rgba[i + 2] = 128; rgba[i + 3] = 255;
    }
  }
  if (kind === 'jpeg') return Buffer.from(jpeg.encode({ data: rgba, width, height }, 90).data);
  const png = new PNG({ width, height });
  rgba.copy(png.data);
  return PNG.sync.write(png);
}

/** How a suite run reaches its archive, and how a modality pushes to it (no user, no upload). */
interface ArchiveMode {
  name: 'builtin' | 'orthanc';
  /** Starts what the archive needs; answers the node's CDSS_* settings for it. */
  start(): Promise<Record<string, string>>;
  stop(): Promise<void>;
  push(t: TestNode, files: Buffer[]): Promise<void>;
}

/** The built-in archive: a modality's push is the archive's own store (source MODALITY), as its DIMSE side would do. */
const BUILTIN: ArchiveMode = {
  name: 'builtin',
  start: async () => ({ CDSS_PACS: 'builtin', CDSS_PACS_STABLE_SECONDS: '1' }),
  stop: async () => {},
  async push(t, files) {
    for (const data of files) await t.node.broker.call('pacs.store', { data, source: 'MODALITY' }, { meta: { requestId: 'test-modality' } });
  },
};

let orthanc: OrthancServer | undefined;
/** Orthanc 1.10 (test/orthanc/orthanc.json, StableAge 2 s): a modality's push is a real C-STORE from dcmtk's storescu. */
const ORTHANC: ArchiveMode = {
  name: 'orthanc',
  async start() {
    orthanc = await startOrthanc();
    return orthancEnv(orthanc);
  },
  async stop() {
    await orthanc?.stop();
  },
  push: (_t, files) => cstore(orthanc!, files),
};

/**
 * Image records kept in step with the PACS (issue #5), the same suite against each archive: uploads
 * of DICOM and photos, the PACS listener after a modality's push, QC and its resolution, the RIS
 * link by accession, lists, downloads, the portal and permissions.
 */
function medicalImagesSuite(mode: ArchiveMode, skip: string | false = false) {
  describe(`medical images: upload, PACS ingest, QC, RIS link, lists, downloads, portal (${mode.name} archive)`, { skip }, () => {
    let t: TestNode;
    const tokens: Record<string, string> = {};
    const charts: Record<number, string> = {};
    const recorded: ImageRecorded[] = [];

    before(async () => {
      const archive = await mode.start();
      t = await startTestNode({ ...archive, CDSS_DICOM_MAX_BYTES: String(MAX_BYTES) });
      // A real listener on the node's broker: what the images actor announces.
      await t.node.broker.createService({ name: 'medical-images-test-listener', events: { 'image.recorded'(this: Service, ctx: { params: ImageRecorded }) { recorded.push(ctx.params); } } });
      for (const login of ['radtech', 'doctor.pulmo', 'doctor.neuro', 'nurse', 'frontdesk', 'radiologist']) {
        tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
      }
      tokens.patient1 = (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken;
      const { models } = await t.node.runtime.database();
      for (const p of await models.Patient.findAll({ where: { id: [1, 2, 3, 6] } })) charts[p.id] = p.patient_id;
    });
    after(async () => {
      await t?.stop();
      await mode.stop();
    });

    const models = async () => (await t.node.runtime.database()).models;
    const as = (login: string) => ({ token: tokens[login] });
    const sessionOf = (login: string): SessionUser => {
      const claims = JSON.parse(Buffer.from(tokens[login].split('.')[1], 'base64url').toString()) as SessionUser & { sub: string };
      return { ...claims, id: Number(claims.sub) };
    };
    const callAs = <T>(login: string, action: string, params: object) => t.node.broker.call<T, object>(action, params, { meta: { user: sessionOf(login) } });
    const studyInfo = (uid: string) => callAs<{ series: { instances: unknown[] }[]; patientId: string } | null>('radiologist', 'pacs.studyInfo', { studyInstanceUid: uid });
    const imageRows = async () => (await models()).MedicalImage.count();

    async function upload(route: string, login: string, fields: Record<string, string | number>, files: { name: string; bytes: Buffer; type?: string }[]) {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, String(value));
      for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/dicom' }), file.name);
      const res = await fetch(`${t.http.baseUrl}${route}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[login]}` }, body: form });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    }
    const radtechUpload = (fields: Record<string, string | number>, files: { name: string; bytes: Buffer; type?: string }[]) =>
      upload('/api/v1/radiology-tech/images/upload', 'radtech', fields, files);

    async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
      for (let i = 0; i < 300; i++) {
        const value = await probe();
        if (done(value)) return value;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}`);
    }

    /** The PACS listener's record of a study (after the archive called it stable). */
    const ingested = (uid: string) => until(async () => recorded.find((r) => r.trigger === 'study.stable' && r.image.study_instance_uid === uid), (r) => r !== undefined, `the PACS listener on ${uid}`);

    async function scheduledOrder(patientId: number, code = 'CT-CHEST') {
      const order = await t.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId, items: [{ code }] }, as('doctor.pulmo'));
      assert.equal(order.status, 200, JSON.stringify(order.body));
      const entry = await t.http.post('/api/v1/ris/schedules', { orderId: order.body.id, room: 'CT1', scheduledAt: nextSlot() }, as('radtech'));
      assert.equal(entry.status, 200, JSON.stringify(entry.body));
      return { orderId: order.body.id as number, entry: entry.body as { id: number; accession_number: string; study_instance_uid: string } };
    }

    const download = (route: string, login: string) => t.http.download(route, tokens[login]);

    describe('upload', () => {
      let ctStudy: { id: number; study_instance_uid: string };

      test('a CT series for a demo patient: one record with counts, QC PASSED, stored in the PACS; the same upload again adds nothing', async () => {
        const series = ctSeries(charts[1]);
        const res = await radtechUpload({ patientId: 1, bodyPart: 'chest', description: '흉부 CT 외부 영상' }, series);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.studies.length, 1);
        const study = res.body.studies[0];
        assert.deepEqual(
          [study.patient_id, study.patient_fk_id, study.modality, study.image_type, study.series_count, study.instance_count, study.qc_status, study.status, study.image_source, study.body_part],
          [charts[1], 1, 'CT', 'CT', 1, 4, 'PASSED', 'TAKEN', 'UPLOAD', 'CHEST'],
        );
        assert.deepEqual(study.qc_reasons, []);
        const technician = await (await models()).RadiologyTechnician.findOne({ where: { user_id: sessionOf('radtech').id } });
        assert.equal(study.uploaded_by_id, technician!.id);
        assert.equal(res.body.files.length, 4);
        assert.ok(res.body.files.every((f: { stored: boolean }) => f.stored));
        const info = await studyInfo(study.study_instance_uid);
        assert.equal(info!.series[0].instances.length, 4);

        const rows = await imageRows();
        const again = await radtechUpload({ patientId: 1 }, series);
        assert.equal(again.status, 201, JSON.stringify(again.body));
        assert.equal(again.body.studies[0].id, study.id);
        assert.ok(again.body.files.every((f: { stored: boolean }) => !f.stored), 'instances already archived are not stored twice');
        assert.equal(await imageRows(), rows);
        ctStudy = study;
      });

      test('the study\'s record shows its series and instances from the PACS; the stable event adds no second row', async () => {
        const seen = await ingested(ctStudy.study_instance_uid);
        assert.equal(seen!.image.id, ctStudy.id, 'the listener found the uploaded study\'s row');
        const { MedicalImage } = await models();
        assert.equal(await MedicalImage.count({ where: { study_instance_uid: ctStudy.study_instance_uid } }), 1);
        const res = await t.http.get(`/api/v1/medical-images/${ctStudy.id}`, as('doctor.pulmo'));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.study.series.length, 1);
        assert.equal(res.body.study.series[0].instances.length, 4);
        assert.equal(res.body.patient.patient_id, charts[1]);
        assert.equal(res.body.qc_status_label, '정상');
        // The radiographer's own routes (seed §7.6) answer the same study.
        const mine = await t.http.get(`/api/v1/radiology-tech/images?patientId=1`, as('radtech'));
        assert.equal(mine.status, 200, JSON.stringify(mine.body));
        assert.ok(mine.body.items.some((image: { id: number }) => image.id === ctStudy.id));
        const one = await t.http.get(`/api/v1/radiology-tech/images/${ctStudy.id}`, as('radtech'));
        assert.equal(one.body.study.series[0].instances.length, 4);
      });

      test('JPEG and PNG photos become one VL photographic study; rendered downloads keep their size', async () => {
        const files = [
          { name: 'lesion.png', bytes: photo('png', 32, 24), type: 'image/png' },
          { name: 'lesion.jpg', bytes: photo('jpeg', 40, 30), type: 'image/jpeg' },
        ];
        const res = await upload('/api/v1/medical-images', 'doctor.pulmo', { patientId: 1, department: 'DERMATOLOGY', bodyPart: 'SKIN', imageSource: 'CAMERA', description: '왼팔 병변' }, files);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        assert.equal(res.body.studies.length, 1, 'the photos of one upload are one study');
        const study = res.body.studies[0];
        assert.deepEqual(
          [study.modality, study.image_type, study.instance_count, study.image_source, study.department, study.description, study.qc_status],
          ['XC', 'PHOTO', 2, 'CAMERA', 'DERMATOLOGY', '왼팔 병변', 'PASSED'],
        );
        const stored = res.body.files as { filename: string; sopInstanceUid: string; seriesInstanceUid: string }[];
        const pngInstance = stored.find((f) => f.filename === 'lesion.png')!;
        const jpgInstance = stored.find((f) => f.filename === 'lesion.jpg')!;

        const dicom = await download(`/api/v1/medical-images/${study.id}/download?format=dicom&instance=${pngInstance.sopInstanceUid}`, 'doctor.pulmo');
        assert.equal(dicom.status, 200);
        const summary = summarize(parsePart10(new Uint8Array(dicom.bytes)));
        assert.equal(summary.sopClassUid, '1.2.840.10008.5.1.4.1.1.77.1.4', 'VL Photographic Image Storage');
        assert.equal(summary.patientId, charts[1]);

        const png = await download(`/api/v1/medical-images/${study.id}/download?format=png&instance=${pngInstance.sopInstanceUid}`, 'doctor.pulmo');
        assert.equal(png.status, 200);
        assert.equal(png.headers.get('content-type'), 'image/png');
        const decodedPng = PNG.sync.read(png.bytes);
        assert.deepEqual([decodedPng.width, decodedPng.height], [32, 24]);
        const jpg = await download(`/api/v1/medical-images/${study.id}/download?format=jpeg&instance=${jpgInstance.sopInstanceUid}`, 'doctor.pulmo');
        assert.equal(jpg.status, 200);
        assert.equal(jpg.headers.get('content-type'), 'image/jpeg');
        const decodedJpg = jpeg.decode(jpg.bytes, { useTArray: true });
        assert.deepEqual([decodedJpg.width, decodedJpg.height], [40, 30]);

        const derm = await t.http.get('/api/v1/medical-images?department=DERMATOLOGY', as('doctor.pulmo'));
        assert.ok(derm.body.items.some((i: { id: number }) => i.id === study.id));
        const neuro = await t.http.get('/api/v1/medical-images?department=NEUROSURGERY&patientId=1', as('doctor.pulmo'));
        assert.ok(!neuro.body.items.some((i: { id: number }) => i.id === study.id));
      });
    });

    describe('the RIS order, by accession number', () => {
      test('an upload with the accession of a scheduled order: 판독대기, the order ACQUIRED, one image row', async () => {
        const { orderId, entry } = await scheduledOrder(1);
        // The modality wrote its own Study UID: accepted, and recorded on the entry.
        const series = ctSeries(charts[1], entry.accession_number);
        const res = await radtechUpload({ patientId: 1, accessionNumber: entry.accession_number }, series);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        const study = res.body.studies[0];
        assert.deepEqual([study.status, study.accession_number, study.qc_status, study.department], ['AWAITING_READ', entry.accession_number, 'PASSED', 'PULMONOLOGY']);
        assert.ok(study.requested_by_id, 'the ordering doctor');

        const schedule = await t.http.get(`/api/v1/ris/schedules/${entry.id}`, as('radtech'));
        assert.equal(schedule.status, 200, JSON.stringify(schedule.body));
        assert.deepEqual([schedule.body.status, schedule.body.status_label, schedule.body.medical_image_id], ['AWAITING_READ', '판독대기', study.id]);
        assert.equal(schedule.body.study_instance_uid, study.study_instance_uid, 'the entry takes the real Study UID');
        assert.match(schedule.body.notes, new RegExp(entry.study_instance_uid.replaceAll('.', '\\.')), 'and keeps the pre-assigned one');
        const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
        assert.equal(order.body.status, 'ACQUIRED');
        assert.equal((await (await models()).MedicalImage.count({ where: { accession_number: entry.accession_number } })), 1);

        // The listener sees the stable study too: still one row, the entry left as it is.
        await ingested(study.study_instance_uid);
        assert.equal((await (await models()).MedicalImage.count({ where: { accession_number: entry.accession_number } })), 1);
        assert.equal((await t.http.get(`/api/v1/ris/schedules/${entry.id}`, as('radtech'))).body.status, 'AWAITING_READ');
      });

      test('a modality push (no user) is recorded by the PACS listener and completes the entry, signed by its radiographer', async () => {
        const { orderId, entry } = await scheduledOrder(1);
        const [slice] = ctSeries(charts[1], entry.accession_number, entry.study_instance_uid);
        await mode.push(t, [slice.bytes]);
        await ingested(entry.study_instance_uid);
        const { MedicalImage, OcsOrderEvent, ActivityLog } = await models();
        const row = await MedicalImage.findOne({ where: { study_instance_uid: entry.study_instance_uid } });
        assert.equal(row!.status, 'AWAITING_READ');
        assert.deepEqual([row!.modality, row!.instance_count, row!.qc_status, row!.patient_fk_id], ['CT', 1, 'PASSED', 1]);
        const order = await t.http.get(`/api/v1/ocs/orders/${orderId}`, as('doctor.pulmo'));
        assert.equal(order.body.status, 'ACQUIRED');
        const acquired = await OcsOrderEvent.findOne({ where: { order_id: orderId, to_status: 'ACQUIRED' } });
        assert.deepEqual([acquired!.actor_id, acquired!.actor_role], [sessionOf('radtech').id, 'radiology_technician']);
        assert.match(acquired!.note ?? '', /PACS/);
        await t.node.broker.call('audit.flush');
        const created = await ActivityLog.findOne({ where: { resource_type: 'MedicalImage', resource_id: String(row!.id), action_type: 'create' } });
        assert.deepEqual([created!.user_id, created!.role], ['0', 'system'], 'the listener writes as the PACS ingest identity');
      });

      test('a modality study of an unknown patient is recorded with a failed QC, for the radiologist', async () => {
        const uid = uuidDerivedUid();
        const [slice] = ctSeries('UNKNOWN-0001', undefined, uid);
        await mode.push(t, [slice.bytes]);
        await ingested(uid);
        const row = await (await models()).MedicalImage.findOne({ where: { study_instance_uid: uid } });
        assert.equal(row!.patient_fk_id, null);
        assert.equal(row!.qc_status, 'FAILED');
        assert.ok(row!.qc_reasons!.some((r) => r.code === 'PATIENT_UNKNOWN'));
        const list = await t.http.get('/api/v1/medical-images?qcStatus=FAILED', as('radiologist'));
        assert.ok(list.body.items.some((i: { id: number }) => i.id === row!.id));
      });
    });

    describe('bad input: 4xx with the reason, nothing stored', () => {
      async function refused(fields: Record<string, string | number>, files: { name: string; bytes: Buffer; type?: string }[], status: number, type: string, studyUids: string[] = []) {
        const rows = await imageRows();
        const res = await radtechUpload(fields, files);
        assert.equal(res.status, status, JSON.stringify(res.body));
        assert.equal(res.body.error.type, type, JSON.stringify(res.body));
        assert.ok(res.body.error.message.length > 0);
        assert.equal(await imageRows(), rows, 'no image row');
        for (const uid of studyUids) assert.equal(await studyInfo(uid), null, 'the archive does not have the study');
        return res.body.error;
      }

      test('a truncated file refuses the whole upload, its valid files included', async () => {
        const uid = uuidDerivedUid();
        const [good, cut] = ctSeries(charts[1], undefined, uid);
        const error = await refused({ patientId: 1 }, [good, { name: cut.name, bytes: cut.bytes.subarray(0, Math.floor(cut.bytes.length / 2)) }], 400, 'INVALID_DICOM', [uid]);
        assert.equal(error.details.reason, 'TRUNCATED');
        assert.equal(error.details.file, cut.name);
      });

      test('a file that is not DICOM (nor a photo)', async () => {
        const error = await refused({ patientId: 1 }, [{ name: 'notes.txt', bytes: Buffer.from('검사 메모입니다. 이것은 DICOM 파일이 아닙니다.'.repeat(20)), type: 'text/plain' }], 400, 'INVALID_DICOM');
        assert.equal(error.details.reason, 'NOT_DICOM');
      });

      test('a DICOM file of another patient', async () => {
        const uid = uuidDerivedUid();
        const error = await refused({ patientId: 1 }, ctSeries(charts[2], undefined, uid).slice(0, 1), 409, 'PATIENT_MISMATCH', [uid]);
        assert.equal(error.details.patientId, charts[2]);
      });

      test('the accession of another patient\'s order', async () => {
        const { entry } = await scheduledOrder(6);
        const uid = uuidDerivedUid();
        await refused({ patientId: 1, accessionNumber: entry.accession_number }, ctSeries(charts[1], '', uid).slice(0, 1), 409, 'ACCESSION_OTHER_PATIENT', [uid]);
        // … also when only the DICOM file names it.
        await refused({ patientId: 1 }, ctSeries(charts[1], entry.accession_number, uid).slice(0, 1), 409, 'ACCESSION_OTHER_PATIENT', [uid]);
        assert.equal((await t.http.get(`/api/v1/ris/schedules/${entry.id}`, as('radtech'))).body.status, 'WAITING');
      });

      test('an oversized file: 413', async () => {
        const big = Buffer.concat([ctSeries(charts[1])[0].bytes, Buffer.alloc(MAX_BYTES)]);
        await refused({ patientId: 1 }, [{ name: 'big.dcm', bytes: big }], 413, 'PAYLOAD_TOO_LARGE');
      });

      test('a DICOM accession that differs from the one entered', async () => {
        await refused({ patientId: 1, accessionNumber: 'A999' }, ctSeries(charts[1], 'B888').slice(0, 1), 409, 'ACCESSION_MISMATCH');
      });

      test('no files, a JSON body, a patient outside the radiographer\'s scope', async () => {
        await refused({ patientId: 1 }, [], 400, 'VALIDATION_ERROR');
        const json = await t.http.post('/api/v1/radiology-tech/images/upload', { patientId: 1 }, as('radtech'));
        assert.equal(json.status, 415, JSON.stringify(json.body));
        // Patient 3 has no imaging order and no image: not the radiographer's patient.
        await refused({ patientId: 3 }, ctSeries(charts[3]).slice(0, 1), 404, 'PATIENT_NOT_FOUND');
      });
    });

    describe('quality check', () => {
      test('a blank image fails QC; the radiographer sees it, resolves it with a note, and again idempotently', async () => {
        const blank = Buffer.from(buildPart10({
          PatientID: charts[1], PatientName: [{ Alphabetic: '홍길동' }], Modality: 'OT', ...imagePixelModule(64, 64),
        }, { pixelData: new Uint8Array(64 * 64) }));
        const res = await radtechUpload({ patientId: 1, description: '빈 영상' }, [{ name: 'blank.dcm', bytes: blank }]);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        const study = res.body.studies[0];
        assert.equal(study.qc_status, 'FAILED');
        assert.ok(study.qc_reasons.some((r: { code: string; severity: string }) => r.code === 'BLANK' && r.severity === 'error'));

        const worklist = await t.http.get('/api/v1/medical-images?qcStatus=FAILED,WARNING', as('radtech'));
        assert.equal(worklist.status, 200, JSON.stringify(worklist.body));
        assert.ok(worklist.body.items.some((i: { id: number }) => i.id === study.id));

        assert.equal((await t.http.post(`/api/v1/medical-images/${study.id}/qc/resolve`, { note: '재촬영 불필요' }, as('doctor.pulmo'))).status, 403);
        assert.equal((await t.http.post(`/api/v1/medical-images/${study.id}/qc/resolve`, {}, as('radtech'))).status, 400);
        const resolved = await t.http.post(`/api/v1/medical-images/${study.id}/qc/resolve`, { note: '팬텀 검사용 빈 영상: 재촬영 불필요' }, as('radtech'));
        assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
        assert.deepEqual([resolved.body.qc_status, resolved.body.qc_resolved_by_id, resolved.body.qc_resolution_note], ['RESOLVED', sessionOf('radtech').id, '팬텀 검사용 빈 영상: 재촬영 불필요']);
        assert.ok(resolved.body.qc_reasons.some((r: { code: string }) => r.code === 'BLANK'), 'the findings stay on record');
        const again = await t.http.post(`/api/v1/medical-images/${study.id}/qc/resolve`, { note: '다시' }, as('radtech'));
        assert.equal(again.status, 200);
        assert.equal(again.body.qc_resolution_note, '팬텀 검사용 빈 영상: 재촬영 불필요');
      });

      test('a study that passed has nothing to resolve', async () => {
        const res = await radtechUpload({ patientId: 1 }, ctSeries(charts[1]).slice(0, 1));
        const passed = await t.http.post(`/api/v1/medical-images/${res.body.studies[0].id}/qc/resolve`, { note: '확인' }, as('radtech'));
        assert.equal(passed.status, 409);
        assert.equal(passed.body.error.type, 'QC_NOTHING_TO_RESOLVE');
      });
    });

    describe('lists and downloads', () => {
      let ct: { id: number; study_instance_uid: string };
      before(async () => {
        const res = await radtechUpload({ patientId: 1 }, ctSeries(charts[1]));
        assert.equal(res.status, 201, JSON.stringify(res.body));
        ct = res.body.studies[0];
      });

      test('filters: patient, modality, status, dates; scopes apply; bad filters are 400', async () => {
        const mine = await t.http.get('/api/v1/medical-images?patientId=1&modality=CT&pageSize=100', as('doctor.pulmo'));
        assert.equal(mine.status, 200, JSON.stringify(mine.body));
        assert.ok(mine.body.items.length > 0 && mine.body.items.every((i: { patient_fk_id: number; modality: string | null; image_type: string }) => i.patient_fk_id === 1 && (i.modality?.split(',').includes('CT') || i.image_type === 'CT')));
        assert.ok(mine.body.items.some((i: { id: number }) => i.id === ct.id));
        assert.equal(mine.body.items.find((i: { id: number }) => i.id === ct.id).patient.patient_id, charts[1]);
        const awaiting = await t.http.get('/api/v1/medical-images?status=AWAITING_READ&pageSize=100', as('radiologist'));
        assert.ok(awaiting.body.items.length > 0 && awaiting.body.items.every((i: { status: string }) => i.status === 'AWAITING_READ'));
        // The study's day is the DICOM StudyDate of the fixture, years ago.
        const studyDay = dicomDateToIso(summarize(parsePart10(new Uint8Array(ctSeriesFixtures()[0].bytes))).studyDate)!;
        const thatDay = await t.http.get(`/api/v1/medical-images?patientId=1&from=${studyDay}&to=${studyDay}&pageSize=100`, as('doctor.pulmo'));
        assert.ok(thatDay.body.items.some((i: { id: number }) => i.id === ct.id));
        const sinceToday = await t.http.get(`/api/v1/medical-images?patientId=1&from=${kstToday()}&pageSize=100`, as('doctor.pulmo'));
        assert.ok(!sinceToday.body.items.some((i: { id: number }) => i.id === ct.id));
        assert.ok(sinceToday.body.items.length > 0, 'the photos were taken today');
        // The neurosurgeon's scope does not hold patient 1: the list leaves the study out, the record is a 404.
        const neuro = await t.http.get('/api/v1/medical-images?patientId=1', as('doctor.neuro'));
        assert.equal(neuro.body.total, 0);
        assert.equal((await t.http.get(`/api/v1/medical-images/${ct.id}`, as('doctor.neuro'))).status, 404);
        assert.equal((await t.http.get('/api/v1/medical-images?status=LOST', as('radtech'))).status, 400);
        assert.equal((await t.http.get('/api/v1/medical-images?from=2025-02-30', as('radtech'))).status, 400);
      });

      test('DICOM: the study as a ZIP of parseable instances, or one instance', async () => {
        const zip = await download(`/api/v1/medical-images/${ct.id}/download?format=dicom`, 'doctor.pulmo');
        assert.equal(zip.status, 200);
        assert.equal(zip.headers.get('content-type'), 'application/zip');
        assert.match(zip.headers.get('content-disposition') ?? '', /attachment; filename=".+\.zip"/);
        const entries = Object.entries(unzipSync(new Uint8Array(zip.bytes)));
        assert.equal(entries.length, 4);
        for (const [name, bytes] of entries) {
          assert.match(name, /\.dcm$/);
          const summary = summarize(parsePart10(bytes));
          assert.deepEqual([summary.patientId, summary.studyInstanceUid], [charts[1], ct.study_instance_uid]);
        }
        const info = (await studyInfo(ct.study_instance_uid))! as unknown as { series: { seriesInstanceUid: string; instances: { sopInstanceUid: string }[] }[] };
        const one = info.series[0].instances[2];
        const single = await download(`/api/v1/medical-images/${ct.id}/download?instance=${one.sopInstanceUid}`, 'doctor.pulmo');
        assert.equal(single.status, 200);
        assert.equal(single.headers.get('content-type'), 'application/dicom');
        assert.equal(summarize(parsePart10(new Uint8Array(single.bytes))).sopInstanceUid, one.sopInstanceUid);
        assert.equal((await download(`/api/v1/medical-images/${ct.id}/download?instance=1.2.3.4`, 'doctor.pulmo')).status, 404);
      });

      test('PNG of a CT slice: the slice\'s size; another window changes the pixels; a frame out of range is 400', async () => {
        const base = `/api/v1/medical-images/${ct.id}/download?format=png`;
        const first = await download(base, 'doctor.pulmo');
        assert.equal(first.status, 200);
        const slice = summarize(parsePart10(new Uint8Array(ctSeriesFixtures()[0].bytes)));
        const decoded = PNG.sync.read(first.bytes);
        assert.deepEqual([decoded.width, decoded.height], [slice.columns, slice.rows]);
        const lung = PNG.sync.read((await download(`${base}&windowCenter=-600&windowWidth=1500`, 'doctor.pulmo')).bytes);
        const bone = PNG.sync.read((await download(`${base}&windowCenter=400&windowWidth=200`, 'doctor.pulmo')).bytes);
        assert.deepEqual([lung.width, lung.height], [bone.width, bone.height]);
        assert.ok(!lung.data.equals(bone.data), 'the window changes the rendered pixels');
        const outOfRange = await t.http.get(`${base}&frame=9`, as('doctor.pulmo'));
        assert.equal(outOfRange.status, 400, JSON.stringify(outOfRange.body));
        // A record without images in the PACS (the demo's ordered study before acquisition).
        assert.equal((await t.http.get('/api/v1/medical-images/1/download', as('radiologist'))).status, 404);
      });
    });

    describe('portal', () => {
      test('the patient lists and downloads their own studies; another patient\'s is a 404', async () => {
        const own = await radtechUpload({ patientId: 1 }, ctSeries(charts[1]).slice(0, 2));
        const other = await radtechUpload({ patientId: 2 }, ctSeries(charts[2]).slice(0, 1));
        assert.equal(own.status, 201, JSON.stringify(own.body));
        assert.equal(other.status, 201, JSON.stringify(other.body));
        const list = await t.http.get('/api/v1/portal/images?pageSize=100', as('patient1'));
        assert.equal(list.status, 200, JSON.stringify(list.body));
        const ids = list.body.items.map((i: { id: number }) => i.id);
        assert.ok(ids.includes(own.body.studies[0].id));
        assert.ok(!ids.includes(other.body.studies[0].id));
        assert.ok(list.body.items.every((i: Record<string, unknown>) => !('qc_status' in i) && !('uploaded_by_id' in i) && !('radiology_notes' in i)));

        const png = await download(`/api/v1/portal/images/${own.body.studies[0].id}/download?format=png`, 'patient1');
        assert.equal(png.status, 200);
        assert.ok(PNG.sync.read(png.bytes).width > 0);
        const zip = await download(`/api/v1/portal/images/${own.body.studies[0].id}/download?format=dicom`, 'patient1');
        assert.equal(Object.keys(unzipSync(new Uint8Array(zip.bytes))).length, 2);
        const refused = await download(`/api/v1/portal/images/${other.body.studies[0].id}/download`, 'patient1');
        assert.equal(refused.status, 404);
      });
    });

    describe('permissions', () => {
      test('the upload routes are published with their permission', async () => {
        const spec = await t.http.get('/api/v1/openapi.json');
        for (const path of ['/api/v1/medical-images', '/api/v1/radiology-tech/images/upload']) {
          const op = spec.body.paths[path]?.post as { operationId: string; 'x-permission': string } | undefined;
          assert.deepEqual([op?.operationId, op?.['x-permission']], ['medical-images.upload', 'images.write'], path);
        }
        assert.equal(spec.body.paths['/api/v1/medical-images/{id}/qc/resolve']?.post?.['x-permission'], 'images.qc');
        assert.ok(!JSON.stringify(spec.body.paths).includes('medical-images.ingestStudy'), 'internal actions are not routed');
      });

      test('who may upload, list and resolve', async () => {
        const slice = ctSeries(charts[1]).slice(0, 1);
        const nurse = await upload('/api/v1/medical-images', 'nurse', { patientId: 1 }, slice);
        assert.equal(nurse.status, 403, JSON.stringify(nurse.body));
        const anonymous = await fetch(`${t.http.baseUrl}/api/v1/medical-images`, { method: 'POST', body: new FormData() });
        assert.equal(anonymous.status, 401);
        assert.equal((await t.http.get('/api/v1/medical-images', as('frontdesk'))).status, 403);
        assert.equal((await t.http.get('/api/v1/medical-images', as('patient1'))).status, 401, 'a patient token on a staff route');
        assert.equal((await t.http.get('/api/v1/portal/images', as('radtech'))).status, 401, 'a staff token on the portal');
        assert.equal((await t.http.get('/api/v1/medical-images', as('nurse'))).status, 200);
        assert.equal((await t.http.post('/api/v1/medical-images/1/qc/resolve', { note: '확인함' }, as('radiologist'))).status, 403);
        const radiologistUpload = await upload('/api/v1/medical-images', 'radiologist', { patientId: 1 }, slice);
        assert.equal(radiologistUpload.status, 201, JSON.stringify(radiologistUpload.body));
        await t.node.broker.call('audit.flush');
        const { ActivityLog } = await models();
        const denied = await ActivityLog.findOne({ where: { resource_type: 'medical-images.upload', outcome: 'denied', role: 'nurse' } });
        assert.ok(denied, 'the refused upload is audited');
      });
    });
  });
}

medicalImagesSuite(BUILTIN);
medicalImagesSuite(ORTHANC, orthancAvailable() && (await storescuAvailable()) ? false : 'Orthanc or dcmtk (storescu) is not installed; set CDSS_REQUIRE_SERVICES=1 to fail instead');
