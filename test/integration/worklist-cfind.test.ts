import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import dcmjs from 'dcmjs';
import { REQUIRE_SERVICES } from '../helpers/databases.js';
import { startTestNode, TEST_PASSWORD, type TestNode } from '../helpers/node.js';
import { orthancAvailable, startOrthanc, type OrthancServer } from '../helpers/orthanc.js';

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
const run = promisify(execFile);
const FINDSCU = process.env.CDSS_TEST_FINDSCU || 'findscu';

type Item = Record<string, unknown> & { ScheduledProcedureStepSequence?: Record<string, unknown>[] };

/** Whether dcmtk's findscu runs here; missing fails the run when services are required (CI). */
async function findscuAvailable(): Promise<boolean> {
  try {
    await run(FINDSCU, ['--version']);
    return true;
  } catch {
    if (REQUIRE_SERVICES) throw new Error('dcmtk\'s findscu is required (CDSS_REQUIRE_SERVICES=1): apt-get install dcmtk');
    return false;
  }
}

const kstDate = (offsetDays: number) => new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const canRun = orthancAvailable() && (await findscuAvailable());

/**
 * The Modality Worklist as a modality sees it: CDSS writes worklist files into the folder Orthanc's
 * worklist plugin serves, and dcmtk's findscu asks Orthanc with a C-FIND (PS3.4 K), exactly as a
 * CT scanner's console would. Booking puts the entry on the worklist; completing or cancelling
 * takes it off.
 */
