import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api } from 'dicomweb-client';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { extractFrames } from '../../lib/dicom/frames.js';
import type { ActivityLogAttributes } from '../../models/activity-log.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from './node.js';
import { CT_SERIES, US_RGB, arrayBufferOf, rewriteSeries, stowBody, type RewrittenStudy } from './pacs-fixtures.js';

// dicomweb-client speaks XMLHttpRequest; xhr2 provides it in Node.
// @ts-expect-error xhr2 ships no type declarations
globalThis.XMLHttpRequest = (await import('xhr2')).default;

/** Largest DICOM request the suite's node accepts: the 231 kB ultrasound fixture is over it. */
const MAX_BYTES = 200_000;
const LOGINS = ['doctor.pulmo', 'nurse', 'radtech', 'radiologist', 'frontdesk', 'sysadmin', 'pharmacy.system', 'lab.system'] as const;
type Login = (typeof LOGINS)[number] | 'patient1';
const ROLE_OF: Record<Login, string> = {
  'doctor.pulmo': 'doctor', nurse: 'nurse', radtech: 'radiology_technician', radiologist: 'radiologist', frontdesk: 'front_desk',
  sysadmin: 'sysadmin', 'pharmacy.system': 'pharmacy_system', 'lab.system': 'lab_system', patient1: 'patient',
};

interface StudyStable { studyInstanceUid: string; patientId: string; accessionNumber: string | null; modalities: string[]; instanceCount: number; source: string }
interface InstanceStored { instance: { sopInstanceUid: string; studyInstanceUid: string; patientId: string }; source: string }

export interface PacsSuiteMode {
  name: 'builtin' | 'orthanc';
  /** Starts what the archive needs; the node's CDSS_* settings for it. */
  start(): Promise<Record<string, string>>;
  stop(): Promise<void>;
  /** Orthanc only: a modality pushes files with C-STORE (dcmtk storescu). */
  cstore?(files: Buffer[]): Promise<void>;
  /** Orthanc only: text that must never appear in a proxied answer (Orthanc's own address). */
  hidden?(): string[];
}

/** dicomweb-client 0.11's generated types make every option required; the calls the suite makes, typed loosely. */
interface DicomWebClient {
  storeInstances(options: { datasets: ArrayBuffer[] }): Promise<unknown>;
  searchForStudies(options?: Record<string, unknown>): Promise<unknown>;
  searchForSeries(options?: Record<string, unknown>): Promise<unknown>;
  searchForInstances(options?: Record<string, unknown>): Promise<unknown>;
  retrieveStudyMetadata(options: Record<string, unknown>): Promise<unknown>;
  retrieveInstanceFrames(options: Record<string, unknown>): Promise<unknown>;
  retrieveInstance(options: Record<string, unknown>): Promise<unknown>;
  retrieveSeries(options: Record<string, unknown>): Promise<unknown>;
}