describe('Modality Worklist C-FIND through Orthanc', { skip: canRun ? false : 'Orthanc or dcmtk (findscu) is not installed; set CDSS_REQUIRE_SERVICES=1 to fail instead' }, () => {
  let orthanc: OrthancServer;
  let t: TestNode;
  const tokens: Record<string, string> = {};
  const day = kstDate(2);

  before(async () => {
    orthanc = await startOrthanc();
    t = await startTestNode({ CDSS_WORKLIST_DIR: orthanc.worklistDir });
    for (const login of ['doctor.pulmo', 'radtech']) tokens[login] = (await t.http.loginStaff(login, TEST_PASSWORD)).accessToken;
  });
  after(async () => {
    await t?.stop();
    await orthanc?.stop();
  });

  /**
   * A C-FIND as modality MODALITY1 (or `aet`) on Orthanc's DICOM port; `keys` are findscu `-k`
   * matching keys. findscu exits 0 even when the association or the query fails, so its error
   * lines fail the call: an empty answer must never stand for a refused query.
   */
  async function cfind(keys: string[], aet = orthanc.modalityAet): Promise<Item[]> {
    const out = mkdtempSync(path.join(tmpdir(), 'cdss-cfind-'));
    try {
      const returnKeys = ['SpecificCharacterSet', 'PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'AccessionNumber',
        'StudyInstanceUID', 'RequestedProcedureID', 'RequestedProcedureDescription', 'ReferringPhysicianName',
        'ScheduledProcedureStepSequence[0].Modality', 'ScheduledProcedureStepSequence[0].ScheduledStationAETitle',
        'ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate', 'ScheduledProcedureStepSequence[0].ScheduledProcedureStepID'];
      const matching = new Set(keys.map((k) => k.split('=')[0]));
      const args = ['-W', '-aet', aet, '-aec', orthanc.aet, '127.0.0.1', String(orthanc.dicomPort), '-X', '-od', out,
        ...returnKeys.filter((k) => !matching.has(k)).flatMap((k) => ['-k', k]), ...keys.flatMap((k) => ['-k', k])];
      const { stderr } = await run(FINDSCU, args, { timeout: 20_000 });
      if (/^E: /m.test(stderr)) throw new Error(`C-FIND failed:\n${stderr}`);
      return readdirSync(out).filter((f) => f.startsWith('rsp')).sort()
        .map((f) => DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(new Uint8Array(readFileSync(path.join(out, f))).buffer).dict) as Item);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }

  const order = async (code: string, patientId: number) => {
    const res = await t.http.post('/api/v1/ocs/orders', { orderType: 'IMAGING', patientId, items: [{ code }] }, { token: tokens['doctor.pulmo'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: number };
  };
  const book = async (orderId: number, room: string, time: string) => {
    const res = await t.http.post('/api/v1/ris/schedules', { orderId, room, scheduledAt: `${day}T${time}:00+09:00` }, { token: tokens.radtech });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { id: number; accession_number: string; study_instance_uid: string };
  };
  const accessions = (items: Item[]) => items.map((i) => i.AccessionNumber);

  test('a booked order answers a modality\'s C-FIND with its patient, accession, modality and Study UID', async () => {
    const { models } = await t.node.runtime.database();
    const patient = (await models.Patient.findByPk(1))!;
    const placed = await order('CT-CHEST-LD', 1);
    const entry = await book(placed.id, 'CT1', '10:00');

    const found = await cfind([
      'ScheduledProcedureStepSequence[0].Modality=CT',
      'ScheduledProcedureStepSequence[0].ScheduledStationAETitle=CT1',
      `ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=${day.replaceAll('-', '')}`,
    ]);
    const item = found.find((i) => i.AccessionNumber === entry.accession_number);
    assert.ok(item, `C-FIND answered ${JSON.stringify(accessions(found))}`);
    assert.equal(item.PatientID, patient.patient_id);
    assert.deepEqual(item.PatientName, [{ Alphabetic: patient.name }]);
    assert.match(patient.name, /^[가-힣]+$/, 'a Korean name went through Orthanc in UTF-8');
    assert.equal(item.SpecificCharacterSet, 'ISO_IR 192');
    assert.equal(item.StudyInstanceUID, entry.study_instance_uid);
    assert.equal(item.PatientBirthDate, patient.birth_date.replaceAll('-', ''));
    assert.equal(item.RequestedProcedureID, `RP${entry.id}`);
    const [sps] = item.ScheduledProcedureStepSequence!;
    assert.deepEqual([sps.Modality, sps.ScheduledStationAETitle, sps.ScheduledProcedureStepID], ['CT', 'CT1', `SPS${entry.id}`]);

    assert.deepEqual(accessions(await cfind([`PatientID=${patient.patient_id}`, `AccessionNumber=${entry.accession_number}`])), [entry.accession_number]);
    assert.ok(!accessions(await cfind(['ScheduledProcedureStepSequence[0].ScheduledStationAETitle=MR1'])).includes(entry.accession_number), 'the MRI console does not see the CT');
    assert.ok(!accessions(await cfind(['ScheduledProcedureStepSequence[0].Modality=MR'])).includes(entry.accession_number));
  });

  test('once acquired, the entry is gone from the worklist', async () => {
    const placed = await order('CT-CHEST', 6);
    const entry = await book(placed.id, 'CT2', '11:00');
    assert.deepEqual(accessions(await cfind([`AccessionNumber=${entry.accession_number}`])), [entry.accession_number]);
    for (const step of ['start', 'complete']) {
      const res = await t.http.post(`/api/v1/ris/schedules/${entry.id}/${step}`, {}, { token: tokens.radtech });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    assert.deepEqual(await cfind([`AccessionNumber=${entry.accession_number}`]), []);
  });

  test('once the doctor cancels the order, the entry is gone from the worklist', async () => {
    const placed = await order('XR-CHEST-PA', 11);
    const entry = await book(placed.id, 'XR1', '12:00');
    assert.deepEqual(accessions(await cfind([`AccessionNumber=${entry.accession_number}`])), [entry.accession_number]);
    const cancel = await t.http.post(`/api/v1/ocs/orders/${placed.id}/cancel`, { reason: '검사 불필요' }, { token: tokens['doctor.pulmo'] });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    let answered: Item[] = [];
    for (let i = 0; i < 50; i++) {
      answered = await cfind([`AccessionNumber=${entry.accession_number}`]);
      if (answered.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(accessions(answered), []);
  });

  test('Orthanc refuses a C-FIND from an AE title it does not know', async () => {
    await assert.rejects(cfind(['PatientID'], 'STRANGER'), /C-FIND failed/);
  });
});