async function until<T>(what: string, find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The PACS suite both archives must pass (issue #5): STOW-RS, QIDO-RS and WADO-RS through our
 * /dicom-web proxy with `dicomweb-client` as an outside client, the stable-study events, every
 * role against its own and other patients' studies (answers and audit rows), and bad input that
 * must leave the archive as it was.
 */
export function pacsSuite(mode: PacsSuiteMode, skip: string | false = false): void {
  describe(`PACS through /dicom-web (${mode.name} archive)`, { skip }, () => {
    let t: TestNode;
    const tokens = new Map<Login, string>();
    const charts = new Map<number, { chartNumber: string; name: string }>();
    const stable: StudyStable[] = [];
    const stored: InstanceStored[] = [];
    let own: RewrittenStudy; // patient 1: doctor.pulmo's, the nurse's, patient1's own
    let other: RewrittenStudy; // patient 2 (NEUROSURGERY), outside their scope
    let third: RewrittenStudy; // patient 3 (BREAST_SURGERY)
    let foreign: RewrittenStudy; // a PatientID that is no chart of ours

    const dicomWeb = (login: Login) => new api.DICOMwebClient({
      url: `${t.http.baseUrl}/dicom-web`, headers: { Authorization: `Bearer ${tokens.get(login)}` },
    } as never) as unknown as DicomWebClient;
    const instances = async () => (await t.node.broker.call<{ instances: number }>('pacs.archiveStats')).instances;
    const stow = (login: Login, body: Buffer, contentType: string, route = '/dicom-web/studies') =>
      fetch(t.http.baseUrl + route, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(login)}`, 'content-type': contentType }, body: body as unknown as BodyInit });

    async function auditRows(requestId: string): Promise<ActivityLogAttributes[]> {
      await t.node.broker.call('audit.flush');
      const { models } = await t.node.runtime.database();
      return (await models.ActivityLog.findAll({ where: { request_id: requestId }, order: [['id', 'ASC']] })).map((r) => r.get({ plain: true }));
    }

    before(async () => {
      const env = await mode.start();
      t = await startTestNode({ ...env, CDSS_PACS_STABLE_SECONDS: '1', CDSS_DICOM_MAX_BYTES: String(MAX_BYTES) });
      await t.node.broker.createService({
        name: 'pacs-suite-listener',
        events: {
          'study.stable'(ctx: { params: StudyStable }) { stable.push(ctx.params); },
          'pacs.instanceStored'(ctx: { params: InstanceStored }) { stored.push(ctx.params); },
        },
      });
      await t.node.broker.waitForServices('pacs-suite-listener');
      for (const login of LOGINS) tokens.set(login, (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken);
      tokens.set('patient1', (await t.http.loginPatient('patient1', TEST_PASSWORD)).accessToken);
      const { models } = await t.node.runtime.database();
      for (const id of [1, 2, 3]) {
        const p = (await models.Patient.findByPk(id))!;
        charts.set(id, { chartNumber: p.patient_id, name: p.name });
      }
      own = rewriteSeries(CT_SERIES, charts.get(1)!);
      other = rewriteSeries(CT_SERIES, charts.get(2)!);
      third = rewriteSeries(CT_SERIES, charts.get(3)!);
      foreign = rewriteSeries(CT_SERIES, { chartNumber: 'EXT-77654033', name: 'Doe^Archibald' });
    });
    after(async () => {
      await t?.stop();
      await mode.stop();
    });

    test('STOW-RS through the proxy (dicomweb-client) stores the CT series; the study becomes stable', async () => {
      const before = await instances();
      const response = await dicomWeb('radtech').storeInstances({ datasets: own.files.map(arrayBufferOf) });
      assert.equal(await instances(), before + 4);
      assert.ok(response, 'dicomweb-client resolved the store');
      const event = await until('study.stable', () => stable.find((s) => s.studyInstanceUid === own.studyUid));
      assert.deepEqual(event, {
        studyInstanceUid: own.studyUid, patientId: charts.get(1)!.chartNumber, accessionNumber: '2', modalities: ['CT'], instanceCount: 4, source: 'STOW',
      });
      assert.deepEqual(stored.filter((s) => s.instance.studyInstanceUid === own.studyUid).map((s) => s.instance.sopInstanceUid).sort(), [...own.sopUids].sort());
      assert.ok(stored.every((s) => s.source === 'STOW'));

      // The same instances again: the archive is idempotent by SOP Instance UID.
      const { body, contentType } = stowBody(own.files);
      const again = await stow('radtech', body, contentType);
      assert.equal(again.status, 200);
      const answer = await again.json() as Record<string, { Value: Record<string, { Value: string[] }>[] }>;
      assert.equal(answer['00081199'].Value.length, 4);
      assert.equal(await instances(), before + 4);
    });

    test('the other studies (three patients and a PatientID that is no chart of ours) are stored for the access checks', async () => {
      for (const study of [other, third]) {
        const { body, contentType } = stowBody(study.files);
        const res = await stow('radiologist', body, contentType);
        assert.equal(res.status, 200, await res.text());
      }
      // Nobody may STOW a study of a stranger: it goes in the way a modality's would, internally.
      for (const file of foreign.files) {
        const res = await t.node.broker.call<{ stored: boolean; patientId: string }, object>('pacs.store', { data: file, source: 'UPLOAD' });
        assert.deepEqual([res.stored, res.patientId], [true, 'EXT-77654033']);
      }
      const { body, contentType } = stowBody(foreign.files);
      const refused = await stow('radiologist', body, contentType);
      assert.equal(refused.status, 403);
      assert.equal((await refused.json() as { error: { type: string } }).error.type, 'NOT_IN_SCOPE');
      for (const study of [other, third, foreign]) await until(`study.stable of ${study.studyUid}`, () => stable.find((s) => s.studyInstanceUid === study.studyUid));
    });

    test('QIDO-RS through the proxy matches on PatientID, PatientName wildcards, StudyDate ranges, accession and modality', async () => {
      const client = dicomWeb('radiologist');
      const chart = charts.get(1)!;
      const studies = await client.searchForStudies({ queryParams: { PatientID: chart.chartNumber } }) as Record<string, { Value?: unknown[] }>[];
      assert.deepEqual(studies.map((s) => s['0020000D'].Value![0]), [own.studyUid]);
      const [study] = studies;
      assert.deepEqual(study['00100010'].Value, [{ Alphabetic: chart.name }]);
      assert.deepEqual(study['00080061'].Value, ['CT']);
      assert.equal(Number(study['00201208'].Value![0]), 4);
      assert.equal(Number(study['00201206'].Value![0]), 1);
      assert.deepEqual(study['00080020'].Value, ['19950903']);
      assert.deepEqual(study['00080050'].Value, ['2']);
      assert.equal(study['00081190'].Value![0], `${t.http.baseUrl}/dicom-web/studies/${own.studyUid}`);

      const uidsOf = async (queryParams: Record<string, string>) =>
        ((await client.searchForStudies({ queryParams })) as Record<string, { Value: string[] }>[]).map((s) => s['0020000D'].Value[0]);
      assert.deepEqual(await uidsOf({ PatientName: `${chart.name.slice(0, 1)}*`, PatientID: chart.chartNumber }), [own.studyUid]);
      assert.deepEqual(await uidsOf({ PatientID: `?${chart.chartNumber.slice(1)}`, StudyDate: '19950101-19951231' }), [own.studyUid]);
      assert.deepEqual(await uidsOf({ PatientID: chart.chartNumber, StudyDate: '20000101-' }), []);
      assert.deepEqual(await uidsOf({ PatientID: chart.chartNumber, ModalitiesInStudy: 'MR' }), []);
      assert.deepEqual(await uidsOf({ PatientID: chart.chartNumber, ModalitiesInStudy: 'CT', AccessionNumber: '2', includefield: 'StudyDescription' }), [own.studyUid]);
      const all = await uidsOf({ AccessionNumber: '2' });
      for (const uid of [own.studyUid, other.studyUid, third.studyUid]) assert.ok(all.includes(uid), `${uid} in ${all}`);
      assert.ok(!all.includes(foreign.studyUid), 'a study of no patient of ours is in nobody\'s scope');
      const paged = [...await uidsOf({ AccessionNumber: '2', limit: '2' }), ...await uidsOf({ AccessionNumber: '2', limit: '2', offset: '2' })];
      assert.deepEqual(paged.sort(), [...all].sort());

      const series = await client.searchForSeries({ studyInstanceUID: own.studyUid }) as Record<string, { Value: unknown[] }>[];
      assert.deepEqual(series.map((s) => [s['0020000E'].Value[0], s['00080060'].Value[0], Number(s['00201209'].Value[0])]), [[own.seriesUid, 'CT', 4]]);
      const found = await client.searchForInstances({ studyInstanceUID: own.studyUid, seriesInstanceUID: own.seriesUid }) as Record<string, { Value: unknown[] }>[];
      assert.deepEqual(found.map((i) => i['00080018'].Value[0]).sort(), [...own.sopUids].sort());
      assert.ok(found.every((i) => Number(i['00280010'].Value[0]) === 16 && Number(i['00280011'].Value[0]) === 16));
      const byModality = await client.searchForSeries({ queryParams: { PatientID: chart.chartNumber, Modality: 'CT' } }) as Record<string, { Value: unknown[] }>[];
      assert.deepEqual(byModality.map((s) => s['0020000E'].Value[0]), [own.seriesUid]);
    });

    test('WADO-RS metadata and frames through the proxy match the stored files', async () => {
      const client = dicomWeb('doctor.pulmo');
      const metadata = await client.retrieveStudyMetadata({ studyInstanceUID: own.studyUid }) as Record<string, { Value?: unknown[]; BulkDataURI?: string }>[];
      assert.equal(metadata.length, 4);
      for (const [index, sop] of own.sopUids.entries()) {
        const file = parsePart10(own.files[index]!);
        const item = metadata.find((m) => m['00080018'].Value![0] === sop);
        assert.ok(item, `metadata of ${sop}`);
        assert.equal(Number(item['00200013'].Value![0]), Number(file.dataset.InstanceNumber));
        assert.deepEqual([Number(item['00280010'].Value![0]), Number(item['00280011'].Value![0])], [16, 16]);
        assert.deepEqual(item['00100020'].Value, [charts.get(1)!.chartNumber]);
        const uri = item['7FE00010'].BulkDataURI!;
        assert.ok(uri.startsWith(`${t.http.baseUrl}/dicom-web/studies/${own.studyUid}/series/${own.seriesUid}/instances/${sop}/bulk/`), uri);

        const frames = await client.retrieveInstanceFrames({ studyInstanceUID: own.studyUid, seriesInstanceUID: own.seriesUid, sopInstanceUID: sop, frameNumbers: [1] }) as Uint8Array[];
        assert.equal(frames.length, 1);
        const expected = extractFrames(file, [1]).frames[0]!;
        assert.equal(frames[0]!.byteLength, 16 * 16 * 2);
        assert.deepEqual(Buffer.from(frames[0]!), Buffer.from(expected));

        const bulk = await fetch(uri, { headers: { authorization: `Bearer ${tokens.get('doctor.pulmo')}` } });
        assert.equal(bulk.status, 200);
        const bulkBytes = Buffer.from(await bulk.arrayBuffer());
        assert.ok(bulkBytes.includes(Buffer.from(expected)), 'the bulk data answer carries the pixel data');
      }
      const instance = await client.retrieveInstance({ studyInstanceUID: own.studyUid, seriesInstanceUID: own.seriesUid, sopInstanceUID: own.sopUids[0]! }) as ArrayBuffer;
      assert.equal(parsePart10(new Uint8Array(instance)).dataset.SOPInstanceUID, own.sopUids[0]);
      const series = await client.retrieveSeries({ studyInstanceUID: own.studyUid, seriesInstanceUID: own.seriesUid }) as ArrayBuffer[];
      assert.deepEqual(series.map((part) => parsePart10(new Uint8Array(part)).dataset.SOPInstanceUID).sort(), [...own.sopUids].sort());
    });

    test('WADO-URI answers the DICOM file and a rendered JPEG', async () => {
      const query = `requestType=WADO&studyUID=${own.studyUid}&seriesUID=${own.seriesUid}&objectUID=${own.sopUids[0]}`;
      const dicom = await t.http.download(`/dicom-web/wado?${query}&contentType=application/dicom`, tokens.get('patient1'));
      assert.equal(dicom.status, 200);
      assert.equal(dicom.headers.get('content-type'), 'application/dicom');
      assert.equal(parsePart10(dicom.bytes).dataset.SOPInstanceUID, own.sopUids[0]);
      assert.deepEqual(dicom.bytes, own.files[0]);
      const jpeg = await t.http.download(`/dicom-web/wado?${query}`, tokens.get('nurse'));
      assert.equal(jpeg.status, 200);
      assert.equal(jpeg.headers.get('content-type'), 'image/jpeg');
      assert.deepEqual([...jpeg.bytes.subarray(0, 2)], [0xff, 0xd8]);
      const bad = await t.http.get(`/dicom-web/wado?requestType=WADO&studyUID=${own.studyUid}&seriesUID=x&objectUID=1`, { token: tokens.get('nurse') });
      assert.equal(bad.status, 400);
    });

    test('every role against its own and others\' studies: answered, filtered or denied, and audited', async () => {
      const { models } = await t.node.runtime.database();
      const patientIdOf = new Map<string, number | null>([[own.studyUid, 1], [other.studyUid, 2], [third.studyUid, 3], [foreign.studyUid, null]]);
      const visibility: Record<Login, { visible: RewrittenStudy[]; hidden: RewrittenStudy[] } | 'forbidden'> = {
        'doctor.pulmo': { visible: [own], hidden: [other, third, foreign] },
        nurse: { visible: [own], hidden: [other, third, foreign] },
        patient1: { visible: [own], hidden: [other, third, foreign] },
        // Patients with imaging work (patient 2 has an MRI request); a stranger's study is nobody's.
        radtech: { visible: [own, other], hidden: [foreign] },
        radiologist: { visible: [own, other, third], hidden: [foreign] },
        frontdesk: 'forbidden',
        sysadmin: 'forbidden',
        'pharmacy.system': 'forbidden',
        'lab.system': 'forbidden',
      };
      for (const [login, expected] of Object.entries(visibility) as [Login, (typeof visibility)[Login]][]) {
        const token = tokens.get(login);
        const search = await t.http.get('/dicom-web/studies?AccessionNumber=2', { token });
        const metadataOf = (study: RewrittenStudy) => t.http.get(`/dicom-web/studies/${study.studyUid}/metadata`, { token });
        if (expected === 'forbidden') {
          assert.equal(search.status, 403, `${login} QIDO`);
          const refused = await metadataOf(own);
          assert.equal(refused.status, 403, `${login} WADO`);
          const rows = await auditRows(refused.requestId);
          assert.deepEqual(rows.map((r) => [r.outcome, r.resource_type, r.role]), [['denied', 'pacs.retrieveMetadata', ROLE_OF[login]]], login);
          continue;
        }
        assert.equal(search.status, 200, `${login}: ${JSON.stringify(search.body)}`);
        const listed = (search.body as Record<string, { Value: string[] }>[]).map((s) => s['0020000D'].Value[0]);
        for (const study of expected.visible) assert.ok(listed.includes(study.studyUid), `${login} finds ${study.studyUid}`);
        for (const study of expected.hidden) assert.ok(!listed.includes(study.studyUid), `${login} must not find ${study.studyUid}`);
        const asked = await t.http.get(`/dicom-web/studies/${other.studyUid}/series`, { token });
        assert.equal(asked.status, 200);
        assert.equal((asked.body as unknown[]).length, expected.visible.includes(other) ? 1 : 0, `${login} series of patient 2's study`);

        for (const study of expected.visible) {
          const res = await metadataOf(study);
          assert.equal(res.status, 200, `${login} reads ${study.studyUid}`);
          const reads = (await auditRows(res.requestId)).filter((r) => r.resource_type === 'DicomStudy');
          assert.deepEqual(reads.map((r) => [r.action_type, r.outcome, r.patient_id, r.role, r.resource_id]),
            [['read', 'success', patientIdOf.get(study.studyUid), ROLE_OF[login], study.studyUid]], login);
        }
        for (const study of expected.hidden) {
          const res = await metadataOf(study);
          assert.equal(res.status, 404, `${login} is told ${study.studyUid} does not exist`);
          const rows = await auditRows(res.requestId);
          const denied = rows.filter((r) => r.outcome === 'denied');
          assert.equal(denied.length, 1, `${login}: ${JSON.stringify(rows)}`);
          assert.deepEqual([denied[0]!.resource_type, denied[0]!.patient_id, denied[0]!.resource_id, denied[0]!.role],
            ['DicomStudy', patientIdOf.get(study.studyUid), study.studyUid, ROLE_OF[login]]);
          assert.equal(rows.filter((r) => r.outcome === 'success' && r.resource_type === 'DicomStudy').length, 0);
          const frames = await t.http.get(`/dicom-web/studies/${study.studyUid}/series/${study.seriesUid}/instances/${study.sopUids[0]}/frames/1`, { token });
          assert.equal(frames.status, 404);
        }
      }
      assert.ok(await models.ActivityLog.count({ where: { resource_type: 'DicomStudy', outcome: 'denied' } }) > 0);
    });

    test('bad input through STOW-RS fails with the reason and leaves the archive unchanged', async () => {
      const fresh = rewriteSeries(CT_SERIES.slice(0, 1), charts.get(1)!);
      const good = fresh.files[0]!;
      const groupLength = good.readUInt32LE(140);
      const cases: [string, Buffer, string][] = [
        ['truncated', good.subarray(0, Math.floor(good.length / 2)), 'TRUNCATED'],
        ['no preamble', good.subarray(132), 'NO_PREAMBLE'],
        ['no file meta', Buffer.concat([good.subarray(0, 132), good.subarray(144 + groupLength)]), 'NO_META'],
        ['not DICOM', Buffer.from('%PDF-1.4 this is not an image'), 'NOT_DICOM'],
      ];
      const count = await instances();
      for (const [name, bytes, reason] of cases) {
        const { body, contentType } = stowBody([bytes]);
        const res = await stow('radtech', body, contentType);
        const answer = await res.json() as { error: { type: string; message: string; details: { failures: { reason: string }[] } } };
        assert.equal(res.status, 400, `${name}: ${JSON.stringify(answer)}`);
        assert.equal(answer.error.type, 'INVALID_DICOM', name);
        assert.equal(answer.error.details.failures[0]!.reason, reason, name);
        assert.match(answer.error.message, /[가-힣]/, 'Korean first');
      }
      const oversized = stowBody([US_RGB]);
      const tooLarge = await stow('radtech', oversized.body, oversized.contentType);
      assert.equal(tooLarge.status, 413);
      assert.equal((await tooLarge.json() as { error: { type: string } }).error.type, 'PAYLOAD_TOO_LARGE');
      const cut = stowBody([good]);
      const malformed = await stow('radtech', cut.body.subarray(0, cut.body.length - 40), cut.contentType);
      assert.equal(malformed.status, 400);
      assert.equal((await malformed.json() as { error: { type: string } }).error.type, 'MALFORMED_MULTIPART');
      const wrongType = await stow('radtech', good, 'text/plain');
      assert.equal(wrongType.status, 415);
      const outOfScope = rewriteSeries(CT_SERIES.slice(0, 1), charts.get(2)!);
      const refused = await stow('doctor.pulmo', stowBody(outOfScope.files).body, stowBody(outOfScope.files).contentType);
      assert.equal(refused.status, 403);
      assert.equal(await instances(), count, 'nothing of the refused requests was stored');

      // One good part and one cut-off part: the good one is stored, the other fails alone.
      const mixed = stowBody([good, good.subarray(0, Math.floor(good.length / 2))]);
      const res = await stow('radtech', mixed.body, mixed.contentType);
      assert.equal(res.status, 202);
      assert.match(res.headers.get('warning') ?? '', /part 2: TRUNCATED/);
      const answer = await res.json() as Record<string, { Value: Record<string, { Value: unknown[] }>[] }>;
      assert.deepEqual(answer['00081199'].Value.map((i) => i['00081155'].Value[0]), [fresh.sopUids[0]]);
      assert.deepEqual(answer['00081198'].Value.map((i) => i['00081197'].Value[0]), [0xc000]);
      assert.equal(await instances(), count + 1);
      const invalid = await t.node.broker.call('pacs.store', { data: good.subarray(0, 300), source: 'UPLOAD' }).catch((err: { code: number; type: string; data: { reason: string } }) => err);
      assert.deepEqual([(invalid as { code: number }).code, (invalid as { type: string }).type, (invalid as { data: { reason: string } }).data.reason], [400, 'INVALID_DICOM', 'TRUNCATED']);
      assert.equal(await instances(), count + 1);
    });

    test('the internal actions answer what a study holds and its bytes', async () => {
      const info = await t.node.broker.call<{ patientId: string; modalities: string[]; series: { seriesInstanceUid: string; instances: { sopInstanceUid: string }[] }[] }, object>(
        'pacs.studyInfo', { studyInstanceUid: own.studyUid });
      assert.deepEqual([info.patientId, info.modalities, info.series.length, info.series[0]!.seriesInstanceUid], [charts.get(1)!.chartNumber, ['CT'], 1, own.seriesUid]);
      assert.deepEqual(info.series[0]!.instances.map((i) => i.sopInstanceUid).sort(), [...own.sopUids].sort());
      assert.equal(await t.node.broker.call('pacs.studyInfo', { studyInstanceUid: '1.2.3.4.5' }), null);
      const bytes = await t.node.broker.call<Buffer, object>('pacs.instanceBytes', { studyInstanceUid: own.studyUid, seriesInstanceUid: own.seriesUid, sopInstanceUid: own.sopUids[1] });
      assert.deepEqual(Buffer.from(bytes), own.files[1]);
    });

    if (mode.cstore) {
      test('a modality\'s C-STORE to Orthanc becomes study.stable and is found through the proxy', async () => {
        const pushed = rewriteSeries(CT_SERIES, charts.get(1)!);
        await mode.cstore!(pushed.files);
        const event = await until('study.stable after C-STORE', () => stable.find((s) => s.studyInstanceUid === pushed.studyUid), 30_000);
        assert.deepEqual([event.patientId, event.instanceCount, event.source, event.modalities], [charts.get(1)!.chartNumber, 4, 'MODALITY', ['CT']]);
        const announced = await until('instanceStored after C-STORE', () => {
          const mine = stored.filter((s) => s.instance.studyInstanceUid === pushed.studyUid);
          return mine.length === 4 ? mine : undefined;
        });
        assert.ok(announced.every((s) => s.source === 'MODALITY'));
        const found = await dicomWeb('doctor.pulmo').searchForStudies({ queryParams: { StudyInstanceUID: pushed.studyUid } }) as unknown[];
        assert.equal(found.length, 1);
        const hiddenFrom = await dicomWeb('nurse').searchForStudies({ queryParams: { PatientID: charts.get(2)!.chartNumber } }) as unknown[];
        assert.equal(hiddenFrom.length, 0);
        // The follower keeps its place in Orthanc's change log, so a restart resumes there.
        const { models } = await t.node.runtime.database();
        const cursor = await models.PacsCursor.findByPk('orthanc-changes');
        assert.ok(cursor && cursor.position > 0, 'the change sequence is stored');
        assert.equal(cursor.owner?.startsWith(t.node.broker.nodeID), true, 'held by this node');
      });
    }

    test('the archive behind the proxy is never exposed', async () => {
      const token = tokens.get('radiologist');
      const texts = [
        JSON.stringify((await t.http.get(`/dicom-web/studies/${own.studyUid}/metadata`, { token })).body),
        JSON.stringify((await t.http.get(`/dicom-web/studies?PatientID=${charts.get(1)!.chartNumber}`, { token })).body),
        (await t.http.download(`/dicom-web/studies/${own.studyUid}/series/${own.seriesUid}/instances/${own.sopUids[0]}/frames/1`, token)).bytes.toString('latin1'),
      ];
      for (const text of texts) for (const secret of mode.hidden?.() ?? []) assert.ok(!text.includes(secret), `an answer mentions ${secret}`);
      for (const route of ['/dicom-web/system', '/dicom-web/instances/x/file', '/dicom-web/tools/find']) {
        const res = await t.http.get(route, { token });
        assert.ok([400, 404].includes(res.status), `${route}: ${res.status}`);
      }
      const anonymous = await t.http.get('/dicom-web/studies');
      assert.equal(anonymous.status, 401);
    });
  });
}
